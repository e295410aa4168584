"""The month's sample is stratified, reproducible and leaves out recent audits; assignment
never gives an auditor their own team's case, spreads evenly and respects capacity."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from qa_desktop.domain.sampling import (
    AuditorSlot,
    Candidate,
    NotEnoughCapacity,
    SampleTooLarge,
    assign,
    draw_sample,
    months_before,
    share,
)

MONTH = date(2026, 12, 1)


def population() -> list[Candidate]:
    """Two services: A with teams a1 (60 cases) and a2 (20); B with team b1 (120)."""
    cases = []
    for team, service, count in (("a1", "A", 60), ("a2", "A", 20), ("b1", "B", 120)):
        for i in range(count):
            cases.append(Candidate(f"{team}-{i}", f"{team.upper()}{i:04d}", team, team, service))
    return cases


def test_share_is_proportional_and_exact() -> None:
    assert share(10, {"x": 60, "y": 20, "z": 120}) == {"x": 3, "y": 1, "z": 6}
    assert share(3, {"x": 1, "y": 1, "z": 1}) == {"x": 1, "y": 1, "z": 1}
    assert share(2, {"x": 5, "y": 1}) == {"x": 2, "y": 0}


def test_sample_is_stratified_by_service_and_team() -> None:
    sample = draw_sample(population(), 50, seed=1, month_start=MONTH)
    assert len(sample) == 50
    assert len({c.case_id for c in sample}) == 50
    by_team = Counter(c.team_id for c in sample)
    # 200 cases: a1 60 (30%), a2 20 (10%), b1 120 (60%).
    assert by_team == {"a1": 15, "a2": 5, "b1": 30}
    assert Counter(c.service for c in sample) == {"A": 20, "B": 30}


def test_same_seed_same_sample_other_seed_other_sample() -> None:
    first = draw_sample(population(), 40, seed=9, month_start=MONTH)
    again = draw_sample(list(reversed(population())), 40, seed=9, month_start=MONTH)
    other = draw_sample(population(), 40, seed=10, month_start=MONTH)
    assert [c.case_id for c in first] == [c.case_id for c in again]
    assert {c.case_id for c in first} != {c.case_id for c in other}


def test_recently_audited_cases_are_left_out() -> None:
    cases = population()
    recent = {c.case_id for c in cases[:150]}
    dated = [
        Candidate(
            c.case_id,
            c.reference,
            c.team_id,
            c.team,
            c.service,
            last_audited_on=date(2026, 9, 15) if c.case_id in recent else date(2026, 1, 5),
        )
        for c in cases
    ]
    sample = draw_sample(dated, 50, seed=1, month_start=MONTH, exclude_months=6)
    assert not recent & {c.case_id for c in sample}
    with pytest.raises(SampleTooLarge):
        draw_sample(dated, 51, seed=1, month_start=MONTH, exclude_months=6)
    # With no months left out, every case can be drawn again.
    assert len(draw_sample(dated, 200, seed=1, month_start=MONTH, exclude_months=0)) == 200


def test_months_before_crosses_years() -> None:
    assert months_before(date(2026, 3, 1), 6) == date(2025, 9, 1)
    assert months_before(date(2026, 12, 1), 0) == date(2026, 12, 1)


def test_sample_larger_than_population_is_refused_clearly() -> None:
    with pytest.raises(SampleTooLarge) as raised:
        draw_sample(population(), 201, seed=1, month_start=MONTH)
    assert "201" in str(raised.value) and "200" in str(raised.value)


def auditors() -> list[AuditorSlot]:
    return [
        AuditorSlot("p1", "Auditor One", "a1", 4),
        AuditorSlot("p2", "Auditor Two", "a2", 4),
        AuditorSlot("p3", "Auditor Three", "b1", 4),
        AuditorSlot("p4", "Auditor Four", None, 4),
        AuditorSlot("p5", "Auditor Five", "b1", 1),
    ]


def test_assignment_never_own_team_spreads_evenly_within_capacity() -> None:
    sample = draw_sample(population(), 15, seed=4, month_start=MONTH)
    result = assign(sample, auditors(), seed=4)
    assert [a.case for a in result] == sample
    for a in result:
        assert a.auditor.team_id != a.case.team_id
    load = Counter(a.auditor.person_id for a in result)
    capacity = {s.person_id: s.capacity for s in auditors()}
    assert all(load[p] <= capacity[p] for p in load)
    assert sum(load.values()) == 15
    # Spread evenly: at 15 cases for 17 places, the full auditors are not more than one ahead
    # of anyone with room left who could have taken the case.
    assert max(load.values()) - min(load[p] for p in ("p1", "p2", "p3", "p4")) <= 1


def test_assignment_reproducible_from_seed() -> None:
    sample = draw_sample(population(), 12, seed=2, month_start=MONTH)
    first = [(a.case.case_id, a.auditor.person_id) for a in assign(sample, auditors(), seed=2)]
    again = [(a.case.case_id, a.auditor.person_id) for a in assign(sample, auditors(), seed=2)]
    assert first == again


def test_not_enough_capacity_is_refused() -> None:
    sample = draw_sample(population(), 18, seed=4, month_start=MONTH)
    with pytest.raises(NotEnoughCapacity):
        assign(sample, auditors(), seed=4)  # 17 places for 18 cases


def test_a_team_whose_only_auditors_are_its_own_cannot_be_assigned() -> None:
    only_own = [AuditorSlot("p1", "Auditor One", "b1", 10)]
    sample = [c for c in population() if c.team_id == "b1"][:2]
    with pytest.raises(NotEnoughCapacity) as raised:
        assign(sample, only_own, seed=1)
    assert "2 of the 2" in str(raised.value)


def test_practitioner_never_audits_own_case() -> None:
    case = Candidate("c1", "R1", "a1", "a1", "A", practitioner_id="p4")
    result = assign(
        [case], [AuditorSlot("p4", "Four", None, 5), AuditorSlot("p3", "Three", "b1", 5)], 1
    )
    assert result[0].auditor.person_id == "p3"
