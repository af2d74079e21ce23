"""The concierge in Slack: a Bolt app behind POST /slack/events.

- Every request is checked with the app's signing secret (Bolt's request verification): a bad
  signature, or a timestamp more than five minutes old, is answered 401 and nothing runs.
- A Slack user is a member of staff only once an admin has linked `<team id>:<user id>` to a
  staff account (`concierge staff link --channel slack`); anyone else gets a polite refusal in
  the thread and nothing runs. The principal is that account, with its role as it is now.
- Mentions (`app_mention`) and direct messages (`message.im`) are answered in their thread. A
  Slack thread is one conversation (keyed by channel and thread timestamp, or the message's own
  timestamp when it starts the thread); two people in one thread each have their own, since a
  conversation is private to its principal.
- `/concierge approvals`, `/concierge approve <id> [note]` and `/concierge deny <id> [note]` let
  managers decide approval requests; a conversation waiting in a Slack thread continues there.
- Messages from bots, edits and deletions are ignored, and so are Slack's retries
  (`X-Slack-Retry-Num`): the first delivery was acknowledged and is being answered, so a retry
  would only answer twice.

The event is acknowledged at once (Slack wants an answer within three seconds); the turn runs on
Bolt's listener executor and its reply is posted with `chat.postMessage` through slack_sdk's
WebClient.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.starlette.handler import to_starlette_response
from slack_sdk import WebClient
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from agent.desk import Desk, public_thread
from channels.approvals import decide, pending_text
from channels.config import SlackConfig
from channels.staff import (
    TurnHooks,
    converse,
    error_response,
    refusal,
    staff_principal,
    unconfigured,
)

log = logging.getLogger("concierge.channels.slack")

EVENTS_PATH = "/slack/events"
COMMAND = "/concierge"
USAGE = (
    "Usage: /concierge approvals (the requests waiting), /concierge approve <id> [note], "
    "/concierge deny <id> [note]. Anything else, ask me in a message or a mention."
)
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
# Slack's request timestamp (whole seconds since the epoch) and signature (v0=<hex>). Anything
# else is refused like a bad signature before Bolt sees it: Bolt calls int() on the timestamp
# and hmac.compare_digest on the signature, which raise (a 500) on malformed or non-ASCII text.
_TIMESTAMP = re.compile(r"[0-9]{1,15}")
_SIGNATURE = re.compile(r"[\x21-\x7e]{1,512}")


def slack_user(team: str, user: str) -> str:
    """The external id a Slack user is linked by: `<team id>:<user id>`."""
    return f"{team}:{user}"


def thread_key(event: dict[str, Any]) -> tuple[str, str]:
    """(channel, thread timestamp): the thread the message belongs to, or starts."""
    return str(event.get("channel", "")), str(event.get("thread_ts") or event.get("ts") or "")


def _text(event: dict[str, Any]) -> str:
    return _MENTION.sub("", str(event.get("text") or "")).strip()


def _from_a_person(event: dict[str, Any]) -> bool:
    """A message a person wrote: not a bot's, not an edit, deletion or other subtype."""
    return bool(event.get("user")) and not event.get("bot_id") and not event.get("subtype")


