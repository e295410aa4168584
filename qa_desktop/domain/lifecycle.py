"""The audit lifecycle: which transitions exist and who may make them.

planned -> in progress -> submitted (auditor signs off) -> [in moderation, if selected] -> closed

A submitted audit waits for the practitioner to sign off or record disagreement; the
moderation selection then sends it to moderation or closes it. A closed audit is read-only;
reopening it needs a reason, which is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from qa_desktop.domain.roles import Capability
from qa_desktop.errors import PermissionRefused, ValidationError


class AuditState(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    IN_MODERATION = "in_moderation"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "planned": "Planned",
            "in_progress": "In progress",
            "submitted": "Submitted",
            "in_moderation": "In moderation",
            "closed": "Closed",
            "cancelled": "Cancelled",
        }[self.value]

    @property
    def editable(self) -> bool:
        """Answers and grades can change only while the audit is being done."""
        return self in (AuditState.PLANNED, AuditState.IN_PROGRESS)


class Transition(StrEnum):
    START = "start"
    SUBMIT = "submit"
    SEND_TO_MODERATION = "send_to_moderation"
    CLOSE = "close"
    COMPLETE_MODERATION = "complete_moderation"
    REOPEN = "reopen"
    CANCEL = "cancel"


@dataclass(frozen=True)
class Rule:
    source: frozenset[AuditState]
    target: AuditState
    # The actor needs one of these capabilities...
    needs: frozenset[Capability]
    # ...and, when True, must be the audit's own auditor (QA officers excepted).
    own_audit: bool = False
    needs_reason: bool = False


_S = AuditState
_C = Capability
RULES: dict[Transition, Rule] = {
    Transition.START: Rule(frozenset({_S.PLANNED}), _S.IN_PROGRESS, frozenset({_C.AUDIT}), True),
    Transition.SUBMIT: Rule(frozenset({_S.IN_PROGRESS}), _S.SUBMITTED, frozenset({_C.AUDIT}), True),
    Transition.SEND_TO_MODERATION: Rule(
        frozenset({_S.SUBMITTED, _S.CLOSED}),
        _S.IN_MODERATION,
        frozenset({_C.AUDIT, _C.ADD_TO_MODERATION}),
        own_audit=True,
    ),
    Transition.CLOSE: Rule(
        frozenset({_S.SUBMITTED}), _S.CLOSED, frozenset({_C.AUDIT, _C.MANAGE_PROGRAMME}), True
    ),
    Transition.COMPLETE_MODERATION: Rule(
        frozenset({_S.IN_MODERATION}), _S.CLOSED, frozenset({_C.MODERATE})
    ),
    Transition.REOPEN: Rule(
        frozenset({_S.CLOSED}),
        _S.IN_PROGRESS,
        frozenset({_C.AUDIT, _C.MANAGE_PROGRAMME}),
        own_audit=True,
        needs_reason=True,
    ),
    Transition.CANCEL: Rule(
        frozenset({_S.PLANNED, _S.IN_PROGRESS}),
        _S.CANCELLED,
        frozenset({_C.MANAGE_PROGRAMME}),
        needs_reason=True,
    ),
}


def next_state(
    state: AuditState,
    transition: Transition,
    capabilities: frozenset[Capability],
    *,
    is_own_audit: bool,
    reason: str = "",
) -> AuditState:
    """The state after ``transition``, or a clear refusal saying why not."""
    rule = RULES[transition]
    if state not in rule.source:
        raise ValidationError(
            "An audit that is {state} cannot be {action}.",
            state=state.label.lower(),
            action=_PAST[transition],
        )
    if not capabilities & rule.needs:
        raise PermissionRefused(
            "Your role does not allow you to {verb} this audit.",
            verb=transition.value.replace("_", " "),
        )
    privileged = Capability.MANAGE_PROGRAMME in capabilities or (
        Capability.ADD_TO_MODERATION in capabilities and transition is Transition.SEND_TO_MODERATION
    )
    if rule.own_audit and not is_own_audit and not privileged:
        raise PermissionRefused(
            "Only the audit's own auditor can {verb} it.", verb=transition.value.replace("_", " ")
        )
    if rule.needs_reason and not reason.strip():
        raise ValidationError("Give a reason to {verb} this audit.", verb=transition.value)
    return rule.target


def allowed_transitions(
    state: AuditState, capabilities: frozenset[Capability], *, is_own_audit: bool
) -> list[Transition]:
    """The transitions this person could make now (a reason may still be needed)."""
    allowed = []
    for transition in Transition:
        try:
            next_state(state, transition, capabilities, is_own_audit=is_own_audit, reason="-")
        except ValidationError:
            continue
        allowed.append(transition)
    return allowed


_PAST = {
    Transition.START: "started",
    Transition.SUBMIT: "submitted",
    Transition.SEND_TO_MODERATION: "sent to moderation",
    Transition.CLOSE: "closed",
    Transition.COMPLETE_MODERATION: "closed after moderation",
    Transition.REOPEN: "reopened",
    Transition.CANCEL: "cancelled",
}
