"""The hotel's documents: admins add them; staff search them as the agent does."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel

from api.deps import PrincipalDep, ServicesDep, StaffDep
from api.errors import ApiError, raise_refusal
from tools.documents import ingest_document

router = APIRouter(prefix="/v1/knowledge", tags=["knowledge"])


class IngestResult(BaseModel):
    document: str
    chunks: int
    embedded: int
    unchanged: int
    deleted: int
    seconds: float


@router.post("/documents", status_code=201)
def add_document(
    file: Annotated[UploadFile, File(description="Markdown, HTML, PDF or plain text.")],
    principal: PrincipalDep,
    services: ServicesDep,
) -> IngestResult:
    """Index a document for the hotel (admins); a new version of a file replaces the old one."""
    limit = services.config.max_upload_bytes
    content = file.file.read(limit + 1)
    if len(content) > limit:
        raise ApiError(413, "too_large", f"Documents may be up to {limit // (1024 * 1024)} MiB.")
    result = ingest_document(services.desk.runtime, principal, file.filename or "", content)
    return IngestResult.model_validate(result)


@router.get("/search")
def search(
    q: Annotated[str, Query(min_length=1, max_length=500)],
    principal: StaffDep,
    services: ServicesDep,
    top_k: Annotated[int, Query(ge=1, le=20)] = 4,
) -> dict[str, Any]:
    outcome = services.desk.runtime.call(
        "search_knowledge", {"query": q, "top_k": top_k}, principal
    )
    raise_refusal(outcome.error)
    return outcome.result or {}
