"""``qa-desktop central ...`` and ``qa-desktop sync``: the parsers. The jobs themselves live in
:mod:`qa_desktop.cli.central_jobs`, imported only when one runs, so that starting the
application does not load the PostgreSQL driver and Alembic."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from qa_desktop.cli.common import SubParsers
from qa_desktop.cli.common import t as _t
from qa_desktop.sync.central.roles import FORMER_NAMES, ROLES

COMMANDS = ("central", "sync")


def add_commands(commands: SubParsers) -> None:
    central = commands.add_parser("central", help=_t("set up the central database"))
    central_commands = central.add_subparsers(dest="central_command", metavar="COMMAND")
    central_commands.required = True
    init = central_commands.add_parser(
        "init", help=_t("create the central schema, or bring it up to date")
    )
    init.add_argument("--url", required=True, help=_t("postgresql+psycopg://user@host:port/db"))
    user = central_commands.add_parser(
        "add-user", help=_t("create a person's database login and role")
    )
    user.add_argument("--url", required=True, help=_t("the central database (an administrator)"))
    user.add_argument("--login", required=True, help=_t("the person's database login"))
    user.add_argument("--person", required=True, help=_t("the person's id in QA Desktop"))
    user.add_argument(
        "--role",
        action="append",
        required=True,
        choices=[*ROLES, *FORMER_NAMES],
        help=_t("what they do (repeat for several)"),
    )
    user.add_argument(
        "--no-password",
        action="store_true",
        help=_t("make the login without a password (certificate or local trust only)"),
    )
    load = central_commands.add_parser(
        "load", help=_t("load the records of a store into a new central database")
    )
    load.add_argument("--url", required=True, help=_t("the central database (an administrator)"))
    load.add_argument("--store", type=Path, required=True, help=_t("the store to load"))

    sync = commands.add_parser("sync", help=_t("sync a store with the central database once"))
    sync.add_argument("--store", type=Path, required=True, help=_t("the store file"))
    sync.add_argument("--central", required=True, help=_t("postgresql+psycopg://user@host:port/db"))


def run(args: argparse.Namespace, out: TextIO) -> int:
    from qa_desktop.cli.central_jobs import run as run_job

    return run_job(args, out)
