"""Folio requests (the tool contract's argument names) and the bill as the guest sees it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

Code = Field(description="Confirmation code, e.g. HV1001.")
Amount = Field(description="Dollars with at most two decimals, e.g. 38.50.")


class FolioRef(BaseModel):
    confirmation_code: str = Code


class ChargeRequest(BaseModel):
    confirmation_code: str = Code
    amount: Decimal = Amount
    category: str = Field(
        description="room, breakfast, food_beverage, minibar, spa, parking, laundry, "
        "cancellation_fee or misc."
    )
    description: str = Field(description="What the charge is for.")


class PaymentRequest(BaseModel):
    confirmation_code: str = Code
    amount: Decimal = Amount
    method: str = Field(description="card, cash or bank_transfer.")
    reference: str | None = Field(None, description="Card slip or transfer reference.")


class RefundRequest(BaseModel):
    confirmation_code: str = Code
    amount: Decimal = Amount
    reason: str = Field(description="Why the money goes back.")


class VoidRequest(BaseModel):
    confirmation_code: str = Code
    line: int = Field(description="Number of the charge line to void.")
    reason: str = Field(description="Why the charge is voided.")


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
