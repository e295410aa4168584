"""The workspace's state modules import without Qt (they are tested without a window)."""

from __future__ import annotations

import subprocess
import sys

BLOCK_QT = """
import sys
from importlib.abc import MetaPathFinder

class NoQt(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("Qt is blocked: " + name)
        return None

sys.meta_path.insert(0, NoQt())
import qa_desktop.ui.screens.workspace.edit_buffer
import qa_desktop.ui.screens.workspace.rationale
import qa_desktop.ui.screens.workspace.undo
import qa_desktop.ui.screens.workspace.live_model
import qa_desktop.ui.screens.reporting.figures
assert not any(m == "PySide6" or m.startswith("PySide6.") for m in sys.modules)
print("no Qt")
"""


def test_the_state_modules_import_with_qt_blocked() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_QT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "no Qt"
