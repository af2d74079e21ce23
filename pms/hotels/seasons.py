"""Writing a hotel's seasons: replaced whole when they differ from the file's, else left alone.

Seasons are an ordered list (where two cover a night, the later one prices it), so they are compared
and rewritten as one list rather than matched one by one; the report still names each season
added, removed or changed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from pms.hotels.writing import Writing
from pms.models import Hotel, RoomType, Season, SeasonRate


def write_seasons(w: Writing, hotel: Hotel, types: dict[str, RoomType]) -> None:
    code_of = {t.id: code for code, t in types.items()}
    current = list(
        w.session.scalars(
            select(Season).where(Season.hotel_id == hotel.id).order_by(Season.position)
        )
    )
    rates: dict[int, dict[str, int]] = {s.id: {} for s in current}
    if current:
        for season_id, type_id, cents in w.session.execute(
            select(SeasonRate.season_id, SeasonRate.room_type_id, SeasonRate.rate_cents).where(
                SeasonRate.season_id.in_(rates)
            )
        ):
            rates[season_id][code_of.get(type_id, "?")] = cents
    have = [(s.name, s.from_date, s.until_date, list(s.days), rates[s.id]) for s in current]
    want = [
        (s.name, s.from_date, s.until_date, list(s.days), dict(s.rates)) for s in w.document.seasons
    ]
    if have == want:
        return
    if current:
        w.session.execute(delete(SeasonRate).where(SeasonRate.season_id.in_(rates)))
        w.session.execute(delete(Season).where(Season.hotel_id == hotel.id))
    for position, (name, first, until, days, by_type) in enumerate(want):
        season = Season(
            hotel_id=hotel.id,
            position=position,
            name=name,
            from_date=first,
            until_date=until,
            days=days,
        )
        w.session.add(season)
        w.session.flush()
        for code, cents in by_type.items():
            w.session.add(
                SeasonRate(season_id=season.id, room_type_id=types[code].id, rate_cents=cents)
            )
    w.note("seasons: " + _season_changes(have, want))


def _season_changes(have: list[tuple[Any, ...]], want: list[tuple[Any, ...]]) -> str:
    """What differs between two lists of seasons, by name."""
    before = {season[0]: (i, season) for i, season in enumerate(have)}
    after = {season[0]: (i, season) for i, season in enumerate(want)}
    parts = []
    added = [name for name in after if name not in before]
    removed = [name for name in before if name not in after]
    changed = [name for name in after if name in before and before[name] != after[name]]
    for label, names in (("added", added), ("removed", removed), ("changed", changed)):
        if names:
            parts.append(f"{label} {', '.join(names)}")
    return "; ".join(parts) or "reordered"
