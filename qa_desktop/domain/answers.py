"""Answers to Yes / Partly / No questions, and how they score."""

from __future__ import annotations

from enum import StrEnum

from qa_desktop.domain.forms import PartlyCounts


class Answer(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NA = "na"

    @property
    def label(self) -> str:
        return {"yes": "Yes", "partly": "Partly", "no": "No", "na": "N/A"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Answer:
        key = text.strip().lower().replace("/", "")
        aliases = {"y": "yes", "p": "partly", "n": "no", "not applicable": "na"}
        try:
            return cls(aliases.get(key, key))
        except ValueError:
            raise ValueError(f"'{text}' is not an answer (use yes, partly, no or na)") from None


def score(answer: Answer, partly: PartlyCounts) -> float | None:
    """The score of one answer: Yes 1, No 0, Partly as the form says; None when left out."""
    if answer is Answer.YES:
        return 1.0
    if answer is Answer.NO:
        return 0.0
    if answer is Answer.PARTLY:
        return partly.weight
    return None
