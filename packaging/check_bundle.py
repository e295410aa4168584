"""Checks a built bundle: it holds the forms, resources and fonts, the licence text of every
distribution it ships (the LGPL parts and Python among them), and it starts on the demo
store and shows its main window with no display (Qt offscreen) and no Python installed
around it. CI runs it after ``sh packaging/build.sh``:

    python packaging/check_bundle.py dist/qa-desktop

Exit code 0: the bundle is good; 1: something is missing or it did not start (said why).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_contents import LICENCES_FOLDER, NAME, REQUIRED_GLOBS, REQUIRED_LICENCES

SHOWN = "qa-desktop: main window shown"


def data_root(bundle: Path) -> Path:
    """Where PyInstaller (6 and later) puts the data files of a one-folder bundle."""
    inner = bundle / "_internal"
    return inner if inner.is_dir() else bundle


def missing_parts(bundle: Path) -> list[str]:
    """The required files (as glob patterns) that the bundle does not hold."""
    root = data_root(bundle)
    return [pattern for pattern in REQUIRED_GLOBS if not any(root.glob(pattern))]


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def missing_licences(bundle: Path) -> list[str]:
    """What the bundle's licences folder lacks: an index, a readable text for each entry in
    it, or an entry for each of the distributions that must always be there."""
    folder = data_root(bundle) / LICENCES_FOLDER
    try:
        entries = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [f"{LICENCES_FOLDER}/index.json"]
    missing = [
        f"{LICENCES_FOLDER}/{entry['file']} ({entry['name']})"
        for entry in entries
        if not (folder / entry["file"]).is_file()
        or not (folder / entry["file"]).read_text(encoding="utf-8").strip()
    ]
    listed = {_normalise(entry["name"]) for entry in entries}
    missing += [
        f"the licence of {name}" for name in REQUIRED_LICENCES if _normalise(name) not in listed
    ]
    return missing


def executable(bundle: Path) -> Path:
    return bundle / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def smoke_test(bundle: Path, timeout: float = 300) -> tuple[bool, str]:
    """Start the bundle offscreen on a new demo store in a throwaway home folder."""
    with tempfile.TemporaryDirectory(prefix="qa-desktop-smoke-") as home:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTHON", "VIRTUAL_ENV"))  # nothing from a Python install
        }
        env.update(QT_QPA_PLATFORM="offscreen", QA_DESKTOP_HOME=home)
        result = subprocess.run(
            [str(executable(bundle)), "--demo", "--smoke-test"],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=home,
        )
    output = (result.stdout + result.stderr).strip()
    return result.returncode == 0 and SHOWN in result.stdout, output


def main(argv: list[str]) -> int:
    bundle = (Path(argv[0]) if argv else Path("dist") / NAME).resolve()
    if not executable(bundle).exists():
        print(f"no bundle at {bundle} (build it with: sh packaging/build.sh)", file=sys.stderr)
        return 1
    missing = missing_parts(bundle) + missing_licences(bundle)
    if missing:
        print(f"the bundle lacks: {', '.join(missing)}", file=sys.stderr)
        return 1
    ok, output = smoke_test(bundle)
    print(output)
    print("bundle OK" if ok else "the bundle did not show its main window", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
