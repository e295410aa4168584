"""The audit programme screen: one tab per part of the programme."""

from qa_desktop.ui.screens.programme.screen import ProgrammeScreen

__all__ = ["ProgrammeScreen"]
