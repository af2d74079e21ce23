"""A typed Python client for the Concierge API (needs only httpx).

    from concierge_sdk import Concierge

    with Concierge("http://127.0.0.1:8000") as concierge:
        concierge.login("harbor-view", "leo.martins", "harbor-leo")
        reply = concierge.chat("what rooms are free tonight?")
        for event in concierge.stream("and tomorrow?", thread_id=reply.thread_id):
            ...

Errors are raised as `ConciergeError` subclasses: Unauthenticated, NotPermitted, NotFound,
Conflict, PolicyViolation, RateLimited (with `retry_after`), Invalid, TooLarge, Unavailable,
ServerError, TransportError.
"""

from concierge_sdk.client import AsyncConcierge, Concierge
from concierge_sdk.errors import (
    ConciergeError,
    Conflict,
    Invalid,
    NotFound,
    NotPermitted,
    PolicyViolation,
    RateLimited,
    ServerError,
    TooLarge,
    TransportError,
    Unauthenticated,
    Unavailable,
)
from concierge_sdk.models import (
    Approval,
    ApprovalPending,
    ChatReply,
    Decision,
    Done,
    Me,
    Session,
    StreamEvent,
    Thread,
    ThreadMessage,
    Token,
    Tool,
    ToolCall,
    ToolOutput,
    ToolResult,
    ToolUse,
)

__all__ = [
    "Approval",
    "ApprovalPending",
    "AsyncConcierge",
    "ChatReply",
    "Concierge",
    "ConciergeError",
    "Conflict",
    "Decision",
    "Done",
    "Invalid",
    "Me",
    "NotFound",
    "NotPermitted",
    "PolicyViolation",
    "RateLimited",
    "ServerError",
    "Session",
    "StreamEvent",
    "Thread",
    "ThreadMessage",
    "Token",
    "TooLarge",
    "Tool",
    "ToolCall",
    "ToolOutput",
    "ToolResult",
    "ToolUse",
    "TransportError",
    "Unauthenticated",
    "Unavailable",
]
