"""The fonts embedded in every document, and readable stand-ins for characters they lack.

DejaVu Sans (resources/fonts, with its licence) covers Latin, Greek, Cyrillic and most
typographic marks. A character it cannot draw (an emoji, a rare script) would come out as an
empty box; :func:`printable` replaces it with its Unicode name in brackets ("[smiling face]")
so the meaning survives, and drops invisible joiners and variation selectors.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from qa_desktop.resources import resources_dir

REGULAR = "QASans"
BOLD = "QASans-Bold"
ITALIC = "QASans-Oblique"
BOLD_ITALIC = "QASans-BoldOblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
# Kept as they are: line breaks and tabs are handled by the text helpers.
_KEEP = {"\n", "\t"}


@cache
def register_fonts() -> frozenset[int]:
    """Register the embedded fonts once; return the code points all four faces can draw."""
    # Binary streams rather than ASCII85: a third smaller, and reportlab's pure-Python ASCII85
    # encoder was most of the time a document took to build.
    rl_config.useA85 = 0
    folder = resources_dir() / "fonts"
    covered: frozenset[int] | None = None
    for name, file in _FILES.items():
        font = TTFont(name, str(folder / file))
        pdfmetrics.registerFont(font)
        # Only the Basic Multilingual Plane: reportlab's subsets map characters beyond it
        # (emoji) to the wrong text for readers. Format characters (joiners, marks of
        # direction) and variation selectors are never drawn. Nor are right-to-left letters
        # (Hebrew, Arabic): reportlab would draw them left to right and unjoined.
        points = frozenset(
            p
            for p in font.face.charToGlyph
            if p <= 0xFFFF
            and not 0xFE00 <= p <= 0xFE0F
            and unicodedata.category(chr(p)) != "Cf"
            and unicodedata.bidirectional(chr(p)) not in ("R", "AL")
        )
        covered = points if covered is None else covered & points
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    assert covered is not None
    return covered


def _stand_in(char: str) -> str:
    category = unicodedata.category(char)
    point = ord(char)
    if (
        category in ("Mn", "Me", "Cf", "Cc", "Cs", "Co")
        or 0xE0000 <= point <= 0xE01EF  # tags and variation selectors
        or 0x1F3FB <= point <= 0x1F3FF  # skin tones that modify the emoji before them
    ):
        # Joiners, variation selectors, control characters: nothing to read in them.
        return ""
    name = unicodedata.name(char, "")
    return f"[{name.lower()}]" if name else "?"


# Scripts the fonts do not draw, named as a reader would say them; a run of such letters
# becomes one stand-in ("[text in Chinese or Japanese]") rather than a name per character.
_SCRIPTS = {
    "CJK": "Chinese or Japanese",
    "HIRAGANA": "Chinese or Japanese",
    "KATAKANA": "Chinese or Japanese",
    "HANGUL": "Korean",
}


def _script(char: str) -> str | None:
    """The script of a letter (or a mark within a word), from its Unicode name."""
    if not unicodedata.category(char).startswith(("L", "M")):
        return None
    name = unicodedata.name(char, "")
    if not name:
        return None
    first = name.split()[0]
    return _SCRIPTS.get(first, first.capitalize())


def printable(text: str) -> str:
    """``text`` with every character the fonts lack replaced by a readable stand-in: a run of
    letters in a script the fonts cannot draw by the script's name, any other character by its
    Unicode name in brackets; invisible joiners and selectors are dropped."""
    covered = register_fonts()
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if all(ord(c) in covered or c in _KEEP for c in text):
        return text
    out: list[str] = []
    run: str | None = None  # the script of the run of missing letters being read
    spaces = ""  # spaces after such a run: dropped if the run goes on after them
    for char in text:
        script = None if ord(char) in covered or char in _KEEP else _script(char)
        if run is not None and script is None and char == " ":
            spaces += char
            continue
        if script is not None and (script == run or unicodedata.category(char)[0] == "M"):
            spaces = ""
            continue  # more of the same run (or a mark within its word)
        out.append(spaces)
        spaces = ""
        if script is not None:
            out.append(f"[text in {script}]")
            run = script
            continue
        run = None
        out.append(char if ord(char) in covered or char in _KEEP else _stand_in(char))
    out.append(spaces)
    return "".join(out)


def markup(text: str) -> str:
    """Plain text made safe for a reportlab Paragraph: printable, escaped, line breaks kept."""
    safe = escape(printable(text)).replace("\t", "    ")
    return safe.replace("\r\n", "\n").replace("\n", "<br/>")
