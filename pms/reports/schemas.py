"""Arguments and result of `daily_report`.

Input field names are the tool contract's argument names: the tool layer reuses these models as
the argument schemas the model sees, so the descriptions are written for it.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class DailyReportQuery(BaseModel):
    date: dt.date | None = Field(
        default=None,
        description="The night to report on (YYYY-MM-DD); the business date if omitted.",
    )


class DailyReport(BaseModel):
    """One night in numbers. Room conditions, in-house guests and tasks are as they are now."""

    date: str
    business_date: str
    rooms_total: int
    rooms_out_of_order: int
    rooms_in_service: int
    rooms_occupied: int = Field(description="Stays holding the night (in house, due or departed).")
    occupancy_percent: float = Field(description="Occupied rooms as a share of in-service rooms.")
    arrivals_count: int
    arrivals: list[str]
    departures_count: int
    departures: list[str]
    in_house: int
    revenue_by_category: dict[str, str] = Field(
        description="Charges posted for the date by category, less voids posted that date."
    )
    revenue_total: str
    room_revenue: str
    adr: str = Field(description="Average daily rate: room revenue per occupied room.")
    revpar: str = Field(description="Room revenue per in-service room.")
    payments_total: str
    payments_by_method: dict[str, str]
    refunds_total: str
    rooms_dirty: int
    rooms_clean: int
    rooms_inspected: int
    open_housekeeping_tasks: int = Field(description="Tasks not done yet (open or in progress).")
    housekeeping_in_progress: int
