"""What the API answers, as plain dataclasses (the SDK needs nothing but httpx)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def _when(value: Any) -> datetime:
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


@dataclass(frozen=True)
class Session:
    """A guest session or staff sign-in: the bearer token and when it expires."""

    token: str
    expires_at: datetime
    hotel: str
    # Staff sign-ins only.
    username: str | None = None
    full_name: str | None = None
    role: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Session:
        return cls(
            token=str(data["token"]),
            expires_at=_when(data["expires_at"]),
            hotel=str(data["hotel"]),
            username=data.get("username"),
            full_name=data.get("full_name"),
            role=data.get("role"),
        )


@dataclass(frozen=True)
class Me:
    """Who the credentials are: GET /v1/me."""

    hotel: str
    role: str
    user: str | None
    channel: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Me:
        return cls(str(data["hotel"]), str(data["role"]), data.get("user"), str(data["channel"]))


@dataclass(frozen=True)
class ToolUse:
    """A tool the concierge used in a turn, with its result or its refusal."""

    name: str
    arguments: dict[str, Any]
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ToolUse:
        return cls(
            str(data["name"]),
            dict(data.get("arguments") or {}),
            data.get("result"),
            data.get("error"),
        )


@dataclass(frozen=True)
class ChatReply:
    """One turn's answer: the reply, the conversation it belongs to, the tools it used."""

    reply: str
    thread_id: str
    tool_calls: list[ToolUse] = field(default_factory=list)
    # Set when the turn waits for a manager: approval_id, tool, arguments, reason.
    pending_approval: dict[str, Any] | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChatReply:
        return cls(
            reply=str(data["reply"]),
            thread_id=str(data["thread_id"]),
            tool_calls=[ToolUse.from_json(t) for t in data.get("tool_calls") or []],
            pending_approval=data.get("pending_approval"),
        )


@dataclass(frozen=True)
class ThreadMessage:
    role: str  # "user" or "assistant"
    content: str


@dataclass(frozen=True)
class Thread:
    """A conversation so far: GET /v1/threads/{id}."""

    thread_id: str
    messages: list[ThreadMessage]
    pending_approval: dict[str, Any] | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Thread:
        return cls(
            str(data["thread_id"]),
            [ThreadMessage(str(m["role"]), str(m["content"])) for m in data.get("messages", [])],
            data.get("pending_approval"),
        )


@dataclass(frozen=True)
class Tool:
    """A tool these credentials may call, with its JSON-schema parameters."""

    name: str
    kind: str  # "read" or "write"
    description: str
    parameters: dict[str, Any]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tool:
        return cls(
            str(data["name"]),
            str(data["kind"]),
            str(data.get("description", "")),
            dict(data.get("parameters") or {}),
        )


@dataclass(frozen=True)
class ToolOutput:
    """A tool call's result; `replayed` when an Idempotency-Key answered from the first run."""

    tool: str
    result: dict[str, Any]
    replayed: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ToolOutput:
        return cls(str(data["tool"]), dict(data["result"]), bool(data.get("replayed", False)))


@dataclass(frozen=True)
class Approval:
    """A request for a manager's decision on a write a front-desk member asked for."""

    approval_id: int
    reference: str
    tool: str
    arguments: dict[str, Any]
    reason: str
    status: str  # pending, approved, denied, ...
    requested_role: str
    requested_by: str | None
    channel: str
    created_at: str
    decided_by: str | None = None
    decision_note: str | None = None
    decided_at: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Approval:
        return cls(
            approval_id=int(data["approval_id"]),
            reference=str(data.get("reference", "")),
            tool=str(data["tool"]),
            arguments=dict(data.get("arguments") or {}),
            reason=str(data.get("reason", "")),
            status=str(data["status"]),
            requested_role=str(data.get("requested_role", "")),
            requested_by=data.get("requested_by"),
            channel=str(data.get("channel", "")),
            created_at=str(data.get("created_at", "")),
            decided_by=data.get("decided_by"),
            decision_note=data.get("decision_note"),
            decided_at=data.get("decided_at"),
        )


@dataclass(frozen=True)
class Decision:
    """A decided approval, and the requester's conversation continued with it (if any)."""

    approval: Approval
    thread_id: str | None = None
    reply: ChatReply | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Decision:
        reply = data.get("reply")
        return cls(
            Approval.from_json(data["approval"]),
            data.get("thread_id"),
            ChatReply.from_json(reply) if isinstance(reply, dict) else None,
        )


# Events of POST /v1/chat/stream, in the order a turn produces them.


@dataclass(frozen=True)
class Token:
    """A piece of the reply's text as the model writes it."""

    text: str


@dataclass(frozen=True)
class ToolCall:
    """The concierge is calling a tool."""

    id: str
    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class ToolResult:
    """A tool call finished: ok, or refused with `error`; `summary` is a line for people."""

    id: str
    name: str
    ok: bool
    error: dict[str, Any] | None = None
    summary: str = ""


@dataclass(frozen=True)
class ApprovalPending:
    """The turn is paused until a manager decides (approval_id, tool, arguments, reason)."""

    request: dict[str, Any]


@dataclass(frozen=True)
class Done:
    """The turn is over: the same reply POST /v1/chat answers."""

    reply: ChatReply


StreamEvent = Token | ToolCall | ToolResult | ApprovalPending | Done
