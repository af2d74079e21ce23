"""For whoever runs the service: liveness, readiness, and Prometheus metrics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from api.deps import ServicesDep

router = APIRouter(tags=["operations"])


@router.get("/health")
def health() -> dict[str, str]:
    """The process is up and answering."""
    return {"status": "ok"}


@router.get("/ready", responses={503: {"description": "A dependency does not answer."}})
def ready(services: ServicesDep) -> JSONResponse:
    """The database and the shared state (Redis) answer; 503 says which does not."""
    checks: dict[str, Any] = {"database": services.db.ping(), "shared": services.shared.ready()}
    ok = all(checks.values())
    body = {
        "status": "ready" if ok else "unavailable",
        "checks": {name: "ok" if good else "down" for name, good in checks.items()},
        "shared_state": services.shared.description,
        "model": services.desk.model_name,
    }
    return JSONResponse(body, status_code=200 if ok else 503)


@router.get("/metrics", response_class=Response)
def metrics(services: ServicesDep) -> Response:
    return Response(services.metrics.render(), media_type=CONTENT_TYPE_LATEST)
