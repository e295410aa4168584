"""Reading PDFs back in tests: text per page (pypdf and poppler's pdftotext), metadata."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader


def pages_text(pdf: bytes | Path) -> list[str]:
    """The text of each page as poppler's ``pdftotext -layout`` reads it."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    text = result.stdout.decode("utf-8")
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flowing_text(pdf: bytes | Path) -> str:
    """All the body text in the order the document gives it to a reader (pypdf follows the
    content streams), with the page furniture left out and whitespace folded, so that a
    passage broken across lines and pages reads as one."""
    kept: list[str] = []
    for page in reader(pdf).pages:
        lines = page.extract_text().splitlines()
        # Furniture: the marking, the running title and reference at the top; the form
        # version and fingerprint, the page number and the marking at the bottom.
        assert lines[0] == "OFFICIAL-SENSITIVE" and lines[-1] == "OFFICIAL-SENSITIVE", lines
        assert re.fullmatch(r"Page \d+ of \d+", lines[-2]), lines[-2]
        assert "Fingerprint" in lines[-3], lines[-3]
        kept += lines[3:-3]
    return " ".join(" ".join(kept).split())


def reader(pdf: bytes | Path) -> PdfReader:
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return PdfReader(io.BytesIO(data))


def embedded_fonts(pdf: bytes | Path) -> dict[str, bool]:
    """Each font a page uses, and whether its program is embedded in the file."""
    fonts: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).get_object().values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                descriptor = descriptor.get_object()
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


# How every document's first line reads (the kicker above the title, in capitals).
KICKER = "CHILDREN'S SOCIAL CARE · QUALITY ASSURANCE"
