"""Shows costs in the window: under each reply, in the sidebar's tooltips, the status bar and View > Usage."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow

from desktop_app.controllers.cost_controller import CostController
from desktop_app.core.conversation import Message
from desktop_app.core.usage_report import UsageReport
from desktop_app.ui.cost_text import cost_span, money


class CostPresenter(QObject):
    """Wires the cost controller into an existing main window (its chat view, sidebar, menus, status bar)."""

    def __init__(self, window: QMainWindow, costs: CostController) -> None:
        super().__init__(window)
        self._window = window
        self._costs = costs
        self.usage_action = QAction(self.tr("Usage…"), window)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self._window.view_menu.addAction(self.usage_action)
        window.statusBar().addPermanentWidget(self.status_label)
        window.chat_view.set_cost_source(self._cost_html)
        window.conversation_list.list_model.tooltip_note = self._conversation_note
        self.usage_action.triggered.connect(self.open_usage)
        costs.sig_prices_ready.connect(window.chat_view.refresh_footers)
        costs.sig_report_ready.connect(self._on_costs_report_ready)

    # -- public API ------------------------------------------------------------------------------

    @Slot()
    def open_usage(self):
        """Show View > Usage (once); returns the dialog."""
        from desktop_app.ui.usage_view import UsageView  # built on demand: faster startup

        dialog = self._window.findChild(UsageView)
        if dialog is None:
            dialog = UsageView(self._costs, self._window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        return dialog

    # -- slots -----------------------------------------------------------------------------------

    @Slot(object)
    def _on_costs_report_ready(self, report: UsageReport) -> None:
        self.status_label.setText(self.tr("Today {0}").format(money(report.today)))
        self.status_label.setToolTip(self.tr("Spent today {0}, this month {1}, all time {2} (View > Usage)").format(
            money(report.today), money(report.month), money(report.all_time)))

    # -- private ---------------------------------------------------------------------------------

    def _cost_html(self, message: Message) -> str:
        cost = self._costs.cost_of(message)
        return cost_span(cost) if cost is not None else ""

    def _conversation_note(self, conversation_id: str) -> str:
        report = self._costs.report
        if report is None or conversation_id not in report.by_conversation:
            return ""
        return self.tr("Cost so far: {0}").format(money(report.by_conversation[conversation_id]))
