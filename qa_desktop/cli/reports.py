"""``qa-desktop report ...``: the board pack's figures and the quarterly report, read by the
command line as the system actor (allowed every report)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from qa_desktop.cli.common import Parser, SubParsers, t, write_rows
from qa_desktop.errors import UserError

if TYPE_CHECKING:  # imported where used: opening the app builds this parser too
    from qa_desktop.domain.calendar import FinancialQuarter, Period
    from qa_desktop.domain.report_tables import Cell

COMMANDS = ("report",)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            t("'{text}' is not a date (write it as YYYY-MM-DD)").format(text=text)
        ) from None


def _quarter(text: str) -> FinancialQuarter:
    from qa_desktop.domain.calendar import FinancialQuarter

    try:
        return FinancialQuarter.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_commands(commands: SubParsers) -> None:
    report = commands.add_parser("report", help=t("print reports for the board pack"))
    reports = report.add_subparsers(dest="report_command", metavar="REPORT", parser_class=Parser)
    reports.required = True
    for name, help_text in (
        ("compliance", t("compliance per question against the standard")),
        ("grades", t("the count of each grade per practice area and overall")),
    ):
        sub = reports.add_parser(name, help=help_text)
        sub.add_argument("--store", type=Path, required=True, help=t("the store file"))
        when = sub.add_argument_group(t("period (one of)"))
        when.add_argument("--from", dest="start", type=_date, help=t("first day, YYYY-MM-DD"))
        when.add_argument("--to", dest="end", type=_date, help=t("last day, YYYY-MM-DD"))
        when.add_argument(
            "--quarter", type=_quarter, help=t("a financial quarter, e.g. 2021/22-Q2")
        )
        sub.add_argument("--team", help=t("only this team (its name)"))
        sub.add_argument("--service", help=t("only this service"))
        sub.add_argument("--area", help=t("only this area"))
        sub.add_argument("--form", help=t("only this form (its key or title)"))
        _child_slices(sub)
        sub.add_argument("--format", choices=("table", "csv"), default="table")

    quarterly = reports.add_parser(
        "quarterly", help=t("the quarterly QA report as PDF, this quarter beside the last")
    )
    quarterly.add_argument("--store", type=Path, required=True, help=t("the store file"))
    quarterly.add_argument(
        "--quarter", type=_quarter, required=True, help=t("a financial quarter, e.g. 2021/22-Q2")
    )
    quarterly.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help=t("the PDF to write")
    )
    quarterly.add_argument("--team", help=t("only this team (its name)"))
    quarterly.add_argument("--service", help=t("only this service"))
    quarterly.add_argument("--area", help=t("only this area"))
    _child_slices(quarterly)
    _board_commands(reports)


def _board_commands(reports: SubParsers) -> None:
    """The boards' papers: ``board-pack`` and ``scorecard`` for a month, ``required-actions``
    for a team's week."""
    for name, help_text in (
        ("board-pack", t("the monthly performance board pack as PDF")),
        ("scorecard", t("the one-page monthly scorecard as PDF")),
    ):
        sub = reports.add_parser(name, help=help_text)
        sub.add_argument("--store", type=Path, required=True, help=t("the store file"))
        sub.add_argument("--month", required=True, help=t("the month, YYYY-MM"))
        sub.add_argument(
            "--out", type=Path, required=True, metavar="FILE", help=t("the PDF to write")
        )
    weekly = reports.add_parser(
        "required-actions",
        help=t("a team's items due in the next five working days or overdue, as PDF and CSV"),
    )
    weekly.add_argument("--store", type=Path, required=True, help=t("the store file"))
    weekly.add_argument("--team", required=True, help=t("the team (its name)"))
    weekly.add_argument(
        "--week-of", type=_date, help=t("the day it is made for, YYYY-MM-DD (default today)")
    )
    weekly.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help=t("the PDF to write")
    )
    weekly.add_argument("--csv", type=Path, metavar="FILE", help=t("also write the items as CSV"))


def _board_papers(args: argparse.Namespace, out: TextIO) -> int:
    from qa_desktop.services.actors import SYSTEM
    from qa_desktop.services.board_papers import BoardPapersService
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.reporting import ReportingService
    from qa_desktop.store.engine import open_store

    store = open_store(args.store)
    try:
        papers = BoardPapersService(store, system_clock, ReportingService(store, system_clock))
        if args.report_command == "board-pack":
            written: tuple[Path, ...] = (papers.board_pack(args.month, args.out, SYSTEM),)
        elif args.report_command == "scorecard":
            written = (papers.scorecard(args.month, args.out, SYSTEM),)
        else:
            written = papers.required_actions_report(
                args.team, args.week_of, args.out, args.csv, SYSTEM
            )
    finally:
        store.close()
    for path in written:
        out.write(t("Wrote {path}.\n").format(path=path))
    return 0


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.report_command == "quarterly":
        return _quarterly(args, out)
    if args.report_command in ("board-pack", "scorecard", "required-actions"):
        return _board_papers(args, out)
    return _report(args, out)


