"""Calling a tool: check the role, validate, run one unit of work, return JSON.

The principal is an argument of `call`, bound by whoever authenticated the caller. Arguments are
only ever the tool's own fields; anything else (a `role`, another guest's identity) is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from knowledge.base import KnowledgeBase
from pms.authz import authorize
from pms.clock import Clock
from pms.db import Database, UnitOfWork
from pms.errors import Invalid, NotFound, PmsError
from pms.idempotency.service import applies_to as idempotency_applies_to
from pms.idempotency.service import recall, remember
from pms.principal import Principal
from tools import registry
from tools.registry import Kind, Tool


def call_key(session: UnitOfWork) -> str | None:
    """The idempotency key (in the agent, the tool-call id) of the call this session serves.

    For handlers whose service is idempotent on it itself, such as filing an approval request.
    """
    key = session.info.get("call_key")
    return key if isinstance(key, str) else None


def knowledge_of(session: UnitOfWork) -> KnowledgeBase:
    """The knowledge base the runtime serving this session was given (or the shipped one)."""
    provide = session.info.get("knowledge")
    if provide is None:
        from knowledge.shipped import shipped_knowledge

        return shipped_knowledge()
    base: KnowledgeBase = provide()
    return base


@dataclass(frozen=True)
class ToolUse:
    """A tool call as a conversation transcript or an evaluation report records it."""

    name: str
    args: dict[str, Any]
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class ToolOutcome:
    name: str
    arguments: dict[str, Any]
    principal: Principal
    result: dict[str, Any] | None = None
    error: dict[str, str] | None = None
    replayed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_json(self) -> dict[str, Any]:
        return self.result if self.result is not None else {"error": self.error}


def _validation_message(tool: Tool, error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "arguments"
        problems.append(f"{where}: {item['msg']}")
    return f"Invalid arguments for {tool.name}: " + "; ".join(problems) + "."


class ToolRuntime:
    """Runs tools against one database and one knowledge base.

    `knowledge` is the knowledge base, or a function building it on first use (an embedder
    takes seconds to load, so the CLI and the server pass a function). Without one,
    search_knowledge reads the demo hotels' shipped documents.
    """

    def __init__(
        self,
        db: Database,
        knowledge: KnowledgeBase | Callable[[], KnowledgeBase] | None = None,
    ) -> None:
        self.db = db
        self._knowledge: Callable[[], KnowledgeBase] | None
        if isinstance(knowledge, KnowledgeBase):
            base = knowledge
            self._knowledge = lambda: base
        else:
            self._knowledge = knowledge

    def knowledge_base(self) -> KnowledgeBase:
        """The knowledge base this runtime searches (the shipped one when it was given none)."""
        if self._knowledge is None:
            from knowledge.shipped import shipped_knowledge

            return shipped_knowledge()
        return self._knowledge()

    def call(
        self,
        name: str,
        arguments: dict[str, Any] | None,
        principal: Principal,
        *,
        clock: Clock | None = None,
        idempotency_key: str | None = None,
        before: Callable[[UnitOfWork], object] | None = None,
    ) -> ToolOutcome:
        """Run the tool in one unit of work; a refusal is the outcome's `error`.

        `before` is work that must commit with this call or not at all, run first in the same
        unit of work: a manager's decision with the write it approves. A refusal from it is the
        outcome's error too, and nothing of either is kept.
        """
        arguments = dict(arguments or {})
        outcome = ToolOutcome(name=name, arguments=dict(arguments), principal=principal)
        try:
            tool = registry.get(name)
            if tool is None:
                raise NotFound(f"There is no tool '{name}'.")
            authorize(principal, name)
            if tool.kind is Kind.WRITE:
                given = arguments.pop("idempotency_key", None) or idempotency_key
                key = registry.idempotency_key(given)
            elif "idempotency_key" in arguments:
                arguments.pop("idempotency_key")
                key = None
            else:
                key = None
            unknown = sorted(set(arguments) - set(tool.args.model_fields))
            if unknown:
                accepted = ", ".join(tool.args.model_fields)
                raise Invalid(f"{name} does not take {', '.join(unknown)}; it accepts: {accepted}.")
            try:
                parsed = tool.args.model_validate(arguments)
            except ValidationError as error:
                raise Invalid(_validation_message(tool, error)) from None
            canonical = parsed.model_dump(mode="json")
            if key and not idempotency_applies_to(principal):
                key = None

            def work(session: UnitOfWork) -> tuple[dict[str, Any], bool]:
                session.info["call_key"] = key
                session.info["knowledge"] = self._knowledge
                if before is not None:
                    before(session)
                if key:
                    stored = recall(session, principal, key, name, canonical)
                    if stored is not None:
                        return stored, True
                result = tool.handler(session, principal, parsed).model_dump(mode="json")
                if key:
                    remember(session, principal, key, name, canonical, result)
                return result, False

            outcome.result, outcome.replayed = self.db.run(work, clock=clock)
        except PmsError as refusal:
            outcome.error = refusal.as_dict()
            return outcome
        if tool.verifies_guest and principal.is_guest and outcome.result:
            code = outcome.result.get("confirmation_code")
            if isinstance(code, str):
                outcome.principal = principal.with_reservation(code)
        return outcome
