"""What the dashboard's tiles, heading and row clicks show, without a window."""

from __future__ import annotations

from datetime import date

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.compliance import AnswerCounts
from qa_desktop.domain.dashboard import (
    ActionFigures,
    AuditorAgreement,
    Dashboard,
    GradeRow,
    InadequateFigures,
    ModerationFigures,
    PlanFigures,
    QuestionCompliance,
    VoiceFigures,
    monthly_target_applies,
)
from qa_desktop.domain.forms import PartlyCounts
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.domain.themes import NOT_MATCHED, Theme
from qa_desktop.services.reporting import Drill
from qa_desktop.ui.screens.reporting import figures
from qa_desktop.ui.screens.reporting.figures import Phrase, Words

ANY_PARTLY = next(iter(PartlyCounts))


def question(qid: str, yes: int, no: int) -> QuestionCompliance:
    counts = AnswerCounts(yes=yes, no=no)
    return QuestionCompliance(
        qid, "A", "Assessment", "Text", False, ("Learning",), ((ANY_PARTLY, counts),)
    )


COUNTY = ReportSlice()


def dashboard(slc: ReportSlice = COUNTY, **changes: object) -> Dashboard:
    values: dict[str, object] = dict(
        period=Period(date(2026, 10, 1), date(2026, 12, 31)),
        previous_period=Period(date(2026, 7, 1), date(2026, 9, 30)),
        slice=slc,
        standard=90.0,
        compliance=(question("A1", 9, 0), question("A2", 1, 1), question("A3", 0, 0)),
        grades=(GradeRow("learning", "Learning audit", "overall", "Overall", {Grade.GOOD: 3}),),
        trend=(),
        plan=PlanFigures(target=40, completed=36, due=30, due_completed=28),
        moderation=ModerationFigures(
            completed=36,
            moderated=8,
            by_auditor=(AuditorAgreement("aud-1", "Sam Sample", 10, 8, 6, 40, 35),),
        ),
        inadequate=InadequateFigures(4, 2, 1, 4, 3, 1, 0, 2, 2, 0, 0),
        actions=ActionFigures(due=10, done_on_time=7, done_late=1, overdue=2, not_yet_due=0),
        voice=VoiceFigures(
            completed=36,
            question_ids=("D4",),
            parts=((PartlyCounts.HALF, AnswerCounts(yes=0, no=30)),),
        ),
        themes=(Theme("Chronology kept up to date", 5, ("chronology", "case summary")),),
    )
    values.update(changes)
    return Dashboard(**values)  # type: ignore[arg-type]


def by_key(dash: Dashboard) -> dict[str, figures.Tile]:
    return {tile.key: tile for tile in figures.tiles(dash)}


def test_every_tile_in_the_screens_order_with_its_figure_and_audits() -> None:
    tiles = figures.tiles(dashboard())
    assert [t.key for t in tiles] == [key for key, _ in figures.TILE_CAPTIONS]
    shown = {t.key: t.value.english() for t in tiles}
    assert shown == {
        "completed": "36",
        "standard": "1 of 2",  # A3 has nothing applicable: no figure, not counted
        "moderation": "8 (22.2%)",
        "agreement": "75.0%",
        "inadequate": "4",
        "moved_up": "1 of 2 (50.0%)",
        "overdue": "2",
        "voice": "0.0%",  # none recorded is 0%, a real figure
    }
    drills = {t.key: t.drill for t in tiles}
    assert drills["agreement"] == Drill("moderated", value="disagreed")
    assert drills["voice"] == Drill("voice", "D4", "missing")


def test_a_share_of_nothing_is_a_dash_never_zero() -> None:
    dash = dashboard(
        moderation=ModerationFigures(completed=0, moderated=0),
        voice=VoiceFigures(completed=0),
    )
    shown = {k: t.value.english() for k, t in by_key(dash).items()}
    assert shown["agreement"] == shown["voice"] == "—"
    assert shown["moderation"] == "0 (—)"
    assert figures.percent(None) == figures.NO_FIGURE and figures.percent(87.54) == "87.5%"


def test_the_monthly_target_shows_only_for_a_county_wide_slice() -> None:
    county = by_key(dashboard())["completed"].caption.english()
    assert county == "audits completed (target 40)"
    by_form = by_key(dashboard(ReportSlice(form_key="dip"), plan=PlanFigures(40, 5, 5, 5)))
    assert by_form["completed"].caption.english() == "audits completed (target 40)"
    for slc in (ReportSlice(team_id="t"), ReportSlice(area_id="a"), ReportSlice(worker_id="w")):
        assert not monthly_target_applies(slc)
        team = by_key(dashboard(slc, plan=PlanFigures(0, 5, 5, 5)))["completed"]
        assert team.caption.english() == "audits completed"


