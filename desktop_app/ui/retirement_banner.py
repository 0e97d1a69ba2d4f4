"""The banner about a model that shuts down soon (or did), and the marks on the model picker."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QPushButton, QStyle

from desktop_app.controllers.retirement_controller import RetirementController, RetirementNotice
from desktop_app.ui.notice_bar import NoticeBar


class RetirementBanner(NoticeBar):
    """Says when the current model shuts down and switches to the replacement in one click."""

    def __init__(self, retirement: RetirementController, picker: QComboBox, parent=None) -> None:
        super().__init__(parent)
        self._retirement = retirement
        self._picker = picker
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # model ids come from the server
        self.switch_button = QPushButton()
        self.layout().insertWidget(1, self.switch_button)
        self.switch_button.clicked.connect(retirement.switch_to_replacement)
        self.close_button.clicked.connect(retirement.dismiss)
        retirement.sig_notice_changed.connect(self._on_retirement_notice_changed)
        retirement.sig_model_switched.connect(self._on_retirement_model_switched)
        picker.model().rowsInserted.connect(self._update_marks)

    @classmethod
    def attach(cls, window, retirement: RetirementController) -> "RetirementBanner":
        """Put a banner into `window` under its notice bar, watching its model picker."""
        banner = cls(retirement, window.params_panel.model_combo)
        layout = window.notice_bar.parentWidget().layout()
        layout.insertWidget(layout.indexOf(window.notice_bar) + 1, banner)
        return banner

    # -- slots -----------------------------------------------------------------------------------

    @Slot(object)
    def _on_retirement_notice_changed(self, notice: RetirementNotice | None) -> None:
        if notice is None:
            self.hide()
            return
        when = notice.shutdown.isoformat()
        if notice.gone:
            text = self.tr("{0} was shut down on {1}.").format(notice.model, when)
            if notice.replacement:
                text += " " + self.tr("Continue this conversation on {0}?").format(notice.replacement)
            button = self.tr("Continue on {0}").format(notice.replacement or "")
        else:
            days = (notice.shutdown - self._retirement.today()).days
            text = self.tr("{0} shuts down on {1} (in %n day(s)).", "", days).format(notice.model, when)
            if notice.replacement:
                text += " " + self.tr("The recommended replacement is {0}.").format(notice.replacement)
            button = self.tr("Switch to {0}").format(notice.replacement or "")
        self.label.setText(text)
        self.switch_button.setText(button)
        self.switch_button.setVisible(bool(notice.replacement))
        self.show()

    @Slot(str)
    def _on_retirement_model_switched(self, model: str) -> None:
        self._picker.setEditText(model)

    @Slot()
    def _update_marks(self) -> None:
        """A warning icon and the date on every listed model with an announced shutdown."""
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for row in range(self._picker.count()):
            model = self._picker.itemText(row)
            when = self._retirement.shutdown_of(model) if model else None
            if when is None:
                continue
            tip = (self.tr("Shut down on {0}") if when <= self._retirement.today() else self.tr("Shuts down on {0}")).format(
                when.isoformat())
            self._picker.setItemIcon(row, icon)
            self._picker.setItemData(row, tip, Qt.ItemDataRole.ToolTipRole)
