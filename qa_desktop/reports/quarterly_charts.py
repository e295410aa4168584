"""The charts of the quarterly QA report (reportlab graphics): this quarter beside the last."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from qa_desktop.domain.dashboard import GRADE_ORDER
from qa_desktop.domain.report_tables import share
from qa_desktop.reports.pdf.document import CONTENT_WIDTH
from qa_desktop.reports.pdf.fonts import REGULAR
from qa_desktop.reports.quarterly_data import QuarterlyReportData, overall_counts

THIS = colors.HexColor("#1f3a5f")
LAST = colors.HexColor("#9fb3c8")
STANDARD_LINE = colors.HexColor("#b71c1c")


def _legend(drawing: Drawing, x: int, y: int, labels: list[tuple[colors.Color, str]]) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = REGULAR
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = labels
    legend.deltax = 130
    legend.dxTextSpace = 4
    drawing.add(legend)


def compliance_chart(data: QuarterlyReportData) -> Drawing:
    """This quarter beside the last, per question, with the standard as a line."""
    questions = [q for q in data.this.compliance if q.percent is not None]
    last = {q.question_id: q.percent for q in data.last.compliance}
    height = max(120, 11 * len(questions) + 60)
    drawing = Drawing(CONTENT_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 40, 30
    chart.width, chart.height = CONTENT_WIDTH - 60, height - 50  # type: ignore[assignment]  # the stubs say int; reportlab takes any number
    ordered = questions[::-1]
    chart.data = [
        [q.percent or 0 for q in ordered],
        [last.get(q.question_id) or 0 for q in ordered],
    ]
    chart.categoryAxis.categoryNames = [q.question_id for q in ordered]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 10
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = THIS
    chart.bars[1].fillColor = LAST
    chart.bars.strokeWidth = 0
    chart.barSpacing = 0.5  # type: ignore[assignment]  # the stubs say int; reportlab takes any number
    chart.groupSpacing = 2
    drawing.add(chart)
    x = chart.x + chart.width * data.this.standard / 100
    drawing.add(
        Line(
            x,
            chart.y,
            x,
            chart.y + chart.height,
            strokeColor=STANDARD_LINE,
            strokeDashArray=[3, 2],
            strokeWidth=1,
        )
    )
    drawing.add(
        String(
            x + 2,
            chart.y + chart.height + 3,
            f"standard {data.this.standard:.0f}%",
            fontName=REGULAR,
            fontSize=7,
            fillColor=STANDARD_LINE,
        )
    )
    _legend(drawing, 40, 16, [(THIS, data.quarter), (LAST, data.previous_quarter)])
    return drawing


def grade_chart(data: QuarterlyReportData) -> Drawing:
    """The share of each overall grade, this quarter beside the last."""
    drawing = Drawing(CONTENT_WIDTH, 170)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 35
    chart.width, chart.height = CONTENT_WIDTH - 60, 115  # type: ignore[assignment]  # the stubs say int; reportlab takes any number
    this, last = overall_counts(data.this), overall_counts(data.last)
    this_total, last_total = sum(this.values()), sum(last.values())
    chart.data = [
        [share(this.get(g.value, 0), this_total) or 0 for g in GRADE_ORDER],
        [share(last.get(g.value, 0), last_total) or 0 for g in GRADE_ORDER],
    ]
    chart.categoryAxis.categoryNames = [g.label for g in GRADE_ORDER]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor = THIS
    chart.bars[1].fillColor = LAST
    chart.bars.strokeWidth = 0
    drawing.add(chart)
    drawing.add(
        String(
            chart.x,
            chart.y + chart.height + 8,
            "Overall grades (share of audits)",
            fontName=REGULAR,
            fontSize=8,
        )
    )
    _legend(
        drawing,
        40,
        16,
        [
            (THIS, f"{data.quarter} (n={this_total})"),
            (LAST, f"{data.previous_quarter} (n={last_total})"),
        ],
    )
    return drawing
