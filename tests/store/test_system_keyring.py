"""The keyring backend is chosen as keyring would choose it, without loading the backends of
other platforms, and a backend already set (the tests' in-memory one) is left alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from qa_desktop.store.system_keyring import system_keyring

# Run in a fresh interpreter: which backend modules are imported is process-wide. It prints
# our choice, keyring's own (detected afterwards, from scratch) and the modules loaded.
PROBE = """
import json, sys
from qa_desktop.store.system_keyring import system_keyring
ours = type(system_keyring())
loaded = sorted(m for m in sys.modules if m.startswith("keyring.backends."))
import keyring.core
keyring.core._keyring_backend = None
keyring.core.init_backend()
theirs = keyring.get_keyring()
chained = getattr(theirs, "backends", None)
theirs = type(chained[0] if chained else theirs)
print(json.dumps({"ours": ours.__module__ + "." + ours.__name__,
                  "theirs": theirs.__module__ + "." + theirs.__name__, "loaded": loaded}))
"""

THIRD_PARTY = """
from keyring.backend import KeyringBackend

class PlainKeyring(KeyringBackend):
    priority = 3

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        pass

    def delete_password(self, service, username):
        pass
"""


def _probe(tmp_path: Path, extra_path: Path | None = None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no keyringrc.cfg there
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # never the developer's own keyring
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(extra_path or ""), root) if p)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_a_backend_already_set_is_kept(memory_keyring: object) -> None:
    assert system_keyring() is memory_keyring


def test_the_choice_is_keyrings_own_without_other_platforms_backends(tmp_path: Path) -> None:
    found = _probe(tmp_path)
    assert found["ours"] == found["theirs"]
    loaded = found["loaded"]
    assert isinstance(loaded, list)
    if sys.platform != "darwin":  # the macOS backend runs ldconfig and gcc to look for Apple's
        assert "keyring.backends.macOS" not in loaded  # library when it is imported
    assert "keyring.backends.chainer" not in loaded


def test_an_installed_third_party_backend_is_chosen_as_keyring_would(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "plain_keyring-1.0.dist-info").mkdir(parents=True)
    (site / "plain_keyring.py").write_text(THIRD_PARTY, encoding="utf-8")
    info = site / "plain_keyring-1.0.dist-info"
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: plain-keyring\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[keyring.backends]\nplain = plain_keyring\n")
    found = _probe(tmp_path, site)
    assert found["ours"] == "plain_keyring.PlainKeyring"
    assert found["theirs"] == "plain_keyring.PlainKeyring"
