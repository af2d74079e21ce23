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


@router.get("/ready", responses={503: {"description": "The database does not answer."}})
def ready(services: ServicesDep) -> JSONResponse:
    """Can this process serve? 503 when the database does not answer.

    Redis down is `degraded`, still 200: the process serves on, counting limits on its own
    (api/shared.py), and a load balancer that took every replica out for it would turn a Redis
    outage into a whole-service one. `checks` says which dependency is down.
    """
    checks: dict[str, Any] = {"database": services.db.ping(), "shared": services.shared.ready()}
    status = "ready" if all(checks.values()) else "degraded"
    if not checks["database"]:
        status = "unavailable"
    shared = services.shared.description
    if not checks["shared"]:
        shared += "; not answering: limits are counted in each process until it does"
    body = {
        "status": status,
        "checks": {name: "ok" if good else "down" for name, good in checks.items()},
        "shared_state": shared,
        "model": services.desk.model_name,
    }
    return JSONResponse(body, status_code=503 if status == "unavailable" else 200)


@router.get("/metrics", response_class=Response)
def metrics(services: ServicesDep) -> Response:
    return Response(services.metrics.render(), media_type=CONTENT_TYPE_LATEST)
