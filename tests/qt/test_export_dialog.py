"""The export dialog on its own: scope, format, file name, and what it hands back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from desktop_app.ui.export_dialog import ExportChoice, ExportDialog


@pytest.fixture
def make_dialog(qtbot, tmp_path):
    """`make_dialog(current_title, total)`: a dialog whose default folder is tmp_path."""

    def make(current_title: str | None = "파이썬: 리스트/정렬?", total: int = 7) -> ExportDialog:
        dialog = ExportDialog(current_title, total, tmp_path)
        qtbot.addWidget(dialog)
        return dialog

    return make


def choose_format(dialog: ExportDialog, fmt: str) -> None:
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))


def test_defaults_to_this_conversation_as_markdown_named_after_its_title(make_dialog, tmp_path):
    dialog = make_dialog()

    assert dialog.current_radio.isEnabled() and dialog.current_radio.isChecked()
    assert dialog.all_radio.text() == "All conversations (7)"
    assert dialog.format_combo.currentText() == "Markdown (.md)"
    assert dialog.path_edit.text() == str(tmp_path / "파이썬 리스트 정렬.md")
    assert dialog.choice() == ExportChoice("current", "markdown", tmp_path / "파이썬 리스트 정렬.md")


def test_switching_format_changes_the_extension(make_dialog, tmp_path):
    dialog = make_dialog()

    choose_format(dialog, "json")
    assert dialog.format_combo.currentText() == "JSON, complete (.json)"
    assert dialog.path_edit.text() == str(tmp_path / "파이썬 리스트 정렬.json")

    choose_format(dialog, "markdown")
    assert dialog.path_edit.text() == str(tmp_path / "파이썬 리스트 정렬.md")


def test_switching_to_all_conversations_suggests_a_name_for_all(make_dialog, tmp_path):
    dialog = make_dialog()
    choose_format(dialog, "json")

    dialog.all_radio.click()

    assert dialog.path_edit.text() == str(tmp_path / "conversations.json")
    assert dialog.choice() == ExportChoice("all", "json", tmp_path / "conversations.json")


def test_a_name_the_user_typed_is_kept_and_only_its_extension_follows_the_format(make_dialog, tmp_path):
    dialog = make_dialog()
    dialog.path_edit.clear()
    QTest.keyClicks(dialog.path_edit, str(tmp_path / "my notes.md"))

    choose_format(dialog, "json")
    dialog.all_radio.click()

    assert dialog.path_edit.text() == str(tmp_path / "my notes.json")
    assert dialog.choice() == ExportChoice("all", "json", tmp_path / "my notes.json")


def test_a_relative_name_goes_into_the_default_folder(make_dialog, tmp_path):
    dialog = make_dialog()
    dialog.path_edit.setText("backup.json")
    assert dialog.choice().path == tmp_path / "backup.json"


def test_ok_is_disabled_while_the_path_is_empty(make_dialog):
    dialog = make_dialog()
    assert dialog.ok_button.isEnabled()

    dialog.path_edit.setText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted

    QTest.keyClicks(dialog.path_edit, "x")
    assert dialog.ok_button.isEnabled()


def test_this_conversation_is_disabled_without_a_current_conversation(make_dialog, tmp_path):
    dialog = make_dialog(current_title=None, total=3)

    assert not dialog.current_radio.isEnabled()
    assert dialog.all_radio.isChecked()
    assert dialog.path_edit.text() == str(tmp_path / "conversations.md")
    assert dialog.choice() == ExportChoice("all", "markdown", tmp_path / "conversations.md")


def test_nothing_to_export_leaves_ok_disabled(make_dialog):
    dialog = make_dialog(current_title=None, total=0)
    assert not dialog.all_radio.isEnabled() and not dialog.current_radio.isEnabled()
    assert not dialog.ok_button.isEnabled()


def test_ok_exports_to_a_new_file_without_asking(make_dialog, monkeypatch):
    dialog = make_dialog()
    asked: list[Path] = []
    monkeypatch.setattr(dialog, "_confirm_overwrite", lambda path: asked.append(path) or False)

    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert asked == []
    assert dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.parametrize("replace", [False, True])
def test_an_existing_file_is_replaced_only_when_the_user_agrees(make_dialog, monkeypatch, tmp_path, replace):
    existing = tmp_path / "old.md"
    existing.write_text("keep me", encoding="utf-8")
    dialog = make_dialog()
    dialog.path_edit.setText(str(existing))
    asked: list[Path] = []
    monkeypatch.setattr(dialog, "_confirm_overwrite", lambda path: asked.append(path) or replace)

    dialog.ok_button.click()

    assert asked == [existing]
    assert (dialog.result() == QDialog.DialogCode.Accepted) is replace


def test_a_missing_folder_or_a_folder_as_file_keeps_the_dialog_open(make_dialog, monkeypatch, tmp_path):
    dialog = make_dialog()
    warnings: list[str] = []
    monkeypatch.setattr(dialog, "_warn", warnings.append)

    dialog.path_edit.setText(str(tmp_path / "missing" / "out.md"))
    dialog.ok_button.click()
    dialog.path_edit.setText(str(tmp_path))
    dialog.ok_button.click()

    assert warnings == [
        f"The folder {tmp_path / 'missing'} does not exist.",
        f"{tmp_path} is a folder. Choose a file name.",
    ]
    assert dialog.result() != QDialog.DialogCode.Accepted
