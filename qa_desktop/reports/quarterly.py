"""The quarterly QA report for leadership: each indicator with this quarter beside the last,
charts drawn with reportlab graphics (:mod:`.quarterly_charts`), and the commentary the QA
team wrote. Fed by plain data (two :class:`Dashboard` s and the commentary); no Qt, no SQL."""

from __future__ import annotations

from pathlib import Path

from qa_desktop.domain.dashboard import GRADE_ORDER, council_layout
from qa_desktop.domain.forms import StandardMeasure
from qa_desktop.reports.measures import (
    asked,
    diff,
    good_or_better,
    good_share,
    overall_share,
    pct,
    pts,
)
from qa_desktop.reports.pdf import DocumentInfo
from qa_desktop.reports.pdf.formats import long_date
from qa_desktop.reports.quarterly_data import QuarterlyReportData

__all__ = ["INDICATORS", "QuarterlyReportData", "build_quarterly_report"]

# (key, title): the indicators of the report, in order. Commentary is kept per key.
INDICATORS: tuple[tuple[str, str], ...] = (
    ("summary", "Summary"),
    ("compliance", "Compliance against the standard"),
    ("grades", "Grades"),
    ("plan", "Audits completed against plan"),
    ("moderation", "Moderation"),
    ("inadequate", "Inadequate audits and re-audits"),
    ("actions", "Actions"),
    ("voice", "Voice of the child"),
    ("themes", "Even better if: themes"),
)


