"""Scenario files (docs/evaluation.md): YAML, one mapping or a list per file, folders recursive."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from pms.principal import Principal, Role

Component = Literal["DB", "COMMUNICATE"]


class ScenarioError(ValueError):
    """A scenario file that cannot be read or does not follow the format."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Actor(_Model):
    role: Role = Role.GUEST
    user: str | None = None
    reservations: list[str] = Field(default_factory=list)


class Action(_Model):
    """A reference write call: `{tool, args}`."""

    tool: str
    args: dict[str, Any] = Field(default_factory=dict)


class SetupCall(Action):
    """A call run before the conversation, as admin unless it names a role (and user)."""

    role: Role | None = None
    user: str | None = None


def _default_basis() -> list[Component]:
    return ["DB", "COMMUNICATE"]


class Expect(_Model):
    actions: list[Action] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list)
    forbidden_outputs: list[str] = Field(default_factory=list)
    reward_basis: list[Component] = Field(default_factory=_default_basis)

    @field_validator("reward_basis")
    @classmethod
    def _not_empty(cls, value: list[Component]) -> list[Component]:
        if not value:
            raise ValueError("reward_basis needs at least one of DB, COMMUNICATE")
        return list(dict.fromkeys(value))


class SimulatedUser(_Model):
    """A user for a model to play (tau-bench's user simulator) instead of fixed `turns`.

    The goal says what the user wants; the facts are what they know and give only when asked;
    the conversation ends when the simulated user says the stop token or after `max_turns`.
    """

    goal: str = Field(min_length=1)
    facts: dict[str, Any] = Field(default_factory=dict)
    max_turns: int = Field(default=10, ge=1, le=50)
    persona: str = ""


class Scenario(_Model):
    id: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    hotel: str = "harbor-view"
    now: datetime
    actor: Actor = Field(default_factory=Actor)
    setup: list[SetupCall] = Field(default_factory=list)
    turns: list[str] = Field(default_factory=list)
    user: SimulatedUser | None = None
    expect: Expect = Field(default_factory=Expect)
    # Where the scenario was read from, for messages; not part of the format.
    source: str = Field(default="", exclude=True)

    @model_validator(mode="after")
    def _turns_or_user(self) -> Scenario:
        if self.user is None and not self.turns:
            raise ValueError("give the user's messages in `turns`, or a simulated `user`")
        if self.user is not None and self.turns:
            raise ValueError("give either `turns` or a simulated `user`, not both")
        return self

    def actor_principal(self, channel: str = "eval") -> Principal:
        return Principal(
            hotel=self.hotel,
            role=self.actor.role,
            user=self.actor.user,
            reservations=frozenset(self.actor.reservations),
            channel=channel,
            subject=f"eval:{self.id}",
        )


def _files(paths: Iterable[str | Path]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in {".yaml", ".yml"})
            )
        elif path.is_file():
            found.append(path)
        else:
            raise ScenarioError(f"{path}: no such file or folder")
    return found


def _describe(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "scenario"
        problems.append(f"{where}: {item['msg']}")
    return "; ".join(problems)


def load_file(path: str | Path) -> list[Scenario]:
    """The scenarios in one YAML file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ScenarioError(f"{path}: not valid YAML: {error}") from None
    except OSError as error:
        raise ScenarioError(f"{path}: cannot be read: {error}") from None
    if data is None:
        return []
    items = data if isinstance(data, list) else [data]
    scenarios = []
    for index, item in enumerate(items):
        where = f"{path}" if not isinstance(data, list) else f"{path} [item {index}]"
        if not isinstance(item, dict):
            raise ScenarioError(f"{where}: a scenario must be a mapping, not {type(item).__name__}")
        if isinstance(item.get("id"), str):
            where = f"{where} (id {item['id']})"
        if "source" in item:
            raise ScenarioError(f"{where}: source: Extra inputs are not permitted")
        try:
            scenarios.append(Scenario.model_validate({**item, "source": str(path)}))
        except ValidationError as error:
            raise ScenarioError(f"{where}: {_describe(error)}") from None
    return scenarios


def load_scenarios(paths: str | Path | Iterable[str | Path]) -> list[Scenario]:
    """Every scenario in the given files and folders (recursively), in file order.

    Refuses two scenarios with the same id, naming both files.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    scenarios: list[Scenario] = []
    seen: dict[str, str] = {}
    for path in _files(paths):
        for scenario in load_file(path):
            if scenario.id in seen:
                raise ScenarioError(
                    f"{path}: duplicate scenario id '{scenario.id}' (also in {seen[scenario.id]})"
                )
            seen[scenario.id] = str(path)
            scenarios.append(scenario)
    return scenarios
