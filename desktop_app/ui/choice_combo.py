"""A combo box of fixed API values plus "default", whose values a model rejects are disabled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox


def fill_choices(combo: QComboBox, default_label: str, values: tuple[str, ...], current: str | None) -> None:
    """Items: the default (data None) and each value as the API spells it; `current` selected."""
    combo.addItem(default_label, None)
    for value in values:
        combo.addItem(value, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))


def mark_accepted(combo: QComboBox, accepted: tuple[str, ...], rejected_tip: str) -> None:
    """Enable the values in `accepted` (and the default); disable the rest with `rejected_tip`."""
    model = combo.model()
    for row in range(combo.count()):
        value = combo.itemData(row)
        item = model.item(row)
        ok = value is None or value in accepted
        item.setEnabled(ok)
        combo.setItemData(row, None if ok else rejected_tip, Qt.ItemDataRole.ToolTipRole)
