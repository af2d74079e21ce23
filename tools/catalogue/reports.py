"""Reports for the front desk and managers."""

from __future__ import annotations

from pydantic import BaseModel

from pms.db import UnitOfWork
from pms.principal import Principal
from pms.reports import service
from pms.reports.schemas import DailyReportQuery
from tools.registry import Kind, tool


@tool("daily_report", Kind.READ, DailyReportQuery)
def daily_report(session: UnitOfWork, actor: Principal, args: DailyReportQuery) -> BaseModel:
    """The day's numbers: occupancy, arrivals, departures, revenue, rooms and open tasks.

    date defaults to the business date.
    """
    return service.daily_report(session, actor, args)