def build_quarterly_report(data: QuarterlyReportData, path: Path | None = None) -> bytes:
    # reportlab is loaded here, when a report is made, not with the services at start.
    from qa_desktop.reports.pdf.document import DocumentBuilder
    from qa_desktop.reports.quarterly_charts import compliance_chart, grade_chart

    this, last = data.this, data.last
    builder = DocumentBuilder(
        DocumentInfo(
            title=f"Quarterly QA report {data.quarter}",
            subject=f"Quality of practice, {data.quarter} compared with {data.previous_quarter}: "
            f"{data.scope}",
            author=data.author,
            reference=data.quarter,
            keywords=f"quarterly QA report, {data.quarter}, compliance, grades, moderation",
        )
    )
    so_far = this.counted_to
    span = (
        f"{long_date(this.period.start)} to {long_date(this.period.end)}"
        if so_far is None
        else f"{long_date(this.period.start)} to {long_date(so_far)}, quarter not finished"
    )
    builder.title_block(
        f"Quarterly QA report {data.quarter}",
        f"{span} · {data.scope} · compared with {data.previous_quarter}",
    )
    if so_far is not None:
        builder.note(
            f"{data.quarter} is not finished: its figures count the audits completed up to "
            f"{long_date(so_far)}, beside the whole of {data.previous_quarter}.",
            tone="warning",
        )
    header = ("Measure", data.quarter, data.previous_quarter, "Change")
    widths = (0.46, 0.18, 0.18, 0.18)

    def commentary(key: str) -> None:
        text = data.commentary.get(key, "").strip()
        if text:
            builder.note(text, label="Commentary")
        else:
            builder.note("No commentary has been written for this indicator.", tone="warning")

    def measures(rows: list[tuple[str, str, str, str]]) -> None:
        builder.table(header, rows, widths)

    # Summary
    builder.heading("Summary")
    this_met, last_met = this.questions_meeting_standard, last.questions_meeting_standard
    measures(
        [
            (
                "Audits completed",
                str(this.plan.completed),
                str(last.plan.completed),
                diff(this.plan.completed, last.plan.completed),
            ),
            (
                f"Questions at the {this.standard:.0f}% standard",
                f"{this_met} of {asked(this)}",
                f"{last_met} of {asked(last)}",
                diff(this_met, last_met),
            ),
            (
                "Good or better overall",
                pct(good_or_better(this)),
                pct(good_or_better(last)),
                pts(good_or_better(this), good_or_better(last)),
            ),
            (
                "Inadequate overall",
                pct(overall_share(this, "inadequate")),
                pct(overall_share(last, "inadequate")),
                pts(overall_share(this, "inadequate"), overall_share(last, "inadequate")),
            ),
        ]
    )
    commentary("summary")

    # Compliance
    builder.heading("Compliance against the standard")
    builder.paragraph(
        f"Each question in the council's layout (met, not met and not applicable as shares of "
        f"all audited cases, adding to 100) and as Yes / (Yes + No), Partly counted as each form "
        f"says, N/A left out. The form says which is held against the {this.standard:.0f}% "
        f"standard (marked *); the quarters compare that figure."
    )
    last_by_id = {q.question_id: q for q in last.compliance}
    rows = []
    for q in this.compliance:
        before = last_by_id.get(q.question_id)
        before_held = before.held if before else None
        met, not_met, na = council_layout(q.shares)
        all_cases = q.measure is StandardMeasure.ALL_CASES
        rows.append(
            (
                q.question_id,
                q.text,
                "—"
                if met is None
                else f"{met:.0f} / {not_met:.0f} / {na:.0f}" + ("*" if all_cases else ""),
                pct(q.percent) + ("" if all_cases else "*"),
                pct(before_held),
                pts(q.held, before_held),
            )
        )
    builder.add(compliance_chart(data), *(q.question_id for q in this.compliance))
    builder.table(
        (
            "Id",
            "Question",
            "Met / not met / N/A %",
            "Yes of Yes+No",
            data.previous_quarter,
            "Change",
        ),
        rows,
        (0.07, 0.41, 0.16, 0.12, 0.12, 0.12),
        empty="No questions were answered this quarter.",
    )
    commentary("compliance")

    # Grades
    builder.heading("Grades")
    builder.add(grade_chart(data), *(g.label for g in GRADE_ORDER))
    grade_rows = []
    for row in this.grades:
        last_row = next(
            (
                r
                for r in last.grades
                if (r.form_key, r.section_id) == (row.form_key, row.section_id)
            ),
            None,
        )
        this_good = good_share(row)
        last_good = good_share(last_row) if last_row else None
        grade_rows.append(
            (
                f"{row.section_title}: Good or better",
                pct(this_good),
                pct(last_good),
                pts(this_good, last_good),
            )
        )
    measures(grade_rows)
    if this.area_trend:
        builder.paragraph(
            "Confirmed grades per practice area over the last four quarters (share of the "
            "area's grades)."
        )
        builder.table(
            ("Area", "Quarter", *(g.label for g in GRADE_ORDER)),
            [
                (area.section_title, p.quarter, *(pct(p.share(g)) for g in GRADE_ORDER))
                for area in this.area_trend
                for p in area.points
            ],
            (0.24, 0.14, 0.14, 0.12, 0.22, 0.14),
        )
    commentary("grades")

    builder.heading("Audits completed against plan")
    measures(
        [
            (
                "Audits planned by the monthly target",
                str(this.plan.target),
                str(last.plan.target),
                diff(this.plan.target, last.plan.target),
            ),
            (
                "Audits completed",
                str(this.plan.completed),
                str(last.plan.completed),
                diff(this.plan.completed, last.plan.completed),
            ),
            (
                "Completed as % of target",
                pct(this.plan.percent_of_target),
                pct(last.plan.percent_of_target),
                pts(this.plan.percent_of_target, last.plan.percent_of_target),
            ),
            (
                "Due audits completed",
                pct(this.plan.percent_of_due),
                pct(last.plan.percent_of_due),
                pts(this.plan.percent_of_due, last.plan.percent_of_due),
            ),
        ]
    )
    commentary("plan")

    builder.heading("Moderation")
    m1, m0 = this.moderation, last.moderation
    measures(
        [
            (
                "Audits moderated",
                str(m1.moderated),
                str(m0.moderated),
                diff(m1.moderated, m0.moderated),
            ),
            ("Coverage", pct(m1.coverage), pct(m0.coverage), pts(m1.coverage, m0.coverage)),
            (
                "Overall grade agreed",
                pct(m1.agreement),
                pct(m0.agreement),
                pts(m1.agreement, m0.agreement),
            ),
        ]
    )
    commentary("moderation")

    builder.heading("Inadequate audits and re-audits")
    i1, i0 = this.inadequate, last.inadequate
    measures(
        [
            (
                "Inadequate audits",
                str(i1.inadequate),
                str(i0.inadequate),
                diff(i1.inadequate, i0.inadequate),
            ),
            ("Re-audited", str(i1.reaudited), str(i0.reaudited), diff(i1.reaudited, i0.reaudited)),
            (
                "Moved up at re-audit",
                pct(i1.moved_up_percent),
                pct(i0.moved_up_percent),
                pts(i1.moved_up_percent, i0.moved_up_percent),
            ),
            (
                "Reflective meetings on time",
                pct(i1.meetings_on_time_percent),
                pct(i0.meetings_on_time_percent),
                pts(i1.meetings_on_time_percent, i0.meetings_on_time_percent),
            ),
            (
                "Re-audits on time",
                pct(i1.reaudits_on_time_percent),
                pct(i0.reaudits_on_time_percent),
                pts(i1.reaudits_on_time_percent, i0.reaudits_on_time_percent),
            ),
        ]
    )
    commentary("inadequate")

    builder.heading("Actions")
    a1, a0 = this.actions, last.actions
    measures(
        [
            ("Actions due", str(a1.due), str(a0.due), diff(a1.due, a0.due)),
            (
                "Done on time",
                pct(a1.on_time_percent),
                pct(a0.on_time_percent),
                pts(a1.on_time_percent, a0.on_time_percent),
            ),
            ("Overdue", str(a1.overdue), str(a0.overdue), diff(a1.overdue, a0.overdue)),
        ]
    )
    commentary("actions")

    builder.heading("Voice of the child")
    measures(
        [
            (
                "Voice of the child recorded",
                pct(this.voice.percent),
                pct(last.voice.percent),
                pts(this.voice.percent, last.voice.percent),
            ),
        ]
    )
    commentary("voice")

    builder.heading("Even better if: themes")
    last_themes = {t.phrase: t.comments for t in last.themes}
    builder.table(
        ("Theme", f"Comments {data.quarter}", f"Comments {data.previous_quarter}"),
        [(t.phrase, str(t.comments), str(last_themes.get(t.phrase, 0))) for t in this.themes],
        (0.6, 0.2, 0.2),
        empty="No “even better if” comments this quarter.",
    )
    commentary("themes")
    return builder.build(path)
