"""The audit lifecycle: which transitions exist from which state, and who may make them."""

from __future__ import annotations

import pytest

from qa_desktop.domain.lifecycle import (
    AuditState,
    Transition,
    allowed_transitions,
    next_state,
)
from qa_desktop.domain.roles import Capability, PersonRoles, Role, capabilities
from qa_desktop.errors import PermissionRefused, ValidationError

S, T = AuditState, Transition
EVERYTHING = frozenset(Capability)

PRACTITIONER = capabilities(PersonRoles(Role.PRACTITIONER))
AUDITOR = capabilities(PersonRoles(Role.TEAM_MANAGER, is_auditor=True))
QA_OFFICER = capabilities(PersonRoles(Role.QA_OFFICER))
MODERATOR = capabilities(PersonRoles(Role.SERVICE_MANAGER, is_moderator=True))
HEAD_OF_SERVICE = capabilities(PersonRoles(Role.HEAD_OF_SERVICE))

# Written out by hand from PRODUCT.md section 4 (not read from the rules table).
ALLOWED: dict[tuple[AuditState, Transition], AuditState] = {
    (S.PLANNED, T.START): S.IN_PROGRESS,
    (S.IN_PROGRESS, T.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, T.SEND_TO_MODERATION): S.IN_MODERATION,
    (S.CLOSED, T.SEND_TO_MODERATION): S.IN_MODERATION,
    (S.SUBMITTED, T.CLOSE): S.CLOSED,
    (S.IN_MODERATION, T.COMPLETE_MODERATION): S.CLOSED,
    (S.CLOSED, T.REOPEN): S.IN_PROGRESS,
    (S.PLANNED, T.CANCEL): S.CANCELLED,
    (S.IN_PROGRESS, T.CANCEL): S.CANCELLED,
}
ALL_PAIRS = [(state, transition) for state in AuditState for transition in Transition]


@pytest.mark.parametrize(("state", "transition"), [pair for pair in ALL_PAIRS if pair in ALLOWED])
def test_allowed_transition_gives_its_target(state: AuditState, transition: Transition) -> None:
    result = next_state(state, transition, EVERYTHING, is_own_audit=True, reason="A reason")
    assert result is ALLOWED[(state, transition)]


@pytest.mark.parametrize(
    ("state", "transition"), [pair for pair in ALL_PAIRS if pair not in ALLOWED]
)
def test_other_transitions_are_refused_naming_the_state(
    state: AuditState, transition: Transition
) -> None:
    with pytest.raises(ValidationError) as info:
        next_state(state, transition, EVERYTHING, is_own_audit=True, reason="A reason")
    # a wrong state is not a question of permission
    assert not isinstance(info.value, PermissionRefused)
    assert state.label.lower() in str(info.value)
    assert info.value.params["state"] == state.label.lower()


def test_refusal_message_reads_as_a_sentence() -> None:
    with pytest.raises(ValidationError) as info:
        next_state(S.CLOSED, T.SUBMIT, EVERYTHING, is_own_audit=True)
    assert str(info.value) == "An audit that is closed cannot be submitted."


@pytest.mark.parametrize(
    ("state", "editable"),
    [
        (S.PLANNED, True),
        (S.IN_PROGRESS, True),
        (S.SUBMITTED, False),
        (S.IN_MODERATION, False),
        (S.CLOSED, False),
        (S.CANCELLED, False),
    ],
)
def test_only_planned_and_in_progress_audits_are_editable(
    state: AuditState, editable: bool
) -> None:
    assert state.editable is editable


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("state", "transition"), list(ALLOWED))
@pytest.mark.parametrize("is_own_audit", [True, False])
def test_a_practitioner_can_make_no_transition(
    state: AuditState, transition: Transition, is_own_audit: bool
) -> None:
    with pytest.raises(PermissionRefused):
        next_state(state, transition, PRACTITIONER, is_own_audit=is_own_audit, reason="A reason")


