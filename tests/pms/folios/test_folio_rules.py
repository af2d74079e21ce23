from decimal import Decimal

import pytest
from sqlalchemy import select

from pms.errors import Conflict, Invalid, NotFound, NotPermitted, PolicyViolation
from pms.folios.schemas import ChargeRequest, FolioRef, PaymentRequest, RefundRequest, VoidRequest
from pms.folios.service import get_folio, post_charge, record_payment, refund_payment, void_charge
from pms.models import Hotel
from tests.support import principal

DESK = principal("front_desk", "ana.silva")
MANAGER = principal("manager", "grace.kim")


def folio(s, code, actor=DESK):
    return get_folio(s, actor, FolioRef(confirmation_code=code))


def test_story_folio_reads_as_the_demo_says(db):
    with db.unit_of_work() as s:
        carter = folio(s, "HV1001")
    assert [(ln.line, ln.kind, ln.category, ln.amount) for ln in carter.lines] == [
        (1, "charge", "room", "240.00"),
        (2, "charge", "room", "240.00"),
        (3, "charge", "food_beverage", "38.50"),
    ]
    assert carter.balance == "518.50" and carter.currency == "USD"


def test_charge_gets_the_next_line_number_and_moves_the_balance(db):
    with db.unit_of_work() as s:
        change = post_charge(
            s,
            DESK,
            ChargeRequest(
                confirmation_code="HV1001",
                amount=Decimal("12.5"),
                category="minibar",
                description="Two sodas",
            ),
        )
    assert change.line.line == 4 and change.line.amount == "12.50"
    assert change.folio.balance == "531.00"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "greater than zero"),
        ("-5", "greater than zero"),
        ("20000.01", "at most 20000.00"),
        ("1.005", "two decimals"),
    ],
)
def test_amount_limits(db, amount, message):
    with db.unit_of_work() as s, pytest.raises(Invalid, match=message):
        post_charge(
            s,
            DESK,
            ChargeRequest(
                confirmation_code="HV1001", amount=Decimal(amount), category="misc", description="x"
            ),
        )


def test_unknown_category_lists_the_allowed_ones(db):
    with db.unit_of_work() as s, pytest.raises(Invalid, match="minibar, spa"):
        post_charge(
            s,
            DESK,
            ChargeRequest(
                confirmation_code="HV1001", amount=Decimal(5), category="casino", description="x"
            ),
        )


def test_no_charges_on_closed_stays(db):
    with db.unit_of_work() as s, pytest.raises(Conflict, match="cancelled"):
        post_charge(
            s,
            DESK,
            ChargeRequest(
                confirmation_code="HV1008", amount=Decimal(5), category="misc", description="x"
            ),
        )


def test_payment_may_not_exceed_the_balance_after_arrival(db):
    with db.unit_of_work() as s:
        with pytest.raises(PolicyViolation, match="exceeds the balance of \\$470.00"):
            record_payment(
                s,
                DESK,
                PaymentRequest(confirmation_code="HV1004", amount=Decimal("470.01"), method="card"),
            )
        paid = record_payment(
            s, DESK, PaymentRequest(confirmation_code="HV1004", amount=Decimal(470), method="cash")
        )
        with pytest.raises(PolicyViolation, match="balance of \\$0.00"):
            record_payment(
                s,
                DESK,
                PaymentRequest(confirmation_code="HV1007", amount=Decimal(1), method="card"),
            )
    assert paid.folio.balance == "0.00" and paid.line.method == "cash"


def test_a_deposit_before_arrival_may_exceed_the_balance(db):
    with db.unit_of_work() as s:
        deposit = record_payment(
            s,
            DESK,
            PaymentRequest(
                confirmation_code="HV1005",
                amount=Decimal(100),
                method="bank_transfer",
                reference="TX-1",
            ),
        )
    assert deposit.folio.balance == "-100.00"


