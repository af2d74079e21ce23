"""Decide the next step from the frame: ask for a missing slot, call a tool, or answer.

Plans are per intent: reads that must come first (verify a guest, resolve a room number or name
to a reservation, read the reservation before a cancellation), then the intent's tool once its
required slots are there, then a templated answer from the result. The plans live in one module
per area; `Policy` is all of them together.
"""

from __future__ import annotations

from agent.offline.plans_bookings import BookingPlans
from agent.offline.plans_front_desk import FrontDeskPlans
from agent.offline.plans_operations import OperationsPlans
from agent.offline.policy_base import QUESTIONS, ROLE_NAMES, Step

__all__ = ["QUESTIONS", "ROLE_NAMES", "Policy", "Step"]


class Policy(BookingPlans, FrontDeskPlans, OperationsPlans):
    """Every plan; `decide()` (from PolicyBase) picks the one for the frame's intent."""
