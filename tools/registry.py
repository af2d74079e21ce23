"""Declaring tools once: name, READ or WRITE, argument schema, handler, description.

Roles are not repeated here: they come from `pms.authz.PERMISSIONS`, the table the services
enforce, so what the agent is shown and what the service allows cannot drift apart.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel

from pms.authz import PERMISSIONS
from pms.db import UnitOfWork
from pms.errors import Invalid
from pms.principal import Principal, Role
from pms.text import one_line

# idempotency_records.key: a client's key, or a chat model's tool-call id.
IDEMPOTENCY_KEY_MAX = 200


class Kind(StrEnum):
    READ = "read"
    WRITE = "write"


Handler = Callable[[UnitOfWork, Principal, Any], BaseModel]
H = TypeVar("H", bound=Handler)


@dataclass(frozen=True)
class Tool:
    name: str
    kind: Kind
    args: type[BaseModel]
    handler: Handler
    description: str
    # After success, a guest becomes verified for the reservation in the result.
    verifies_guest: bool = False

    @property
    def roles(self) -> frozenset[Role]:
        return PERMISSIONS[self.name]

    def parameters(self, *, with_idempotency_key: bool = False) -> dict[str, Any]:
        """JSON Schema of the arguments, as a model or an API client sees it."""
        schema = self.args.model_json_schema()
        schema.pop("title", None)
        schema.pop("description", None)  # the tool's own description says it already
        schema["properties"] = {
            name: _compact(field) for name, field in schema.get("properties", {}).items()
        }
        schema["additionalProperties"] = False
        if with_idempotency_key and self.kind is Kind.WRITE:
            schema["properties"]["idempotency_key"] = {
                "type": "string",
                "maxLength": IDEMPOTENCY_KEY_MAX,
                "description": "Repeat a call with the same key to get its first result.",
            }
        return schema


def idempotency_key(value: object) -> str | None:
    """A write's idempotency key as given (none when empty), or Invalid saying what is wrong.

    It comes from the arguments, a header or a model's tool-call id, and is stored and looked
    up as it is: it is held to the same rules as any other text argument.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > IDEMPOTENCY_KEY_MAX:
        raise Invalid(f"idempotency_key must be text of at most {IDEMPOTENCY_KEY_MAX} characters.")
    try:
        return one_line(value)
    except ValueError as error:
        raise Invalid(f"idempotency_key {error}.") from None


def _compact(field: dict[str, Any]) -> dict[str, Any]:
    """A field's schema without what costs tokens and tells a model nothing.

    Optional fields are simply not `required`, so `anyOf [X, null]` and `default: null` go;
    amounts accept a number or a string, and a model only needs to know they are numbers.
    """
    field = {key: value for key, value in field.items() if key != "title"}
    options = field.pop("anyOf", None)
    if options is not None:
        kept = [option for option in options if option != {"type": "null"}]
        if kept == [{"type": "number"}, {"type": "string"}]:
            kept = [{"type": "number"}]
        if len(kept) == 1:
            field.update(kept[0])
        else:
            field["anyOf"] = kept
    if field.get("default", "") is None:
        del field["default"]
    return field


REGISTRY: dict[str, Tool] = {}


def tool(
    name: str, kind: Kind, args: type[BaseModel], *, verifies_guest: bool = False
) -> Callable[[H], H]:
    """Register a handler as the tool `name`; its docstring is what the model reads."""
    if name not in PERMISSIONS:
        raise ValueError(f"{name} has no entry in pms.authz.PERMISSIONS")

    def register(handler: H) -> H:
        REGISTRY[name] = Tool(
            name=name,
            kind=kind,
            args=args,
            handler=handler,
            description=inspect.cleandoc(handler.__doc__ or ""),
            verifies_guest=verifies_guest,
        )
        return handler

    return register


def all_tools() -> list[Tool]:
    _load_catalogue()
    return list(REGISTRY.values())


def tools_for(actor: Principal) -> list[Tool]:
    """The tools this principal may call; the agent is never shown the others."""
    return [t for t in all_tools() if actor.role in t.roles]


def get(name: str) -> Tool | None:
    _load_catalogue()
    return REGISTRY.get(name)


def _load_catalogue() -> None:
    # Importing the catalogue modules runs their @tool decorators.
    from tools.catalogue import (  # noqa: F401
        approvals,
        folios,
        handoffs,
        housekeeping,
        knowledge,
        reports,
        reservations,
        rooms,
    )
