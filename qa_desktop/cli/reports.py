"""The command line for the board pack and historic data: ``qa-desktop report ...`` and
``qa-desktop import audits ...``. ``cli.py`` adds these parsers and hands the commands here."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from qa_desktop.errors import UserError
from qa_desktop.i18n import tr

if TYPE_CHECKING:  # imported where used: opening the app builds this parser too
    from qa_desktop.domain.calendar import FinancialQuarter, Period
    from qa_desktop.domain.report_tables import Cell


P = TypeVar("P", bound=argparse.ArgumentParser)  # the parser class sub-commands use


def _t(text: str) -> str:
    return tr("cli", text)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _t("'{text}' is not a date (write it as YYYY-MM-DD)").format(text=text)
        ) from None


def _quarter(text: str) -> FinancialQuarter:
    from qa_desktop.domain.calendar import FinancialQuarter

    try:
        return FinancialQuarter.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_commands(
    commands: argparse._SubParsersAction[P],
    parser_class: type[P],
) -> argparse._SubParsersAction[P]:
    """Add ``report ...`` and ``import audits``; returns the ``import`` sub-commands so that
    other importers (``import cases``) join the same command."""
    report = commands.add_parser("report", help=_t("print reports for the board pack"))
    reports = report.add_subparsers(
        dest="report_command", metavar="REPORT", parser_class=parser_class
    )
    reports.required = True
    for name, help_text in (
        ("compliance", _t("compliance per question against the standard")),
        ("grades", _t("the count of each grade per practice area and overall")),
    ):
        sub = reports.add_parser(name, help=help_text)
        sub.add_argument("--store", type=Path, required=True, help=_t("the store file"))
        when = sub.add_argument_group(_t("period (one of)"))
        when.add_argument("--from", dest="start", type=_date, help=_t("first day, YYYY-MM-DD"))
        when.add_argument("--to", dest="end", type=_date, help=_t("last day, YYYY-MM-DD"))
        when.add_argument(
            "--quarter", type=_quarter, help=_t("a financial quarter, e.g. 2021/22-Q2")
        )
        sub.add_argument("--team", help=_t("only this team (its name)"))
        sub.add_argument("--service", help=_t("only this service"))
        sub.add_argument("--area", help=_t("only this area"))
        sub.add_argument("--form", help=_t("only this form (its key or title)"))
        sub.add_argument("--format", choices=("table", "csv"), default="table")

    quarterly = reports.add_parser(
        "quarterly", help=_t("the quarterly QA report as PDF, this quarter beside the last")
    )
    quarterly.add_argument("--store", type=Path, required=True, help=_t("the store file"))
    quarterly.add_argument(
        "--quarter", type=_quarter, required=True, help=_t("a financial quarter, e.g. 2021/22-Q2")
    )
    quarterly.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help=_t("the PDF to write")
    )
    quarterly.add_argument("--team", help=_t("only this team (its name)"))
    quarterly.add_argument("--service", help=_t("only this service"))
    quarterly.add_argument("--area", help=_t("only this area"))

    importing = commands.add_parser("import", help=_t("import records into a store"))
    imports = importing.add_subparsers(
        dest="import_command", metavar="WHAT", parser_class=parser_class
    )
    imports.required = True
    audits = imports.add_parser(
        "audits", help=_t("import historic audits from a CSV file (all or nothing)")
    )
    audits.add_argument("--store", type=Path, required=True, help=_t("the store file"))
    audits.add_argument("file", type=Path, help=_t("the CSV file"))
    audits.add_argument(
        "--create-missing",
        action="store_true",
        help=_t("create teams, cases and people the store does not know yet"),
    )
    return imports


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "report":
        return _report(args, out)
    return _import_audits(args.store, args.file, args.create_missing, out)


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
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.reporting import ReportingService
    from qa_desktop.store.engine import open_store

    store = open_store(args.store)
    try:
        reporting = ReportingService(store, system_clock)
        slc = reporting.slice_named(team=args.team, service=args.service, area=args.area)
        path = reporting.quarterly_report(args.quarter, args.output, slc)
    finally:
        store.close()
    out.write(
        _t("Wrote the quarterly QA report for {quarter} to {path}.\n").format(
            quarter=args.quarter.label, path=path
        )
    )
    return 0


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from qa_desktop.domain.dashboard import COMPLIANCE_HEADERS, GRADE_ORDER
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.reporting import ReportingService
    from qa_desktop.store.engine import open_store

    if args.report_command == "quarterly":
        return _quarterly(args, out)
    period = _period(args)
    store = open_store(args.store)
    try:
        reporting = ReportingService(store, system_clock)
        slc = reporting.slice_named(
            team=args.team, service=args.service, area=args.area, form=args.form
        )
        if args.report_command == "compliance":
            headers: Sequence[str] = COMPLIANCE_HEADERS
            rows: list[tuple[Cell, ...]] = [
                (
                    q.question_id,
                    q.section_title,
                    q.text,
                    q.counts.yes,
                    q.counts.partly,
                    q.counts.no,
                    q.counts.na,
                    "" if q.percent is None else f"{q.percent:.1f}",
                )
                for q in reporting.compliance(period, slc)
            ]
        else:
            headers = ("form", "section", *(g.value for g in GRADE_ORDER), "total")
            rows = [
                (r.form_key, r.section_title, *(r.count(g) for g in GRADE_ORDER), r.total)
                for r in reporting.grades(period, slc)
            ]
    finally:
        store.close()
    write_rows(out, args.format, headers, rows)
    return 0


def write_rows(
    out: TextIO, fmt: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> None:
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return
    text = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in text]) for i, h in enumerate(headers)]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    for row in text:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write(_t("{count} rows\n").format(count=len(rows)))


def _import_audits(store_path: Path, file: Path, create_missing: bool, out: TextIO) -> int:
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.imports.historic_audits import HistoricImport, ImportRefused
    from qa_desktop.store.engine import open_store

    if not file.exists():
        raise UserError("{path}: no such file.", path=str(file))
    store = open_store(store_path)
    try:
        importer = HistoricImport(store, system_clock)
        try:
            result = importer.import_file(file, create_missing=create_missing)
        except ImportRefused as refused:
            for problem in refused.problems:
                sys.stderr.write(problem.line() + "\n")
            raise
    finally:
        store.close()
    out.write(
        _t(
            "Imported {audits} audits from {path} ({created} teams, cases or people created) "
            "in {seconds:.1f} s.\n"
        ).format(audits=result.audits, path=file, created=result.created, seconds=result.seconds)
    )
    return 0
