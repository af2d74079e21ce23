"""Folio requests (the tool contract's argument names) and the bill as the guest sees it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from pms.text import NOTE_MAX, Line

# Lengths are the columns' (pms/models); descriptions and reasons are capped (TEXT columns).
Code = Field(max_length=16, description="Confirmation code, e.g. HV1001.")
# Twelve digits are far beyond any folio line; without a bound "1e999999" would parse, and fail
# as an arithmetic error (a 500) where it should be refused.
Amount = Field(max_digits=12, description="Dollars with at most two decimals, e.g. 38.50.")


class _Arguments(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)


class FolioRef(_Arguments):
    confirmation_code: Line = Code


class ChargeRequest(_Arguments):
    confirmation_code: Line = Code
    amount: Decimal = Amount
    category: Line = Field(
        max_length=20,
        description="room, breakfast, food_beverage, minibar, spa, parking, laundry, "
        "cancellation_fee or misc.",
    )
    description: Line = Field(max_length=200, description="What the charge is for.")


class PaymentRequest(_Arguments):
    confirmation_code: Line = Code
    amount: Decimal = Amount
    method: Line = Field(max_length=16, description="card, cash or bank_transfer.")
    reference: Line | None = Field(
        None, max_length=120, description="Card slip or transfer reference."
    )


class RefundRequest(_Arguments):
    confirmation_code: Line = Code
    amount: Decimal = Amount
    reason: Line = Field(max_length=NOTE_MAX, description="Why the money goes back.")


class VoidRequest(_Arguments):
    confirmation_code: Line = Code
    line: int = Field(description="Number of the charge line to void.")
    reason: Line = Field(max_length=NOTE_MAX, description="Why the charge is voided.")


class FolioLineView(BaseModel):
    line: int
    kind: str
    category: str | None
    amount: str
    description: str
    date: date
    method: str | None = None
    voided: bool = False
    voids_line: int | None = None


class FolioView(BaseModel):
    confirmation_code: str
    guest_name: str
    status: str
    currency: str
    lines: list[FolioLineView]
    charges: str
    voids: str
    payments: str
    refunds: str
    balance: str = Field(description="charges - voids - payments + refunds; negative is credit.")


class FolioChange(BaseModel):
    line: FolioLineView
    folio: FolioView
