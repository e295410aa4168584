"""The one way a test reaches the store behind the services.

The application keeps its store private (``Services`` offers services, never the store),
so a test that arranges records first, or reads back what a screen wrote, asks for it here:
``store_of(application.services)``.
"""

from __future__ import annotations

from qa_desktop.services.container import Services
from qa_desktop.store.engine import Store


def store_of(services: Services) -> Store:
    """The open store ``services`` work on."""
    return services._store
