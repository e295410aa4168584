"""The command-line bodies for the central database: ``central init``, ``central add-user``,
``central load`` and ``sync``.

Passwords are never taken from the command line and never echoed: they come from the system
keyring, or are asked for on the terminal (with getpass) when the server wants one.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from qa_desktop.i18n import tr
from qa_desktop.services.clock import system_clock
from qa_desktop.services.credentials import Credentials, Kept
from qa_desktop.services.sync import SyncService, account_of
from qa_desktop.store.engine import open_store
from qa_desktop.sync.central_admin import ROLES, add_user, init_central, load_store
from qa_desktop.sync.connection import CentralAddress, LoginRefused, password_in

T = TypeVar("T")


def _t(text: str) -> str:
    return tr("cli", text)


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
        choices=ROLES,
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
    if args.command == "sync":
        return _sync(args.store, args.central, out)
    address = CentralAddress.parse(args.url)
    if args.central_command == "init":
        _with_password(args.url, lambda pw: init_central(address, pw))
        print(_t("The central database {db} is ready.").format(db=address.database), file=out)
        return 0
    if args.central_command == "add-user":
        login_password = None if args.no_password else _new_password(args.login)
        _with_password(
            args.url,
            lambda pw: add_user(
                address,
                pw,
                login=args.login,
                login_password=login_password,
                person_id=args.person,
                roles=args.role,
            ),
        )
        print(
            _t("The login {login} can now sync ({roles}).").format(
                login=args.login, roles=", ".join(args.role)
            ),
            file=out,
        )
        return 0
    store = open_store(args.store)
    try:
        count = _with_password(args.url, lambda pw: load_store(address, pw, store))
    finally:
        store.close()
    print(
        _t("Loaded {count} records into {db}.").format(count=count, db=address.database), file=out
    )
    return 0


def _sync(path: Path, url: str, out: TextIO) -> int:
    store = open_store(path)
    credentials = Credentials()
    service = SyncService(store, system_clock, credentials)
    try:
        outcome = _with_password(
            url, lambda pw: service.sync_now(url, pw), credentials=credentials, remember=True
        )
    finally:
        store.close()
    r = outcome.report
    print(
        _t(
            "Pushed {pushed} changes ({accepted} accepted, {conflicts} kept as conflicts, "
            "{refused} refused); pulled {pulled} ({applied} applied, {received} conflicts). "
            "Waiting: {waiting}. Open conflicts: {open}."
        ).format(
            pushed=r.pushed,
            accepted=r.accepted,
            conflicts=r.conflicts_made,
            refused=r.refused,
            pulled=r.pulled,
            applied=r.applied,
            received=r.conflicts_received,
            waiting=outcome.status.waiting,
            open=outcome.status.conflicts,
        ),
        file=out,
    )
    return 0


def _with_password(
    url: str,
    action: Callable[[str | None], T],
    *,
    credentials: Credentials | None = None,
    remember: bool = False,
) -> T:
    """Run ``action`` with the known password; if the server wants one and there is a
    terminal, ask for it (without echo) and try once more."""
    credentials = credentials or Credentials()
    account = account_of(url)
    known = password_in(url) or credentials.get(account)
    try:
        return action(known)
    except LoginRefused:
        if not sys.stdin.isatty():
            raise
    typed = getpass.getpass(_t("Password for {account}: ").format(account=account))
    result = action(typed)
    if remember and credentials.save(account, typed) is Kept.MEMORY:
        print(_t("No system keyring here: the password was not stored."), file=sys.stderr)
    return result


def _new_password(login: str) -> str | None:
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\n")
        return line or None
    first = getpass.getpass(_t("New password for {login}: ").format(login=login))
    again = getpass.getpass(_t("The same password again: "))
    if first != again:
        from qa_desktop.sync.connection import CentralError

        raise CentralError("The two passwords differ; nothing was changed.")
    return first or None
