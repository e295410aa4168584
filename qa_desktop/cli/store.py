"""``qa-desktop demo``, ``qa-desktop restore`` and ``qa-desktop forms check``: making a store,
putting a backup back, and checking form files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from qa_desktop.cli.common import Parser, SubParsers, t
from qa_desktop.errors import UserError
from qa_desktop.i18n import error_text

COMMANDS = ("demo", "forms", "restore")


def add_commands(commands: SubParsers) -> None:
    demo = commands.add_parser("demo", help=t("build a demo store reproducibly"))
    demo.add_argument("--store", type=Path, required=True, help=t("the new store file"))
    demo.add_argument("--audits", type=int, default=600, help=t("how many audits (default 600)"))
    demo.add_argument("--seed", type=int, default=1, help=t("random seed (default 1)"))

    forms = commands.add_parser("forms", help=t("work with form files"))
    forms_commands = forms.add_subparsers(
        dest="forms_command", metavar="ACTION", parser_class=Parser
    )
    forms_commands.required = True
    check = forms_commands.add_parser("check", help=t("validate form files"))
    check.add_argument(
        "paths", nargs="*", type=Path, help=t("form files or folders (default: the shipped forms)")
    )

    restore = commands.add_parser(
        "restore", help=t("put a store's newest backup (or the one named) in its place")
    )
    restore.add_argument("--store", type=Path, required=True, help=t("the store file"))
    restore.add_argument(
        "--backup", type=Path, metavar="FILE", help=t("the backup to restore (default: newest)")
    )
    restore.add_argument(
        "--list", action="store_true", help=t("list the store's backups, restore nothing")
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "demo":
        return demo(args.store, args.audits, args.seed, out)
    if args.command == "forms":
        return forms_check(args.paths, out)
    return restore(args.store, args.backup, args.list, out)


def demo(path: Path, audits: int, seed: int, out: TextIO) -> int:
    from qa_desktop.demo import build_demo_store
    from qa_desktop.services.clock import system_clock

    if path.exists():
        raise UserError(
            "{path} already exists; the demo county is built only into a new store.", path=str(path)
        )
    summary = build_demo_store(path, system_clock, audits=audits, seed=seed)
    out.write(
        t(
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


def forms_check(paths: list[Path], out: TextIO) -> int:
    from qa_desktop.formdefs import FORMS_DIR, check_paths

    targets = paths or [FORMS_DIR]
    missing = [p for p in targets if not p.exists()]
    if missing:
        raise UserError("{path}: no such file or folder.", path=str(missing[0]))
    forms, errors = check_paths(targets)
    for form in forms:
        questions = len(form.questions())
        out.write(
            t(
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
        out.write(t("error   {message}\n").format(message=error_text(error)))
    if errors:
        out.write(t("{count} form file(s) have errors.\n").format(count=len(errors)))
        return 1
    return 0


def restore(store_path: Path, backup_path: Path | None, only_list: bool, out: TextIO) -> int:
    from datetime import datetime

    from qa_desktop.store.backups import backup_folder, backups_of, restore_backup

    backups = backups_of(store_path)
    if only_list:
        for backup in backups:
            print(f"{backup.day.isoformat()}  {backup.path}", file=out)
        if not backups:
            print(t("No backups in {folder}.").format(folder=backup_folder(store_path)), file=out)
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
        t("Restored {store} from {backup}.").format(store=store_path, backup=backup_path), file=out
    )
    if aside is not None:
        print(t("The store it replaced is kept as {aside}.").format(aside=aside), file=out)
    return 0
