"""The command line: ``qa-desktop`` opens the application; sub-commands run headless jobs.

Exit codes: 0 done; 1 the job failed with a message (bad input, damaged store...); 2 the
command was written wrongly. No traceback ever reaches the terminal: details go to the log.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO, TypeVar

from qa_desktop import APP_NAME, __version__
from qa_desktop.errors import UserError
from qa_desktop.i18n import error_text, tr
from qa_desktop.logs import log_file, setup_logging
from qa_desktop.paths import default_store_path, demo_store_path

log = logging.getLogger(__name__)


P = TypeVar("P", bound=argparse.ArgumentParser)  # the parser class sub-commands use


def _t(text: str) -> str:
    return tr("cli", text)


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors as one clear line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {_t('error')}: {message}\n")


def _app_parser() -> argparse.ArgumentParser:
    """The options of opening the application (no command)."""
    parser = _Parser(
        prog="qa-desktop",
        description=_t(
            "QA Desktop: case-file quality assurance for children's social care. "
            "With no command, opens the application."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--store", type=Path, help=_t("the store file to open"))
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_t("open the demo county store, building it first if it does not exist"),
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help=_t("check an installation: open the window without questions, then quit"),
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the application's options and every command."""
    parser = _app_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help=_t("build a demo store reproducibly"))
    demo.add_argument("--store", type=Path, required=True, help=_t("the new store file"))
    demo.add_argument("--audits", type=int, default=600, help=_t("how many audits (default 600)"))
    demo.add_argument("--seed", type=int, default=1, help=_t("random seed (default 1)"))

    forms = commands.add_parser("forms", help=_t("work with form files"))
    forms_commands = forms.add_subparsers(
        dest="forms_command", metavar="ACTION", parser_class=_Parser
    )
    forms_commands.required = True
    check = forms_commands.add_parser("check", help=_t("validate form files"))
    check.add_argument(
        "paths", nargs="*", type=Path, help=_t("form files or folders (default: the shipped forms)")
    )

    listing = commands.add_parser("list", help=_t("print records from a store"))
    list_commands = listing.add_subparsers(
        dest="list_command", metavar="WHAT", parser_class=_Parser
    )
    list_commands.required = True
    audits = list_commands.add_parser("audits", help=_t("print audits"))
    audits.add_argument("--store", type=Path, required=True, help=_t("the store file"))
    audits.add_argument("--format", choices=("table", "csv"), default="table")

    from qa_desktop.cli import reports as cli_reports  # the report and import commands

    import_commands = cli_reports.add_commands(commands, _Parser)
    _add_programme_commands(commands, import_commands)

    restore = commands.add_parser(
        "restore", help=_t("put a store's newest backup (or the one named) in its place")
    )
    restore.add_argument("--store", type=Path, required=True, help=_t("the store file"))
    restore.add_argument(
        "--backup", type=Path, metavar="FILE", help=_t("the backup to restore (default: newest)")
    )
    restore.add_argument(
        "--list", action="store_true", help=_t("list the store's backups, restore nothing")
    )

    export = commands.add_parser("export", help=_t("write a document as PDF"))
    export_commands = export.add_subparsers(
        dest="export_command", metavar="DOCUMENT", parser_class=_Parser
    )
    export_commands.required = True
    for name, help_text in (
        # No family feedback from here: the command line has no signed-in person to check it
        # for (services/documents.py).
        (
            "audit",
            _t("the audit record, without the family feedback (that is exported from the app)"),
        ),
        ("meeting", _t("the reflective meeting notes of an audit")),
    ):
        document = export_commands.add_parser(name, help=help_text)
        document.add_argument("--store", type=Path, required=True, help=_t("the store file"))
        document.add_argument(
            "--audit", required=True, metavar="REF", help=_t("the audit reference, e.g. QA-7K2M9QF")
        )
        document.add_argument(
            "-o", "--output", type=Path, required=True, metavar="FILE", help=_t("the PDF to write")
        )
    from qa_desktop.cli.central import add_commands  # the central and sync commands

    add_commands(commands)
    return parser


