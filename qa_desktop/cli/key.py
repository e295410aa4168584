"""``qa-desktop key recover``: the way back when the keyring that held the store key is lost
(a new profile, a rebuilt laptop). The recovery key shown at set-up is asked for without
echo, tried on the store, and only once it opens the store put back in the keyring, so a
mistyped key is never written over a good one."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TextIO

from qa_desktop.cli.common import Parser, SubParsers, t

COMMANDS = ("key",)


def add_commands(commands: SubParsers) -> None:
    key = commands.add_parser("key", help=t("the key that unlocks the stores on this computer"))
    actions = key.add_subparsers(dest="key_command", metavar="ACTION", parser_class=Parser)
    actions.required = True
    recover = actions.add_parser(
        "recover", help=t("put the store key back from its recovery key (asked without echo)")
    )
    recover.add_argument(
        "--store", type=Path, help=t("a store the key must open (default: your store)")
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    from qa_desktop.errors import StoreError
    from qa_desktop.paths import default_store_path
    from qa_desktop.store import keys
    from qa_desktop.store.engine import open_store

    path: Path = (args.store or default_store_path()).expanduser()
    if not path.exists():
        raise StoreError("There is no store at {path} to try the key on.", path=str(path))
    typed = _ask()
    if not typed:
        raise StoreError("No recovery key was given; nothing was changed.")
    key = keys.StoreKey.from_text(typed)
    keys.hold(key)
    try:
        open_store(path).close()
    except keys.WrongKey:
        raise StoreError(
            "That key does not open {path}; the keyring was not changed. Check the recovery "
            "key (16 groups of four characters) and try again.",
            path=str(path),
        ) from None
    finally:
        keys.forget_held()
    if keys.save_in_keyring(key):
        print(
            t("The key opens {path} and is back in this computer's keyring.").format(path=path),
            file=out,
        )
    else:
        keys.forget_held()  # held by save_in_keyring for an app; this command ends here
        print(
            t(
                "The key opens {path}, but this computer has no keyring to keep it in: give it "
                "at each start, or in {variable} for scripts."
            ).format(path=path, variable=keys.ENV_KEY),
            file=out,
        )
    return 0


def _ask() -> str | None:
    """On a terminal without echo; in a script, one line from standard input."""
    if sys.stdin is None:
        return None
    if sys.stdin.isatty():
        return getpass.getpass(t("Recovery key: "))
    try:
        return sys.stdin.readline().strip() or None
    except OSError:
        return None
