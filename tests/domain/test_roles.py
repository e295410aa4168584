"""What each role, and the auditor and moderator flags, let a person do."""

from __future__ import annotations

import pytest

from qa_desktop.domain.roles import Capability, PersonRoles, Role, capabilities, headline_role

C = Capability
R = Role
BASE = {C.REFLECT, C.REPORT, C.VIEW_ALL_AUDITS}  # managers and QA officers
MANAGERS = {R.TEAM_MANAGER, R.SERVICE_MANAGER, R.HEAD_OF_SERVICE, R.ASSISTANT_DIRECTOR}


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        (PersonRoles(R.PRACTITIONER), {C.REFLECT, C.TEAM_REPORT}),
        # a practitioner flagged as an auditor by mistake still cannot audit
        (PersonRoles(R.PRACTITIONER, is_auditor=True), {C.REFLECT, C.TEAM_REPORT}),
        # the moderator flag means nothing without a senior role
        (PersonRoles(R.PRACTITIONER, is_moderator=True), {C.REFLECT, C.TEAM_REPORT}),
        (PersonRoles(R.TEAM_MANAGER), BASE),
        (PersonRoles(R.TEAM_MANAGER, is_auditor=True), BASE | {C.AUDIT}),
        (
            PersonRoles(R.SERVICE_MANAGER, is_auditor=True, is_moderator=True),
            BASE | {C.AUDIT, C.MODERATE},
        ),
        (PersonRoles(R.SERVICE_MANAGER, is_moderator=True), BASE | {C.MODERATE}),
        (PersonRoles(R.HEAD_OF_SERVICE), BASE | {C.HOLD_MEETINGS}),
        (PersonRoles(R.HEAD_OF_SERVICE, is_auditor=True), BASE | {C.HOLD_MEETINGS, C.AUDIT}),
        (PersonRoles(R.ASSISTANT_DIRECTOR, is_auditor=True), BASE | {C.AUDIT}),
        (PersonRoles(R.QA_OFFICER), BASE | {C.MANAGE_PROGRAMME, C.ADD_TO_MODERATION}),
        (
            PersonRoles(R.QA_OFFICER, is_auditor=True),
            BASE | {C.MANAGE_PROGRAMME, C.ADD_TO_MODERATION, C.AUDIT},
        ),
        # adult workers and reviewing officers join audits; they do not see every audit
        (PersonRoles(R.ADULT_WORKER, is_auditor=True), {C.REFLECT}),
        (PersonRoles(R.REVIEWING_OFFICER, is_auditor=True, is_moderator=True), {C.REFLECT}),
    ],
)
def test_capabilities(person: PersonRoles, expected: set[Capability]) -> None:
    assert capabilities(person) == frozenset(expected)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("is_auditor", [False, True])
def test_only_trained_managers_and_qa_officers_audit(role: Role, is_auditor: bool) -> None:
    can_audit = is_auditor and (role in MANAGERS or role is R.QA_OFFICER)
    assert (C.AUDIT in capabilities(PersonRoles(role, is_auditor=is_auditor))) is can_audit


@pytest.mark.parametrize("role", list(Role))
def test_role_only_capabilities(role: Role) -> None:
    caps = capabilities(PersonRoles(role, is_auditor=True, is_moderator=True))
    assert (C.HOLD_MEETINGS in caps) is (role is R.HEAD_OF_SERVICE)
    assert (C.MANAGE_PROGRAMME in caps) is (role is R.QA_OFFICER)
    assert (C.ADD_TO_MODERATION in caps) is (role is R.QA_OFFICER)
    senior = role in MANAGERS or role is R.QA_OFFICER
    assert (C.VIEW_ALL_AUDITS in caps) is senior
    assert (C.REPORT in caps) is senior
    assert C.REFLECT in caps
    assert (C.MODERATE in caps) is senior


@pytest.mark.parametrize("role", list(Role))
def test_moderate_follows_the_flag_for_senior_roles(role: Role) -> None:
    senior = role in MANAGERS or role is R.QA_OFFICER
    assert C.MODERATE not in capabilities(PersonRoles(role))
    assert (C.MODERATE in capabilities(PersonRoles(role, is_moderator=True))) is senior


@pytest.mark.parametrize("role", list(Role))
def test_is_manager(role: Role) -> None:
    assert role.is_manager is (role in MANAGERS)


@pytest.mark.parametrize(
    ("person", "headline"),
    [
        (PersonRoles(R.PRACTITIONER), "Practitioner"),
        (PersonRoles(R.TEAM_MANAGER), "Team manager"),
        (PersonRoles(R.TEAM_MANAGER, is_auditor=True), "Team manager · Auditor"),
        (
            PersonRoles(R.SERVICE_MANAGER, is_auditor=True, is_moderator=True),
            "Service manager · Auditor · Moderator",
        ),
        (PersonRoles(R.QA_OFFICER, is_moderator=True), "QA officer · Moderator"),
        (PersonRoles(R.HEAD_OF_SERVICE), "Head of service"),
    ],
)
def test_headline_role(person: PersonRoles, headline: str) -> None:
    assert headline_role(person) == headline


@pytest.mark.parametrize("role", list(Role))
def test_only_the_published_roles_moderate(role: Role) -> None:
    council = frozenset({R.SERVICE_MANAGER, R.ASSISTANT_DIRECTOR})
    flagged = PersonRoles(role, is_moderator=True)
    assert (C.MODERATE in capabilities(flagged, council)) is (role in council)
    # Unflagged people never moderate, whatever is published.
    assert C.MODERATE not in capabilities(PersonRoles(role), frozenset(Role))
    # Nothing published: every senior role with the flag, as before.
    senior = role in MANAGERS or role is R.QA_OFFICER
    assert (C.MODERATE in capabilities(flagged)) is senior
    # Publishing a role that is not senior gives it nothing.
    assert (C.MODERATE in capabilities(flagged, frozenset(Role))) is senior


def test_the_moderator_roles_setting_takes_only_senior_roles() -> None:
    from qa_desktop.domain.published_settings import MODERATOR_ROLES, roles_of

    assert roles_of(MODERATOR_ROLES.default) == frozenset(MANAGERS | {R.QA_OFFICER})
    kept = MODERATOR_ROLES.check(" service_manager, assistant_director ,")
    assert roles_of(kept) == {R.SERVICE_MANAGER, R.ASSISTANT_DIRECTOR}
    for wrong in ("practitioner", "service_manager,chief_executive"):
        with pytest.raises(ValueError, match="cannot include"):
            MODERATOR_ROLES.check(wrong)
