"""The registry's tools, as the model sees them: only those its principal may use."""

from __future__ import annotations

from typing import Any

from pms.principal import Principal
from tools.registry import tools_for


def tool_specs(actor: Principal) -> list[dict[str, Any]]:
    """OpenAI-format function specs for `model.bind_tools(...)`."""
    return [
        {
            "type": "function",
            "function": {
                "name": tool.name,
                "description": tool.description,
                "parameters": tool.parameters(),
            },
        }
        for tool in tools_for(actor)
    ]


def tool_names(actor: Principal) -> frozenset[str]:
    return frozenset(tool.name for tool in tools_for(actor))
