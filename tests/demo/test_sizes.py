"""The programme's share of a demo county: a dip sample never asks for more cases than a
large county's sample can draw (a 100,000-audit county failed to build)."""

from qa_desktop.demo.programme import MAX_DIP_CASES, Sizes


def test_a_dip_sample_stops_at_its_most_cases() -> None:
    assert Sizes.of(600).dip_cases == 15
    assert Sizes.of(10_000).dip_cases == MAX_DIP_CASES
    assert Sizes.of(100_000).dip_cases == MAX_DIP_CASES
    assert Sizes.of(100_000).audits < 100_000
