"""Spending per day as stacked bars, one colour per model, drawn with QPainter."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.core.usage_report import UsageReport
from desktop_app.ui.cost_text import money

# Distinct hues that read on light and dark backgrounds; models beyond them repeat the cycle.
PALETTE = ("#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#06b6d4", "#ec4899", "#84cc16")
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP, LEGEND_ROW = 56, 22, 8, 18


def model_color(index: int) -> QColor:
    """The colour of the `index`-th model of a report (most spent on first)."""
    return QColor(PALETTE[index % len(PALETTE)])


class UsageChart(QWidget):
    """Bars of what each day cost over the report's days, split by model, with a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report: UsageReport | None = None
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_report(self, report: UsageReport) -> None:
        """Draw this report."""
        self._report = report
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(self.foregroundRole())
        report = self._report
        if report is None:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Reading the history…"))
            return
        models = report.models()
        legend_height = LEGEND_ROW * (1 + (len(models) - 1) // 4) if models else 0
        plot = QRectF(MARGIN_LEFT, MARGIN_TOP, self.width() - MARGIN_LEFT - 8,
                      self.height() - MARGIN_TOP - MARGIN_BOTTOM - legend_height)
        highest = max((report.day_total(day) for day in report.days), default=Decimal(0))
        painter.setPen(text)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawText(QRectF(0, plot.top() - 6, MARGIN_LEFT - 6, 14),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, money(highest))
        painter.drawText(QRectF(0, plot.bottom() - 7, MARGIN_LEFT - 6, 14),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "$0")
        slot = plot.width() / max(1, len(report.days))
        for i, day in enumerate(report.days):
            x = plot.left() + i * slot + slot * 0.15
            bottom = plot.bottom()
            for m, model in enumerate(models):
                cell = report.by_day[day].get(model)
                if cell is None or not cell.cost or not highest:
                    continue
                height = float(cell.cost / highest) * plot.height()
                painter.fillRect(QRectF(x, bottom - height, slot * 0.7, height), model_color(m))
                bottom -= height
            if i % 7 == len(report.days) % 7 or i == len(report.days) - 1:
                painter.drawText(QRectF(x - slot, plot.bottom() + 4, slot * 2.7, MARGIN_BOTTOM - 4),
                                 Qt.AlignmentFlag.AlignHCenter, day.strftime("%d %b"))
        for m, model in enumerate(models):
            row, column = divmod(m, 4)
            left = MARGIN_LEFT + column * (plot.width() / 4)
            top = self.height() - legend_height + row * LEGEND_ROW + 4
            painter.fillRect(QRectF(left, top + 2, 10, 10), model_color(m))
            # Model ids come from a server: drawn as plain text, elided to their column.
            label = painter.fontMetrics().elidedText(model, Qt.TextElideMode.ElideRight, int(plot.width() / 4) - 18)
            painter.drawText(QRectF(left + 14, top, plot.width() / 4 - 14, LEGEND_ROW), Qt.TextFlag.TextSingleLine, label)
