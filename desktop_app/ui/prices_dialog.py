"""Prices for one server: whether it charges, and the user's prices per model (USD per million tokens)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controllers.cost_controller import CostController
from desktop_app.core.models.pricing import UserPrice

COLUMNS = ("model", "input", "cached_input", "output")


class PricesDialog(QDialog):
    """Mark the current server as priced and set per-model prices; OpenAI's come from the price list."""

    def __init__(self, costs: CostController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._costs = costs
        self._base_url = costs.base_url()
        self.setWindowTitle(self.tr("Prices"))

        self.server_label = QLabel(self.tr("Server: {0}").format(self._base_url))
        self.server_label.setWordWrap(True)
        self.priced_check = QCheckBox(self.tr("This server charges for its replies"))
        self.priced_check.setChecked(costs.book.is_priced(self._base_url))
        self.note_label = QLabel(
            self.tr("OpenAI's prices come with the app (genai-prices); a row here replaces one model's.")
            if costs.book.is_priced(self._base_url) and "api.openai.com" in self._base_url
            else self.tr("A local server costs nothing unless you mark it. Prices are USD per million tokens.")
        )
        self.note_label.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Model"), self.tr("Input $/M"), self.tr("Cached input $/M"), self.tr("Output $/M")]
        )
        self.add_button = QPushButton(self.tr("Add model"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(self.server_label)
        layout.addWidget(self.priced_check)
        layout.addWidget(self.note_label)
        layout.addWidget(self.table)
        layout.addWidget(self.add_button)
        layout.addWidget(buttons)

        for model, price in costs.book.priced_endpoints.get(self._base_url, {}).items():
            self._add_row(model, price)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)

    # -- slots -----------------------------------------------------------------------------------

    @Slot()
    def _on_add_button_clicked(self) -> None:
        self._add_row(self._costs.current_model(), None)

    @Slot()
    def _on_accepted(self) -> None:
        prices: dict[str, UserPrice] = {}
        for row in range(self.table.rowCount()):
            cells = [(self.table.item(row, c).text().strip() if self.table.item(row, c) else "") for c in range(4)]
            price = UserPrice.from_dict(dict(zip(COLUMNS[1:], (_number(v) for v in cells[1:]))))
            if cells[0] and price is not None:
                prices[cells[0]] = price
        priced = self.priced_check.isChecked() or bool(prices)
        self._costs.set_endpoint_prices(self._base_url, priced, prices)
        self.accept()

    # -- private ---------------------------------------------------------------------------------

    def _add_row(self, model: str, price: UserPrice | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = [model] + ([str(getattr(price, c) or "") for c in COLUMNS[1:]] if price else ["", "", ""])
        for c, value in enumerate(values):
            self.table.setItem(row, c, QTableWidgetItem(value))


def _number(text: str) -> str | None:
    """A typed price, or None when the cell is empty or not a number."""
    try:
        return str(Decimal(text.replace(",", "."))) if text else None
    except InvalidOperation:
        return None
