"""View > Usage: what the last 30 days cost, per day and model, with totals and CSV export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controllers.cost_controller import CostController
from desktop_app.core.usage_report import UsageReport
from desktop_app.ui.cost_text import money
from desktop_app.ui.usage_chart import UsageChart


class UsageView(QDialog):
    """A bar chart of spending per day split by model, a table of the same, totals, and CSV export."""

    def __init__(self, costs: CostController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._costs = costs
        self._report: UsageReport | None = None
        self.setWindowTitle(self.tr("Usage"))
        self.resize(820, 620)

        self.totals_label = QLabel(self.tr("Reading the history…"))
        self.totals_label.setTextFormat(Qt.TextFormat.PlainText)
        self.chart = UsageChart()
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Model"), self.tr("Replies"), self.tr("Input tokens"),
            self.tr("Output tokens"), self.tr("Reasoning tokens"), self.tr("Cost"),
        ])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.prices_button = QPushButton(self.tr("Prices…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.prices_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.totals_label)
        layout.addWidget(self.chart, 3)
        layout.addWidget(self.table, 2)
        layout.addWidget(buttons)

        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.prices_button.clicked.connect(self._on_prices_button_clicked)
        costs.sig_report_ready.connect(self._on_costs_report_ready)
        if costs.report is not None:
            self._on_costs_report_ready(costs.report)
        costs.refresh()

    # -- public API ------------------------------------------------------------------------------

    @property
    def report(self) -> UsageReport | None:
        """The report shown."""
        return self._report

    def export_csv(self, path: Path) -> None:
        """Write the shown report as CSV to `path`."""
        if self._report is not None:
            Path(path).write_text(self._report.to_csv(), encoding="utf-8")

    # -- slots -----------------------------------------------------------------------------------

    @Slot(object)
    def _on_costs_report_ready(self, report: UsageReport) -> None:
        self._report = report
        self.chart.set_report(report)
        text = self.tr("Today {0} · this month {1} · all time {2}").format(
            money(report.today), money(report.month), money(report.all_time))
        if report.unpriced:
            text += " · " + self.tr("%n reply(s) without a known price", "", report.unpriced)
        self.totals_label.setText(text)
        rows = [(day, model, cell) for day in reversed(report.days)
                for model, cell in sorted(report.by_day[day].items())]
        self.table.setRowCount(len(rows))
        for r, (day, model, cell) in enumerate(rows):
            cost = money(cell.cost) + (" + ?" if cell.unpriced else "")
            values = (day.isoformat(), model, cell.replies, cell.input_tokens, cell.output_tokens,
                      cell.reasoning_tokens, cost)
            for c, value in enumerate(values):
                item = QTableWidgetItem(f"{value:,}" if isinstance(value, int) else str(value))
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)

    @Slot()
    def _on_export_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export usage"), str(Path.home() / "usage.csv"),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(Path(path))

    @Slot()
    def _on_prices_button_clicked(self) -> None:
        from desktop_app.ui.prices_dialog import PricesDialog

        dialog = PricesDialog(self._costs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
