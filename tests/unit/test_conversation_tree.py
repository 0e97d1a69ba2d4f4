"""Branches: edits and regenerations add versions; the visible branch is what is shown and sent."""

from desktop_app.core.conversation import Choice, Conversation, Message, MessageStatus, Role
from desktop_app.core.request import compact_request, expand_request


def reply(text: str) -> Message:
    return Message(role=Role.ASSISTANT, choices=[Choice(text, "stop")])


def texts(conversation: Conversation) -> list[str]:
    return [m.text for m in conversation.messages]


def three_turns() -> Conversation:
    conversation = Conversation()
    for i in range(3):
        conversation.add_user_message(f"q{i}")
        conversation.append(reply(f"a{i}"))
    return conversation


def test_regenerating_a_reply_keeps_the_old_one_as_a_version():
    conversation = three_turns()
    old = conversation.messages[3]  # a1
    new = conversation.add_version(old, reply("a1 again"))

    assert texts(conversation) == ["q0", "a0", "q1", "a1 again"]  # later turns belong to the old branch
    assert conversation.siblings(new) == [old, new]
    assert conversation.show_version(new, 0) is True
    assert texts(conversation) == ["q0", "a0", "q1", "a1", "q2", "a2"]
    assert conversation.show_version(old, 1) is True
    assert texts(conversation) == ["q0", "a0", "q1", "a1 again"]
    assert conversation.show_version(new, 1) is False  # already shown
    assert conversation.show_version(new, 5) is False


def test_editing_a_user_message_branches_and_the_context_follows_the_visible_branch():
    conversation = three_turns()
    first_q = conversation.messages[0]
    edited = conversation.add_version(first_q, Message.user("q0 edited"))
    conversation.append(reply("b0"))

    assert [m.text for m in conversation.context()] == ["q0 edited", "b0"]
    assert len(conversation.nodes) == 8  # nothing was lost
    conversation.show_version(edited, 0)
    assert texts(conversation)[-1] == "a2"


def test_a_branch_remembers_which_sub_branch_was_shown():
    conversation = three_turns()
    a2 = conversation.messages[5]
    conversation.add_version(a2, reply("a2 v2"))
    conversation.show_version(a2, 1)  # show "a2 v2"
    q0 = conversation.messages[0]
    conversation.add_version(q0, Message.user("other"))
    conversation.show_version(q0, 0)
    assert texts(conversation)[-1] == "a2 v2"


def test_removing_a_failed_reply_shows_the_previous_version():
    conversation = three_turns()
    a2 = conversation.messages[5]
    failed = conversation.add_version(a2, Message(role=Role.ASSISTANT, status=MessageStatus.FAILED))
    conversation.remove(failed)
    assert texts(conversation)[-1] == "a2"
    assert conversation.find(failed.id) is None


def test_reveal_shows_the_branch_holding_a_message():
    conversation = three_turns()
    hidden_q = conversation.messages[2]
    conversation.add_version(hidden_q, Message.user("other question"))
    a2 = conversation.nodes[5]
    assert not conversation.is_visible(a2)
    assert conversation.reveal(a2) is True
    assert texts(conversation) == ["q0", "a0", "q1", "a1", "q2", "a2"]


def test_a_compacted_request_is_rebuilt_from_the_branch():
    conversation = three_turns()
    request = {
        "model": "gpt-4o-mini",
        "messages": [{"role": "system", "content": "Be brief."}]
        + [{"role": m.role.value, "content": m.text} for m in conversation.messages[:5]],
        "stream": True,
    }
    last = conversation.messages[5]
    last.request = compact_request(request)
    assert "messages" not in last.request
    assert expand_request(conversation, last) == request


def test_a_request_that_left_out_old_turns_is_rebuilt_the_same():
    conversation = three_turns()
    sent = [{"role": m.role.value, "content": m.text} for m in conversation.messages[2:5]]
    request = {"model": "m", "messages": sent}
    last = conversation.messages[5]
    last.request = compact_request(request)
    assert expand_request(conversation, last)["messages"] == sent
