"""A few ways to begin, shown while a conversation is empty: one click fills the prompt and the message."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.core.starters import STARTERS, Starter
from desktop_app.ui.language import current_language



def question_text(starter: Starter) -> str:
    """The question of a starter, in the app's language."""
    questions = {
        "work_today": QCoreApplication.translate("StarterPrompts", "I don't feel like going to work today."),
        "world_series": QCoreApplication.translate(
            "StarterPrompts", "The LA Dodgers won the 2024 World Series! How many years since their last title?"
        ),
        "healthy_breakfast": QCoreApplication.translate(
            "StarterPrompts", "Suggest three short examples of a healthy breakfast."
        ),
    }
    return questions[starter.question_key]


def persona_label(starter: Starter) -> str:
    """The persona's name as shown on a starter: the persona of the app's language, by its own name."""
    return starter.persona_for(current_language()).name


class StarterPrompts(QWidget):
    """Links such as "Baseball expert: The LA Dodgers won…", wrapped, reachable with Tab and Enter."""

    sig_starter_chosen = Signal(int)
    """A starter was clicked (its index in core.starters.STARTERS)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.label.setOpenExternalLinks(False)
        lines = [html.escape(self.tr("Not sure where to start? Try one:"))]
        for index, starter in enumerate(STARTERS):
            lines.append(
                f'• <a href="starter:{index}">{html.escape(persona_label(starter))}: '
                f"{html.escape(question_text(starter))}</a>"
            )
        self.label.setText("<br>".join(lines))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.label)
        self.label.linkActivated.connect(self._on_label_link_activated)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        # Qt colours links when it reads the text: read it again in a new theme's link colour.
        if event.type() == QEvent.Type.PaletteChange:
            text = self.label.text()
            self.label.clear()
            self.label.setText(text)
        super().changeEvent(event)

    def texts(self) -> list[str]:
        """The starters as shown: "persona: question"."""
        return [f"{persona_label(s)}: {question_text(s)}" for s in STARTERS]

    @Slot(str)
    def _on_label_link_activated(self, href: str) -> None:
        self.sig_starter_chosen.emit(int(href.removeprefix("starter:")))
