"""The Reports screen as the council reads it: human names, never internal keys; real
per-auditor figures; the quarter and its comparison said as they are."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.ui.screens.reporting.dashboard import DashboardScreen
from tests.ui.reporting.test_dashboard import choose, choose_loaded, reports_of


def _keys(screen: DashboardScreen) -> set[str]:
    """The stored keys of the forms and audit types a person could meet on the screen."""
    options = screen._options
    assert options is not None
    forms = {f.id for f in options.organisation.forms}
    assert "learning-audit" in forms
    return forms | {t.value for t in AuditType}


def _screen_texts(screen: DashboardScreen) -> list[str]:
    texts = [screen.heading.text(), screen.drill_label.text()]
    texts += [tile.text() for tile in screen.figures]
    for view in screen.tables.values():
        model = view.model
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                texts.append(str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole)))
    for combo in (screen.form, screen.audit_type):
        texts += [combo.itemText(i) for i in range(combo.count())]
    return texts


def test_forms_and_audit_types_show_their_names_never_their_keys(
    application, qtbot, tmp_path: Path
) -> None:
    screen = reports_of(application, qtbot)
    choose_loaded(qtbot, screen, screen.quarter, "2026/27-Q2")
    keys = _keys(screen)
    texts = _screen_texts(screen)
    assert "Learning audit" in texts  # the grades table names the form
    assert not keys & set(texts), keys & set(texts)
    with qtbot.waitSignal(screen.loaded):
        choose(qtbot, screen.audit_type, "Routine (monthly)")
    with qtbot.waitSignal(screen.loaded):
        choose(qtbot, screen.form, "Learning audit")
    assert "Form: Learning audit" in screen.heading.text()
    assert "Audit type: Routine (monthly)" in screen.heading.text()
    assert not keys & set(_screen_texts(screen))
    target = tmp_path / "q.pdf"
    screen.ask_path = lambda *_args: target  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.exported):
        qtbot.mouseClick(screen.quarterly_pdf, Qt.MouseButton.LeftButton)
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Learning audit" in text
    for key in keys:
        if "-" in key or "_" in key:
            assert key not in text, key


def test_the_unfinished_quarter_is_said_to_be_partial_on_screen_and_in_the_pdf(
    application, qtbot, tmp_path: Path
) -> None:
    screen = reports_of(application, qtbot)  # the clock: 20 November 2026
    with qtbot.waitSignal(screen.loaded):
        choose(qtbot, screen.quarter, "2026/27-Q3")
    assert screen.heading.text().startswith(
        "1 October to 20 November 2026, quarter not finished · County · compared with "
        "1 July to 30 September 2026"
    )
    assert "The quarter is not finished" in screen.quarter_label.text()
    assert "20 November 2026" in screen.quarter_label.text()
    target = tmp_path / "q3.pdf"
    screen.ask_path = lambda *_args: target  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.exported):
        qtbot.mouseClick(screen.quarterly_pdf, Qt.MouseButton.LeftButton)
    first = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert "1 October 2026 to 20 November 2026, quarter not finished" in first
    assert "2026/27-Q3 is not finished" in first
    # A whole quarter says nothing of the kind.
    choose_loaded(qtbot, screen, screen.quarter, "2026/27-Q2")
    assert "not finished" not in screen.heading.text() + screen.quarter_label.text()


def test_the_tiles_show_their_trend_in_words_read_out_too(application, qtbot) -> None:
    screen = reports_of(application, qtbot)
    dash = screen.dashboard
    assert dash is not None and dash.before is not None
    before = application.services.reporting.dashboard(
        dash.previous_period,
        dash.slice,
        application.services.directory.actor(screen._actor.person.id),
    )
    difference = dash.plan.completed - before.plan.completed
    lines = screen.fig_completed.text().split("\n")
    assert lines[0] == str(dash.plan.completed)
    expected = "no change on 2026/27-Q1" if difference == 0 else f"{difference:+d} on 2026/27-Q1"
    assert lines[2].endswith(expected)
    assert lines[2].startswith(("▲", "▼")) or difference == 0
    assert screen.fig_completed.accessibleName().endswith(", " + expected)
    assert "▲" not in screen.fig_completed.accessibleName()
    for tile in screen.figures:  # every tile says its change (or that there is none)
        assert tile.text().split("\n")[2].endswith("2026/27-Q1"), tile.text()


def test_each_practice_areas_grades_by_quarter_are_on_screen_as_chart_and_table(
    application, qtbot
) -> None:
    from qa_desktop.domain.grades import Grade

    screen = reports_of(application, qtbot)
    dash = screen.dashboard
    assert dash is not None and dash.area_trend
    page = screen.tabs.widget(screen.tabs.count() - 2)
    assert screen.tabs.tabText(screen.tabs.count() - 2) == "Practice area tre&nds"
    screen.tabs.setCurrentWidget(page)
    areas = [screen.trend_area.itemText(i) for i in range(screen.trend_area.count())]
    assert areas == [a.section_title for a in dash.area_trend]
    assert "Assessment" in areas
    # Choosing an area draws its shares by quarter: one bar per quarter, a set per grade.
    planning = next(a for a in dash.area_trend if a.section_title == "Planning")
    choose(qtbot, screen.trend_area, "Planning")
    chart = screen.area_chart
    assert chart.chart().title() == "Planning: grades by quarter"
    assert chart.accessibleName() == "Planning: grades by quarter"
    inadequate = chart.sets[Grade.INADEQUATE]
    assert [inadequate.at(i) for i in range(inadequate.count())] == [
        p.counts.get(Grade.INADEQUATE, 0) for p in planning.points
    ]
    # The table beside it holds every area and quarter, for those who read tables.
    model = screen.area_trend_table.model
    assert model.rowCount() == sum(len(a.points) for a in dash.area_trend) > 0
    assert screen.area_trend_table.view.accessibleName() == "Grades per practice area by quarter"


def test_the_themes_are_whole_phrases_and_list_their_audits(application, qtbot) -> None:
    from qa_desktop.services.reporting import theme_definitions

    screen = reports_of(application, qtbot)
    dash = screen.dashboard
    assert dash is not None
    names = {t.name for t in theme_definitions()}
    model = screen.themes_table.model
    shown = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert shown and set(shown) <= names  # the demo's comments all match a listed theme
    assert "Plans are SMART: owners, timescales and a contingency" in shown
    counts = [model.index(row, 1).data() for row in range(model.rowCount())]
    assert counts == sorted(counts, key=lambda c: -int(c))
    screen.tabs.setCurrentIndex(4)
    view = screen.themes_table.view
    rect = view.visualRect(model.index(0, 0))
    with qtbot.waitSignal(screen.drilled):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.drill_label.text().startswith(f"Even better if: {shown[0]}: ")
    assert 0 < screen.drill_model.rowCount() <= dash.plan.completed
