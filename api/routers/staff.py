"""Staff accounts of a hotel, for its admins: add, list, deactivate, set a password.

Only an admin of the hotel named in the path may use these; another hotel's slug answers 404,
as does a username that is not an account of the admin's own hotel. A deactivated account's
tokens stop at its next request, because every request re-reads the account.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, Field, SecretStr

from api.deps import PrincipalDep, ServicesDep
from api.errors import ApiError
from pms.access import staff
from pms.access.schemas import StaffRequest, StaffView
from pms.principal import Principal
from pms.text import Line

router = APIRouter(prefix="/v1/hotels/{slug}/staff", tags=["staff"])

Slug = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
# Looser than a new username's pattern on purpose: any other line is simply not found. A control
# character (PostgreSQL refuses NUL in a parameter) is a 422 naming the field.
Username = Annotated[Line, Path(min_length=1, max_length=64)]


class StaffList(BaseModel):
    staff: list[StaffView]


class NewPassword(BaseModel):
    password: SecretStr = Field(description=f"At least {staff.PASSWORD_MIN} characters.")


def _own_hotel(slug: str, principal: Principal) -> None:
    if slug != principal.hotel:
        raise ApiError(404, "not_found", f"There is no hotel '{slug}' for you.")


@router.get("")
def list_staff(slug: Slug, principal: PrincipalDep, services: ServicesDep) -> StaffList:
    """Every account of the hotel, active or not (admins)."""
    _own_hotel(slug, principal)
    return StaffList(staff=services.db.run(lambda session: staff.list_staff(session, principal)))


@router.post("", status_code=201)
def add_staff(
    slug: Slug, body: StaffRequest, principal: PrincipalDep, services: ServicesDep
) -> StaffView:
    """A new account (admins). Without `password` it cannot sign in until one is set."""
    _own_hotel(slug, principal)
    return services.db.run(lambda session: staff.add_staff(session, principal, body))


@router.delete("/{username}")
def deactivate_staff(
    slug: Slug, username: Username, principal: PrincipalDep, services: ServicesDep
) -> StaffView:
    """Deactivate the account (it is kept, for the audit log): its tokens stop at once."""
    _own_hotel(slug, principal)
    return services.db.run(lambda session: staff.deactivate(session, principal, username))


@router.put("/{username}/password", status_code=204)
def set_staff_password(
    slug: Slug,
    username: Username,
    body: NewPassword,
    principal: PrincipalDep,
    services: ServicesDep,
) -> Response:
    """Set or reset the password; every token the account held before stops working."""
    _own_hotel(slug, principal)
    password = body.password.get_secret_value()
    services.db.run(lambda session: staff.set_password(session, principal, username, password))
    return Response(status_code=204)
