"""The audit programme from the command line: ``qa-desktop import cases``, ``qa-desktop import
audits`` (historic audits), ``qa-desktop import performance`` (the monthly performance
extract) and ``qa-desktop plan month``. The command line acts as the system
actor, which may do what the QA team does here."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TextIO

from qa_desktop.cli.common import Parser, SubParsers, t
from qa_desktop.errors import UserError

COMMANDS = ("import", "plan")


def add_commands(commands: SubParsers) -> None:
    importing = commands.add_parser("import", help=t("import records into a store"))
    imports = importing.add_subparsers(dest="import_command", metavar="WHAT", parser_class=Parser)
    imports.required = True
    audits = imports.add_parser(
        "audits", help=t("import historic audits from a CSV file (all or nothing)")
    )
    audits.add_argument("--store", type=Path, required=True, help=t("the store file"))
    audits.add_argument("file", type=Path, help=t("the CSV file"))
    audits.add_argument(
        "--create-missing",
        action="store_true",
        help=t("create teams, cases and people the store does not know yet"),
    )
    cases = imports.add_parser(
        "cases", help=t("import the open cases from the case-recording system's CSV export")
    )
    cases.add_argument("--store", type=Path, required=True, help=t("the store file"))
    cases.add_argument(
        "file",
        type=Path,
        help=t("the CSV file: case_ref, initials, age, legal_status, team, practitioner"),
    )
    performance = imports.add_parser(
        "performance",
        help=t("import the monthly performance extract from a CSV file (all or nothing)"),
    )
    performance.add_argument("--store", type=Path, required=True, help=t("the store file"))
    performance.add_argument(
        "file",
        type=Path,
        help=t(
            "the CSV file: team, month, visits_in_timescale, case_summaries_up_to_date, "
            "supervision_in_timescale"
        ),
    )

    planning = commands.add_parser("plan", help=t("plan the audit programme"))
    plan_commands = planning.add_subparsers(
        dest="plan_command", metavar="WHAT", parser_class=Parser
    )
    plan_commands.required = True
    month = plan_commands.add_parser(
        "month", help=t("sample and assign a month's audits; prints the plan as CSV")
    )
    month.add_argument("--store", type=Path, required=True, help=t("the store file"))
    month.add_argument("--month", required=True, help=t("the month, YYYY-MM"))
    month.add_argument("--target", type=int, required=True, help=t("how many audits"))
    month.add_argument("--seed", type=int, required=True, help=t("random seed"))
    month.add_argument(
        "--exclude-months",
        type=int,
        default=6,
        help=t("leave out cases audited in this many months before (default 6)"),
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "plan":
        return plan_month(args.store, args.month, args.target, args.seed, args.exclude_months, out)
    if args.import_command == "cases":
        return import_cases(args.store, args.file, out)
    if args.import_command == "performance":
        return import_performance(args.store, args.file, out)
    return import_audits(args.store, args.file, args.create_missing, out)


def import_cases(store_path: Path, file: Path, out: TextIO) -> int:
    from qa_desktop.services.actors import SYSTEM
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.imports.cases import CaseImportService
    from qa_desktop.store.engine import open_store

    store = open_store(store_path)
    try:
        summary = CaseImportService(store, system_clock).import_file(file, SYSTEM)
    finally:
        store.close()
    out.write(
        t(
            "Imported {listed} cases from {file}: {added} new, {updated} updated, "
            "{unchanged} unchanged; {closed} no longer listed and closed.\n"
        ).format(
            listed=summary.listed,
            file=file,
            added=summary.added,
            updated=summary.updated,
            unchanged=summary.unchanged,
            closed=summary.closed,
        )
    )
    return 0


def import_audits(store_path: Path, file: Path, create_missing: bool, out: TextIO) -> int:
    from qa_desktop.services.actors import SYSTEM
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.imports.historic_audits import HistoricImport, ImportRefused
    from qa_desktop.store.engine import open_store

    if not file.exists():
        raise UserError("{path}: no such file.", path=str(file))
    store = open_store(store_path)
    try:
        importer = HistoricImport(store, system_clock)
        try:
            result = importer.import_file(file, SYSTEM, create_missing=create_missing)
        except ImportRefused as refused:
            for problem in refused.problems:
                sys.stderr.write(problem.line() + "\n")
            raise
    finally:
        store.close()
    out.write(
        t(
            "Imported {audits} audits from {path} ({created} teams, cases or people created) "
            "in {seconds:.1f} s.\n"
        ).format(audits=result.audits, path=file, created=result.created, seconds=result.seconds)
    )
    return 0


def import_performance(store_path: Path, file: Path, out: TextIO) -> int:
    from qa_desktop.services.actors import SYSTEM
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.imports.performance_extract import (
        ExtractRefused,
        PerformanceExtractImport,
    )
    from qa_desktop.store.engine import open_store

    if not file.exists():
        raise UserError("{path}: no such file.", path=str(file))
    store = open_store(store_path)
    try:
        try:
            done = PerformanceExtractImport(store, system_clock).import_file(file, SYSTEM)
        except ExtractRefused as refused:
            for line in refused.lines(t):
                sys.stderr.write(line + "\n")
            raise
    finally:
        store.close()
    out.write(
        t(
            "Imported the performance extract {path}: {team_months} team-months, {figures} "
            "figures; {replaced} team-months imported before were replaced.\n"
        ).format(
            path=file, team_months=done.team_months, figures=done.figures, replaced=done.replaced
        )
    )
    return 0


def plan_month(
    store_path: Path, month: str, target: int, seed: int, exclude_months: int, out: TextIO
) -> int:
    from qa_desktop.services.actors import SYSTEM
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.programme.monthly_plan import PlanRequest, ProgrammeService, plan_rows
    from qa_desktop.store.engine import open_store

    store = open_store(store_path)
    try:
        plan = ProgrammeService(store, system_clock).plan(
            PlanRequest(month, target, seed, exclude_months), SYSTEM
        )
    finally:
        store.close()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("case_ref", "team", "service", "auditor", "due_on"))
    writer.writerows(plan_rows(plan))
    return 0
