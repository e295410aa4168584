"""A crash right after an answer appears saved loses nothing: a child process saves through the
workspace service, says so, and is killed (SIGKILL); the reopened store has the answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from tests.services.audit.workspace_helpers import an_assignment

ROOT = Path(__file__).resolve().parents[3]


def test_answer_survives_the_editing_process_being_killed(demo_store) -> None:
    a = an_assignment(demo_store)
    path = demo_store.path
    assert path is not None
    demo_store.close()
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.services.audit.crash_child",
            str(path),
            a.audit_id,
            a.auditor.id,
            "Seen at home on 3 November",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "saved", child.stderr.read() if child.stderr else line
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    reopened = open_store(path)
    try:
        with reopened.reader() as session:
            answer = session.scalars(
                select(m.Answer).where(
                    m.Answer.audit_id == a.audit_id, m.Answer.question_id == "A1"
                )
            ).one()
            assert (answer.value, answer.evidence) == ("partly", "Seen at home on 3 November")
            authors = session.scalars(
                select(m.History.actor_id).where(m.History.row_id == answer.id)
            ).all()
            assert set(authors) == {a.auditor.id}
    finally:
        reopened.close()
