"""What you see is what is sent: the persona picker, each conversation's own setup, the token meter."""

from __future__ import annotations

from desktop_app.core.personas import BUILTIN_PERSONAS
from desktop_app.core.tokens import TokenCounter
from desktop_app.resource_paths import tiktoken_dir
from tests.fakes.openai_server import Stream
from tests.qt.test_history import restart

BASEBALL = next(p for p in BUILTIN_PERSONAS if p.name == "Baseball expert")
NUTRITION = next(p for p in BUILTIN_PERSONAS if p.name == "Nutrition expert")


def choose_persona(panel, name: str) -> None:
    index = panel.persona_combo.findText(name)
    panel.persona_combo.setCurrentIndex(index)
    panel.persona_combo.activated.emit(index)


def test_the_persona_picker_always_names_what_the_prompt_box_holds(driver):
    panel = driver.window.params_panel
    choose_persona(panel, "Baseball expert")
    assert panel.prompt_edit.toPlainText() == BASEBALL.prompt
    assert panel.persona_combo.currentText() == "Baseball expert"

    panel.prompt_edit.textCursor().insertText(" Mention the Dodgers.")
    assert panel.persona_combo.currentText() == "Custom"
    panel.prompt_edit.setPlainText("")
    assert panel.persona_combo.currentText() == "No system prompt"
    panel.prompt_edit.setPlainText(NUTRITION.prompt)  # typed or pasted word for word
    assert panel.persona_combo.currentText() == "Nutrition expert"
    assert panel.persona_combo.findText("Custom") < 0  # "Custom" only while the prompt is one's own


def test_opening_a_conversation_shows_the_persona_its_prompt_is(driver):
    panel = driver.window.params_panel
    choose_persona(panel, "Baseball expert")
    driver.send("Who won in 1988?")
    driver.wait_reply_done()
    baseball_id = driver.chat.current.id
    driver.window.new_chat_action.trigger()
    panel.prompt_edit.setPlainText("You are a pirate.")
    driver.send("Ahoy")
    driver.wait_reply_done()
    assert panel.persona_combo.currentText() == "Custom"

    driver.chat.open_conversation(baseball_id)
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == baseball_id)
    assert panel.prompt_edit.toPlainText() == BASEBALL.prompt
    assert panel.persona_combo.currentText() == "Baseball expert"


def test_changes_stay_with_their_conversation_across_switches_and_a_restart(driver, start_app):
    panel = driver.window.params_panel
    driver.send("First")
    driver.wait_reply_done()
    first_id = driver.chat.current.id
    driver.window.new_chat_action.trigger()
    driver.send("Second")
    driver.wait_reply_done()
    second_id = driver.chat.current.id

    # Back in the first conversation, change everything and send nothing.
    driver.chat.open_conversation(first_id)
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == first_id)
    panel.model_combo.setEditText("gpt-4.1-mini")
    panel.prompt_edit.setPlainText("Answer in one line.")
    panel.temperature_spin.setValue(0.3)
    panel.seed_edit.setText("42")
    driver.chat.open_conversation(second_id)
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == second_id)
    assert panel.prompt_edit.toPlainText() == ""  # the second conversation's own
    driver.chat.open_conversation(first_id)
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == first_id)

    def shows_the_changes(window) -> None:
        shown = window.params_panel
        assert shown.model_combo.currentText() == "gpt-4.1-mini"
        assert shown.prompt_edit.toPlainText() == "Answer in one line."
        assert shown.temperature_spin.value() == 0.3
        assert shown.seed_edit.text() == "42"

    shows_the_changes(driver.window)
    driver.chat.open_conversation(second_id)  # leave it, so the restart does not simply keep it on show
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == second_id)
    again = restart(driver, start_app)
    again.qtbot.waitUntil(lambda: bool(again.chat.current.messages), timeout=10_000)
    again.chat.open_conversation(first_id)
    again.qtbot.waitUntil(lambda: again.chat.current.id == first_id, timeout=10_000)
    shows_the_changes(again.window)
    again.send("Then?")
    again.wait_reply_done()
    body = again.server.last_chat_body()
    assert body["model"] == "gpt-4.1-mini" and body["temperature"] == 0.3 and body["seed"] == 42
    assert body["messages"][0] == {"role": "system", "content": "Answer in one line."}


def cookbook_count(messages: list[dict]) -> int:
    """OpenAI's documented framing: 3 tokens per message, its role and content, 3 to prime the reply."""
    counter = TokenCounter.load("gpt-4o-mini", tiktoken_dir())
    assert counter.exact
    return sum(3 + counter.count_text(m["role"]) + counter.count_text(m["content"]) for m in messages) + 3


def test_the_meter_counts_what_the_server_receives_system_prompt_included(start_app):
    driver = start_app(settings={"model": "gpt-4o-mini"})
    meter = driver.app.meter
    driver.qtbot.waitUntil(lambda: meter.counts().exact, timeout=15_000)
    driver.server.script(Stream(text="Bread, milk and eggs are the basics."), Stream(text="Fine."))
    driver.send("What should a shopping list start with?")
    driver.wait_reply_done()

    # Typed after the last count: the prompt goes with the next request, so it must be counted.
    driver.window.params_panel.prompt_edit.setPlainText("You are a frugal cook. 절약하는 요리사입니다.")
    driver.type("And for a week of dinners?")
    driver.qtbot.waitUntil(lambda: not meter.is_counting(), timeout=10_000)
    shown = meter.counts().total
    assert f"prompt {shown:,} /" in driver.window.composer.token_label.text()

    driver.press_enter()
    driver.wait_reply_done()
    received = driver.server.last_chat_body()["messages"]
    assert received[0]["role"] == "system" and len(received) == 4
    assert shown == cookbook_count(received)
