"""A thematic audit's scope: each part set narrows it, an empty part sets no limit."""

from __future__ import annotations

from qa_desktop.domain.thematic import AgeBand, ScopedCase, ThematicScope, age_band


def case(legal: str = "child_in_need", age: int | None = 3, unborn: bool = False) -> ScopedCase:
    return ScopedCase(legal, "service-1", "team-1", age, unborn)


def test_age_bands() -> None:
    assert age_band(None, True) is AgeBand.UNBORN
    assert [age_band(a, False) for a in (0, 4, 5, 10, 11, 15, 16, 17)] == [
        AgeBand.UNDER_5,
        AgeBand.UNDER_5,
        AgeBand.FROM_5_TO_10,
        AgeBand.FROM_5_TO_10,
        AgeBand.FROM_11_TO_15,
        AgeBand.FROM_11_TO_15,
        AgeBand.FROM_16,
        AgeBand.FROM_16,
    ]
    assert age_band(None, False) is None


def test_each_part_of_the_scope_narrows_it() -> None:
    assert ThematicScope().admits(case()) and ThematicScope().unlimited
    by_status = ThematicScope(legal_statuses=frozenset({"child_protection"}))
    assert not by_status.admits(case()) and by_status.admits(case("child_protection"))
    assert not ThematicScope(service_ids=frozenset({"service-2"})).admits(case())
    assert ThematicScope(team_ids=frozenset({"team-1"})).admits(case())
    babies = ThematicScope(age_bands=frozenset({AgeBand.UNBORN, AgeBand.UNDER_5}))
    assert babies.admits(case(unborn=True, age=None)) and babies.admits(case(age=4))
    assert not babies.admits(case(age=7)) and not babies.admits(case(age=None))
    both = ThematicScope(legal_statuses=frozenset({"child_in_need"}), age_bands=babies.age_bands)
    assert both.admits(case()) and not both.admits(case("care_leaver"))
