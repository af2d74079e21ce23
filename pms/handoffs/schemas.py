"""Arguments and results of `handoff_to_human` and the staff queue of hand-offs.

Input field names are the tool contract's argument names: the tool layer reuses these models as
the argument schemas the model sees, so the descriptions are written for it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pms.text import SUMMARY_MAX, Prose

Urgency = Literal["low", "normal", "high"]


class HandoffRequest(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    summary: Prose = Field(
        min_length=1,
        max_length=SUMMARY_MAX,
        description="What the person needs and what has been tried, for the staff member.",
    )
    urgency: Urgency = Field(
        default="normal", description="high for safety or a guest stranded now; else normal/low."
    )


class HandoffReceipt(BaseModel):
    reference: str
    urgency: str
    status: str
    next_steps: str


class OpenHandoff(BaseModel):
    reference: str
    summary: str
    urgency: str
    status: str
    role: str
    user: str | None
    reservations: list[str]
    channel: str
    created_at: str


class HandoffList(BaseModel):
    count: int
    handoffs: list[OpenHandoff]
