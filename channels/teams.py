"""The concierge in Microsoft Teams: a Bot Framework bot behind POST /teams/messages.

- Every activity must carry the Bot Framework's signed token (see channels/botframework.py);
  without one, or with one that does not verify, the answer is 401 and nothing runs.
- A Teams user is a member of staff only once an admin has linked their Azure AD object id
  (`from.aadObjectId`) to a staff account (`concierge staff link --channel teams`); anyone else
  gets a polite refusal and nothing runs. The principal is that account, with its role now.
- A Teams conversation (`conversation.id`: a chat, or a channel thread) is one conversation
  with the concierge, private to each user in it.

The activity is acknowledged (202) and the turn runs after the response is sent; the answer is
posted to the activity's serviceUrl as a reply to it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import httpx
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from agent.desk import Desk
from channels.botframework import Authenticator, Connector, NotAuthenticated
from channels.config import TeamsConfig
from channels.staff import (
    TurnHooks,
    converse,
    error_response,
    read_json,
    refusal,
    staff_principal,
    unconfigured,
)

log = logging.getLogger("concierge.channels.teams")

MESSAGES_PATH = "/teams/messages"
_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)


def message_text(activity: dict[str, Any]) -> str:
    """The user's words, without the bot's @mention."""
    return _MENTION.sub("", str(activity.get("text") or "")).strip()


class TeamsBot:
    def __init__(
        self,
        desk: Desk,
        config: TeamsConfig,
        http: httpx.Client | None = None,
        hooks: TurnHooks | None = None,
    ) -> None:
        self.desk = desk
        self.hooks = hooks
        self.auth = Authenticator(config, http)
        self.connector = Connector(config, http)

    def answer(self, activity: dict[str, Any]) -> None:
        """Run the turn (or refuse) and post the reply; failures are logged, not raised."""
        try:
            sender = dict(activity.get("from") or {})
            aad_id = str(sender.get("aadObjectId") or "")
            principal = staff_principal(self.desk, "teams", aad_id) if aad_id else None
            if principal is None:
                log.info("refused the unlinked Teams user %s", aad_id or sender.get("id"))
                text = refusal("teams", aad_id or "<aad object id>")
            else:
                conversation = str(dict(activity.get("conversation") or {}).get("id", ""))
                message = message_text(activity) or "Hello"
                text = converse(self.desk, principal, f"teams:{conversation}", message, self.hooks)
            self.connector.reply(activity, text)
        except Exception:
            log.exception("answering a Teams activity failed")

    async def messages(self, request: Request) -> Response:
        try:
            activity = await read_json(request)
        except RecursionError:  # nested too deep for the parser; anyone can send it pre-auth
            activity = None
        if not isinstance(activity, dict):
            return error_response(400, "invalid", "The body is not a Bot Framework activity.")
        try:
            await run_in_threadpool(
                self.auth.verify, request.headers.get("authorization"), activity
            )
        except NotAuthenticated as error:
            return error_response(401, "unauthenticated", str(error))
        if activity.get("type") != "message":
            # conversationUpdate, typing, reactions...: nothing to answer.
            return Response(status_code=202)
        return Response(status_code=202, background=BackgroundTask(self.answer, activity))


def teams_routes(
    desk: Desk,
    config: TeamsConfig | None,
    http: httpx.Client | None = None,
    hooks: TurnHooks | None = None,
) -> list[Route]:
    """POST /teams/messages, answered by the bot (503 when Teams is not configured)."""
    if config is None:

        async def not_configured(_request: Request) -> Response:
            return unconfigured(
                "Microsoft Teams", "CONCIERGE_TEAMS_APP_ID and CONCIERGE_TEAMS_APP_PASSWORD"
            )

        return [Route(MESSAGES_PATH, not_configured, methods=["POST"], name="teams_messages")]
    bot = TeamsBot(desk, config, http, hooks)
    return [Route(MESSAGES_PATH, bot.messages, methods=["POST"], name="teams_messages")]
