"""Alembic migrations of the central PostgreSQL schema (``qa_central``)."""
