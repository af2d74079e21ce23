"""How `concierge chat` shows a turn while it streams: the reply typed out, tool steps dimmed.

Each token is written (and flushed) as it arrives, so a person watches the reply being typed
instead of waiting for it whole. Tool steps interrupt the text on lines of their own.
"""

from __future__ import annotations

import json

import click

from agent.streaming import ApprovalPending, Event, Token, ToolCall, ToolResult

SPEAKER = "concierge: "


class TurnView:
    """Prints one turn's events in order; `show` each event as the stream yields it."""

    def __init__(self) -> None:
        self._typing = False  # inside a line of reply text

    def show(self, event: Event) -> None:
        """`Done` only ends the line: everything it holds has been shown as it came."""
        if isinstance(event, Token):
            if not self._typing:
                click.echo(SPEAKER, nl=False)
                self._typing = True
            click.echo(event.text, nl=False)
            return
        self._end_line()
        if isinstance(event, ToolCall):
            _dim(f"  · {event.name} {json.dumps(event.args, default=str)}")
        elif isinstance(event, ToolResult):
            if event.error is None:
                _dim(f"    ↳ ok {event.summary}")
            else:
                _dim(f"    ↳ {event.error.get('type')}: {event.error.get('message')}")
        elif isinstance(event, ApprovalPending):
            request = event.request
            click.echo(
                click.style(
                    f"  … waiting for a manager to approve {request.get('tool')} "
                    f"(request {request.get('approval_id')})",
                    fg="yellow",
                )
            )

    def _end_line(self) -> None:
        if self._typing:
            click.echo()
            self._typing = False


def _dim(line: str) -> None:
    click.echo(click.style(line, dim=True))
