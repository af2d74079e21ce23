"""The offline model: deterministic understanding behind LangChain's chat-model interface."""

from agent.offline.model import OfflineChatModel

__all__ = ["OfflineChatModel"]
