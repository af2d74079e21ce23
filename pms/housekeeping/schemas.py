"""Arguments and results of the housekeeping tools.

Input field names are the tool contract's argument names: the tool layer reuses these models as
the argument schemas the model sees, so the descriptions are written for it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pms.text import NOTE_MAX, Line, Prose

TaskKind = Literal[
    "checkout_clean", "stayover_clean", "inspection", "amenity_request", "maintenance"
]
TaskStatus = Literal["open", "in_progress", "done"]
TaskPriority = Literal["low", "normal", "high"]


class _Arguments(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)


class TaskQuery(_Arguments):
    """Filters of `list_housekeeping_tasks`; all optional, combined with AND."""

    status: TaskStatus | None = Field(
        default=None, description="Only tasks in this status; by default open and in_progress."
    )
    assignee: Line | None = Field(
        default=None, max_length=64, description="Only tasks assigned to this staff username."
    )
    floor: int | None = Field(default=None, description="Only tasks for rooms on this floor.")
    room_number: Line | None = Field(
        default=None, max_length=8, description="Only tasks for this room, e.g. 517."
    )


class NewTask(_Arguments):
    room_number: Line = Field(min_length=1, max_length=8, description="The room, e.g. 517.")
    kind: TaskKind = Field(description="Guests may request only amenity_request or stayover_clean.")
    notes: Prose | None = Field(
        default=None, max_length=NOTE_MAX, description="What is needed, e.g. 'two extra towels'."
    )
    priority: TaskPriority = Field(default="normal", description="low, normal or high.")


class AssignTask(_Arguments):
    task_id: int = Field(ge=1, description="The task's id from list_housekeeping_tasks.")
    assignee: Line = Field(
        min_length=1, max_length=64, description="Username of a housekeeping staff member."
    )


class UpdateTask(_Arguments):
    task_id: int = Field(ge=1, description="The task's id from list_housekeeping_tasks.")
    status: TaskStatus = Field(
        description="in_progress when starting, done when finished; done is final."
    )


class Task(BaseModel):
    task_id: int
    room_number: str
    floor: int
    room_condition: str
    kind: str
    status: str
    priority: str
    assignee: str | None
    notes: str | None
    created_at: str
    created_by: str
    completed_at: str | None


class TaskList(BaseModel):
    total: int = Field(description="How many tasks match, even beyond those listed.")
    count: int
    tasks: list[Task]
