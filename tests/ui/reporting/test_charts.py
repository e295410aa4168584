"""The Reports screen's charts as drawn: the compliance scale fits the figures, with the
standard's line and a labelled axis."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from qa_desktop.domain.compliance import AnswerCounts
from qa_desktop.domain.dashboard import QuestionCompliance
from qa_desktop.domain.forms import PartlyCounts
from qa_desktop.ui.screens.reporting.charts import ComplianceChart


def _question(qid: str, yes: int, no: int) -> QuestionCompliance:
    counts = AnswerCounts(yes=yes, no=no)
    return QuestionCompliance(
        qid, "A", "Assessment", "Text", False, ("Learning",), ((PartlyCounts.HALF, counts),)
    )


def test_the_compliance_axis_starts_below_the_lowest_figure(qtbot) -> None:
    chart = ComplianceChart()
    qtbot.addWidget(chart)
    chart.show_rows((_question("A1", 93, 7), _question("A2", 86, 14), _question("A3", 1, 0)), 90)
    QApplication.processEvents()
    axis = chart.value_axis
    assert axis is not None
    assert (axis.min(), axis.max()) == (80, 100)
    assert axis.titleText() == "Compliance (%)" and axis.isVisible()
    line = chart.standard_line
    assert line is not None and line.isVisible()
    assert {point.x() for point in line.points()} == {90.0}
    assert axis.min() < 90 < axis.max()  # the standard's line is inside the scale
    assert chart.question_ids == ["A3", "A2", "A1"]  # the first question on top
