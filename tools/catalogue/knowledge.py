"""The hotel's own documents: policies, amenities, services, the neighbourhood."""

from __future__ import annotations

from pydantic import BaseModel, Field

from knowledge.schemas import KnowledgeAnswer, KnowledgeQuery, PassageOut
from pms.db import UnitOfWork
from pms.principal import Principal
from pms.text import Line
from tools.registry import Kind, tool
from tools.runtime import knowledge_of


class SearchArgs(KnowledgeQuery):
    """The question as the tool takes it: one line, like every other text argument."""

    query: Line = Field(min_length=1, max_length=500, description="The guest's question.")


@tool("search_knowledge", Kind.READ, SearchArgs)
def search_knowledge(session: UnitOfWork, actor: Principal, args: SearchArgs) -> BaseModel:
    """Passages of the hotel's documents (policies, rooms, dining, amenities, transport, area).

    Use for any question about the hotel; answer only from the passages, citing their source.
    """
    # The principal's hotel picks the index: no argument can reach another hotel's documents.
    passages = knowledge_of(session).search(actor.hotel, args.query, args.top_k)
    return KnowledgeAnswer(query=args.query, passages=[PassageOut(**p.as_dict()) for p in passages])
