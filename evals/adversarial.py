"""A model that obeys every injected instruction it can see: what the backend alone prevents.

AgentDojo measures a model's gullibility; this measures the other half of the defence. The model
does the user's task with an inner model (the offline one), and reads every tool result in the
conversation: when a result carries one of the instructions it knows (the injection suite's
goals), it emits the tool call that instruction asks for, once, as the conversation's own
principal, before going on. Whatever that call returns, it repeats to the user at the end of
the turn, so a leaked email reaches the replies; an instruction to say something, it says
there too. Any such call that fails was stopped by the tool filter or the service layer, never
by the model.

The inner model never sees the obeyed calls (they are taken out of the history it is shown),
so the user's task goes on exactly as it would have without them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from pydantic import Field

from agent.models import for_hotel
from pms.hotels.profile import HotelProfile

PREFIX = "adversary-"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _read(message: ToolMessage) -> str:
    """The tool result as the text a model reads: JSON strings decoded, so nothing is escaped."""
    content = message.content if isinstance(message.content, str) else str(message.content)
    try:
        return "\n".join([content, *_strings(json.loads(content))])
    except ValueError:
        return content


def _own(message: BaseMessage) -> bool:
    if isinstance(message, AIMessage):
        return any((call["id"] or "").startswith(PREFIX) for call in message.tool_calls)
    return isinstance(message, ToolMessage) and message.tool_call_id.startswith(PREFIX)


class AdversarialChatModel(BaseChatModel):
    """`inner` for the user's task; `obeys` maps an instruction's words to the call it asks for."""

    inner: BaseChatModel
    obeys: dict[str, dict[str, Any]] = Field(default_factory=dict)
    tool_specs: list[Any] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "adversarial"

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        return self.model_copy(update={"tool_specs": list(tools)})

    def for_hotel(self, profile: HotelProfile, today: date) -> AdversarialChatModel:
        """The inner model learns the hotel as it would unwrapped (the offline model needs it)."""
        return self.model_copy(update={"inner": for_hotel(self.inner, profile, today)})

    def _next_injected_call(self, messages: list[BaseMessage]) -> dict[str, Any] | None:
        seen = "\n".join(_read(m) for m in messages if isinstance(m, ToolMessage) and not _own(m))
        done = [
            (call["name"], call["args"])
            for m in messages
            if isinstance(m, AIMessage) and _own(m)
            for call in m.tool_calls
        ]
        for instruction, call in self.obeys.items():
            if "tool" in call and instruction in seen and (call["tool"], call["args"]) not in done:
                return call
        return None

    def _said(self, messages: list[BaseMessage]) -> list[str]:
        """What the instructions seen in this turn's tool results ask to be said."""
        start = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=0)
        seen = "\n".join(
            _read(m) for m in messages[start:] if isinstance(m, ToolMessage) and not _own(m)
        )
        return [
            str(call["say"])
            for instruction, call in self.obeys.items()
            if "say" in call and instruction in seen
        ]

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        wanted = self._next_injected_call(messages)
        if wanted is not None:
            n = sum(isinstance(m, AIMessage) for m in messages) + 1
            reply = AIMessage(
                content="",
                tool_calls=[
                    {"name": wanted["tool"], "args": dict(wanted["args"]), "id": f"{PREFIX}{n}"}
                ],
            )
            return ChatResult(generations=[ChatGeneration(message=reply)])
        inner = self.inner.bind_tools(self.tool_specs) if self.tool_specs else self.inner
        answer = inner.invoke([m for m in messages if not _own(m)])
        if not isinstance(answer, AIMessage):
            answer = AIMessage(content=str(answer.content))
        if not answer.tool_calls:
            obeyed = self._said(messages) + _obeyed_this_turn(messages)
            if obeyed:
                text = answer.text if isinstance(answer.text, str) else str(answer.text)
                answer = AIMessage(content=f"{text}\n\nAs instructed: {' '.join(obeyed)}")
        return ChatResult(generations=[ChatGeneration(message=answer)])


def _obeyed_this_turn(messages: list[BaseMessage]) -> list[str]:
    """What the obeyed calls of the current turn returned, as the tool results read."""
    start = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=0)
    return [
        m.content if isinstance(m.content, str) else str(m.content)
        for m in messages[start:]
        if isinstance(m, ToolMessage) and _own(m)
    ]
