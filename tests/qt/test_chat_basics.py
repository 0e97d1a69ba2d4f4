"""Typing, sending and watching a reply stream in the real window."""

from __future__ import annotations

from desktop_app.core.conversation import MessageStatus
from tests.fakes.openai_server import Stream


def test_composer_has_focus_at_start(driver):
    driver.qtbot.waitUntil(lambda: driver.edit.hasFocus())


def test_enter_sends_and_clears_the_composer(driver):
    driver.send("Hello there")
    reply = driver.wait_reply_done()
    assert driver.edit.toPlainText() == ""
    assert driver.shown_text(reply).strip() == "Hello from the fake server."
    body = driver.server.last_chat_body()
    assert body["messages"][-1] == {"role": "user", "content": "Hello there"}
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}


def test_shift_enter_makes_a_new_line_and_does_not_send(driver):
    driver.type("first line")
    driver.press_enter(shift=True)
    driver.type("second line")
    assert driver.edit.toPlainText() == "first line\nsecond line"
    assert driver.server.chat_requests() == []
    driver.press_enter()
    driver.wait_reply_done()
    assert driver.server.last_chat_body()["messages"][-1]["content"] == "first line\nsecond line"


def test_empty_message_is_not_sent(driver):
    driver.type("   \n  ")
    driver.press_enter()
    driver.qtbot.wait(200)
    assert driver.server.chat_requests() == []
    assert driver.chat.current.messages == []


def test_tokens_appear_while_streaming(driver):
    words = [f"word{i} " for i in range(60)]
    driver.server.script(Stream(choices=[words], delay=0.03))
    driver.send("stream slowly")
    driver.qtbot.waitUntil(lambda: "word5 " in driver.shown_text(driver.last_reply()), timeout=10000)
    assert driver.last_reply().is_streaming, "text must show before the reply ends"
    assert "word59" not in driver.shown_text(driver.last_reply())
    reply = driver.wait_reply_done()
    assert reply.status is MessageStatus.DONE
    assert driver.shown_text(reply).strip() == "".join(words).strip()


def test_the_whole_conversation_goes_as_context(driver):
    driver.server.script(Stream(text="Paris."), Stream(text="About 2.1 million."))
    driver.send("What is the capital of France?")
    driver.wait_reply_done()
    driver.send("How many people live there?")
    driver.wait_reply_done()
    messages = driver.server.last_chat_body()["messages"]
    assert messages == [
        {"role": "user", "content": "What is the capital of France?"},
        {"role": "assistant", "content": "Paris."},
        {"role": "user", "content": "How many people live there?"},
    ]


def test_usage_and_time_to_first_token_are_shown_under_the_reply(driver):
    usage = {
        "prompt_tokens": 12,
        "completion_tokens": 6,
        "total_tokens": 18,
        "prompt_tokens_details": {"cached_tokens": 4},
        "completion_tokens_details": {"reasoning_tokens": 2},
    }
    driver.server.script(Stream(text="Good morning!", usage=usage, system_fingerprint="fp_44709d6fcb"))
    driver.send("Hi")
    reply = driver.wait_reply_done()
    footer = driver.footer(reply)
    assert "12 prompt" in footer and "6 completion" in footer
    assert "2 reasoning" in footer and "4 cached" in footer
    assert "first token" in footer and "ms" in footer
    assert "fp_44709d6fcb" in footer
    assert driver.window.params_panel.fingerprint_label.text() == "fp_44709d6fcb"


def test_a_server_without_usage_says_so(driver):
    driver.server.script(Stream(text="No usage here.", usage=None, system_fingerprint=None))
    driver.send("Hi")
    reply = driver.wait_reply_done()
    assert "usage not reported" in driver.footer(reply)


def test_live_token_count_follows_the_draft(driver):
    label = driver.window.composer.token_label
    driver.qtbot.waitUntil(lambda: "o200k_base" in label.text(), timeout=10000)
    driver.type("Hello world, this is a draft.")
    driver.qtbot.waitUntil(lambda: "Draft 12 tokens" in label.text(), timeout=5000)  # 8 words, role, framing
    assert "≈" not in label.text(), "with the bundled encoding the count is exact"


def test_markdown_reply_has_copy_buttons_for_message_and_code(driver):
    text = "Here:\n\n```python\nprint('hi')\n```\n"
    driver.server.script(Stream(text=text))
    driver.send("code please")
    reply = driver.wait_reply_done()
    links = driver.view.links(reply.id)
    assert any(h.startswith("app:code/") for h in links)
    driver.click_link(reply, "code/")
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == "print('hi')"
    driver.click_link(reply, "copy/")
    assert QGuiApplication.clipboard().text() == text


def test_what_the_user_types_is_shown_as_typed_not_as_markup(driver):
    text = 'Is <b>this</b> bold? 5 > 3 & "quotes" <script>alert(1)</script>'
    driver.send(text)
    driver.wait_reply_done()
    user = driver.chat.current.messages[0]
    assert driver.shown_text(user).strip() == text
