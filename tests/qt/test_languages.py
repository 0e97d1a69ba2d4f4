"""The real window in Korean and in English: menus, buttons, Settings (Qt's own buttons included),
error notices from the loopback server, the Markdown export and a relative date; the Language
setting switches them, and a failure stored in one language reads in the other after a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.controllers.voice_controller import VoiceState
from desktop_app.ui.conversation_model import DATE_ROLE
from desktop_app.ui.export_dialog import ExportChoice
from desktop_app.ui.settings_dialog import SettingsDialog
from tests.fakes.openai_server import rate_limited
from tests.translations_script import load

# What a user reads, per language. English is the source text; Korean comes from desktop_app_ko.qm
# and Qt's own qtbase_ko.qm (the dialog's Cancel button).
WORDS = {
    "en": {
        "file_menu": "&File",
        "settings_action": "Settings…",
        "send": "Send",
        "settings_title": "Settings",
        "cancel": "Cancel",
        "language_note": "The new language applies when the app is started again.",
        "error_401": "The server rejected the API key (401).",
        "hint_401": "Open Settings and enter a valid key.",
        "error_429": "Rate limit reached (429).",
        "wait_429": "Try again in ",
        "export_user": "### You · ",
        "export_created": "- Created: ",
        "today": "Today ",
        "first_persona": "Helpful assistant",
        "connected": "Connected to {0} · {1} model(s)",
        "not_an_image": "notes.png is not an image (it looks like text)",
        "too_short": "The recording was too short to use: hold the button (or the key) while you speak.",
    },
    "ko": {
        "file_menu": "파일(&F)",
        "settings_action": "설정…",
        "send": "보내기",
        "settings_title": "설정",
        "cancel": "취소",
        "language_note": "새 언어는 앱을 다시 시작하면 적용됩니다.",
        "error_401": "서버가 API 키를 거부했습니다(401).",
        "hint_401": "설정을 열고 올바른 키를 입력하세요.",
        "error_429": "요청 한도에 도달했습니다(429).",
        "wait_429": "초 후에 다시 시도하세요.",
        "export_user": "### 나 · ",
        "export_created": "- 만든 시각: ",
        "today": "오늘 ",
        "first_persona": "친절한 도우미",
        "connected": "{0}에 연결됨 · 모델 {1}개",
        "not_an_image": "notes.png은(는) 이미지가 아닙니다(텍스트로 보입니다)",
        "too_short": "녹음이 너무 짧아 쓸 수 없습니다. 말하는 동안 버튼(또는 키)을 누르고 있으세요.",
    },
}


@pytest.fixture(scope="module", autouse=True)
def compiled_translations():
    """The .qm files, as an install builds them (the app itself compiles nothing)."""
    scripts = load()
    scripts.compile_translations(scripts.I18N_DIR)


def start_in(start_app, language: str, **options):
    return start_app(settings={"language": language}, **options)


@pytest.fixture
def driver_in_language(start_app):
    return lambda language: start_in(start_app, language)


def restart(driver, start_app):
    """Close the app as a user would and start it again on the same settings and history."""
    driver.window.close()
    driver.app.shutdown()
    return start_app()


def open_settings(driver) -> SettingsDialog:
    driver.window.open_settings()
    dialog = driver.window.findChild(SettingsDialog)
    assert dialog is not None
    return dialog


def assert_window_speaks(driver, words: dict) -> None:
    window = driver.window
    assert window.menuBar().actions()[0].text() == words["file_menu"]
    assert window.settings_action.text() == words["settings_action"]
    assert window.composer.send_button.text() == words["send"]
    assert window.params_panel.persona_combo.itemText(1) == words["first_persona"]
    dialog = open_settings(driver)
    assert dialog.windowTitle() == words["settings_title"]
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == words["cancel"]
    dialog.reject()


def fail_with_401(driver):
    driver.server.api_key = "sk-a-different-key"  # the key worked for the model list, then stopped
    driver.send("Hello")
    return driver.wait_reply_done()


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_window_speaks_the_chosen_language(start_app, language):
    words = WORDS[language]
    driver = start_in(start_app, language)
    assert driver.app.translations.language == language
    assert_window_speaks(driver, words)

    driver.server.script(rate_limited(2.5))
    driver.send("Hello")
    limited = driver.wait_reply_done()
    footer = driver.footer(limited)
    assert words["error_429"] in footer and words["wait_429"] in footer, footer

    reply = fail_with_401(driver)
    footer = driver.footer(reply)
    assert words["error_401"] in footer and words["hint_401"] in footer, footer


@pytest.mark.parametrize("language", ["ko", "en"])
def test_export_headings_and_relative_dates_follow_the_language(driver_in_language, tmp_path, language):
    driver = driver_in_language(language)
    driver.send("Hello")
    driver.wait_reply_done()
    words = WORDS[language]

    path = tmp_path / "chat.md"
    driver.window.export_to(ExportChoice(scope="current", fmt="markdown", path=path))
    driver.qtbot.waitUntil(path.exists, timeout=10000)
    text = path.read_text(encoding="utf-8")
    assert words["export_user"] in text and words["export_created"] in text, text

    rows = driver.window.conversation_list.list_model
    driver.qtbot.waitUntil(lambda: rows.rowCount() > 0, timeout=10000)
    assert rows.index(0, 0).data(DATE_ROLE).startswith(words["today"])


@pytest.mark.parametrize("language", ["ko", "en"])
def test_controller_notices_read_in_the_language(start_app, virtual_audio, tmp_path, language):
    """The controllers hand over notices as data; the window words them: the connection's status
    line (a plural), a refused image in the notice bar, and a too short recording in the mic panel."""
    driver = start_in(start_app, language)
    words = WORDS[language]
    window, voice = driver.window, driver.app.voice

    connection = driver.app.connection
    connected = words["connected"].format(connection.base_url, len(connection.models))
    driver.qtbot.waitUntil(lambda: window.statusBar().currentMessage() == connected, timeout=10000)

    fake = tmp_path / "notes.png"
    fake.write_text("this is text, not a picture")
    window.composer.add_files([fake])
    driver.qtbot.waitUntil(window.notice_bar.isVisible, timeout=10000)
    assert window.notice_bar.label.text() == words["not_an_image"]

    driver.qtbot.waitUntil(lambda: voice.state is VoiceState.IDLE, timeout=20000)
    QTest.mousePress(window.mic_panel.talk_button, Qt.MouseButton.LeftButton)
    driver.qtbot.waitUntil(lambda: voice.state is VoiceState.RECORDING, timeout=5000)
    QTest.mouseRelease(window.mic_panel.talk_button, Qt.MouseButton.LeftButton)
    status = window.mic_panel.status_label
    driver.qtbot.waitUntil(lambda: status.isVisible() and status.text() == words["too_short"], timeout=20000)
    assert driver.server.transcriptions() == []


def test_switching_the_language_setting_changes_the_window_after_a_restart(start_app):
    english = start_in(start_app, "en")
    failed = fail_with_401(english)
    assert WORDS["en"]["error_401"] in english.footer(failed)

    dialog = open_settings(english)  # the one the 401 opened
    assert not dialog.language_note.isVisible()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ko"))
    assert dialog.language_note.isVisible() and dialog.language_note.text() == WORDS["en"]["language_note"]
    assert english.app.settings.settings.language == "ko"
    dialog.reject()

    english.server.api_key = "sk-test"  # the key works again: the model list loads after the restart
    korean = restart(english, start_app)
    assert_window_speaks(korean, WORDS["ko"])
    # The failure stored while the app ran in English reads in Korean: it was kept as data.
    korean.qtbot.waitUntil(lambda: len(korean.chat.current.messages) == 2, timeout=10000)
    stored = korean.chat.current.messages[-1]
    footer = korean.footer(stored)
    assert WORDS["ko"]["error_401"] in footer and WORDS["ko"]["hint_401"] in footer, footer
    assert WORDS["en"]["error_401"] not in footer
