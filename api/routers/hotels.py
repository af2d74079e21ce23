"""A hotel's file over HTTP, for hotel software vendors: PUT applies it, GET .../file exports it.

`GET /v1/hotels/{slug}` is the hotel's public profile (the widget reads it without credentials),
so the export is `GET /v1/hotels/{slug}/file`. The document is the hotel file of
docs/hotel-file.md as JSON. An invalid one answers 422 with
every error and its place in `error.errors`, and changes nothing. Admins only, and only their
own hotel (pms/hotels/service.py).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.responses import JSONResponse

from api.deps import PrincipalDep, ServicesDep
from pms.hotels.file import HotelFileInvalid, parse_hotel_file
from pms.hotels.service import apply_for, export_for

router = APIRouter(prefix="/v1/hotels", tags=["hotels"])

_INVALID: dict[int | str, dict[str, Any]] = {
    422: {
        "description": "The file is invalid; `error.errors` lists every problem with its place.",
    }
}


@router.put("/{slug}", responses=_INVALID)
def put_hotel(
    slug: str,
    document: Annotated[dict[str, Any], Body(description="The hotel file, as JSON.")],
    principal: PrincipalDep,
    services: ServicesDep,
    dry_run: Annotated[bool, Query(description="Say what would change; write nothing.")] = False,
) -> Any:
    """Bring the hotel up to its file (all or nothing); the answer lists what changed."""
    try:
        parsed = parse_hotel_file(document)
        report = services.db.run(
            lambda session: apply_for(session, principal, slug, parsed, dry_run=dry_run)
        )
    except HotelFileInvalid as invalid:
        return JSONResponse(
            {
                "error": {
                    "type": invalid.type,
                    "message": invalid.message,
                    "errors": invalid.errors,
                }
            },
            status_code=422,
        )
    return report.as_dict()


@router.get("/{slug}/file")
def get_hotel_file(slug: str, principal: PrincipalDep, services: ServicesDep) -> dict[str, Any]:
    """The hotel as its hotel file (JSON): PUT it back and nothing changes."""
    return services.db.run(lambda session: export_for(session, principal, slug))
