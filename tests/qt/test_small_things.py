"""Small things users notice: search rows never cut a match off, starter prompts, the export folder,
and where the API key goes whatever credential store the system has."""

from __future__ import annotations

import stat

import keyring
import keyring.backend
import pytest

from desktop_app.core.personas import BUILTIN_PERSONAS
from desktop_app.ui.settings_dialog import SettingsDialog
from tests.qt.test_sidebar import make_conversation, search, seed, sidebar_of, wait_rows

# -- search results --------------------------------------------------------------------------------


def test_a_long_match_wraps_onto_as_many_lines_as_it_needs(start_app):
    long_answer = "A pineapple is " + "a tropical fruit with a tough skin " * 6
    seed([make_conversation("Fruit", [("short question", long_answer), ("pineapple?", "yes")], 1_700_000_000.0)])
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 1)
    driver.window.splitter.setSizes([200, 800, 280])  # a narrow sidebar
    search(driver, "pineapple")
    driver.qtbot.waitUntil(lambda: bool(sidebar.result_texts()))
    title, answer_line, question_line = sidebar.result_texts()[0].split("\n")
    assert title == "Fruit" and question_line == "pineapple?"
    assert answer_line.startswith("A pineapple is a tropical fruit") and len(answer_line) > 100

    view = sidebar.results_view
    line = view.fontMetrics().lineSpacing()
    heights = [view.visualRect(view.model().index(row, 0)).height() for row in range(3)]
    assert heights[1] > 3 * line  # the long snippet is shown whole, not cut after two lines
    assert heights[2] < 2 * line + 14  # a short one takes one line


# -- starter prompts ------------------------------------------------------------------------------


def test_an_empty_conversation_offers_starters_that_fill_the_prompt_and_the_composer(driver):
    composer = driver.window.composer
    assert composer.starters.isVisible()
    texts = composer.starters.texts()
    assert "Baseball expert: The LA Dodgers won the 2024 World Series! How many years since their last title?" in texts
    assert len(texts) >= 3

    composer.starters.label.linkActivated.emit("starter:2")  # the baseball one, as a click sends it
    baseball = next(p for p in BUILTIN_PERSONAS if p.name == "Baseball expert")
    assert driver.edit.toPlainText() == "The LA Dodgers won the 2024 World Series! How many years since their last title?"
    assert driver.window.params_panel.prompt_edit.toPlainText() == baseball.prompt
    assert driver.window.params_panel.persona_combo.currentText() == "Baseball expert"
    assert driver.edit.hasFocus() or not driver.window.isActiveWindow()

    driver.press_enter()
    driver.wait_reply_done()
    assert not composer.starters.isVisible()
    assert driver.server.last_chat_body()["messages"][0] == {"role": "system", "content": baseball.prompt}
    driver.window.new_chat_action.trigger()
    assert composer.starters.isVisible()


# -- the export folder ----------------------------------------------------------------------------


@pytest.mark.parametrize("has_documents", [True, False])
def test_export_starts_in_documents_or_else_in_the_home_folder(start_app, tmp_path, monkeypatch, has_documents):
    home = tmp_path / "home"
    home.mkdir()
    if has_documents:
        (home / "Documents").mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))  # no user-dirs.dirs
    driver = start_app()
    driver.send("Hello")
    driver.wait_reply_done()
    from desktop_app.ui.export_dialog import ExportDialog

    driver.window.open_export()
    driver.qtbot.waitUntil(lambda: driver.window.findChild(ExportDialog) is not None)
    dialog = driver.window.findChild(ExportDialog)
    folder = dialog.choice().path.parent
    assert folder == (home / "Documents" if has_documents else home)
    assert folder.is_dir()
    dialog.reject()


# -- where the key goes ----------------------------------------------------------------------------


class VaultKeyring(keyring.backend.KeyringBackend):
    """An in-memory stand-in for an OS credential store (Secret Service, Keychain, Credential Manager)."""

    priority = 1  # type: ignore[assignment]
    name = "Test Vault"  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.saved.get((service, username))

    def set_password(self, service, username, password):
        self.saved[(service, username)] = password

    def delete_password(self, service, username):
        self.saved.pop((service, username), None)


@pytest.fixture
def use_keyring():
    """`use_keyring(backend)`: the credential store the app finds; the test's own file store comes back after."""
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)


def open_settings(driver) -> SettingsDialog:
    driver.window.open_settings()
    dialog = driver.window.findChild(SettingsDialog)
    driver.qtbot.waitUntil(lambda: "Looking" not in dialog.storage_label.text(), timeout=10_000)
    return dialog


def save_key(driver, dialog: SettingsDialog, key: str) -> None:
    dialog.base_url_edit.setText(driver.server.base_url)
    dialog.key_edit.setText(key)
    with driver.qtbot.waitSignal(dialog.finished, timeout=20_000):
        dialog.buttons.accepted.emit()


def key_file(tmp_path):
    return tmp_path / "config" / "api-keys.json"


def test_the_dialog_names_the_os_store_the_key_goes_to(start_app, use_keyring):
    vault = VaultKeyring()
    use_keyring(vault)
    driver = start_app(api_key=None)
    dialog = open_settings(driver)
    assert "Test Vault" in dialog.storage_label.text() and "encrypted" in dialog.storage_label.text()
    assert not dialog.file_radio.isVisible()
    save_key(driver, dialog, "sk-test")
    driver.qtbot.waitUntil(lambda: bool(vault.saved))
    assert list(vault.saved.values()) == ["sk-test"]


def test_a_plain_file_keyring_is_named_with_its_file_and_the_risk(start_app, tmp_path):
    driver = start_app(api_key=None)  # tests/conftest.py: keyrings.alt's PlaintextKeyring
    dialog = open_settings(driver)
    text = dialog.storage_label.text()
    assert str(tmp_path / "data" / "python_keyring" / "keyring_pass.cfg") in text
    assert "unencrypted" in text


def test_without_a_credential_store_the_key_can_stay_for_the_session_only(start_app, use_keyring, tmp_path):
    from keyring.backends import fail

    use_keyring(fail.Keyring())
    driver = start_app(api_key=None)
    dialog = open_settings(driver)
    text = dialog.storage_label.text() + dialog.tradeoff_label.text()
    assert "no credential store" in text and "Error" not in text and "Keyring" not in text
    assert dialog.session_radio.isVisible() and dialog.session_radio.isChecked()
    assert str(key_file(tmp_path)) in dialog.tradeoff_label.text()

    save_key(driver, dialog, "sk-test")
    driver.send("Hi")
    driver.wait_reply_done()
    assert driver.server.chat_requests()[-1].headers["authorization"] == "Bearer sk-test"
    assert not key_file(tmp_path).exists()
    assert "sk-test" not in "".join(p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file())


def test_without_a_credential_store_the_key_can_go_to_a_file_only_the_user_reads(
    start_app, use_keyring, tmp_path
):
    from keyring.backends import fail

    use_keyring(fail.Keyring())
    driver = start_app(api_key=None)
    dialog = open_settings(driver)
    dialog.file_radio.setChecked(True)
    save_key(driver, dialog, "sk-test")
    driver.qtbot.waitUntil(lambda: key_file(tmp_path).exists())
    assert stat.S_IMODE(key_file(tmp_path).stat().st_mode) == 0o600

    driver.window.close()
    driver.app.shutdown()
    again = start_app(api_key=None, settings=None)
    again.send("Hi")
    again.wait_reply_done()
    assert again.server.chat_requests()[-1].headers["authorization"] == "Bearer sk-test"
