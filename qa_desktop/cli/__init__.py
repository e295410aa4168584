"""The command line: ``qa-desktop`` opens the application; sub-commands run headless jobs.

Each feature's commands live in a module of their own (parser and jobs): :mod:`.store` (demo,
restore, forms check), :mod:`.audits` (list, export), :mod:`.programme` (import, plan),
:mod:`.reports` (report), :mod:`.central` (central, sync), :mod:`.join` (join) and
:mod:`.key` (key recover). Opening the application, the
everyday case, parses only the application's options (:func:`.common.app_parser`) and loads
none of them.

Exit codes: 0 done; 1 the job failed with a message (bad input, damaged store...); 2 the
command was written wrongly; 141 its output was closed by the reader (``| head``), quietly. No traceback ever reaches the terminal: details go to the log.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, TextIO, cast

from qa_desktop.cli.common import Parser, SubParsers, app_parser, ask_key_at_terminal, t
from qa_desktop.errors import UserError
from qa_desktop.i18n import error_text
from qa_desktop.logs import log_file, setup_logging
from qa_desktop.paths import default_store_path, demo_store_path
from qa_desktop.store import keys

log = logging.getLogger(__name__)
PIPE_CLOSED = 141  # 128 + SIGPIPE, as a Unix command whose reader closed the pipe

# The feature modules, in the order ``--help`` lists their commands.
FEATURES = ("store", "key", "audits", "reports", "programme", "central", "join")


class _Feature(Protocol):
    COMMANDS: tuple[str, ...]

    def add_commands(self, commands: SubParsers) -> None: ...

    def run(self, args: argparse.Namespace, out: TextIO) -> int: ...


def _feature(name: str) -> _Feature:
    """A feature module, imported when its commands are first needed."""
    return cast(_Feature, importlib.import_module(f"qa_desktop.cli.{name}"))


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the application's options and every command."""
    parser = app_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in FEATURES:
        _feature(name).add_commands(commands)
    return parser


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line. Opening the app (no command, the everyday case) is parsed
    without building the dozens of command parsers: that alone costs a start 15 ms."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not {"-h", "--help"} & set(arguments):
        args, rest = app_parser().parse_known_args(arguments)
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(arguments)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.command is not None:
        setup_logging()  # the app sets its log up as it opens the store (app.py)
        keys.asker = ask_key_at_terminal  # the app asks in its window instead
    try:
        return _run(args)
    except UserError as exc:
        log.info("command failed: %s", exc.template)
        print(f"qa-desktop: {error_text(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _pipe_closed()
    except Exception:
        setup_logging()
        log.exception("unexpected error in command %s", args.command)
        print(
            "qa-desktop: "
            + t(
                "something went wrong that QA Desktop did not expect. Nothing saved has been "
                "lost. Details are in the log: {log}"
            ).format(log=log_file()),
            file=sys.stderr,
        )
        return 1


def _pipe_closed() -> int:
    """The reader went away (``qa-desktop list audits ... | head``): end quietly, with the
    code a Unix command ends with when its pipe closes (128 + SIGPIPE), and nothing more
    written where nobody reads (Python would say so at exit when it flushes)."""
    log.info("command output closed by its reader")
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout is no file (a test capturing it): nothing left to flush there
    return PIPE_CLOSED


def _run(args: argparse.Namespace) -> int:
    if args.command is None:
        return _open_app(args)
    for name in FEATURES:
        feature = _feature(name)
        if args.command in feature.COMMANDS:
            return feature.run(args, sys.stdout)
    raise AssertionError(f"no feature runs the command {args.command}")


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
        print(t("Building the demo county in {path} ...").format(path=path), file=sys.stderr)
        from qa_desktop.cli.store import demo
        from qa_desktop.demo import DEMO_AUDITS, DEMO_SEED

        keys.asker = ask_key_at_terminal  # no keyring: the passphrase is chosen here, once
        try:
            demo(path, DEMO_AUDITS, DEMO_SEED, sys.stderr)
        finally:
            keys.asker = None  # the window asks from here on (a key typed is held in memory)
    from qa_desktop.app import run_app

    return run_app(path, smoke_test=args.smoke_test)