def test_unknown_payment_method_is_refused(db):
    with db.unit_of_work() as s, pytest.raises(Invalid, match="card, cash, bank_transfer"):
        record_payment(
            s, DESK, PaymentRequest(confirmation_code="HV1005", amount=Decimal(1), method="cheque")
        )


def test_refunds_are_capped_by_what_was_paid(db):
    with db.unit_of_work() as s:
        with pytest.raises(PolicyViolation, match="at most \\$1,000.00"):
            refund_payment(
                s,
                MANAGER,
                RefundRequest(confirmation_code="HV1004", amount=Decimal("1000.01"), reason="x"),
            )
        first = refund_payment(
            s,
            MANAGER,
            RefundRequest(confirmation_code="HV1004", amount=Decimal(600), reason="spa closed"),
        )
        with pytest.raises(PolicyViolation, match="at most \\$400.00"):
            refund_payment(
                s,
                MANAGER,
                RefundRequest(confirmation_code="HV1004", amount=Decimal(401), reason="x"),
            )
        with pytest.raises(PolicyViolation, match="at most \\$0.00"):
            refund_payment(
                s, MANAGER, RefundRequest(confirmation_code="HV1005", amount=Decimal(1), reason="x")
            )
    assert first.folio.balance == "1070.00" and first.folio.refunds == "600.00"


def test_front_desk_may_not_refund_or_void(db):
    with db.unit_of_work() as s:
        with pytest.raises(NotPermitted, match="manager, admin"):
            refund_payment(
                s, DESK, RefundRequest(confirmation_code="HV1004", amount=Decimal(1), reason="x")
            )
        with pytest.raises(NotPermitted):
            void_charge(s, DESK, VoidRequest(confirmation_code="HV1001", line=3, reason="x"))


def test_void_cancels_a_charge_once(db):
    with db.unit_of_work() as s:
        voided = void_charge(
            s, MANAGER, VoidRequest(confirmation_code="HV1001", line=3, reason="complaint")
        )
        with pytest.raises(Conflict, match="already voided"):
            void_charge(s, MANAGER, VoidRequest(confirmation_code="HV1001", line=3, reason="again"))
        with pytest.raises(Invalid, match="only charges"):
            void_charge(s, MANAGER, VoidRequest(confirmation_code="HV1004", line=8, reason="x"))
        with pytest.raises(NotFound, match="no line 9"):
            void_charge(s, MANAGER, VoidRequest(confirmation_code="HV1001", line=9, reason="x"))
    assert voided.folio.balance == "480.00" and voided.line.voids_line == 3
    assert [ln.voided for ln in voided.folio.lines] == [False, False, True, False]


def test_guest_reads_only_their_own_folio(db):
    with db.unit_of_work() as s:
        with pytest.raises(NotPermitted):
            folio(s, "HV1001", principal("guest", reservations=["HV1004"]))
        assert folio(s, "HV1004", principal("guest", reservations=["HV1004"])).balance == "470.00"


def test_another_hotels_folio_is_not_found(db):
    with db.unit_of_work() as s, pytest.raises(NotFound):
        folio(s, "HV1001", principal("manager", "hans.weber", hotel="alpine-lodge"))


def test_amounts_in_refusals_are_in_the_hotels_currency(db):
    with db.unit_of_work() as s:
        s.scalars(select(Hotel).where(Hotel.slug == "harbor-view")).one().currency = "CHF"
        with pytest.raises(PolicyViolation) as too_much:
            record_payment(
                s, DESK, PaymentRequest(confirmation_code="HV1001", amount="600", method="card")
            )
        with pytest.raises(PolicyViolation) as over_refund:
            refund_payment(
                s, MANAGER, RefundRequest(confirmation_code="HV1004", amount="1001", reason="x")
            )
    assert "payment of CHF 600.00 exceeds the balance of CHF 518.50" in too_much.value.message
    assert "at most CHF 1,000.00 can be refunded" in over_refund.value.message
