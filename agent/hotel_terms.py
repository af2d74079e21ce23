"""What the agent says of a hotel's facts, worded once from its profile.

The system prompt and the offline model state the same policies in the same words, so what a
guest is told never depends on which model answers: both come from the hotel's rate plans
(refundable, free cancellation hours, late-cancellation fee, discount, breakfast, prepaid) and
its times and currency, and none from any particular hotel.
"""

from __future__ import annotations

from pms.hotels.profile import HotelProfile, RatePlanProfile, RoomTypeProfile
from pms.money import display

_LATE_FEE = {
    "first_night": "first night charged",
    "full_stay": "full stay charged",
    "none": "no charge",
}


def money(cents: int, profile: HotelProfile) -> str:
    """An amount as a guest reads it, in the hotel's currency ("$25.00", "€25.00")."""
    return display(cents, profile.currency)


def cancellation(plan: RatePlanProfile, profile: HotelProfile) -> str:
    """What cancelling a stay on this plan costs, as one clause."""
    if not plan.refundable:
        return "never refunded"
    if plan.late_cancellation_fee == "none":
        return "free cancellation"
    hours = plan.free_cancellation_hours
    until = f"{hours} h before {profile.check_in_time}" if hours else profile.check_in_time
    late = _LATE_FEE[plan.late_cancellation_fee]
    return f"free cancellation until {until} on arrival day, then {late}"


def plan_terms(plan: RatePlanProfile, profile: HotelProfile) -> str:
    """The plan's terms in few words (the prompt carries them on every call): price, what is
    included, payment, cancellation, changes."""
    parts = []
    if plan.discount_bp:
        parts.append(f"{plan.discount_percent.normalize():f}% off")
    if plan.breakfast:
        parts.append(f"breakfast {money(plan.breakfast_cents_per_adult, profile)}/adult/night")
    if plan.prepaid:
        parts.append("prepaid")
    parts.append(cancellation(plan, profile))
    if not plan.guest_modifiable:
        parts.append("guests cannot change it")
    return ", ".join(parts)


def plan_choice(plan: RatePlanProfile, profile: HotelProfile) -> str:
    """The plan as offered in a question: its name and what sets it apart, briefly."""
    if not plan.refundable:
        short = [f"{plan.discount_percent.normalize():f}% off"] if plan.discount_bp else []
        short.append("prepaid" if plan.prepaid else "not refundable")
    elif plan.breakfast:
        short = ["breakfast included"]
    elif plan.late_cancellation_fee == "none" or not plan.free_cancellation_hours:
        short = ["free cancellation"]
    else:
        short = [f"free cancellation until {plan.free_cancellation_hours} hours before arrival"]
    return f"{plan.name} ({', '.join(short)})"


def room_choice(room_type: RoomTypeProfile) -> str:
    """The room type as offered in a question: its name and, briefly, its description."""
    described = room_type.description.strip().rstrip(".")
    if not described:
        return room_type.name
    return f"{room_type.name} ({described[:1].lower()}{described[1:]})"


def facts(profile: HotelProfile) -> str:
    """The hotel's structured facts, in the prompt: they answer questions no document covers."""
    contact = "; ".join(part for part in (profile.address, profile.phone) if part)
    types = "; ".join(
        f"{t.code} {t.name} (max {t.max_occupancy}{''.join(f', {a}' for a in t.aliases)})"
        for t in profile.room_types
    )
    plans = "; ".join(f"{p.code} {p.name}: {plan_terms(p, profile)}" for p in profile.rate_plans)
    return (
        f'You are Concierge, the assistant of the hotel "{profile.name}"'
        + (f" ({contact})" if contact else "")
        + f".\nCheck-in from {profile.check_in_time}, check-out by {profile.check_out_time}; "
        f"amounts in {profile.currency}.\nRoom types: {types}.\nRate plans: {plans}."
    )
