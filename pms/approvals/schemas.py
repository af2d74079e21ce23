"""Arguments and results of `request_manager_approval` and the managers' queue of approvals.

Input field names are the tool contract's argument names: the tool layer reuses `ApprovalArgs`
as the argument schema the model sees, so the descriptions are written for it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pms.text import SUMMARY_MAX, Prose

ApprovableTool = Literal["refund_payment", "void_charge"]


class ApprovalArgs(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    tool: ApprovableTool = Field(description="The manager-only tool to run once approved.")
    arguments: dict[str, Any] = Field(
        description="That tool's arguments exactly as it takes them, e.g. "
        '{"confirmation_code": "HV1004", "amount": 10.00, "reason": "goodwill"}.'
    )
    reason: Prose = Field(
        min_length=1,
        max_length=SUMMARY_MAX,
        description="Why the staff member asks, for the manager.",
    )


class ApprovalView(BaseModel):
    approval_id: int
    reference: str
    tool: str
    arguments: dict[str, Any]
    reason: str
    status: str
    requested_role: str
    requested_by: str | None
    channel: str
    thread_id: str | None
    tool_call_id: str | None
    decided_by: str | None
    decision_note: str | None
    decided_at: str | None
    created_at: str


class ApprovalList(BaseModel):
    count: int
    approvals: list[ApprovalView]
