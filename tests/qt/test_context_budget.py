"""The context budget in the real window: the label, the over-limit question, and drafts per conversation."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from desktop_app.controllers.token_meter import TokenCounts
from desktop_app.core.conversation import Role
from desktop_app.ui.params_panel import ParamsPanel
from tests.fakes.openai_server import Stream

SYSTEM_PROMPT = "Be brief."
# Each answer is about 80 tokens: two of them do not fit a 200-token window with room for a reply.
FIRST_ANSWER = "Apples grow on trees in orchards across the world, " * 8
SECOND_ANSWER = "Pears ripen best off the tree in a cool and dark room, " * 7


def label_colour(driver) -> QColor:
    """The colour the token label's text is drawn in."""
    label = driver.window.composer.token_label
    label.ensurePolished()
    return label.palette().color(label.foregroundRole())


def is_red(colour: QColor) -> bool:
    """Clearly red, whatever the theme."""
    return colour.red() > 150 and colour.green() < 100 and colour.blue() < 100


def wait_label(driver, text: str) -> str:
    """Wait until the token label contains `text`; returns the label text."""
    label = driver.window.composer.token_label
    driver.qtbot.waitUntil(lambda: text in label.text(), timeout=10000)
    return label.text()


def context_window_spin(driver):
    """The parameters panel's context window box, wired to the app's token meter."""
    app = driver.app
    panel = ParamsPanel(app.chat, app.connection, app.settings, meter=app.meter)
    driver.qtbot.addWidget(panel)
    driver.panel_with_meter = panel  # the spin box lives as long as its panel
    return panel.context_window_spin


def two_turns(driver) -> None:
    """A conversation of two finished turns, with answers long enough to matter."""
    driver.server.script(Stream(text=FIRST_ANSWER), Stream(text=SECOND_ANSWER), Stream(text="Noted."))
    driver.send("Tell me about apples.")
    driver.wait_reply_done()
    driver.send("And pears?")
    driver.wait_reply_done()


@pytest.fixture
def crowded(start_app):
    """Two turns with a system prompt, on gpt-4o-mini overridden to a 200-token window: over the limit."""
    driver = start_app(settings={"system_prompt": SYSTEM_PROMPT})
    wait_label(driver, "o200k_base")  # exact counts
    two_turns(driver)
    context_window_spin(driver).setValue(200)
    driver.type("What about plums?")
    driver.qtbot.waitUntil(lambda: driver.app.meter.counts().over_limit, timeout=10000)
    return driver


# --- the label ----------------------------------------------------------------------------------------


def test_the_label_shows_the_prompt_against_the_models_context_window(driver):
    text = wait_label(driver, "/ 128,000 tokens")
    assert "(0%)" in text
    assert not is_red(label_colour(driver))
    assert "gpt-4o-mini" in driver.window.composer.token_label.toolTip()


def test_counts_over_a_thousand_have_separators(driver):
    wait_label(driver, "o200k_base")
    driver.type("word " * 1500)
    text = wait_label(driver, "Draft 1,504 tokens")  # 1,500 words, the role and 3 framing tokens
    assert "prompt 1,507 / 128,000 tokens (1%)" in text


def test_an_unknown_model_says_where_to_set_its_window(start_app):
    driver = start_app(settings={"model": "llama3.2"})
    wait_label(driver, "/ ? tokens")
    tip = driver.window.composer.token_label.toolTip()
    assert "unknown" in tip and "parameters panel" in tip


def test_setting_the_window_of_an_unknown_model_shows_it_and_keeps_it_in_the_settings(start_app):
    driver = start_app(settings={"model": "llama3.2"})
    spin = context_window_spin(driver)
    assert spin.value() == 0 and spin.text() == "Unknown"
    spin.setValue(32_768)
    wait_label(driver, "/ 32,768 tokens")
    assert driver.app.chat.settings.context_windows == {"llama3.2": 32_768}


def test_the_panel_shows_the_known_window_and_zero_goes_back_to_it(driver):
    spin = context_window_spin(driver)
    assert spin.value() == 128_000
    spin.setValue(200)
    wait_label(driver, "/ 200 tokens")
    spin.setValue(0)
    wait_label(driver, "/ 128,000 tokens")
    assert spin.value() == 128_000
    assert driver.app.chat.settings.context_windows == {}


def test_another_model_brings_its_own_window(driver):
    spin = context_window_spin(driver)
    driver.window.params_panel.model_combo.setEditText("gpt-5")
    wait_label(driver, "/ 400,000 tokens")
    assert spin.value() == 400_000


# --- over the limit -----------------------------------------------------------------------------------


