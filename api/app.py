"""The FastAPI application: routers, error shapes, CORS, limits and metrics around them."""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import Lifespan

from api import errors
from api.deps import limit_address
from api.middleware import BodyLimit, RequestMetrics
from api.origins import HotelCORS
from api.routers import (
    approvals,
    channels,
    chat,
    completions,
    hotels,
    identity,
    knowledge,
    operations,
    staff,
    tools,
)
from api.services import Services

DESCRIPTION = """The hotel concierge: conversations with the agent, the tool catalogue as REST,
approvals and hotel configuration. Send credentials as `Authorization: Bearer <token>`."""


def create_app(services: Services, lifespan: Lifespan[FastAPI] | None = None) -> FastAPI:
    app = FastAPI(title="Concierge", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.services = services
    errors.install(app)
    v1 = APIRouter(dependencies=[Depends(limit_address)])
    for area in (identity, staff, chat, completions, approvals, tools, knowledge, hotels):
        v1.include_router(area.router)
    app.include_router(v1)
    app.include_router(operations.router)
    app.include_router(channels.router(services, services.config.slack, services.config.teams))
    if services.config.serve_web:
        _serve_web(app)
    # Outermost last: metrics see every answer, CORS answers preflights before any limit.
    app.add_middleware(
        BodyLimit,
        limit=services.config.max_body_bytes,
        upload_limit=services.config.max_upload_bytes,
        # A hotel file with its imported reservations can be far larger than a chat message.
        upload_paths=("/v1/knowledge/documents", "/v1/hotels/"),
    )
    app.add_middleware(HotelCORS, origins=services.origins)
    app.add_middleware(RequestMetrics, metrics=services.metrics)
    return app


def _serve_web(app: FastAPI) -> None:
    import web

    if not web.STATIC.is_dir():
        return
    app.mount("/static", StaticFiles(directory=web.STATIC), name="static")
    for path, page in web.PAGES.items():
        file = web.STATIC / page

        def serve(file: str = str(file)) -> FileResponse:
            return FileResponse(file, media_type="text/html")

        app.add_api_route(path, serve, methods=["GET"], include_in_schema=False)
