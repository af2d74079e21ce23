"""A name search matches the characters typed: `%` and `_` are not wildcards."""

from pms.reservations.schemas import ReservationSearch
from pms.reservations.service import search
from tests.pms.reservations.helpers import FRONT_DESK, book


def test_percent_and_underscore_are_matched_literally(db):
    with db.unit_of_work() as s:
        everyone = search(s, FRONT_DESK, ReservationSearch()).total
        assert everyone > 2
        assert search(s, FRONT_DESK, ReservationSearch(name="%")).total == 0
        assert search(s, FRONT_DESK, ReservationSearch(name="_")).total == 0
        assert search(s, FRONT_DESK, ReservationSearch(name="c_rter")).total == 0

        made = book(s, guest_name="Ana 100%_Real", guest_email="ana.real@example.com")
        for typed in ("%", "100%", "%_r", "_real"):
            found = search(s, FRONT_DESK, ReservationSearch(name=typed))
            codes = [row.confirmation_code for row in found.reservations]
            assert codes == [made.confirmation_code], typed


def test_a_backslash_in_a_name_is_an_ordinary_character(db):
    with db.unit_of_work() as s:
        made = book(s, guest_name="Zoe Back\\slash", guest_email="zoe@example.com")
        found = search(s, FRONT_DESK, ReservationSearch(name="back\\slash"))
        assert [row.confirmation_code for row in found.reservations] == [made.confirmation_code]
        assert search(s, FRONT_DESK, ReservationSearch(name="k\\s")).total == 1
        assert search(s, FRONT_DESK, ReservationSearch(name="\\")).total == 1
