"""Dialogs that record one thing (family feedback, an observation) and close."""
