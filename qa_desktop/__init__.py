"""QA Desktop: case-file quality assurance for children's social care."""

__version__ = "0.1.0"
APP_NAME = "QA Desktop"
ORG_NAME = "QA Desktop"
