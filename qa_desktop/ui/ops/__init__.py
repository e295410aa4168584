"""Operations: how a screen runs a service call in the background.

Two helpers, in the spirit of Anki's ``CollectionOp`` and ``QueryOp``:

- :func:`write` runs a service method that writes and, once it has succeeded, announces what
  the method declared with ``@writes(...)`` (``qa_desktop.services.changes``). The caller never
  types a flag, so what a screen redraws for is said once, on the method that does the write.
- :func:`read` runs a query and announces nothing.

Both pass ``*args`` and ``**kwargs`` on to the method, call ``on_done(result)`` on the GUI
thread, and send a failure to ``on_error`` if given, else to the one error path. Calling
:func:`write` with a method that declares no change, or :func:`read` with one that does, is a
programmer's mistake and raises ``TypeError`` at once, before anything runs.

A feature that needs more (several calls in one job, a write that must also announce what a
sync brought) has its own module here beside these two.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from qa_desktop.services.changes import Change, changes_of
from qa_desktop.ui.runner import Failed, Runner

R = TypeVar("R")

__all__ = ["read", "write", "write_job"]


def write(
    runner: Runner,
    method: Callable[..., R],
    *args: Any,
    on_done: Callable[[R], None] | None = None,
    on_error: Failed | None = None,
    **kwargs: Any,
) -> None:
    """Run the write ``method(*args, **kwargs)``; announce ``changes_of(method)`` after success."""
    changes = changes_of(method)
    if not changes:
        raise TypeError(f"{_name(method)} declares no change: mark it @writes(...) or use read()")
    runner.submit(lambda: method(*args, **kwargs), on_done, on_error, changes=changes)


def read(
    runner: Runner,
    method: Callable[..., R],
    *args: Any,
    on_done: Callable[[R], None] | None = None,
    on_error: Failed | None = None,
    **kwargs: Any,
) -> None:
    """Run the query ``method(*args, **kwargs)``; announce nothing."""
    if changes_of(method):
        raise TypeError(f"{_name(method)} is a write: run it with write()")
    runner.submit(lambda: method(*args, **kwargs), on_done, on_error)


def write_job(
    runner: Runner,
    work: Callable[[], R],
    writes: tuple[Callable[..., Any], ...],
    *,
    on_done: Callable[[R], None] | None = None,
    on_error: Failed | None = None,
) -> None:
    """Run ``work``, which calls several service methods in one job, and announce after success
    what the writes among them (``writes``, the methods ``work`` may call) declared."""
    changes = Change.NONE
    for method in writes:
        changes |= changes_of(method)
    if not changes:
        raise TypeError("write_job() needs at least one method marked @writes(...)")
    runner.submit(work, on_done, on_error, changes=changes)


def _name(method: Callable[..., Any]) -> str:
    return getattr(method, "__qualname__", repr(method))
