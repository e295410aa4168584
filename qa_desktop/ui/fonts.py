"""The fonts shipped in resources/fonts: made available to Qt when the system has none, so
that the bundle's text is never invisible on a minimal machine (PDFs embed them anyway)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from qa_desktop.resources import resources_dir

log = logging.getLogger(__name__)
# fontconfig lists these aliases even when it has no font files behind them.
GENERIC_FAMILIES = frozenset({"Monospace", "Sans Serif", "Serif"})


def register_shipped_fonts(*, only_if_none: bool = True) -> list[str]:
    """Add resources/fonts/*.ttf to Qt's fonts; by default only when the system offers none.
    Returns the families added."""
    if only_if_none and set(QFontDatabase.families()) - GENERIC_FAMILIES:
        return []
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load the shipped font %s", path.name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if families:
        log.info("the system has no fonts; using the shipped ones")
    return sorted(set(families))