def test_the_heading_names_the_period_the_slice_and_the_comparison() -> None:
    phrase = figures.heading(dashboard(), "Team: West Early Help")
    assert phrase.english() == (
        "1 October to 31 December 2026 · Team: West Early Help · compared with 1 July to "
        "30 September 2026 · standard 90%"
    )
    assert isinstance(phrase.values["slice"], Words)  # the screen translates it
    # Worked out after the quarter ended: the whole quarter, said as such.
    assert (
        figures.heading(dashboard(as_of=date(2027, 1, 4)), "County")
        .english()
        .startswith("1 October to 31 December 2026 · County")
    )


def test_a_period_not_yet_over_is_said_to_be_partial() -> None:
    partial = dashboard(as_of=date(2026, 12, 6))
    assert figures.heading(partial, "County").english() == (
        "1 October to 6 December 2026, quarter not finished · County · compared with "
        "1 July to 30 September 2026 · standard 90%"
    )
    month = dashboard(
        period=Period(date(2026, 12, 1), date(2026, 12, 31)),
        previous_period=Period(date(2026, 11, 1), date(2026, 11, 30)),
        as_of=date(2026, 12, 6),
    )
    assert figures.period_phrase(month).english() == (
        "1 December to 6 December 2026, month not finished"
    )
    assert isinstance(figures.period_phrase(month).values["kind"], Words)


def test_a_row_click_lists_the_audits_behind_that_row() -> None:
    dash = dashboard()
    assert figures.compliance_row(dash, 1) == (
        Phrase("Answered No to {question}", {"question": "A2"}),
        Drill("question", "A2", "no"),
    )
    assert figures.compliance_row(dash, 3) is None
    label, drill = figures.grades_row(dash, 0) or (None, None)
    assert drill == Drill("grade", "overall", "inadequate")
    assert label is not None and label.english() == "Overall: Inadequate"
    assert figures.moderation_row(dash, 0) == (Phrase("Moderated audits"), Drill("moderated"))
    label, drill = figures.moderation_row(dash, 1) or (None, None)
    assert drill == Drill("moderated", "aud-1") and "Sam Sample" in label.english()  # type: ignore[union-attr]
    assert figures.moderation_row(dash, 2) is None
    assert figures.themes_row(dash, 0) == (
        Phrase("Even better if: {theme}", {"theme": Words("Chronology kept up to date")}),
        Drill("theme", "chronology|case summary"),
    )
    # The comments matched to no theme are counted, not listed.
    unmatched = dashboard(themes=(Theme(NOT_MATCHED, 2),))
    assert figures.themes_row(unmatched, 0) is None


def test_the_list_says_when_it_shows_only_the_newest() -> None:
    label = Phrase("Inadequate audits")
    assert figures.listed(label, 4, 4, False).english() == "Inadequate audits: 4 audits"
    assert (
        figures.listed(label, 500, 812, True).english()
        == "Inadequate audits: the newest 500 of 812 audits"
    )


def test_the_compliance_scale_fits_the_figures_and_shows_the_standard() -> None:
    assert figures.compliance_axis([93.5, 88.0, 97.1], 90.0) == (80, 100)
    assert figures.compliance_axis([71.0, 99.0], 90.0) == (70, 100)
    assert figures.compliance_axis([70.0, 99.0], 90.0) == (60, 100)  # a bar at the edge shows
    assert figures.compliance_axis([98.0, 99.0], 90.0) == (80, 100)  # the standard line too
    assert figures.compliance_axis([4.0], 90.0) == (0, 100)
    assert figures.compliance_axis([], 90.0) == (80, 100)


def test_each_tile_says_its_change_on_the_period_before_in_words() -> None:
    from qa_desktop.domain.dashboard import Before

    before = Before(
        completed=30, moderated=9, agreed=9, inadequate=4, reaudited=0, moved_up=0, overdue=5
    )
    shown = by_key(dashboard(before=before))
    assert shown["completed"].change.english() == "+6 on 2026/27-Q2"
    assert shown["completed"].arrow == "▲"
    assert shown["overdue"].change.english() == "-3 on 2026/27-Q2"
    assert shown["overdue"].arrow == "▼"
    assert shown["inadequate"].change.english() == "no change on 2026/27-Q2"
    assert shown["inadequate"].arrow == ""
    # Shares change in points: moderated 8 of 36 (22.2%) against 9 of 30 (30.0%).
    assert shown["moderation"].change.english() == "-7.8 points on 2026/27-Q2"
    # Nothing re-audited before: nothing to compare with, never a made-up change.
    assert shown["moved_up"].change.english() == "nothing to compare with in 2026/27-Q2"
    # A month is compared with the month before, by name.
    month = dashboard(
        period=Period(date(2026, 11, 1), date(2026, 11, 30)),
        previous_period=Period(date(2026, 10, 1), date(2026, 10, 31)),
        before=before,
    )
    assert by_key(month)["completed"].change.english() == "+6 on October"
    january = dashboard(
        period=Period(date(2027, 1, 1), date(2027, 1, 31)),
        previous_period=Period(date(2026, 12, 1), date(2026, 12, 31)),
        before=before,
    )
    assert by_key(january)["completed"].change.english() == "+6 on December 2026"
    # Without the period before's figures, no change is claimed.
    assert by_key(dashboard())["completed"].change is None
