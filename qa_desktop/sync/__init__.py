"""Sync with the central database: push the outbox, pull changes, settle conflicts. No Qt."""