def test_a_practitioner_cannot_submit() -> None:
    with pytest.raises(PermissionRefused) as info:
        next_state(S.IN_PROGRESS, T.SUBMIT, PRACTITIONER, is_own_audit=True)
    assert "submit" in str(info.value)


def test_a_practitioner_flagged_auditor_still_cannot_start_or_submit() -> None:
    caps = capabilities(PersonRoles(Role.PRACTITIONER, is_auditor=True))
    with pytest.raises(PermissionRefused):
        next_state(S.PLANNED, T.START, caps, is_own_audit=True)
    with pytest.raises(PermissionRefused):
        next_state(S.IN_PROGRESS, T.SUBMIT, caps, is_own_audit=True)


@pytest.mark.parametrize(
    ("state", "transition", "target"),
    [
        (S.PLANNED, T.START, S.IN_PROGRESS),
        (S.IN_PROGRESS, T.SUBMIT, S.SUBMITTED),
        (S.SUBMITTED, T.CLOSE, S.CLOSED),
        (S.SUBMITTED, T.SEND_TO_MODERATION, S.IN_MODERATION),
        (S.CLOSED, T.REOPEN, S.IN_PROGRESS),
    ],
)
def test_an_auditor_works_on_their_own_audit(
    state: AuditState, transition: Transition, target: AuditState
) -> None:
    assert next_state(state, transition, AUDITOR, is_own_audit=True, reason="r") is target


@pytest.mark.parametrize(
    ("state", "transition"),
    [
        (S.PLANNED, T.START),
        (S.IN_PROGRESS, T.SUBMIT),
        (S.SUBMITTED, T.CLOSE),
        (S.SUBMITTED, T.SEND_TO_MODERATION),
        (S.CLOSED, T.REOPEN),
    ],
)
def test_an_auditor_cannot_touch_someone_elses_audit(
    state: AuditState, transition: Transition
) -> None:
    with pytest.raises(PermissionRefused) as info:
        next_state(state, transition, AUDITOR, is_own_audit=False, reason="r")
    assert "own auditor" in str(info.value)


def test_an_auditor_cannot_submit_someone_elses_audit() -> None:
    with pytest.raises(PermissionRefused):
        next_state(S.IN_PROGRESS, T.SUBMIT, AUDITOR, is_own_audit=False)


@pytest.mark.parametrize(
    ("state", "transition", "target"),
    [
        (S.SUBMITTED, T.CLOSE, S.CLOSED),
        (S.CLOSED, T.REOPEN, S.IN_PROGRESS),
        (S.SUBMITTED, T.SEND_TO_MODERATION, S.IN_MODERATION),
        (S.CLOSED, T.SEND_TO_MODERATION, S.IN_MODERATION),
        (S.PLANNED, T.CANCEL, S.CANCELLED),
        (S.IN_PROGRESS, T.CANCEL, S.CANCELLED),
    ],
)
def test_a_qa_officer_manages_any_audit(
    state: AuditState, transition: Transition, target: AuditState
) -> None:
    assert next_state(state, transition, QA_OFFICER, is_own_audit=False, reason="r") is target


@pytest.mark.parametrize(("state", "transition"), [(S.PLANNED, T.START), (S.IN_PROGRESS, T.SUBMIT)])
def test_a_qa_officer_who_is_not_an_auditor_cannot_audit(
    state: AuditState, transition: Transition
) -> None:
    with pytest.raises(PermissionRefused):
        next_state(state, transition, QA_OFFICER, is_own_audit=True)


@pytest.mark.parametrize("state", [S.PLANNED, S.IN_PROGRESS])
def test_an_auditor_cannot_cancel_even_their_own_audit(state: AuditState) -> None:
    with pytest.raises(PermissionRefused):
        next_state(state, T.CANCEL, AUDITOR, is_own_audit=True, reason="r")


@pytest.mark.parametrize("caps", [AUDITOR, QA_OFFICER, HEAD_OF_SERVICE])
def test_only_a_moderator_completes_moderation(caps: frozenset[Capability]) -> None:
    with pytest.raises(PermissionRefused):
        next_state(S.IN_MODERATION, T.COMPLETE_MODERATION, caps, is_own_audit=True)
    assert (
        next_state(S.IN_MODERATION, T.COMPLETE_MODERATION, MODERATOR, is_own_audit=False)
        is S.CLOSED
    )


