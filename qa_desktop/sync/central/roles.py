"""The roles a central database login can hold (one PostgreSQL role each)."""

ROLES = ("practitioner", "auditor", "moderator", "head_of_service", "manager", "qa_team")
