"""Chat-model providers, chosen by name.

- `none`: a baseline that answers politely that it cannot act, and never calls a tool.
- `openai:<model>`: OpenAI through langchain-openai (needs an API key).
- `openai-compatible:<model>@<base_url>`: any OpenAI-compatible server (vLLM, Ollama, ...).
- `recorded:<path>`: a cassette of recorded answers, replayed offline (agent/recorded.py).

Providers live in `PROVIDERS`, keyed by the part of the name before ":"; another provider (the
offline model) plugs in with `register_provider`. Construction is lazy: nothing is imported or
contacted until a model is asked for, and building a ChatOpenAI sends no request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol, runtime_checkable

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool

from pms.hotels.profile import HotelProfile

# A provider gets the text after "name:" ("" when there is none) and the API key if any.
Provider = Callable[[str, str | None], BaseChatModel]


class ModelNotAvailable(ValueError):
    """The model name is unknown, malformed, or its provider is not available yet."""


NONE_REPLY = (
    "Thank you for your message. I'm sorry, but I can't look anything up or make changes "
    "in this mode. Please contact the hotel's front desk, who will be glad to help."
)


@runtime_checkable
class KnowsHotels(Protocol):
    """A model that takes the hotel's profile and business date from the run (the offline
    model), rather than reading them in the prompt as a language model does."""

    def for_hotel(self, profile: HotelProfile, today: date) -> BaseChatModel: ...


def for_hotel(model: BaseChatModel, profile: HotelProfile, today: date) -> BaseChatModel:
    """`model` as it should answer for this hotel today (itself, for a language model)."""
    return model.for_hotel(profile, today) if isinstance(model, KnowsHotels) else model


class NoneChatModel(BaseChatModel):
    """The baseline: always the same polite answer, never a tool call."""

    reply: str = NONE_REPLY

    @property
    def _llm_type(self) -> str:
        return "concierge-none"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self.reply))])

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        return self  # it never calls a tool, so the tools change nothing


def _none(rest: str, api_key: str | None) -> BaseChatModel:
    if rest:
        raise ModelNotAvailable("The 'none' model takes no argument: use 'none'.")
    return NoneChatModel()


def _openai(rest: str, api_key: str | None) -> BaseChatModel:
    if not rest:
        raise ModelNotAvailable("Name the model: 'openai:<model>', e.g. 'openai:gpt-4o-mini'.")
    if not api_key:
        raise ModelNotAvailable(f"'openai:{rest}' needs an OpenAI API key in the settings.")
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    # Turns are streamed; usage in streams is on by default only without OPENAI_BASE_URL.
    return ChatOpenAI(model=rest, api_key=SecretStr(api_key), temperature=0, stream_usage=True)


def _openai_compatible(rest: str, api_key: str | None) -> BaseChatModel:
    model, _, base_url = rest.partition("@")
    if not model or not base_url:
        raise ModelNotAvailable(
            "Use 'openai-compatible:<model>@<base_url>', "
            "e.g. 'openai-compatible:llama3.1@http://localhost:11434/v1'."
        )
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    # Local servers usually ignore the key, but the client insists on one. Turns are streamed,
    # and with a base URL langchain-openai asks for no usage in a stream unless told to; vLLM,
    # Ollama, llama.cpp and LiteLLM all send it, and token counts are part of every Reply.
    return ChatOpenAI(
        model=model,
        base_url=base_url,
        api_key=SecretStr(api_key or "unused"),
        temperature=0,
        stream_usage=True,
    )


def _offline(rest: str, api_key: str | None) -> BaseChatModel:
    from agent.offline import OfflineChatModel

    return OfflineChatModel()


def _recorded(rest: str, api_key: str | None) -> BaseChatModel:
    if not rest:
        raise ModelNotAvailable("Name the cassette: 'recorded:<path>'.")
    from agent.recorded import RecordedChatModel

    try:
        return RecordedChatModel.replaying(rest)
    except (OSError, ValueError, KeyError) as error:
        raise ModelNotAvailable(f"'recorded:{rest}': cannot read the cassette: {error}") from None


PROVIDERS: dict[str, Provider] = {
    "offline": _offline,
    "none": _none,
    "openai": _openai,
    "openai-compatible": _openai_compatible,
    "recorded": _recorded,
}


def register_provider(name: str, provider: Provider) -> None:
    PROVIDERS[name] = provider


def get_chat_model(name: str, *, api_key: str | None = None) -> BaseChatModel:
    """The chat model called `name`; ModelNotAvailable names what is accepted otherwise."""
    prefix, _, rest = name.strip().partition(":")
    provider = PROVIDERS.get(prefix)
    if provider is None:
        raise ModelNotAvailable(f"Unknown model '{name}'; choose one of: {', '.join(_forms())}.")
    return provider(rest, api_key)


def _forms() -> list[str]:
    forms = {
        "offline": "offline",
        "none": "none",
        "openai": "openai:<model>",
        "openai-compatible": "openai-compatible:<model>@<base_url>",
        "recorded": "recorded:<path>",
    }
    return [forms.get(prefix, prefix) for prefix in PROVIDERS]
