"""`concierge api-keys ...` and `concierge staff ...`: credentials, for whoever runs the server.

These act as the hotel's admin (someone with a shell on the server already has the database),
and are recorded in the audit log under the `cli` channel.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from concierge.wiring import open_database
from pms.principal import Principal, Role

_ROLES = [r.value for r in Role if r is not Role.ADMIN]


def _admin(hotel: str, user: str | None) -> Principal:
    return Principal(hotel=hotel, role=Role.ADMIN, user=user or "cli", channel="cli")


def _run(db_url: str | None, work: Any) -> Any:
    from pms.errors import PmsError

    db = open_database(db_url)
    try:
        return db.run(work)
    except PmsError as refusal:
        raise click.ClickException(refusal.message) from None
    finally:
        db.dispose()


@click.group("api-keys")
def api_keys_group() -> None:
    """Hotel API keys for servers and bots."""


@api_keys_group.command("issue")
@click.option("--hotel", required=True, help="Hotel slug.")
@click.option("--name", required=True, help="What the key is for, e.g. booking-engine.")
@click.option("--role", type=click.Choice(_ROLES), required=True, help="The role it acts as.")
@click.option("--user", help="Admin username to record as issuer.")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
def issue_key(hotel: str, name: str, role: str, user: str | None, db_url: str | None) -> None:
    """Issue a key; it is printed once and only its hash is kept."""
    from pms.access import api_keys
    from pms.access.schemas import ApiKeyRequest

    request = ApiKeyRequest(name=name, role=Role(role))
    issued = _run(db_url, lambda session: api_keys.issue(session, _admin(hotel, user), request))
    click.echo(json.dumps(issued.model_dump(mode="json"), indent=2))


@api_keys_group.command("list")
@click.option("--hotel", required=True, help="Hotel slug.")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
def list_keys(hotel: str, db_url: str | None) -> None:
    from pms.access import api_keys

    keys = _run(db_url, lambda session: api_keys.list_keys(session, _admin(hotel, None)))
    click.echo(json.dumps([k.model_dump(mode="json") for k in keys], indent=2))


@api_keys_group.command("revoke")
@click.argument("key_id", type=int)
@click.option("--hotel", required=True, help="Hotel slug.")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
def revoke_key(key_id: int, hotel: str, db_url: str | None) -> None:
    from pms.access import api_keys

    view = _run(db_url, lambda session: api_keys.revoke(session, _admin(hotel, None), key_id))
    click.echo(json.dumps(view.model_dump(mode="json"), indent=2))


@click.group("staff")
def staff_group() -> None:
    """Staff accounts: passwords, and their accounts on chat platforms."""


@staff_group.command("password")
@click.argument("username")
@click.option("--hotel", required=True, help="Hotel slug.")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
def set_password(username: str, hotel: str, db_url: str | None) -> None:
    """Set USERNAME's password, asked for twice at a prompt (or one line of standard input).

    Every token the account held stops working. The password is never an argument, so it stays
    out of shell history and process lists.
    """
    from pms.access.staff import password_problem, set_password

    password = _read_password()
    problem = password_problem(password, username)
    if problem is not None:
        raise click.ClickException(problem)
    view = _run(db_url, lambda s: set_password(s, _admin(hotel, None), username, password))
    click.echo(f"Password set for {view.username} at {hotel}; their earlier tokens are ended.")


def _read_password() -> str:
    """From a person at a terminal: hidden, typed twice. From a pipe: its first line."""
    if sys.stdin.isatty():
        entered: str = click.prompt(
            "New password", hide_input=True, confirmation_prompt="Repeat it", err=True
        )
        return entered
    line = sys.stdin.readline()
    if not line:
        raise click.ClickException("No password on standard input.")
    return line.removesuffix("\n").removesuffix("\r")


@staff_group.command("link")
@click.option("--hotel", required=True, help="Hotel slug.")
@click.option("--channel", type=click.Choice(["slack", "teams"]), required=True)
@click.option("--external-id", required=True, help="Slack <team>:<user> id, or Teams AAD id.")
@click.option("--username", required=True, help="The staff account it is.")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
def link_account(
    hotel: str, channel: str, external_id: str, username: str, db_url: str | None
) -> None:
    """Map a Slack or Teams user to a staff account; unmapped users are refused."""
    from pms.access.channels import link

    view = _run(
        db_url,
        lambda session: link(session, _admin(hotel, None), channel, external_id, username),
    )
    click.echo(json.dumps(view.model_dump(mode="json"), indent=2))


@click.group("web-origins")
def origins_group() -> None:
    """The websites allowed to embed a hotel's chat widget (CORS)."""


@origins_group.command("set")
@click.argument("origins", nargs=-1)
@click.option("--hotel", required=True, help="Hotel slug.")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
def set_origins(origins: tuple[str, ...], hotel: str, db_url: str | None) -> None:
    """Replace the hotel's web origins, e.g. https://www.example.com (none: embed nowhere)."""
    from pms.access.hotels import set_web_origins

    shown = _run(db_url, lambda s: set_web_origins(s, _admin(hotel, None), list(origins)))
    click.echo(json.dumps(shown.model_dump(mode="json"), indent=2))


def register(main: click.Group) -> None:
    main.add_command(api_keys_group)
    main.add_command(staff_group)
    main.add_command(origins_group)
