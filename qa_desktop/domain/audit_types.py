"""Kinds of audit the service runs."""

from __future__ import annotations

from enum import StrEnum


class AuditType(StrEnum):
    ROUTINE = "routine"  # the monthly learning cycle
    THEMATIC = "thematic"
    DIP_SAMPLE = "dip_sample"
    BACK_TO_THE_FLOOR = "back_to_the_floor"
    REAUDIT = "reaudit"  # six weeks after the reflective meeting for an Inadequate audit

    @property
    def label(self) -> str:
        return {
            "routine": "Routine (monthly)",
            "thematic": "Thematic",
            "dip_sample": "Dip sample",
            "back_to_the_floor": "Back to the Floor",
            "reaudit": "Re-audit",
        }[self.value]
