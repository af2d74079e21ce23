"""What the `search_knowledge` tool takes and returns."""

from __future__ import annotations

from pydantic import BaseModel, Field


class KnowledgeQuery(BaseModel):
    query: str = Field(min_length=1, max_length=500, description="The guest's question.")
    top_k: int = Field(4, ge=1, le=10)


class PassageOut(BaseModel):
    text: str
    source: str
    heading: str
    score: float


class KnowledgeAnswer(BaseModel):
    query: str
    passages: list[PassageOut]
