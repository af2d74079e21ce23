"""Folios: the guest's bill."""

from __future__ import annotations

from pydantic import BaseModel

from pms.db import UnitOfWork
from pms.folios import service
from pms.folios.schemas import ChargeRequest, FolioRef, PaymentRequest, RefundRequest, VoidRequest
from pms.principal import Principal
from tools.registry import Kind, tool


@tool("get_folio", Kind.READ, FolioRef)
def get_folio(session: UnitOfWork, actor: Principal, args: FolioRef) -> BaseModel:
    """The bill: numbered lines (charges, payments, refunds, voids) and the balance.

    Guests: only verified reservations.
    """
    return service.get_folio(session, actor, args)


@tool("post_charge", Kind.WRITE, ChargeRequest)
def post_charge(session: UnitOfWork, actor: Principal, args: ChargeRequest) -> BaseModel:
    """Add a charge to a confirmed or in-house stay's folio (amount in the hotel's currency,
    0.01-20000)."""
    return service.post_charge(session, actor, args)


@tool("record_payment", Kind.WRITE, PaymentRequest)
def record_payment(session: UnitOfWork, actor: Principal, args: PaymentRequest) -> BaseModel:
    """Record a payment (card, cash or bank_transfer).

    It may not exceed the balance, except before check-in, when it is a deposit.
    """
    return service.record_payment(session, actor, args)


@tool("refund_payment", Kind.WRITE, RefundRequest)
def refund_payment(session: UnitOfWork, actor: Principal, args: RefundRequest) -> BaseModel:
    """Refund money paid on a folio, at most payments minus earlier refunds. Managers only."""
    return service.refund_payment(session, actor, args)


@tool("void_charge", Kind.WRITE, VoidRequest)
def void_charge(session: UnitOfWork, actor: Principal, args: VoidRequest) -> BaseModel:
    """Void a charge line by its number (each line at most once). Managers only."""
    return service.void_charge(session, actor, args)
