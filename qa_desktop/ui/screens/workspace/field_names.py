"""What each editable field is called in undo descriptions and field history titles."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qa_desktop.domain.forms import FormDefinition
from qa_desktop.services.audit.workspace_data import FieldRef, Target


def _t(text: str) -> str:
    return QCoreApplication.translate("WorkspaceFields", text)


def field_title(ref: FieldRef, form: FormDefinition) -> str:
    """For example "evidence note for A3" or "the area rationale (Planning)"."""
    names = {
        "value": _t("answer to {key}"),
        "na_reason": _t("N/A reason for {key}"),
        "evidence": _t("evidence note for {key}"),
        "working_well": _t("what is working well"),
        "worried": _t("what we are worried about"),
        "even_better_if": _t("even better if"),
        "practitioner_reflection": _t("the practitioner's reflection"),
        "rationale": _t("the area rationale"),
        "grade": _t("the area grade"),
        "unmanaged_risk": _t("unmanaged risk"),
        "voice_of_child": _t("the voice of the child and family"),
        "impact": _t("the impact on the child"),
        "overall_grade": _t("the overall grade"),
        "overall_rationale": _t("the overall rationale"),
        "outstanding_practice": _t("the outstanding practice flag"),
        "escalation": _t("the safeguarding escalation"),
        "escalation_note": _t("the escalation details"),
    }
    text = names[ref.field].format(key=ref.key)
    if ref.target is Target.AREA:
        title = next((s.title for s in form.sections if s.id == ref.key), ref.key)
        text = f"{text} ({title})"
    return text
