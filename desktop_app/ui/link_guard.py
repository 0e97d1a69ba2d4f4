"""Links in replies: the real target shown on hover, a question before a misleading one, only web links opened."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QCursor, QDesktopServices, QGuiApplication, QTextDocument
from PySide6.QtWidgets import QMessageBox, QToolTip, QWidget

from desktop_app.core.links import LinkRisk, link_risk
from desktop_app.ui.safe_text import plain_tooltip


def target_text(url: QUrl) -> str:
    """The address as it really is (an international domain in its punycode form)."""
    return bytes(url.toEncoded()).decode("ascii", "replace")


def show_target(widget: QWidget, url: QUrl) -> None:
    """Show where a hovered link leads (or hide the tip when the pointer left it)."""
    if url.isEmpty() or url.scheme() == "app":
        QToolTip.hideText()
        return
    QToolTip.showText(QCursor.pos(), plain_tooltip(target_text(url)), widget)


def anchor_texts(document: QTextDocument, url: QUrl) -> list[str]:
    """The texts of the links to `url` in a document (what the reader saw as the link)."""
    href = url.toString()
    texts: list[str] = []
    block = document.begin()
    while block.isValid():
        it, run = block.begin(), ""
        while not it.atEnd():
            fragment = it.fragment()
            anchor = fragment.charFormat().anchorHref()
            if anchor and (anchor == href or QUrl(anchor) == url):
                run += fragment.text()
            elif run:
                texts.append(run)
                run = ""
            it += 1
        if run:
            texts.append(run)
        block = block.next()
    return texts


def follow(parent: QWidget, url: QUrl, texts: list[str]) -> None:
    """Open a web link; ask first when its text names another address; never open anything else."""
    href = url.toString()
    risks = [link_risk(text, href) for text in texts] or [link_risk("", href)]
    if LinkRisk.NOT_WEB in risks:
        refuse(parent, target_text(url))
        return
    misleading = [t for t, risk in zip(texts, risks) if risk is LinkRisk.MISLEADING]
    if misleading and not ask_before_opening(parent, misleading[0], target_text(url)):
        return
    QDesktopServices.openUrl(url)


def ask_before_opening(parent: QWidget, text: str, target: str) -> bool:
    """Ask whether to open a link whose text shows another address than its target."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("LinkGuard", "Open this link?"), "", QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(QCoreApplication.translate("LinkGuard", "The link reads “{0}” but leads to:\n{1}").format(text, target))
    open_button = box.addButton(QCoreApplication.translate("LinkGuard", "Open {0}").format(_short(target)), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is open_button


def refuse(parent: QWidget, target: str) -> None:
    """Say that a link which is not a web address is not opened; offer to copy it."""
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("LinkGuard", "Link not opened"), "", QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(QCoreApplication.translate("LinkGuard", "Only web and e-mail links are opened. This one leads to:\n{0}").format(target))
    copy_button = box.addButton(QCoreApplication.translate("LinkGuard", "Copy address"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy_button:
        QGuiApplication.clipboard().setText(target)


def _short(target: str, limit: int = 40) -> str:
    return target if len(target) <= limit else target[: limit - 1] + "…"
