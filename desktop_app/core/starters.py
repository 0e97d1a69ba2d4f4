"""Starter prompts for an empty conversation: a persona of the tutorial and a question to ask it.

The questions' words are made in ui/ (they are translated); here each is named by a key.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.personas import BUILTIN_PERSONAS, KOREAN_PERSONAS, Persona


@dataclass(frozen=True)
class Starter:
    """A persona by its built-in names (English and Korean), and the key of the question to put in the
    composer."""

    persona_name: str
    question_key: str
    korean_persona_name: str

    def persona_for(self, language: str) -> Persona:
        """The built-in persona whose prompt becomes the system prompt: the Korean one in a Korean UI."""
        if language == "ko":
            return next(p for p in KOREAN_PERSONAS if p.name == self.korean_persona_name)
        return next(p for p in BUILTIN_PERSONAS if p.name == self.persona_name)


# The tutorial's examples: the same grumble to two personas, a baseball question, a breakfast one.
STARTERS: tuple[Starter, ...] = (
    Starter("Exaggerator", "work_today", "과장된 반말"),
    Starter("Indifferent", "work_today", "심드렁한 답변"),
    Starter("Baseball expert", "world_series", "메이저리그 야구 전문가"),
    Starter("Nutrition expert", "healthy_breakfast", "건강한 식단 전문가"),
)
