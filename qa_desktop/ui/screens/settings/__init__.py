"""Settings: who you are and where your files are; your own settings on this laptop; the
settings the QA team publishes to everyone."""

from qa_desktop.ui.screens.settings.screen import SettingsScreen

__all__ = ["SettingsScreen"]
