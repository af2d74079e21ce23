"""OfflineChatModel: the deterministic dialogue system behind LangChain's chat-model interface.

Stateless: every call rebuilds the frame from the conversation (its latest turns, frame.py).
The hotel (its profile) and its business date come from the run (`for_hotel`); the role from the
system prompt (agent/prompts.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    SystemMessage,
)
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from pydantic import Field

from agent.offline.frame import READ_LIMIT, build
from agent.offline.hotel import words_of
from agent.offline.policy import Policy
from agent.prompts import PROVEN, STAFF
from pms.hotels.profile import HotelProfile

TOO_LONG = (
    "That message is too long for me to read. Could you tell me in a few sentences what you need?"
)
_ROLE_CUES = (
    ("talking with a guest", "guest"),
    ("housekeeping attendant", "housekeeping"),
    ("front desk agent", "front_desk"),
    ("hotel manager", "manager"),
    ("hotel administrator", "admin"),
)


def _system(messages: list[BaseMessage]) -> str:
    return "\n".join(
        m.text if isinstance(m.text, str) else str(m.text)
        for m in messages
        if isinstance(m, SystemMessage)
    )


def business_date(system: str) -> date:
    m = re.search(r"Now: \w+ (\d{4}-\d{2}-\d{2})", system) or re.search(
        r"(\d{4}-\d{2}-\d{2})", system
    )
    if m:
        return date.fromisoformat(m.group(1))
    return datetime.now().date()


def proven_codes(system: str) -> set[str]:
    """Codes the session proved before this conversation (the prompt lists them for guests)."""
    at = system.find(PROVEN)
    if at < 0:
        return set()
    line = system[at + len(PROVEN) :].split("\n", 1)[0]
    return set(re.findall(r"\b[A-Z]{2,4}\d{4,}\b", line))


def staff_user(system: str) -> str | None:
    """The staff member's username, which the prompt names ("what's on my list?")."""
    m = re.search(re.escape(STAFF) + r"([\w.\-]+?)\.?$", system, re.MULTILINE)
    return m.group(1) if m else None


def role_of(system: str) -> str:
    for cue, role in _ROLE_CUES:
        if cue in system:
            return role
    return "guest"


class OfflineChatModel(BaseChatModel):
    """Intent + slots + policy; emits the same tool calls an LLM would."""

    tools: list[str] = Field(default_factory=list)
    # The hotel and its business date, from the run's context (`for_hotel`), not the prompt.
    hotel: HotelProfile | None = None
    today: date | None = None

    @property
    def _llm_type(self) -> str:
        return "offline"

    def for_hotel(self, profile: HotelProfile, today: date) -> OfflineChatModel:
        return self.model_copy(update={"hotel": profile, "today": today})

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        names: list[str] = []
        for spec in tools:
            if isinstance(spec, dict):
                fn = spec.get("function", spec)
                names.append(str(fn.get("name")))
            elif isinstance(spec, BaseTool):
                names.append(spec.name)
            else:
                names.append(getattr(spec, "__name__", str(spec)))
        return self.model_copy(update={"tools": names})

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        latest = next((m for m in reversed(messages) if not isinstance(m, SystemMessage)), None)
        if isinstance(latest, HumanMessage) and len(latest.text) > READ_LIMIT:
            return ChatResult(generations=[ChatGeneration(message=AIMessage(content=TOO_LONG))])
        system = _system(messages)
        today = self.today or business_date(system)
        role = role_of(system)
        conversation = build(
            [m for m in messages if not isinstance(m, SystemMessage)],
            today,
            set(self.tools),
            words_of(self.hotel),
        )
        conversation.verified |= proven_codes(system)
        capped = "tool-call limit" in system
        step = Policy(conversation, role, set(self.tools), staff_user(system)).decide()
        if step.tool is not None and not capped:
            n = sum(1 for m in messages if isinstance(m, AIMessage)) + 1
            reply = AIMessage(
                content="",
                tool_calls=[{"name": step.tool, "args": step.args or {}, "id": f"offline-{n}"}],
            )
        else:
            text = step.text or "I have done what I can for now. How would you like to continue?"
            reply = AIMessage(
                content=text, additional_kwargs={"offline_asked": step.asked} if step.asked else {}
            )
        return ChatResult(generations=[ChatGeneration(message=reply)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        """The reply `_generate` decides on, a word at a time, so a streamed chat types it.

        A tool call is one chunk: its arguments exist whole, and nobody reads them as they come.
        """
        decided = self._generate(messages, stop, run_manager, **kwargs).generations[0].message
        text = decided.text if isinstance(decided.text, str) else str(decided.text)
        extra = dict(decided.additional_kwargs)
        for word in re.findall(r"\s*\S+\s*", text) or ([text] if text else []):
            yield ChatGenerationChunk(message=AIMessageChunk(content=word, additional_kwargs=extra))
            extra = {}  # once: merging chunks would repeat (and concatenate) it
        tool_calls = decided.tool_calls if isinstance(decided, AIMessage) else []
        if tool_calls or extra:
            yield ChatGenerationChunk(
                message=AIMessageChunk(content="", tool_calls=tool_calls, additional_kwargs=extra)
            )