# --- reasons ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "transition", "caps"),
    [
        (S.CLOSED, T.REOPEN, AUDITOR),
        (S.CLOSED, T.REOPEN, QA_OFFICER),
        (S.PLANNED, T.CANCEL, QA_OFFICER),
        (S.IN_PROGRESS, T.CANCEL, QA_OFFICER),
    ],
)
@pytest.mark.parametrize("reason", ["", " ", "\n\t  "])
def test_reopen_and_cancel_need_a_reason(
    state: AuditState, transition: Transition, caps: frozenset[Capability], reason: str
) -> None:
    with pytest.raises(ValidationError) as info:
        next_state(state, transition, caps, is_own_audit=True, reason=reason)
    assert not isinstance(info.value, PermissionRefused)
    assert "reason" in str(info.value)
    assert transition.value in str(info.value)


def test_reopen_with_a_reason() -> None:
    result = next_state(
        S.CLOSED, T.REOPEN, QA_OFFICER, is_own_audit=False, reason="Grade entered in error"
    )
    assert result is S.IN_PROGRESS
    assert result.editable


@pytest.mark.parametrize(
    ("state", "transition"),
    [(S.PLANNED, T.START), (S.IN_PROGRESS, T.SUBMIT), (S.SUBMITTED, T.CLOSE)],
)
def test_other_transitions_need_no_reason(state: AuditState, transition: Transition) -> None:
    assert (
        next_state(state, transition, AUDITOR, is_own_audit=True, reason="")
        is (ALLOWED[(state, transition)])
    )


# --- allowed_transitions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "caps", "own", "expected"),
    [
        (S.PLANNED, AUDITOR, True, {T.START}),
        (S.PLANNED, AUDITOR, False, set()),
        (S.IN_PROGRESS, AUDITOR, True, {T.SUBMIT}),
        (S.SUBMITTED, AUDITOR, True, {T.SEND_TO_MODERATION, T.CLOSE}),
        (S.SUBMITTED, AUDITOR, False, set()),
        (S.CLOSED, AUDITOR, True, {T.SEND_TO_MODERATION, T.REOPEN}),
        (S.IN_MODERATION, AUDITOR, True, set()),
        (S.CANCELLED, AUDITOR, True, set()),
        (S.PLANNED, QA_OFFICER, False, {T.CANCEL}),
        (S.IN_PROGRESS, QA_OFFICER, False, {T.CANCEL}),
        (S.SUBMITTED, QA_OFFICER, False, {T.SEND_TO_MODERATION, T.CLOSE}),
        (S.CLOSED, QA_OFFICER, False, {T.SEND_TO_MODERATION, T.REOPEN}),
        (S.IN_MODERATION, MODERATOR, False, {T.COMPLETE_MODERATION}),
        (S.SUBMITTED, MODERATOR, False, set()),
        (S.PLANNED, EVERYTHING, True, {T.START, T.CANCEL}),
        (S.CANCELLED, EVERYTHING, True, set()),
    ],
)
def test_allowed_transitions(
    state: AuditState, caps: frozenset[Capability], own: bool, expected: set[Transition]
) -> None:
    result = allowed_transitions(state, caps, is_own_audit=own)
    assert set(result) == expected
    assert len(result) == len(expected)


@pytest.mark.parametrize("state", list(AuditState))
@pytest.mark.parametrize("own", [True, False])
def test_a_practitioner_is_allowed_no_transitions(state: AuditState, own: bool) -> None:
    assert allowed_transitions(state, PRACTITIONER, is_own_audit=own) == []


@pytest.mark.parametrize("state", list(AuditState))
def test_allowed_transitions_with_every_capability_match_the_table(state: AuditState) -> None:
    expected = {t for (s, t) in ALLOWED if s is state}
    assert set(allowed_transitions(state, EVERYTHING, is_own_audit=True)) == expected
