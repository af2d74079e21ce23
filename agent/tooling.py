"""The registry's tools, as the model sees them: only those its principal may use."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pms.principal import Principal, Role
from tools.registry import tools_for


def tool_specs(actor: Principal) -> list[dict[str, Any]]:
    """OpenAI-format function specs for `model.bind_tools(...)` (the role decides which)."""
    return list(_specs_for(actor.role))


@lru_cache(maxsize=16)
def _specs_for(role: Role) -> tuple[dict[str, Any], ...]:
    """Cached per role: the schemas are the same on every model call, and costly to build."""
    return tuple(
        {
            "type": "function",
            "function": {
                "name": tool.name,
                "description": tool.description,
                "parameters": tool.parameters(),
            },
        }
        for tool in tools_for(Principal(hotel="", role=role))
    )


def tool_names(actor: Principal) -> frozenset[str]:
    return frozenset(tool.name for tool in tools_for(actor))
