"""The Qt for Python build we pin must survive a long working day of signals.

PySide6 6.12.0 on Python 3.11 drops a reference to ``True`` on every ``Signal.emit`` from
Python; after a few hundred emits the interpreter aborts ("bool_dealloc"). The runner emits a
signal per background job, so the application itself would crash. This test runs the emits in
a child process, so a bad build fails the test instead of killing the test run.
"""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Source(QObject):
    fired = Signal(object)
source = Source()
seen = []
source.fired.connect(seen.append)
for number in range(5000):
    source.fired.emit(number)
print(len(seen))
"""


def test_many_signal_emits_do_not_abort_the_interpreter() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "5000"
