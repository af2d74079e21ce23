"""What Slack and Teams share: who a platform user is, and one turn of their conversation.

A platform user is a member of staff only once an admin has linked them
(`concierge staff link`, `pms.access.channels.link`). Anyone else is told so, politely, and
nothing runs: no model call, no tool, no write.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from agent.desk import Desk, private_thread
from agent.reply import Reply
from pms.access.channels import staff_for
from pms.principal import Principal

log = logging.getLogger("concierge.channels")

_PLATFORM = {"slack": "Slack", "teams": "Microsoft Teams"}


def staff_principal(desk: Desk, channel: str, external_id: str) -> Principal | None:
    """The principal a linked platform user acts as (their account's role now), or None."""
    staff = desk.runtime.db.run(lambda session: staff_for(session, channel, external_id))
    if staff is None:
        return None
    return Principal(
        hotel=staff.hotel,
        role=staff.role,
        user=staff.username,
        channel=channel,
        subject=f"{channel}:{external_id}",
    )


def refusal(channel: str, external_id: str) -> str:
    """What an unlinked user is told (with the id an admin needs to link them)."""
    return (
        f"Sorry, I can only help hotel staff, and this {_PLATFORM.get(channel, channel)} account "
        "is not linked to a staff account yet. Please ask your hotel's admin to link it "
        f"(concierge staff link --channel {channel} --external-id {external_id})."
    )


def reply_text(reply: Reply) -> str:
    """The reply as a chat message: the answer, and a note when it waits for a manager."""
    text = reply.text.strip() or "(no answer)"
    waiting = reply.pending_approval
    if waiting is not None:
        text += (
            f"\n\nApproval request {waiting.get('approval_id')} ({waiting.get('tool')}) is "
            "waiting for a manager; this conversation continues once they decide."
        )
    return text


@dataclass(frozen=True)
class TurnHooks:
    """What the host does around each turn: `admit` raises to refuse it (a rate limit), and
    `counted` sees the reply (metrics). The API passes its own; without them, neither."""

    admit: Callable[[Principal], None] | None = None
    counted: Callable[[Principal, Reply], None] | None = None


def converse(
    desk: Desk,
    principal: Principal,
    conversation: str,
    message: str,
    hooks: TurnHooks | None = None,
) -> str:
    """One turn in the principal's conversation `conversation`; the text to post back."""
    hooks = hooks or TurnHooks()
    if hooks.admit is not None:
        try:
            hooks.admit(principal)
        except Exception as refusal:
            return f"Sorry, I can't take this message now: {refusal}"
    try:
        reply = desk.assistant(principal).send(private_thread(principal, conversation), message)
    except Exception:
        log.exception("a %s turn failed", principal.channel)
        return "Sorry, something went wrong on our side while answering; it is logged."
    if hooks.counted is not None:
        hooks.counted(principal, reply)
    return reply_text(reply)


def error_response(status: int, type: str, message: str) -> JSONResponse:
    """The API's error shape: `{"error": {"type", "message"}}`."""
    return JSONResponse({"error": {"type": type, "message": message}}, status_code=status)


def unconfigured(platform: str, settings: str) -> Response:
    return error_response(
        503,
        "unavailable",
        f"{platform} is not configured on this server; set {settings} to enable it.",
    )


async def read_json(request: Request) -> object:
    try:
        return await request.json()
    except ValueError:
        return None