def build_app(desk: Desk, config: SlackConfig, hooks: TurnHooks | None = None) -> App:
    """The Bolt app; its WebClient talks to `config.api_url` (Slack's Web API by default)."""
    client = WebClient(token=config.bot_token, base_url=config.api_url)
    app = App(
        client=client,
        signing_secret=config.signing_secret,
        # auth.test is called on the first event instead of at start-up.
        token_verification_enabled=False,
    )

    def skip_retries(req: BoltRequest, next: Callable[[], BoltResponse]) -> BoltResponse | None:
        if req.headers.get("x-slack-retry-num"):
            reason = (req.headers.get("x-slack-retry-reason") or [""])[0]
            log.info("ignored a Slack retry (%s): the first delivery is being answered", reason)
            return BoltResponse(status=200, body="")
        return next()

    app.use(skip_retries)

    def answer(event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        if not _from_a_person(event):
            return
        team = str(event.get("team") or body.get("team_id") or "")
        user = str(event["user"])
        channel, thread = thread_key(event)
        external = slack_user(team, user)
        principal = staff_principal(desk, "slack", external)
        if principal is None:
            log.info("refused the unlinked Slack user %s", external)
            text = refusal("slack", external)
        else:
            message = _text(event) or "Hello"
            text = converse(desk, principal, f"slack:{channel}:{thread}", message, hooks)
        client.chat_postMessage(channel=channel, thread_ts=thread, text=text)

    @app.event("app_mention")
    def on_mention(event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        # A mention in a direct message also arrives as message.im, answered below.
        if not str(event.get("channel", "")).startswith("D"):
            answer(event, body, client)

    @app.event("message")
    def on_message(event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        # Channel messages that mention the app arrive as app_mention; answer DMs only here.
        if event.get("channel_type") == "im":
            answer(event, body, client)

    @app.command(COMMAND)
    def on_command(
        ack: Callable[..., None],
        command: dict[str, Any],
        respond: Callable[..., Any],
        client: WebClient,
    ) -> None:
        ack()  # within Slack's three seconds; the answer follows through the response_url
        external = slack_user(str(command.get("team_id", "")), str(command.get("user_id", "")))
        principal = staff_principal(desk, "slack", external)
        if principal is None:
            respond(text=refusal("slack", external), response_type="ephemeral")
            return
        words = str(command.get("text") or "").split(maxsplit=2)
        verb = words[0].lower() if words else ""
        if verb == "approvals":
            respond(text=pending_text(desk, principal), response_type="ephemeral")
        elif verb in ("approve", "deny") and len(words) >= 2 and words[1].lstrip("#").isdigit():
            note = words[2] if len(words) > 2 else ""
            decided = decide(desk, principal, int(words[1].lstrip("#")), verb == "approve", note)
            respond(text=decided.text, response_type="ephemeral")
            where = slack_thread_of(decided.thread_key)
            if where is not None and decided.reply:
                client.chat_postMessage(channel=where[0], thread_ts=where[1], text=decided.reply)
        else:
            respond(text=USAGE, response_type="ephemeral")

    return app


def slack_thread_of(thread_key: str | None) -> tuple[str, str] | None:
    """The Slack (channel, thread ts) of a conversation's checkpointer key, if it is one."""
    if not thread_key:
        return None
    kind, _, rest = public_thread(thread_key).partition(":")
    channel, _, ts = rest.partition(":")
    return (channel, ts) if kind == "slack" and channel and ts else None


def slack_routes(
    desk: Desk, config: SlackConfig | None, hooks: TurnHooks | None = None
) -> list[Route]:
    """POST /slack/events, answered by the Bolt app (503 when Slack is not configured)."""
    if config is None:

        async def not_configured(_request: Request) -> Response:
            return unconfigured(
                "Slack", "CONCIERGE_SLACK_SIGNING_SECRET and CONCIERGE_SLACK_BOT_TOKEN"
            )

        return [Route(EVENTS_PATH, not_configured, methods=["POST"], name="slack_events")]

    app = build_app(desk, config, hooks)

    async def events(request: Request) -> Response:
        timestamp = request.headers.get("x-slack-request-timestamp", "")
        signature = request.headers.get("x-slack-signature", "")
        if not (_TIMESTAMP.fullmatch(timestamp) and _SIGNATURE.fullmatch(signature)):
            return _unsigned()
        raw = await request.body()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return error_response(400, "invalid", "The body is not UTF-8.")
        bolt_request = BoltRequest(
            body=text, query=request.url.query, headers=dict(request.headers)
        )
        # Verification and the acknowledgement are quick; the turn itself runs on Bolt's
        # executor. auth.test (the first time) is a network call, hence the thread.
        answer = await run_in_threadpool(app.dispatch, bolt_request)
        if answer.status == 401:
            return _unsigned()
        return to_starlette_response(answer)

    return [Route(EVENTS_PATH, events, methods=["POST"], name="slack_events")]


def _unsigned() -> Response:
    return error_response(
        401, "unauthenticated", "The request's Slack signature is missing, wrong or stale."
    )
