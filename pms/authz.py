"""Which role may do what: the one table both the services and the tool registry read.

Ownership ("a guest only for their own reservation") is checked by the service that loads the
reservation; this table answers only whether the role may attempt the action at all.
"""

from __future__ import annotations

from pms.errors import NotPermitted
from pms.principal import Principal, Role

G, H, F, M, A = Role.GUEST, Role.HOUSEKEEPING, Role.FRONT_DESK, Role.MANAGER, Role.ADMIN
EVERYONE = frozenset(Role)

PERMISSIONS: dict[str, frozenset[Role]] = {
    "search_knowledge": EVERYONE,
    "check_availability": EVERYONE,
    "create_reservation": frozenset({G, F, M, A}),
    "find_reservation": EVERYONE,
    "get_reservation": frozenset({G, F, M, A}),
    "search_reservations": frozenset({F, M, A}),
    "modify_reservation": frozenset({G, F, M, A}),
    "cancel_reservation": frozenset({G, F, M, A}),
    "assign_room": frozenset({F, M, A}),
    "check_in": frozenset({F, M, A}),
    "check_out": frozenset({F, M, A}),
    "get_folio": frozenset({G, F, M, A}),
    "post_charge": frozenset({F, M, A}),
    "record_payment": frozenset({F, M, A}),
    "refund_payment": frozenset({M, A}),
    "void_charge": frozenset({M, A}),
    "list_rooms": frozenset({H, F, M, A}),
    "set_room_condition": frozenset({H, F, M, A}),
    "set_room_out_of_order": frozenset({M, A}),
    "return_room_to_service": frozenset({M, A}),
    "list_housekeeping_tasks": frozenset({H, F, M, A}),
    "create_housekeeping_task": frozenset({G, H, F, M, A}),
    "assign_housekeeping_task": frozenset({F, M, A}),
    "update_housekeeping_task": frozenset({H, M, A}),
    "daily_report": frozenset({F, M, A}),
    "handoff_to_human": EVERYONE,
    "request_manager_approval": frozenset({F}),
    # Operations that are not tools.
    "night_audit": frozenset({M, A}),
    "list_handoffs": frozenset({F, M, A}),
    # Approvals: front desk asks, managers decide; managers refund and void themselves.
    "request_approval": frozenset({F, M, A}),
    "list_approvals": frozenset({F, M, A}),
    "decide_approval": frozenset({M, A}),
    # Configuration: who reaches the hotel from outside, and what its documents say.
    "manage_api_keys": frozenset({A}),
    "manage_staff": frozenset({A}),
    "manage_hotel_file": frozenset({A}),
    "manage_channel_accounts": frozenset({A}),
    "manage_web_origins": frozenset({A}),
    "ingest_knowledge": frozenset({A}),
}

_ORDER = [G, H, F, M, A]


def allowed(actor: Principal, action: str) -> bool:
    return actor.role in PERMISSIONS[action]


def authorize(actor: Principal, action: str) -> None:
    """Refuse, naming who may, when the actor's role may not attempt `action`."""
    roles = PERMISSIONS[action]
    if actor.role not in roles:
        who = ", ".join(r.value for r in _ORDER if r in roles)
        raise NotPermitted(
            f"The {actor.role.value} role may not use {action}; it needs one of: {who}."
        )
