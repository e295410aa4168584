"""The jobs behind ``qa-desktop central ...`` and ``qa-desktop sync`` (parsers in cli.central)."""

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
from qa_desktop.services.sync import PasswordNeeded, SyncService, account_of
from qa_desktop.store.engine import open_store
from qa_desktop.sync.central.admin import add_user, init_central, load_store
from qa_desktop.sync.connection import CentralAddress, LoginRefused, password_in

T = TypeVar("T")


def _t(text: str) -> str:
    return tr("cli", text)


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
    except (LoginRefused, PasswordNeeded):  # the sync service says the latter when none is kept
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
