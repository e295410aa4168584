"""The monthly performance board pack: a cover with the month's key figures, then one part
per subject the board follows (completion against plan, compliance, grades, moderation
agreement, Inadequate follow-up timeliness, overdue actions, themes, and the audits flagged
as outstanding practice), each beside the month before. Fed by plain data; no Qt, no SQL."""

from __future__ import annotations

from pathlib import Path

from qa_desktop.domain.dashboard import GRADE_ORDER, OVERALL
from qa_desktop.reports.board_data import MonthlyPapersData, key_figures, verdict
from qa_desktop.reports.measures import diff, good_share, pct, pts
from qa_desktop.reports.pdf import DocumentInfo
from qa_desktop.reports.pdf.formats import long_date, short_date

__all__ = ["build_board_pack"]

SECTIONS = (
    "Completion against plan",
    "Compliance against the standard",
    "Grades",
    "Moderation agreement",
    "Inadequate audits: follow-up on time",
    "Overdue actions",
    "Even better if: themes",
    "Outstanding practice",
)


def build_board_pack(data: MonthlyPapersData, path: Path | None = None) -> bytes:
    # reportlab is loaded here, when a report is made, not with the services at start.
    from qa_desktop.reports.pdf.document import DocumentBuilder

    this, last = data.this, data.last
    builder = DocumentBuilder(
        DocumentInfo(
            title=f"Performance board pack: {data.month}",
            subject=f"Quality of practice in {data.month}, compared with {data.previous_month}",
            author=data.author,
            reference=data.month,
            keywords=f"board pack, {data.month}, compliance, grades, moderation, actions",
        )
    )
    builder.title_block(
        f"Performance board pack: {data.month}",
        f"{long_date(this.period.start)} to {long_date(this.period.end)} · County · "
        f"compared with {data.previous_month}",
        kicker="Children's social care · Quality assurance",
    )
    builder.key_values(
        [
            ("Month", data.month),
            ("Compared with", data.previous_month),
            ("Standard", f"{this.standard:.0f}%"),
            ("Prepared by", data.author),
        ]
    )
    builder.heading("The month at a glance")
    builder.table(
        ("Measure", data.month, data.previous_month, "Change", "Target", "Against target"),
        [(f.measure, f.this, f.last, f.change, f.target, verdict(f)) for f in key_figures(data)],
        (0.34, 0.14, 0.14, 0.12, 0.13, 0.13),
    )
    builder.paragraph("Contents: " + "; ".join(SECTIONS) + ".", style="small")
    builder.page_break()
    header = ("Measure", data.month, data.previous_month, "Change")
    widths = (0.46, 0.18, 0.18, 0.18)

    builder.heading(SECTIONS[0])
    p1, p0 = this.plan, last.plan
    builder.table(
        header,
        [
            (
                "Audits planned by the monthly target",
                str(p1.target),
                str(p0.target),
                diff(p1.target, p0.target),
            ),
            (
                "Audits completed",
                str(p1.completed),
                str(p0.completed),
                diff(p1.completed, p0.completed),
            ),
            (
                "Completed as % of target",
                pct(p1.percent_of_target),
                pct(p0.percent_of_target),
                pts(p1.percent_of_target, p0.percent_of_target),
            ),
            ("Audits due in the month", str(p1.due), str(p0.due), diff(p1.due, p0.due)),
            (
                "Due audits completed",
                pct(p1.percent_of_due),
                pct(p0.percent_of_due),
                pts(p1.percent_of_due, p0.percent_of_due),
            ),
        ],
        widths,
    )

    builder.heading(SECTIONS[1])
    standard = this.standard
    before = {q.question_id: q for q in last.compliance}
    rows = []
    for q in this.compliance:
        held_before = before[q.question_id].held if q.question_id in before else None
        meets = q.meets(standard)
        rows.append(
            (
                q.question_id,
                q.text,
                pct(q.held),
                pct(held_before),
                pts(q.held, held_before),
                "—" if meets is None else ("Yes" if meets else "No"),
            )
        )
    builder.paragraph(
        f"{this.questions_meeting_standard} questions met the {standard:.0f}% standard in "
        f"{data.month}. Each question shows the figure its form holds to the standard."
    )
    builder.table(
        ("Id", "Question", data.month, data.previous_month, "Change", "At standard"),
        rows,
        (0.07, 0.45, 0.12, 0.12, 0.12, 0.12),
        empty=f"No questions were answered in {data.month}.",
    )

    builder.heading(SECTIONS[2])
    grade_rows = []
    for row in this.grades:
        match = next(
            (
                r
                for r in last.grades
                if (r.form_key, r.section_id) == (row.form_key, row.section_id)
            ),
            None,
        )
        title = "Overall" if row.section_id == OVERALL else row.section_title
        grade_rows.append(
            (
                title,
                *(str(row.count(g)) for g in GRADE_ORDER),
                pct(good_share(row)),
                pct(good_share(match) if match else None),
            )
        )
    builder.table(
        ("Area", *(g.label for g in GRADE_ORDER), "Good or better", data.previous_month),
        grade_rows,
        (0.22, 0.12, 0.1, 0.14, 0.12, 0.15, 0.15),
        empty=f"No audits were graded in {data.month}.",
    )

    builder.heading(SECTIONS[3])
    m1, m0 = this.moderation, last.moderation
    builder.table(
        header,
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
        ],
        widths,
    )
    builder.table(
        ("Auditor", "Moderated", "Overall agreed", "Areas agreed"),
        [
            (a.auditor, str(a.moderated), pct(a.overall_percent), pct(a.area_percent))
            for a in m1.by_auditor
            if a.moderated
        ],
        (0.46, 0.18, 0.18, 0.18),
        empty=f"No audits completed in {data.month} have been moderated yet.",
    )

    builder.heading(SECTIONS[4])
    i1, i0 = this.inadequate, last.inadequate
    builder.table(
        header,
        [
            (
                "Inadequate audits",
                str(i1.inadequate),
                str(i0.inadequate),
                diff(i1.inadequate, i0.inadequate),
            ),
            (
                "Reflective meetings due",
                str(i1.meetings_due),
                str(i0.meetings_due),
                diff(i1.meetings_due, i0.meetings_due),
            ),
            (
                "Held on time",
                pct(i1.meetings_on_time_percent),
                pct(i0.meetings_on_time_percent),
                pts(i1.meetings_on_time_percent, i0.meetings_on_time_percent),
            ),
            (
                "Held late",
                str(i1.meetings_late),
                str(i0.meetings_late),
                diff(i1.meetings_late, i0.meetings_late),
            ),
            (
                "Not held and overdue",
                str(i1.meetings_overdue),
                str(i0.meetings_overdue),
                diff(i1.meetings_overdue, i0.meetings_overdue),
            ),
            (
                "Re-audits due",
                str(i1.reaudits_due),
                str(i0.reaudits_due),
                diff(i1.reaudits_due, i0.reaudits_due),
            ),
            (
                "Re-audited on time",
                pct(i1.reaudits_on_time_percent),
                pct(i0.reaudits_on_time_percent),
                pts(i1.reaudits_on_time_percent, i0.reaudits_on_time_percent),
            ),
            (
                "Re-audits overdue",
                str(i1.reaudits_overdue),
                str(i0.reaudits_overdue),
                diff(i1.reaudits_overdue, i0.reaudits_overdue),
            ),
        ],
        widths,
    )

    builder.heading(SECTIONS[5])
    a1, a0 = this.actions, last.actions
    builder.table(
        header,
        [
            ("Actions due in the month", str(a1.due), str(a0.due), diff(a1.due, a0.due)),
            (
                "Done on time",
                pct(a1.on_time_percent),
                pct(a0.on_time_percent),
                pts(a1.on_time_percent, a0.on_time_percent),
            ),
            ("Done late", str(a1.done_late), str(a0.done_late), diff(a1.done_late, a0.done_late)),
            ("Overdue (not done)", str(a1.overdue), str(a0.overdue), diff(a1.overdue, a0.overdue)),
        ],
        widths,
    )

    builder.heading(SECTIONS[6])
    last_themes = {t.phrase: t.comments for t in last.themes}
    builder.table(
        ("Theme", f"Comments {data.month}", f"Comments {data.previous_month}"),
        [(t.phrase, str(t.comments), str(last_themes.get(t.phrase, 0))) for t in this.themes],
        (0.6, 0.2, 0.2),
        empty=f"No “even better if” comments in {data.month}.",
    )

    builder.heading(SECTIONS[7])
    builder.paragraph(
        "Audits completed in the month that their auditor flagged as outstanding practice to share."
    )
    builder.table(
        ("Audit", "Team", "Area", "Auditor", "Completed"),
        [
            (o.reference, o.team, o.area, o.auditor, short_date(o.completed_on))
            for o in data.outstanding
        ],
        (0.24, 0.24, 0.14, 0.22, 0.16),
        empty=f"No audit completed in {data.month} was flagged as outstanding practice.",
    )
    return builder.build(path)