def _period(args: argparse.Namespace) -> Period:
    from qa_desktop.domain.calendar import Period

    if args.quarter is not None:
        if args.start or args.end:
            raise UserError("Give either --quarter or --from and --to, not both.")
        return Period.quarter(args.quarter)
    if args.start is None or args.end is None:
        raise UserError("Give the period: --from and --to (YYYY-MM-DD), or --quarter.")
    if args.end < args.start:
        raise UserError(
            "The period ends ({end}) before it starts ({start}).",
            end=args.end.isoformat(),
            start=args.start.isoformat(),
        )
    return Period(args.start, args.end)


def _quarterly(args: argparse.Namespace, out: TextIO) -> int:
    from qa_desktop.services.actors import SYSTEM
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.reporting import ReportingService
    from qa_desktop.store.engine import open_store

    store = open_store(args.store)
    try:
        reporting = ReportingService(store, system_clock)
        slc = reporting.slice_named(
            team=args.team,
            service=args.service,
            area=args.area,
            legal_status=args.legal_status,
            age_band=args.age_band,
        )
        path = reporting.quarterly_report(args.quarter, args.output, slc, SYSTEM)
    finally:
        store.close()
    out.write(
        t("Wrote the quarterly QA report for {quarter} to {path}.\n").format(
            quarter=args.quarter.label, path=path
        )
    )
    return 0


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from qa_desktop.domain.dashboard import (
        COMPLIANCE_HEADERS,
        GRADE_ORDER,
        MEASURE_NAMES,
        council_layout,
    )
    from qa_desktop.domain.report_periods import comparison_period
    from qa_desktop.services.actors import SYSTEM
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.reporting import ReportingService
    from qa_desktop.store.engine import open_store

    period = _period(args)
    store = open_store(args.store)
    try:
        reporting = ReportingService(store, system_clock)
        slc = reporting.slice_named(
            team=args.team,
            service=args.service,
            area=args.area,
            form=args.form,
            legal_status=args.legal_status,
            age_band=args.age_band,
        )
        heading = ""
        if args.report_command == "compliance":
            standard = reporting.standard()
            previous = comparison_period(period)
            questions = reporting.compliance(period, slc, SYSTEM)
            headers: Sequence[str] = (
                *COMPLIANCE_HEADERS,
                "met_pct",
                "not_met_pct",
                "na_pct",
                "held_to",
                "standard_pct",
                "meets_standard",
                "previous_pct",
                "change_pts",
            )
            rows: list[tuple[Cell, ...]] = [
                (
                    q.question_id,
                    q.section_title,
                    q.text,
                    q.counts.yes,
                    q.counts.partly,
                    q.counts.no,
                    q.counts.na,
                    _pct(q.percent),
                    *(_pct(v) for v in council_layout(q.shares)),
                    MEASURE_NAMES[q.measure],
                    f"{standard:.0f}",
                    "" if q.meets(standard) is None else ("yes" if q.meets(standard) else "no"),
                    _pct(q.previous_held),
                    "" if q.held_change is None else f"{q.held_change:+.1f}",
                )
                for q in questions
            ]
            heading = t(
                "Compliance {start} to {end} against the {standard:.0f}% standard: {met} of "
                "{total} questions at standard. Previous period {prev_start} to {prev_end}; "
                "change in points of the figure each question is held to.\n"
            ).format(
                start=period.start.isoformat(),
                end=period.end.isoformat(),
                standard=standard,
                met=sum(1 for q in questions if q.meets(standard)),
                total=sum(1 for q in questions if q.held is not None),
                prev_start=previous.start.isoformat(),
                prev_end=previous.end.isoformat(),
            )
        else:
            headers = ("form", "section", *(g.value for g in GRADE_ORDER), "total")
            rows = [
                (r.form_key, r.section_title, *(r.count(g) for g in GRADE_ORDER), r.total)
                for r in reporting.grades(period, slc, SYSTEM)
            ]
    finally:
        store.close()
    if heading and args.format == "table":
        out.write(heading)
    write_rows(out, args.format, headers, rows)
    return 0


def _child_slices(parser: argparse.ArgumentParser) -> None:
    """The slices by the child: legal status and age band, as the council reports them."""
    parser.add_argument(
        "--legal-status",
        help=t(
            "only children of this legal status (Early Help, Child in need, Child protection, "
            "Child we care for, Care leaver)"
        ),
    )
    parser.add_argument(
        "--age-band", help=t("only children of this age band (unborn, 0-4, 5-10, 11-15, 16+)")
    )
