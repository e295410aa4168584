"""``qa-desktop list audits`` and ``qa-desktop export audit|meeting``: reading audits from a
store. The command line acts as the system actor: it sees every audit, and its audit record
never carries the family feedback (there is no signed-in person to check it for)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from qa_desktop.cli.common import Parser, SubParsers, t, write_rows

COMMANDS = ("list", "export")

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


def add_commands(commands: SubParsers) -> None:
    listing = commands.add_parser("list", help=t("print records from a store"))
    list_commands = listing.add_subparsers(dest="list_command", metavar="WHAT", parser_class=Parser)
    list_commands.required = True
    audits = list_commands.add_parser("audits", help=t("print audits"))
    audits.add_argument("--store", type=Path, required=True, help=t("the store file"))
    audits.add_argument("--format", choices=("table", "csv"), default="table")

    export = commands.add_parser("export", help=t("write a document as PDF"))
    export_commands = export.add_subparsers(
        dest="export_command", metavar="DOCUMENT", parser_class=Parser
    )
    export_commands.required = True
    for name, help_text in (
        (
            "audit",
            t("the audit record, without the family feedback (that is exported from the app)"),
        ),
        ("meeting", t("the reflective meeting notes of an audit")),
    ):
        document = export_commands.add_parser(name, help=help_text)
        document.add_argument("--store", type=Path, required=True, help=t("the store file"))
        document.add_argument(
            "--audit", required=True, metavar="REF", help=t("the audit reference, e.g. QA-7K2M9QF")
        )
        document.add_argument(
            "-o", "--output", type=Path, required=True, metavar="FILE", help=t("the PDF to write")
        )


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "list":
        return list_audits(args.store, args.format, out)
    return export(args.export_command, args.store, args.audit, args.output, out)


def list_audits(path: Path, fmt: str, out: TextIO) -> int:
    from qa_desktop.services.actors import SYSTEM
    from qa_desktop.services.audit.listing import AuditService
    from qa_desktop.store.engine import open_store
    from qa_desktop.store.queries.audits import AuditFilter

    store = open_store(path)
    try:
        listing = AuditService(store).list(AuditFilter(limit=10**9), SYSTEM)
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
            r.due_on,
            r.completed_on,
            r.closed_on,
        )
        for r in listing.rows
    ]
    write_rows(out, fmt, AUDIT_COLUMNS, rows, t("{count} audits\n"))
    return 0


def export(document: str, path: Path, reference: str, output: Path, out: TextIO) -> int:
    from qa_desktop.services.actors import SYSTEM
    from qa_desktop.services.audit.documents import DocumentService
    from qa_desktop.store.engine import open_store

    store = open_store(path)
    try:
        documents = DocumentService(store)
        audit_id = documents.audit_id(reference)
        if document == "meeting":
            written = documents.export_meeting(audit_id, output, SYSTEM)
        else:
            written = documents.export_audit(audit_id, output, SYSTEM)
    finally:
        store.close()
    out.write(
        t("Wrote {path} ({size} KB).\n").format(path=written.path, size=written.size // 1024 or 1)
    )
    return 0
