"""The Central server dialog: fields of their own, the kept address split back into them,
each wrong field named (and nothing saved), the address built in plain Python."""

from __future__ import annotations

import pytest

from qa_desktop.domain.roles import Role
from qa_desktop.services.sync import SyncSettings
from qa_desktop.sync.connection import AddressField, CentralAddress, address_from_fields
from qa_desktop.ui.screens.sync.central_server import SyncSettingsDialog
from tests.ui.conftest import open_window_as

KEPT = "postgresql+psycopg://aud1@qa.council.gov.uk:6432/qa?sslmode=require&sslrootcert=/c.pem"


def test_the_address_is_built_from_the_fields_and_read_back_the_same() -> None:
    built = address_from_fields(" qa.council.gov.uk ", "6432", "qa", "aud1", "require", "/c.pem")
    assert built.display() == KEPT
    assert CentralAddress.parse(built.display()) == built
    assert address_from_fields("127.0.0.1", 5432, "qa", "x").tls_mode == "prefer"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        (("", "5432", "qa", "a"), "server", "Server:"),
        (("postgresql://h", "5432", "qa", "a"), "server", "Server:"),
        (("h", "54x", "qa", "a"), "port", "Port:"),
        (("h", "70000", "qa", "a"), "port", "Port:"),
        (("h", "5432", "", "a"), "database", "Database:"),
        (("h", "5432", "q a", "a"), "database", "Database:"),
        (("h", "5432", "qa", ""), "login", "Login name:"),
        (("h", "5432", "qa", "a:secret"), "login", "Login name:"),
    ],
)
def test_each_wrong_field_is_named(fields, field, words) -> None:
    with pytest.raises(AddressField, match=words) as problem:
        address_from_fields(*fields)
    assert problem.value.field == field


def test_the_dialog_splits_the_kept_address_and_refuses_a_bad_port(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    sync = application.services.sync
    dialog = SyncSettingsDialog(sync, application.runner, SyncSettings(KEPT, "aud1"), window)
    qtbot.addWidget(dialog)
    assert (dialog.server.text(), dialog.port.text(), dialog.database.text()) == (
        "qa.council.gov.uk",
        "6432",
        "qa",
    )
    assert (dialog.user.text(), dialog.tls.currentData()) == ("aud1", "require")
    assert dialog.root_certificate.text() == "/c.pem"
    assert dialog.address().display() == KEPT
    dialog.port.setText("sixty")
    dialog.save()
    assert "Port:" in dialog.result_label.text()
    assert dialog.port.text() == "sixty"  # what was typed stays
    assert sync.settings() is None  # and nothing was saved