def _add_programme_commands(
    commands: argparse._SubParsersAction[P],
    import_commands: argparse._SubParsersAction[P],
) -> None:
    """``import cases`` and ``plan month`` (the audit programme)."""
    cases = import_commands.add_parser(
        "cases", help=_t("import the open cases from the case-recording system's CSV export")
    )
    cases.add_argument("--store", type=Path, required=True, help=_t("the store file"))
    cases.add_argument(
        "file",
        type=Path,
        help=_t("the CSV file: case_ref, initials, age, legal_status, team, practitioner"),
    )
    planning = commands.add_parser("plan", help=_t("plan the audit programme"))
    plan_commands = planning.add_subparsers(
        dest="plan_command", metavar="WHAT", parser_class=_Parser
    )
    plan_commands.required = True
    month = plan_commands.add_parser(
        "month", help=_t("sample and assign a month's audits; prints the plan as CSV")
    )
    month.add_argument("--store", type=Path, required=True, help=_t("the store file"))
    month.add_argument("--month", required=True, help=_t("the month, YYYY-MM"))
    month.add_argument("--target", type=int, required=True, help=_t("how many audits"))
    month.add_argument("--seed", type=int, required=True, help=_t("random seed"))
    month.add_argument(
        "--exclude-months",
        type=int,
        default=6,
        help=_t("leave out cases audited in this many months before (default 6)"),
    )


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line. Opening the app (no command, the everyday case) is parsed
    without building the dozens of command parsers: that alone costs a start 15 ms."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not {"-h", "--help"} & set(arguments):
        args, rest = _app_parser().parse_known_args(arguments)
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(arguments)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.command is not None:
        setup_logging()  # the app sets its log up as it opens the store (app.py)
    try:
        return _run(args)
    except UserError as exc:
        log.info("command failed: %s", exc.template)
        print(f"qa-desktop: {error_text(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception:
        setup_logging()
        log.exception("unexpected error in command %s", args.command)
        print(
            "qa-desktop: "
            + _t(
                "something went wrong that QA Desktop did not expect. Nothing saved has been "
                "lost. Details are in the log: {log}"
            ).format(log=log_file()),
            file=sys.stderr,
        )
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "demo":
        return _demo(args.store, args.audits, args.seed, sys.stdout)
    if args.command == "forms":
        return _forms_check(args.paths, sys.stdout)
    if args.command == "restore":
        return _restore(args.store, args.backup, args.list, sys.stdout)
    if args.command == "list":
        return _list_audits(args.store, args.format, sys.stdout)
    if args.command == "import" and args.import_command == "cases":
        return _import_cases(args.store, args.file, sys.stdout)
    if args.command in ("report", "import"):
        from qa_desktop.cli import reports as cli_reports

        return cli_reports.run(args, sys.stdout)
    if args.command == "export":
        return _export(args.export_command, args.store, args.audit, args.output, sys.stdout)
    if args.command == "plan":
        return _plan_month(
            args.store, args.month, args.target, args.seed, args.exclude_months, sys.stdout
        )
    if args.command in ("central", "sync"):
        from qa_desktop.cli.central import run

        return run(args, sys.stdout)
    return _open_app(args)


def _demo(path: Path, audits: int, seed: int, out: TextIO) -> int:
    from qa_desktop.demo import build_demo_store
    from qa_desktop.services.clock import system_clock

    if path.exists():
        raise UserError(
            "{path} already exists; the demo county is built only into a new store.", path=str(path)
        )
    summary = build_demo_store(path, system_clock, audits=audits, seed=seed)
    out.write(
        _t(
            "Built the demo county in {path}: {teams} teams, {people} people, {cases} cases, "
            "{audits} audits ({reaudits} re-audits), {meetings} reflective meetings.\n"
        ).format(
            path=path,
            teams=summary.teams,
            people=summary.people,
            cases=summary.cases,
            audits=summary.audits,
            reaudits=summary.reaudits,
            meetings=summary.meetings,
        )
    )
    return 0


def _forms_check(paths: list[Path], out: TextIO) -> int:
    from qa_desktop.formdefs import FORMS_DIR, check_paths

    targets = paths or [FORMS_DIR]
    missing = [p for p in targets if not p.exists()]
    if missing:
        raise UserError("{path}: no such file or folder.", path=str(missing[0]))
    forms, errors = check_paths(targets)
    for form in forms:
        questions = len(form.questions())
        out.write(
            _t(
                "ok      {key} v{version}: {title} ({sections} sections, {questions} questions)\n"
            ).format(
                key=form.key,
                version=form.version,
                title=form.title,
                sections=len(form.sections),
                questions=questions,
            )
        )
    for error in errors:
        out.write(_t("error   {message}\n").format(message=error_text(error)))
    if errors:
        out.write(_t("{count} form file(s) have errors.\n").format(count=len(errors)))
        return 1
    return 0


AUDIT_COLUMNS = (
    "reference",
    "case",
    "team",
    "form",
    "state",
    "grade",
    "moderated_grade",
    "auditor",
    "due_on",
    "completed_on",
    "closed_on",
)


def _list_audits(path: Path, fmt: str, out: TextIO) -> int:
    from qa_desktop.services.audit.listing import AuditService
    from qa_desktop.store.engine import open_store
    from qa_desktop.store.queries.audits import AuditFilter

    store = open_store(path)
    try:
        listing = AuditService(store).list(AuditFilter(limit=10**9))
    finally:
        store.close()
    rows = [
        (
            r.reference,
            f"{r.case_reference} {r.case_initials}",
            r.team,
            f"{r.form_title} v{r.form_version}",
            r.state.label,
            r.overall_grade.label if r.overall_grade else "",
            r.moderated_grade.label if r.moderated_grade else "",
            r.auditor,
            _iso(r.due_on),
            _iso(r.completed_on),
            _iso(r.closed_on),
        )
        for r in listing.rows
    ]
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(AUDIT_COLUMNS)
        writer.writerows(rows)
    else:
        widths = [
            max([len(h)] + [len(str(row[i])) for row in rows]) for i, h in enumerate(AUDIT_COLUMNS)
        ]
        out.write(
            "  ".join(h.ljust(w) for h, w in zip(AUDIT_COLUMNS, widths, strict=True)).rstrip()
            + "\n"
        )
        for row in rows:
            out.write(
                "  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n"
            )
        out.write(_t("{count} audits\n").format(count=len(rows)))
    return 0


def _export(document: str, path: Path, reference: str, output: Path, out: TextIO) -> int:
    from qa_desktop.services.audit.documents import DocumentService
    from qa_desktop.store.engine import open_store

    store = open_store(path)
    try:
        documents = DocumentService(store)
        audit_id = documents.audit_id(reference)
        if document == "meeting":
            written = documents.export_meeting(audit_id, output)
        else:
            written = documents.export_audit(audit_id, output)
    finally:
        store.close()
    out.write(
        _t("Wrote {path} ({size} KB).\n").format(path=written.path, size=written.size // 1024 or 1)
    )
    return 0


def _import_cases(store_path: Path, file: Path, out: TextIO) -> int:
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.imports.cases import CaseImportService
    from qa_desktop.store.engine import open_store

    store = open_store(store_path)
    try:
        summary = CaseImportService(store, system_clock).import_file(file)
    finally:
        store.close()
    out.write(
        _t(
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


def _plan_month(
    store_path: Path, month: str, target: int, seed: int, exclude_months: int, out: TextIO
) -> int:
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.programme.monthly_plan import PlanRequest, ProgrammeService, plan_rows
    from qa_desktop.store.engine import open_store

    store = open_store(store_path)
    try:
        plan = ProgrammeService(store, system_clock).plan(
            PlanRequest(month, target, seed, exclude_months)
        )
    finally:
        store.close()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("case_ref", "team", "service", "auditor", "due_on"))
    writer.writerows(plan_rows(plan))
    return 0


def _restore(store_path: Path, backup_path: Path | None, only_list: bool, out: TextIO) -> int:
    from datetime import datetime

    from qa_desktop.store.backups import backup_folder, backups_of, restore_backup

    backups = backups_of(store_path)
    if only_list:
        for backup in backups:
            print(f"{backup.day.isoformat()}  {backup.path}", file=out)
        if not backups:
            print(_t("No backups in {folder}.").format(folder=backup_folder(store_path)), file=out)
        return 0
    if backup_path is None:
        if not backups:
            raise UserError(
                "There is no backup of {store} in {folder}: QA Desktop makes one a day when it "
                "opens a store.",
                store=str(store_path),
                folder=str(backup_folder(store_path)),
            )
        backup_path = backups[0].path
    aside = restore_backup(store_path, backup_path, datetime.now())
    print(
        _t("Restored {store} from {backup}.").format(store=store_path, backup=backup_path), file=out
    )
    if aside is not None:
        print(_t("The store it replaced is kept as {aside}.").format(aside=aside), file=out)
    return 0


def _iso(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def _display_available() -> bool:
    """Whether Qt can open a window here (without one, Qt would abort the process)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _open_app(args: argparse.Namespace) -> int:
    path: Path = args.store or (demo_store_path() if args.demo else default_store_path())
    if not _display_available():
        raise UserError(
            "QA Desktop needs a desktop session to open its window, and there is none here "
            "(no display). The command-line tools work without one: see 'qa-desktop --help'."
        )
    if args.demo and not path.exists():
        setup_logging()
        print(_t("Building the demo county in {path} ...").format(path=path), file=sys.stderr)
        from qa_desktop.demo import DEMO_AUDITS, DEMO_SEED

        _demo(path, DEMO_AUDITS, DEMO_SEED, sys.stderr)
    from qa_desktop.app import run_app

    return run_app(path, smoke_test=args.smoke_test)
