"""``qa-desktop join``: make this laptop's store from the central database's answer for a
login (see :mod:`qa_desktop.services.setup.joining`). The password is asked without echo,
never taken from the command line (arguments are visible to every local user)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TextIO

from qa_desktop.cli.common import SubParsers, t

COMMANDS = ("join",)


def add_commands(commands: SubParsers) -> None:
    join = commands.add_parser(
        "join", help=t("set this computer up from your login on the central database")
    )
    join.add_argument(
        "--central",
        required=True,
        help=t("the central database: postgresql+psycopg://host:port/db"),
    )
    join.add_argument("--login", required=True, help=t("your login on the central database"))
    join.add_argument(
        "--store", type=Path, help=t("the new store file (default: your store's usual place)")
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    from qa_desktop.errors import UserError
    from qa_desktop.paths import default_store_path
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.credentials import Credentials, Kept
    from qa_desktop.services.setup.joining import JoinRequest, join_central
    from qa_desktop.sync.connection import LoginRefused, password_in

    if password_in(args.central):
        raise UserError(
            "Leave the password out of the address: the command line is visible to every user "
            "of this computer. QA Desktop asks for it."
        )
    path: Path = (args.store or default_store_path()).expanduser()
    credentials = Credentials()
    request = JoinRequest(args.central, args.login, _password(args.login))
    try:
        joined = join_central(path, request, system_clock, credentials)
    except LoginRefused:
        if request.password is not None or not sys.stdin.isatty():
            raise
        # A login that needs no password was tried first; this one needs it.
        typed = getpass.getpass(t("Password for {login}: ").format(login=args.login))
        request = JoinRequest(args.central, args.login, typed or None)
        joined = join_central(path, request, system_clock, credentials)
    _remember_for_the_app(path)
    print(
        t(
            "Joined as {name} ({roles}): {pulled} records pulled into {path}. Later starts of "
            "qa-desktop open it."
        ).format(
            name=joined.person_name,
            roles=", ".join(joined.roles) or t("no roles"),
            pulled=joined.pulled,
            path=path,
        ),
        file=out,
    )
    if joined.password_kept is Kept.MEMORY:
        print(
            t("No system keyring here: the password was not stored; QA Desktop will ask for it."),
            file=sys.stderr,
        )
    recovery = joined.prepared.recovery_key
    if recovery:
        print(
            t(
                "\nRecovery key (shown this once; keep it where your council keeps such "
                "secrets; it is the way back if this computer's keyring is lost, with "
                "'qa-desktop key recover'):\n\n    {key}\n"
            ).format(key=recovery),
            file=out,
        )
    return 0


def _password(login: str) -> str | None:
    """On a terminal, asked without echo (empty: none, for a login that needs none); in a
    script, one line from standard input (or nothing: libpq's PGPASSWORD or .pgpass)."""
    if sys.stdin is None:
        return None
    if sys.stdin.isatty():
        return (
            getpass.getpass(t("Password for {login} (empty if none): ").format(login=login)) or None
        )
    try:
        return sys.stdin.readline().rstrip("\r\n") or None
    except OSError:
        return None


def _remember_for_the_app(path: Path) -> None:
    """The app's next start opens the joined store, with no welcome."""
    from qa_desktop.ui.settings import STORE_PATH, WELCOME_DONE, AppSettings

    settings = AppSettings()
    settings.set(STORE_PATH, str(path))
    settings.set(WELCOME_DONE, True)
