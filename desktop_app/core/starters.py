"""Starter prompts for an empty conversation: a persona of the tutorial and a question to ask it.

The questions' words are made in ui/ (they are translated); here each is named by a key.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.personas import BUILTIN_PERSONAS, Persona


@dataclass(frozen=True)
class Starter:
    """A persona by its built-in name, and the key of the question to put in the composer."""

    persona_name: str
    question_key: str

    @property
    def persona(self) -> Persona:
        """The built-in persona whose prompt becomes the system prompt."""
        return next(p for p in BUILTIN_PERSONAS if p.name == self.persona_name)


# The tutorial's examples: the same grumble to two personas, a baseball question, a breakfast one.
STARTERS: tuple[Starter, ...] = (
    Starter("Exaggerator", "work_today"),
    Starter("Indifferent", "work_today"),
    Starter("Baseball expert", "world_series"),
    Starter("Nutrition expert", "healthy_breakfast"),
)
