"""Hotel files over the API: the admin of a hotel applies and exports that hotel's file.

Creating a hotel needs someone who is not yet anybody's admin, so it is done by whoever runs the
server (`concierge hotels apply`); an API credential is always one hotel's, and may only change
that hotel. Another hotel's file answers as if it did not exist, like every other hotel's data.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pms.authz import authorize
from pms.errors import NotFound, NotPermitted
from pms.hotels.apply import ApplyReport, apply_hotel_file
from pms.hotels.export import export_hotel
from pms.hotels.file import HotelFile, HotelFileInvalid
from pms.principal import Principal


def apply_for(
    session: Session, actor: Principal, slug: str, document: HotelFile, *, dry_run: bool = False
) -> ApplyReport:
    """Apply `document` to the actor's own hotel `slug` (admins only)."""
    _admin_of(actor, slug)
    problems = []
    if document.slug != slug:
        problems.append(f"slug: is {document.slug}, but the address names {slug}")
    if document.documents is not None:
        problems.append(
            "documents: not over the API; upload the hotel's documents with "
            "POST /v1/knowledge/documents"
        )
    if problems:
        raise HotelFileInvalid(problems)
    return apply_hotel_file(session, document, dry_run=dry_run)


def export_for(session: Session, actor: Principal, slug: str) -> dict[str, Any]:
    """The hotel file of the actor's own hotel `slug` (admins only)."""
    if actor.hotel != slug:
        raise NotFound(f"There is no hotel '{slug}'.")
    _admin_of(actor, slug)
    return export_hotel(session, slug)


def _admin_of(actor: Principal, slug: str) -> None:
    authorize(actor, "manage_hotel_file")
    if actor.hotel != slug:
        raise NotPermitted(
            f"These credentials are {actor.hotel}'s and may change only {actor.hotel}; a new "
            "hotel is created with `concierge hotels apply` on the server."
        )
