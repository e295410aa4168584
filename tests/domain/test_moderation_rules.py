"""Selection for moderation, follow-up due dates over weekends and bank holidays, grade
movement and moderation agreement: pure rules, no store."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from qa_desktop.domain.calendar import is_working_day
from qa_desktop.domain.follow_up import (
    GradePair,
    Movement,
    agreement_by,
    final_grade,
    grade_movement,
    is_overdue,
    meeting_due_on,
    moderation_due_on,
    reaudit_due_on,
)
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.moderation import SelectionReason, moderation_reason, random_draw

IDS = [str(uuid.UUID(int=n * 7919 + 12345)) for n in range(20_000)]


def _selected(ids: list[str], *, share: float, seed: int) -> set[str]:
    return {
        i
        for i in ids
        if moderation_reason(i, Grade.GOOD, disputed=False, share_percent=share, seed=seed)
    }


# -- selection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "disputed", "expected"),
    [
        (Grade.INADEQUATE, False, SelectionReason.INADEQUATE),
        (Grade.OUTSTANDING, False, SelectionReason.OUTSTANDING),
        (Grade.INADEQUATE, True, SelectionReason.INADEQUATE),
        (Grade.GOOD, True, SelectionReason.DISPUTED),
        (Grade.REQUIRES_IMPROVEMENT, True, SelectionReason.DISPUTED),
        (None, True, SelectionReason.DISPUTED),
    ],
)
def test_inadequate_outstanding_and_disputed_audits_are_always_moderated(
    grade: Grade | None, disputed: bool, expected: SelectionReason
) -> None:
    for audit_id in IDS[:200]:
        reason = moderation_reason(audit_id, grade, disputed=disputed, share_percent=0.0, seed=2026)
        assert reason is expected


@pytest.mark.parametrize("overall", [Grade.REQUIRES_IMPROVEMENT, Grade.GOOD, None])
def test_an_inadequate_practice_area_is_moderated_whatever_the_overall_grade(
    overall: Grade | None,
) -> None:
    areas = (Grade.GOOD, Grade.INADEQUATE, Grade.REQUIRES_IMPROVEMENT, None)
    for audit_id in IDS[:200]:
        reason = moderation_reason(
            audit_id, overall, disputed=False, share_percent=0.0, seed=2026, area_grades=areas
        )
        assert reason is SelectionReason.INADEQUATE_AREA
        assert (
            moderation_reason(
                audit_id,
                overall,
                disputed=False,
                share_percent=0.0,
                seed=2026,
                area_grades=areas[2:],
            )
            is None
        )


def test_with_no_random_share_good_and_ri_audits_are_not_moderated() -> None:
    for grade in (Grade.GOOD, Grade.REQUIRES_IMPROVEMENT):
        assert not any(
            moderation_reason(i, grade, disputed=False, share_percent=0.0, seed=1) for i in IDS
        )


def test_a_full_share_moderates_everything_and_says_it_was_chosen_at_random() -> None:
    reasons = {
        moderation_reason(i, Grade.GOOD, disputed=False, share_percent=100.0, seed=3)
        for i in IDS[:500]
    }
    assert reasons == {SelectionReason.RANDOM_SHARE}


def test_the_same_seed_always_selects_the_same_audits() -> None:
    first = _selected(IDS, share=15.0, seed=2026)
    again = _selected(list(reversed(IDS)), share=15.0, seed=2026)
    assert first == again
    assert random_draw(IDS[0], 2026) == random_draw(IDS[0], 2026)


def test_another_seed_selects_other_audits() -> None:
    first = _selected(IDS, share=15.0, seed=2026)
    other = _selected(IDS, share=15.0, seed=2027)
    overlap = len(first & other) / len(first)
    assert overlap < 0.3  # independent draws overlap by about the share itself


@pytest.mark.parametrize("share", [5.0, 15.0, 40.0])
def test_the_share_is_honoured_over_many_audits(share: float) -> None:
    chosen = len(_selected(IDS, share=share, seed=2026)) / len(IDS) * 100
    assert abs(chosen - share) < 1.0


def test_a_larger_share_keeps_every_audit_a_smaller_one_chose() -> None:
    small = _selected(IDS[:3000], share=10.0, seed=9)
    large = _selected(IDS[:3000], share=20.0, seed=9)
    assert small < large


# -- due dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("confirmed", "due", "why"),
    [
        (date(2026, 11, 16), date(2026, 11, 23), "Monday: the next Monday"),
        (date(2026, 11, 20), date(2026, 11, 27), "Friday: the weekend is skipped"),
        (date(2026, 11, 21), date(2026, 11, 27), "Saturday: counting starts on Monday"),
        (
            date(2026, 12, 22),
            date(2026, 12, 31),
            "Christmas Day (Fri) and Boxing Day's substitute (Mon 28th) are skipped",
        ),
        (
            date(2026, 12, 24),
            date(2027, 1, 5),
            "Christmas, Boxing Day substitute and New Year's Day are skipped",
        ),
        (
            date(2027, 12, 24),
            date(2028, 1, 5),
            "Christmas and Boxing Day on a weekend: both substitutes, then New Year's substitute",
        ),
        (
            date(2027, 3, 24),
            date(2027, 4, 2),
            "Good Friday (26 Mar) and Easter Monday (29 Mar) are skipped",
        ),
        (
            date(2026, 4, 2),
            date(2026, 4, 13),
            "Easter 2026: Good Friday 3 Apr, Easter Monday 6 Apr",
        ),
        (date(2026, 5, 1), date(2026, 5, 11), "Early May bank holiday (4 May) is skipped"),
    ],
)
def test_the_reflective_meeting_falls_due_five_working_days_later(
    confirmed: date, due: date, why: str
) -> None:
    assert meeting_due_on(confirmed, 5) == due, why


def test_the_meeting_interval_is_a_setting() -> None:
    assert meeting_due_on(date(2026, 12, 22), 1) == date(2026, 12, 23)
    assert meeting_due_on(date(2026, 12, 22), 2) == date(2026, 12, 24)
    assert meeting_due_on(date(2026, 12, 22), 3) == date(2026, 12, 29)


def test_moderation_falls_due_ten_working_days_after_submission() -> None:
    assert moderation_due_on(date(2026, 11, 20)) == date(2026, 12, 4)
    assert moderation_due_on(date(2026, 12, 18)) == date(2027, 1, 6)  # 25, 28 Dec, 1 Jan off


def test_the_reaudit_falls_due_whole_weeks_after_the_meeting() -> None:
    assert reaudit_due_on(date(2026, 11, 20), 4) == date(2026, 12, 18)
    # Six weeks is New Year's Day: without the working-day rule it stays there.
    assert reaudit_due_on(date(2026, 11, 20), 6, working_day=False) == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("held", "weeks", "due"),
    [
        (date(2026, 11, 13), 6, date(2026, 12, 29)),  # Christmas Day: 26-28 Dec off too
        (date(2027, 2, 12), 6, date(2027, 3, 30)),  # Good Friday, the weekend, Easter Monday
        (date(2027, 4, 19), 6, date(2027, 6, 1)),  # the late May bank holiday
        (date(2026, 11, 20), 6, date(2027, 1, 4)),  # New Year's Day, then a weekend
        (date(2026, 11, 21), 6, date(2027, 1, 4)),  # held on a Saturday: due on one
        (date(2026, 11, 19), 6, date(2026, 12, 31)),  # a working day stays as it is
    ],
)
def test_a_reaudit_on_a_weekend_or_bank_holiday_moves_to_the_next_working_day(
    held: date, weeks: int, due: date
) -> None:
    assert reaudit_due_on(held, weeks) == due
    assert is_working_day(due)


def test_overdue_means_the_due_date_has_passed() -> None:
    today = date(2026, 11, 20)
    assert is_overdue(date(2026, 11, 19), today)
    assert not is_overdue(today, today)
    assert not is_overdue(None, today)


# -- outcomes ----------------------------------------------------------------------------------


def test_grade_movement_of_a_reaudit() -> None:
    assert grade_movement(Grade.INADEQUATE, Grade.REQUIRES_IMPROVEMENT) is Movement.UP
    assert grade_movement(Grade.INADEQUATE, Grade.INADEQUATE) is Movement.SAME
    assert grade_movement(Grade.GOOD, Grade.INADEQUATE) is Movement.DOWN
    assert grade_movement(Grade.INADEQUATE, None) is None
    assert Movement.UP.label == "Improved"


def test_the_moderated_grade_stands_over_the_auditors() -> None:
    assert final_grade(Grade.GOOD, Grade.REQUIRES_IMPROVEMENT) is Grade.REQUIRES_IMPROVEMENT
    assert final_grade(Grade.GOOD, None) is Grade.GOOD


def test_agreement_per_auditor_and_team_and_which_way_auditors_lean() -> None:
    g, ri, i, o = Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE, Grade.OUTSTANDING
    pairs = [
        GradePair("Sam Oak", "East A", g, g),
        GradePair("Sam Oak", "East A", g, ri),
        GradePair("Sam Oak", "East A", o, g),
        GradePair("Sam Oak", "East A", ri, ri),
        GradePair("Kit Ash", "East A", ri, g),
        GradePair("Kit Ash", "West B", i, i),
    ]
    by_auditor = {a.name: a for a in agreement_by(pairs, "auditor")}
    sam, kit = by_auditor["Sam Oak"], by_auditor["Kit Ash"]
    assert (sam.decisions, sam.agreed, sam.auditor_higher, sam.auditor_lower) == (4, 2, 2, 0)
    assert sam.rate == 50.0 and sam.tendency == "higher"
    assert kit.rate == 50.0 and kit.tendency == "lower"
    by_team = agreement_by(pairs, "team")
    assert [(a.name, a.decisions, a.agreed) for a in by_team] == [
        ("East A", 5, 2),
        ("West B", 1, 1),
    ]
    assert by_team[1].tendency == "even"
    with pytest.raises(ValueError, match="auditor or team"):
        agreement_by(pairs, "area")
