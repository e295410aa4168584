"""The dashboard's charts (QtCharts): compliance per question against the standard, and grade
distributions. Each bar says which figure it is, so that a click can list the audits behind it."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalPercentBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QPercentBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from qa_desktop.domain.dashboard import GRADE_ORDER, GradeRow, QuestionCompliance, TrendPoint
from qa_desktop.domain.grades import Grade
from qa_desktop.ui.labels import GRADE_COLOURS, grade_label
from qa_desktop.ui.screens.reporting.figures import compliance_axis

MEETS = QColor("#2e7d32")
BELOW = QColor("#c62828")
STANDARD = QColor("#37474f")


def _t(text: str) -> str:
    return QCoreApplication.translate("reports", text)


class _ChartView(QChartView):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        font = QFont()
        font.setPointSize(11)
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(title)
        self.setMinimumHeight(240)
        self.setMinimumWidth(300)  # two side by side still fit a laptop at 200%

    def clear(self) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)


class ComplianceChart(_ChartView):
    """One bar per question (green at or above the standard, red below) and the standard as a
    line. ``question_clicked`` gives the question id of a clicked bar."""

    question_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_t("Compliance per question (%)"), parent)
        self.question_ids: list[str] = []
        self.value_axis: QValueAxis | None = None
        self.standard_line: QLineSeries | None = None
        self.meets_set: QBarSet | None = None
        self.below_set: QBarSet | None = None

    def show_rows(self, rows: tuple[QuestionCompliance, ...], standard: float) -> None:
        self.clear()
        chart = self.chart()
        shown = [r for r in rows if r.percent is not None][::-1]  # first question on top
        self.question_ids = [r.question_id for r in shown]
        meets = QBarSet(_t("At or above the standard"))
        below = QBarSet(_t("Below the standard"))
        meets.setColor(MEETS)
        below.setColor(BELOW)
        for row in shown:
            value = row.percent or 0.0
            ok = value >= standard
            meets.append(value if ok else 0.0)
            below.append(0.0 if ok else value)
        series = QHorizontalStackedBarSeries()
        series.setBarWidth(0.8)
        series.append(meets)
        series.append(below)
        self.meets_set, self.below_set = meets, below
        meets.clicked.connect(self._clicked)
        below.clicked.connect(self._clicked)
        chart.addSeries(series)
        low, high = compliance_axis([r.percent for r in shown if r.percent is not None], standard)
        values = QValueAxis()
        values.setRange(low, high)
        values.setTickCount((high - low) // 10 + 1)
        values.setLabelFormat("%d%%")
        values.setTitleText(_t("Compliance (%)"))
        self.value_axis = values
        categories = QBarCategoryAxis()
        categories.append(self.question_ids or [""])
        small = QFont()
        small.setPointSize(8)
        categories.setLabelsFont(small)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        series.attachAxis(categories)
        line = QLineSeries()
        line.setName(_t("Standard {standard:.0f}%").format(standard=standard))
        line.append(QPointF(standard, -0.5))
        line.append(QPointF(standard, max(len(shown), 1) - 0.5))
        pen = QPen(STANDARD)
        pen.setWidth(2)
        pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        chart.addSeries(line)
        self.standard_line = line
        line_y = QValueAxis()
        line_y.setRange(-0.5, max(len(shown), 1) - 0.5)
        line_y.setVisible(False)
        chart.addAxis(line_y, Qt.AlignmentFlag.AlignRight)
        line.attachAxis(values)
        line.attachAxis(line_y)
        self.setMinimumHeight(max(280, 26 * len(shown) + 140))

    def _clicked(self, index: int) -> None:
        if 0 <= index < len(self.question_ids):
            self.question_clicked.emit(self.question_ids[index])


def _grade_sets() -> dict[Grade, QBarSet]:
    sets = {}
    for grade in GRADE_ORDER:
        bar = QBarSet(grade_label(grade))
        bar.setColor(QColor(GRADE_COLOURS[grade][0]))
        bar.setBorderColor(QColor("#455a64"))
        sets[grade] = bar
    return sets


class GradeChart(_ChartView):
    """The share of each grade per practice area and overall (100% stacked bars).
    ``grade_clicked`` gives (row index, grade)."""

    grade_clicked = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_t("Grades per practice area and overall"), parent)
        self.rows: tuple[GradeRow, ...] = ()
        self.sets: dict[Grade, QBarSet] = {}

    def show_rows(self, rows: tuple[GradeRow, ...]) -> None:
        self.clear()
        self.rows = rows[::-1]
        chart = self.chart()
        series = QHorizontalPercentBarSeries()
        series.setBarWidth(0.7)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        self.sets = _grade_sets()
        for grade, bar in self.sets.items():
            for row in self.rows:
                bar.append(row.count(grade))
            bar.setLabelColor(QColor(GRADE_COLOURS[grade][1]))
            bar.clicked.connect(lambda index, g=grade: self._clicked(index, g))
            series.append(bar)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([_t(r.section_title) for r in self.rows] or [""])
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d%%")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)

    def _clicked(self, index: int, grade: Grade) -> None:
        if 0 <= index < len(self.rows):
            self.grade_clicked.emit(len(self.rows) - 1 - index, grade.value)


class TrendChart(_ChartView):
    """The share of each grade in each of the last quarters: overall, or one practice area's
    (``set_title`` names it)."""

    def __init__(self, parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(title or _t("Overall grades over the last quarters"), parent)
        self.sets: dict[Grade, QBarSet] = {}

    def set_title(self, title: str) -> None:
        self.chart().setTitle(title)
        self.setAccessibleName(title)

    def show_points(self, points: tuple[TrendPoint, ...]) -> None:
        self.clear()
        chart = self.chart()
        series = QPercentBarSeries()
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        self.sets = _grade_sets()
        for grade, bar in self.sets.items():
            for point in points:
                bar.append(point.counts.get(grade, 0))
            bar.setLabelColor(QColor(GRADE_COLOURS[grade][1]))
            series.append(bar)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([p.quarter for p in points] or [""])
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d%%")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
