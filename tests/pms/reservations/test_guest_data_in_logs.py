"""A write the database refuses must not put the guest's details into logs or error text.

SQLAlchemy appends a statement's parameters to its errors; the API logs unexpected errors with
their traceback, so without `hide_parameters` a refused INSERT writes the guest's name, email
and phone into the server log.
"""

import logging
from types import SimpleNamespace

import pytest
from sqlalchemy.exc import IntegrityError

from pms.reservations.repository import find_or_add_guest

NAME = "Secretia Privatova"
EMAIL = "secretia.privatova@example.com"
PHONE = "+44 20 7946 0958"


def test_a_refused_write_logs_no_guest_details(db, caplog):
    caplog.set_level(logging.DEBUG)
    nowhere = SimpleNamespace(id=987_654)  # no such hotel: the foreign key refuses the guest
    with pytest.raises(IntegrityError) as raised, db.unit_of_work() as session:
        find_or_add_guest(session, nowhere, NAME, EMAIL, PHONE)
    # What the API's handler for unexpected errors does with it.
    logging.getLogger("concierge.api").error("unexpected error", exc_info=raised.value)

    assert "guests" in str(raised.value)  # the statement is still named, for whoever debugs
    assert "unexpected error" in caplog.text
    for detail in (NAME, EMAIL, PHONE):
        assert detail not in str(raised.value)
        assert detail not in caplog.text