def test_an_override_puts_a_long_conversation_over_the_limit_and_the_label_turns_red(crowded):
    wait_label(crowded, "/ 200 tokens")
    assert is_red(label_colour(crowded))
    assert "Over the context window" in crowded.window.composer.token_label.toolTip()


def test_leave_out_sends_without_the_oldest_turn_and_the_view_keeps_it(crowded, monkeypatch):
    composer = crowded.window.composer
    asked: list[TokenCounts] = []
    monkeypatch.setattr(composer, "_ask_over_limit", lambda counts: asked.append(counts) or "leave_out")
    before = len(crowded.server.chat_requests())

    crowded.press_enter()
    crowded.qtbot.waitUntil(lambda: len(crowded.replies()) == 3 and not crowded.last_reply().is_streaming)

    assert len(asked) == 1 and asked[0].limit == 200 and asked[0].model == "gpt-4o-mini"
    assert len(crowded.server.chat_requests()) == before + 1
    sent = crowded.server.last_chat_body()["messages"]
    assert sent == [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": "And pears?"},
        {"role": "assistant", "content": SECOND_ANSWER},
        {"role": "user", "content": "What about plums?"},
    ]
    # The request left the first turn out; the conversation on screen did not.
    messages = crowded.chat.current.messages
    assert [m.role for m in messages] == [Role.USER, Role.ASSISTANT] * 3
    for message in messages:
        assert crowded.shown_text(message).strip() == message.text.strip()
    assert "Tell me about apples." in crowded.shown_text(messages[0])
    assert crowded.edit.toPlainText() == ""


def test_send_anyway_sends_the_whole_conversation(crowded, monkeypatch):
    monkeypatch.setattr(crowded.window.composer, "_ask_over_limit", lambda counts: "send")
    crowded.press_enter()
    crowded.qtbot.waitUntil(lambda: len(crowded.replies()) == 3 and not crowded.last_reply().is_streaming)
    sent = crowded.server.last_chat_body()["messages"]
    assert len(sent) == 6
    assert sent[1] == {"role": "user", "content": "Tell me about apples."}


def test_cancel_keeps_the_draft_and_sends_nothing(crowded, monkeypatch):
    monkeypatch.setattr(crowded.window.composer, "_ask_over_limit", lambda counts: "cancel")
    before = len(crowded.server.chat_requests())
    crowded.press_enter()
    assert crowded.edit.toPlainText() == "What about plums?"
    assert len(crowded.chat.current.messages) == 4
    assert len(crowded.server.chat_requests()) == before
    assert not crowded.chat.is_busy()


def test_a_conversation_within_its_window_is_sent_without_asking(driver, monkeypatch):
    asked = []
    monkeypatch.setattr(driver.window.composer, "_ask_over_limit", lambda counts: asked.append(counts) or "cancel")
    driver.send("Hi")
    driver.wait_reply_done()
    assert asked == []
    assert driver.server.last_chat_body()["messages"] == [{"role": "user", "content": "Hi"}]


def test_the_question_names_the_model_and_offers_three_choices(crowded):
    composer = crowded.window.composer
    counts = crowded.app.meter.counts()
    box, choices = composer._over_limit_box(counts)
    assert "gpt-4o-mini's context window" in box.text()
    assert f"of 200 tokens, with {counts.reserve} of them kept free" in box.text()
    assert {button.text(): choice for button, choice in choices.items()} == {
        "Leave out oldest turns": "leave_out",
        "Send anyway": "send",
        "Cancel": "cancel",
    }
    assert choices[box.defaultButton()] == "leave_out"
    assert choices[box.escapeButton()] == "cancel"
    box.deleteLater()


# --- drafts per conversation --------------------------------------------------------------------------


def test_each_conversation_keeps_its_own_draft(driver):
    first = driver.chat.current
    driver.type("a thought for the first chat")
    assert first.draft == "a thought for the first chat"

    driver.chat.new_conversation()
    second = driver.chat.current
    assert second is not first
    assert driver.edit.toPlainText() == ""
    driver.type("another for the second")

    driver.chat.open_conversation(first.id)
    assert driver.edit.toPlainText() == "a thought for the first chat"
    assert driver.edit.textCursor().atEnd()
    driver.type(", continued")
    driver.chat.open_conversation(second.id)
    assert driver.edit.toPlainText() == "another for the second"
    assert first.draft == "a thought for the first chat, continued"
    assert second.draft == "another for the second"


def test_a_sent_draft_is_gone_from_its_conversation(driver):
    driver.send("Hello there")
    driver.wait_reply_done()
    assert driver.edit.toPlainText() == ""
    assert driver.chat.current.draft == ""
