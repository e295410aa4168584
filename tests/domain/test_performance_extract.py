"""The performance extract's rules, without Qt or a store: every kind of bad row is named by
row, column and what is wrong; a clean file gives each team's figures for its month."""

from __future__ import annotations

import pytest

from qa_desktop.domain.performance_extract import (
    COLUMNS,
    Measure,
    check_extract,
    decode,
    difference,
    parse_question_map,
)

TEAMS = {"north assessment": "t-north", "south cin": "t-south"}
HEADER = ",".join(COLUMNS)


def check(*lines: str, header: str = HEADER):
    return check_extract("\n".join([header, *lines]) + "\n", TEAMS)


def test_a_clean_file_gives_each_team_month_and_leaves_blank_measures_out() -> None:
    checked = check("North Assessment,2026-09,87.5,91%,", "south cin,2026-09,100,0,73")
    assert checked.problems == ()
    north, south = checked.rows
    assert (north.row, north.team_id, north.month) == (2, "t-north", "2026-09")
    assert north.figures == {Measure.VISITS: 87.5, Measure.CASE_SUMMARIES: 91.0}
    assert south.figures[Measure.SUPERVISION] == 73.0


def test_columns_in_another_order_are_read_by_name() -> None:
    header = "supervision_in_timescale,month,team,case_summaries_up_to_date,visits_in_timescale"
    (row,) = check("60,2026-10,south cin,70,80", header=header).rows
    assert row.figures == {
        Measure.SUPERVISION: 60.0,
        Measure.CASE_SUMMARIES: 70.0,
        Measure.VISITS: 80.0,
    }


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("West Fostering,2026-09,80,80,80", "team", "no team called 'West Fostering'"),
        (",2026-09,80,80,80", "team", "the team is empty"),
        ("south cin,2026-13,80,80,80", "month", "'2026-13' is not a month"),
        ("south cin,Sept 2026,80,80,80", "month", "'Sept 2026' is not a month"),
        ("south cin,2026-09,101,80,80", "visits_in_timescale", "'101' is not a percentage"),
        ("south cin,2026-09,80,-1,80", "case_summaries_up_to_date", "'-1' is not a percentage"),
        ("south cin,2026-09,80,80,lots", "supervision_in_timescale", "'lots' is not a"),
    ],
)
def test_each_bad_row_is_named_by_row_column_and_what_is_wrong(
    line: str, column: str, words: str
) -> None:
    checked = check("north assessment,2026-09,80,80,80", line)
    (problem,) = checked.problems
    assert (problem.row, problem.column) == (3, column)
    assert words in problem.render()
    assert problem.render().startswith(f"Row 3, column {column}: ")
    assert [r.row for r in checked.rows] == [2]  # the good row is checked, never imported alone


def test_the_same_team_and_month_twice_names_the_first_row() -> None:
    checked = check(
        "south cin,2026-09,80,80,80",
        "north assessment,2026-09,80,80,80",
        "SOUTH CIN,2026-09,70,70,70",
    )
    (problem,) = checked.problems
    assert (problem.row, problem.column) == (4, "team")
    assert "south cin 2026-09 is listed twice (first on row 2)" in problem.render().lower()


def test_every_problem_is_found_not_only_the_first() -> None:
    checked = check("nowhere,2026-99,200,80,80", "south cin,2026-09,80,x,80")
    assert [(p.row, p.column) for p in checked.problems] == [
        (2, "team"),
        (2, "month"),
        (2, "visits_in_timescale"),
        (3, "case_summaries_up_to_date"),
    ]


def test_a_missing_or_unknown_column_is_named_on_the_header_row() -> None:
    checked = check("south cin,2026-09,80,80", header="team,month,visits,case_summaries_up_to_date")
    named = {(p.row, p.column) for p in checked.problems}
    assert (1, "visits_in_timescale") in named and (1, "supervision_in_timescale") in named
    assert (1, "visits") in named
    assert checked.rows == ()


def test_an_empty_file_and_a_file_without_rows_say_so() -> None:
    assert "is empty" in check_extract("", TEAMS).problems[0].render()
    assert "no teams" in check_extract(HEADER + "\n\n", TEAMS).problems[0].render()


def test_bom_windows_text_and_line_endings_are_accepted() -> None:
    data = ("\ufeff" + HEADER + "\r\nsouth cin,2026-09,80,80,80\r\n").encode("utf-8")
    assert len(check_extract(decode(data), TEAMS).rows) == 1
    assert decode("caf\xe9\r".encode("cp1252")) == "caf\xe9\n"


def test_the_question_map_names_each_measures_questions() -> None:
    mapping = parse_question_map("measure,questions\nvisits_in_timescale,C1 A1\n")
    assert mapping[Measure.VISITS] == ("C1", "A1")
    assert mapping[Measure.SUPERVISION] == ()
    with pytest.raises(ValueError, match="unknown measure 'visits'"):
        parse_question_map("measure,questions\nvisits,C1\n")


def test_difference_is_the_audits_less_the_extract() -> None:
    assert difference(90.0, 75.0) == -15.0
    assert difference(None, 75.0) is None and difference(90.0, None) is None
