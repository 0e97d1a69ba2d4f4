"""Export the conversation on show as a runnable notebook or Python script, and copy a reply's request as Python."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.connection_controller import ConnectionController
from desktop_app.controllers.history_controller import HistoryController
from desktop_app.core.conversation import Role
from desktop_app.core.export import safe_file_name
from desktop_app.workers.task_runner import TaskRunner


class NotebookExportActions(QObject):
    """Export as notebook… and Export as Python script…: ask for a file, then write it on the storage thread."""

    def __init__(
        self,
        chat: ChatController,
        history: HistoryController,
        connection: ConnectionController,
        window: QMainWindow,
        notice: Callable[[str], None],
        default_dir: Callable[[], Path],
    ) -> None:
        super().__init__(window)
        self._chat = chat
        self._history = history
        self._connection = connection
        self._window = window
        self._notice = notice
        self._default_dir = default_dir
        self._tasks = TaskRunner(max_workers=1, parent=self)  # writes out Copy as Python
        self.notebook_action = QAction(self.tr("Export as notebook…"), window)
        self.notebook_action.setToolTip(self.tr("This conversation as a Jupyter notebook that sends the same requests"))
        self.script_action = QAction(self.tr("Export as Python script…"), window)
        self.script_action.setToolTip(self.tr("This conversation as a Python script that sends the same requests"))
        self.notebook_action.triggered.connect(self._on_notebook_action_triggered)
        self.script_action.triggered.connect(self._on_script_action_triggered)

    # -- public API --------------------------------------------------------------------------------

    def actions(self) -> list[QAction]:
        """The two menu actions, in menu order."""
        return [self.notebook_action, self.script_action]

    def ask_path(self, script: bool) -> tuple[Path, bool] | None:
        """The file to write and whether images and recordings go inside it; None if cancelled.

        Tests replace this method to answer without a dialog.
        """
        suffix = ".py" if script else ".ipynb"
        kind = self.tr("Python script") if script else self.tr("Notebook")
        beside = self.tr("{0}, images and recordings in a folder beside it (*{1})").format(kind, suffix)
        inside = self.tr("{0}, one file with images and recordings inside (*{1})").format(kind, suffix)
        # Spoken replies are not files of the export: their cells ask for them again.
        messages = self._chat.current.messages
        has_media = any(m.attachments or (m.audio is not None and m.role is Role.USER) for m in messages)
        filters = [beside, inside] if has_media else [f"{kind} (*{suffix})"]
        title = self._chat.current.title or self.tr("conversation")
        path, chosen = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export as Python script") if script else self.tr("Export as notebook"),
            str(self._default_dir() / f"{safe_file_name(title)}{suffix}"),
            ";;".join(filters),
        )
        if not path:
            return None
        path = Path(path)
        return (path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)), chosen == inside

    def export_to(self, path: Path, *, script: bool, embed: bool) -> None:
        """Write the conversation on show to `path`; the status bar says where, a notice says what failed."""
        self._chat.flush()  # the export reads the history: what is on screen must be in it
        self._history.export_notebook(
            self._chat.current.id,
            path,
            script=script,
            embed=embed,
            base_url=self._connection.base_url,
            on_done=lambda written: self._window.statusBar().showMessage(
                self.tr("Exported to {0}").format(written)
            ),
            on_error=lambda exc: self._notice(self.tr("Export failed: {0}").format(exc)),
        )

    @Slot(str)
    def copy_python(self, message_id: str) -> None:
        """Put the Python that sends a reply's request again on the clipboard (written off the GUI thread)."""
        job = self._chat.python_job(message_id)
        if job is not None:
            self._tasks.run(job, self._on_python_written)

    # -- private -----------------------------------------------------------------------------------

    def _on_python_written(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._window.statusBar().showMessage(self.tr("Copied the Python that sends this request"), 5000)

    @Slot()
    def _on_notebook_action_triggered(self) -> None:
        self._export(script=False)

    @Slot()
    def _on_script_action_triggered(self) -> None:
        self._export(script=True)

    def _export(self, script: bool) -> None:
        if not self._chat.current.messages:
            self._window.statusBar().showMessage(self.tr("Nothing to export yet: this conversation has no messages."))
            return
        answer = self.ask_path(script)
        if answer is not None:
            path, embed = answer
            self.export_to(path, script=script, embed=embed)
