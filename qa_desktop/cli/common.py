"""What every command shares: the parser class, the translated text, the application's own
options (parsed on their own at every start, so this module imports nothing heavy) and the
table or CSV output."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, TypeAlias

from qa_desktop import APP_NAME, __version__
from qa_desktop.i18n import tr

if TYPE_CHECKING:
    from qa_desktop.domain.report_tables import Cell

# Every command's sub-commands are parsed by Parser (parser_class=Parser throughout).
SubParsers: TypeAlias = "argparse._SubParsersAction[Parser]"


def t(text: str) -> str:
    """``text`` translated in the command line's context."""
    return tr("cli", text)


class Parser(argparse.ArgumentParser):
    """argparse, with its usage errors as one clear line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {t('error')}: {message}\n")


def app_parser() -> argparse.ArgumentParser:
    """The options of opening the application (no command)."""
    parser = Parser(
        prog="qa-desktop",
        description=t(
            "QA Desktop: case-file quality assurance for children's social care. "
            "With no command, opens the application."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--store", type=Path, help=t("the store file to open"))
    parser.add_argument(
        "--demo",
        action="store_true",
        help=t("open the demo county store, building it first if it does not exist"),
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help=t("check an installation: open the window without questions, then quit"),
    )
    return parser


def write_rows(
    out: TextIO,
    fmt: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    count_line: str | None = None,
) -> None:
    """``rows`` as CSV (``fmt`` "csv") or as an aligned table ending with ``count_line``
    (a translated template with ``{count}``; default "N rows")."""
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
    out.write((count_line or t("{count} rows\n")).format(count=len(rows)))


def ask_key_at_terminal(new: bool) -> str | None:
    """How the command line asks for the stores' key where no keyring holds it: typed at the
    terminal without echo (``new``: a passphrase chosen for a new store, typed twice). None
    where there is no terminal, so scripts get the message naming QA_DESKTOP_STORE_KEY."""
    if not sys.stdin.isatty():
        return None
    import getpass

    from qa_desktop.errors import UserError

    if not new:
        return getpass.getpass(t("The recovery key or passphrase of your stores: ")) or None
    first = getpass.getpass(
        t("There is no system keyring here. Choose a passphrase for your stores: ")
    )
    if getpass.getpass(t("The same passphrase again: ")) != first:
        raise UserError("The two passphrases are not the same; nothing was made.")
    return first or None
