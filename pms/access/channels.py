"""Slack and Teams users who are members of staff. Only an admin links one to an account."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.access.schemas import ChannelAccountView, StaffIdentity
from pms.audit.service import record
from pms.authz import authorize
from pms.errors import Invalid, NotFound
from pms.hotels.repository import hotel_for
from pms.models import ChannelAccount, Hotel, StaffUser
from pms.principal import Principal

CHANNELS = ("slack", "teams")


def link(
    session: Session, actor: Principal, channel: str, external_id: str, username: str
) -> ChannelAccountView:
    """Map the platform user to the staff account (moving it if it was mapped elsewhere)."""
    authorize(actor, "manage_channel_accounts")
    if channel not in CHANNELS:
        raise Invalid(f"Unknown channel '{channel}'; use one of: {', '.join(CHANNELS)}.")
    external_id = external_id.strip()
    if not external_id:
        raise Invalid("The platform user id is empty.")
    hotel = hotel_for(session, actor)
    staff = session.scalars(
        select(StaffUser).where(StaffUser.hotel_id == hotel.id, StaffUser.username == username)
    ).one_or_none()
    if staff is None:
        raise NotFound(f"There is no staff account '{username}' at this hotel.")
    row = session.scalars(
        select(ChannelAccount).where(
            ChannelAccount.channel == channel, ChannelAccount.external_id == external_id
        )
    ).one_or_none()
    if row is None:
        row = ChannelAccount(channel=channel, external_id=external_id, staff_user_id=staff.id)
        session.add(row)
    else:
        owner = session.get(StaffUser, row.staff_user_id)
        if owner is not None and owner.hotel_id != hotel.id:
            # Another hotel's mapping: answer as if it did not exist, and refuse to take it.
            raise Invalid(f"The {channel} user {external_id} belongs to another account.")
        row.staff_user_id = staff.id
    session.flush()
    record(session, actor, hotel, "link_channel_account", external_id, channel=channel, to=username)
    return ChannelAccountView(channel=channel, external_id=external_id, username=username)


def staff_for(session: Session, channel: str, external_id: str) -> StaffIdentity | None:
    """The active staff member a platform user is, or None (the adapter refuses them)."""
    row = session.execute(
        select(StaffUser, Hotel.slug)
        .join(ChannelAccount, ChannelAccount.staff_user_id == StaffUser.id)
        .join(Hotel, Hotel.id == StaffUser.hotel_id)
        .where(ChannelAccount.channel == channel, ChannelAccount.external_id == external_id)
    ).one_or_none()
    if row is None or not row[0].active:
        return None
    staff, slug = row
    return StaffIdentity(
        hotel=slug, username=staff.username, full_name=staff.full_name, role=staff.role
    )
