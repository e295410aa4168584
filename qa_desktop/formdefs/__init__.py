"""Reads and checks form files (``forms/*.yaml``) into domain form definitions."""

from qa_desktop.formdefs.loader import (
    FORMS_DIR,
    check_paths,
    load_form_file,
    load_form_text,
    shipped_form_files,
)

__all__ = ["FORMS_DIR", "check_paths", "load_form_file", "load_form_text", "shipped_form_files"]
