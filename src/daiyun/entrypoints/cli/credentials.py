"""`daiyun credentials add|list|log|reveal|rotate|hand-back`: the store credentials a brand
hands over (issue 21, R-B7) — sealed with DAIYUN_CREDENTIAL_KEYS, never shown by `list`, each
reveal with its reason logged, handed back at exit.

The secret is never an option (it would stay in the shell's history and the process list):
`add` asks for it without echo on a terminal, or reads it from stdin. `--by LOGIN` acts as that
user (their role decides: a brand's people and roles without the permission are refused, exit
1, nothing logged); without it the console acts as an agency admin (R-D3 names the operating
system user)."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Annotated, Any

import typer

from daiyun.domain.agency import User
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.credentials import CredentialKind, CredentialReveal, NewCredential
from daiyun.domain.credentials.store_credentials import StoreCredential
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.services.credentials.store_credentials import (
    add_credential,
    hand_back_credentials,
    list_credentials,
    list_reveals,
    reveal_credential,
    rotate_credentials,
)

__all__ = ["credentials_app"]

credentials_app = typer.Typer(
    help="Store credentials the brand handed over: encrypted, every reveal logged (R-B7).",
    no_args_is_help=True,
)

ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Act as this user (default: the console, an agency admin)."),
]
BrandFilter = Annotated[str | None, typer.Option("--brand", help="Only this brand's.")]
_KINDS = ", ".join(kind.value for kind in CredentialKind)


def _user(by: str | None) -> User | str:
    return common.console_user() if by is None else by


def _read_secret() -> str:
    """The secret: asked twice without echo on a terminal, else stdin's text (one trailing
    line end dropped)."""
    if sys.stdin.isatty():
        secret = typer.prompt("Secret", hide_input=True, confirmation_prompt=True)
        return str(secret)
    text = sys.stdin.read()
    return text[:-1] if text.endswith("\n") else text


def credential_json(credential: StoreCredential) -> dict[str, Any]:
    return {
        "id": credential.id,
        "brand": credential.brand,
        "store": credential.store,
        "kind": credential.kind.value,
        "login_name": credential.login_name,
        "note": credential.note,
        "added_at": _iso(credential.added_at),
        "added_by": credential.added_by,
        "held": credential.held,
        "handed_back_on": None if credential.handed_back_on is None
        else credential.handed_back_on.isoformat(),
        "handed_back_by": credential.handed_back_by,
        "reveals": credential.reveals,
    }  # fmt: skip


def reveal_json(reveal: CredentialReveal) -> dict[str, Any]:
    return {
        "credential_id": reveal.credential_id,
        "brand": reveal.brand,
        "store": reveal.store,
        "kind": reveal.kind.value,
        "login_name": reveal.login_name,
        "revealed_by": reveal.revealed_by,
        "revealed_at": _iso(reveal.revealed_at),
        "reason": reveal.reason,
    }


def _iso(moment: datetime) -> str:
    """A moment in Beijing time, ISO 8601."""
    return moment.astimezone(SHANGHAI).isoformat()


@credentials_app.command("add")
def add(
    store: Annotated[str, typer.Option("--store", help="The store's code.")],
    kind: Annotated[str, typer.Option("--kind", help=f"One of {_KINDS}.")],
    login_name: Annotated[str, typer.Option("--login", help="The login name or app key.")],
    note: Annotated[str, typer.Option("--note", help="What it is for.")] = "",
    by: ByOption = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Keep a credential; the secret from a prompt (no echo) or stdin, never an option."""
    try:
        the_kind = CredentialKind(kind)
    except ValueError:
        common.bad_input(f"--kind {kind!r} is not one of {_KINDS}")
    when = common.moment(at)
    secret = _read_secret()
    with common.open_daiyun() as application:
        kept = add_credential(
            application.credential_unit_of_work(), application.credential_vault,
            user=_user(by), new=NewCredential(store, the_kind, login_name, secret, note),
            at=when,
        )  # fmt: skip
    common.emit(
        as_json,
        credential_json(kept),
        lambda: typer.echo(
            f"credential {kept.id}: {kept.store} {kept.kind.value} {kept.login_name} kept encrypted"
        ),
    )


@credentials_app.command("list")
def list_command(
    brand: BrandFilter = None, by: ByOption = None, as_json: JsonOption = False
) -> None:
    """The credentials (never a secret): store, kind, login name, held or handed back."""
    with common.open_daiyun() as application:
        found = list_credentials(
            application.credential_unit_of_work(read_only=True), user=_user(by),
            brand_codes=None if brand is None else [brand],
        )  # fmt: skip

    def human() -> None:
        for each in found:
            state = "held" if each.held else f"handed back on {each.handed_back_on}"
            typer.echo(
                f"{each.id}\t{each.brand}\t{each.store}\t{each.kind.value}\t{each.login_name}"
                f"\t{state}\t{each.reveals} reveals"
            )

    common.emit(as_json, {"credentials": [credential_json(each) for each in found]}, human)


@credentials_app.command("log")
def log_command(
    brand: BrandFilter = None, by: ByOption = None, as_json: JsonOption = False
) -> None:
    """The reveal log: who saw which secret, when and why, newest first."""
    with common.open_daiyun() as application:
        found = list_reveals(
            application.credential_unit_of_work(read_only=True), user=_user(by),
            brand_codes=None if brand is None else [brand],
        )  # fmt: skip

    def human() -> None:
        for each in found:
            typer.echo(
                f"{_iso(each.revealed_at)}\t{each.revealed_by}\t{each.credential_id}\t"
                f"{each.store}\t{each.kind.value}\t{each.login_name}\t{each.reason}"
            )

    common.emit(as_json, {"reveals": [reveal_json(each) for each in found]}, human)


@credentials_app.command("reveal")
def reveal(
    credential_id: Annotated[int, typer.Argument(help="The credential's id (from list).")],
    reason: Annotated[str, typer.Option("--reason", help="What the secret is needed for.")],
    by: ByOption = None,
    at: AtOption = None,
) -> None:
    """Print the secret once, on stdout alone; the reveal is logged with who and why."""
    when = common.moment(at)
    with common.open_daiyun() as application:
        shown = reveal_credential(
            application.credential_unit_of_work(), application.credential_vault,
            user=_user(by), credential_id=credential_id, reason=reason, at=when,
        )  # fmt: skip
    credential = shown.credential
    common.err.print(
        f"credential {credential.id} ({credential.store} {credential.kind.value} "
        f"{credential.login_name}): revealed to {shown.reveal.revealed_by}, logged",
        markup=False,
    )
    typer.echo(shown.secret)


@credentials_app.command("rotate")
def rotate(by: ByOption = None, at: AtOption = None, as_json: JsonOption = False) -> None:
    """Re-encrypt every held secret with the newest key of DAIYUN_CREDENTIAL_KEYS."""
    when = common.moment(at)
    with common.open_daiyun() as application:
        count = rotate_credentials(
            application.credential_unit_of_work(), application.credential_vault,
            user=_user(by), at=when,
        )  # fmt: skip
    common.emit(
        as_json,
        {"resealed": count},
        lambda: typer.echo(f"{count} secrets re-encrypted with the newest key"),
    )


@credentials_app.command("hand-back")
def hand_back(
    brand: Annotated[str, typer.Option("--brand", help="The brand's code.")],
    on: Annotated[str, typer.Option("--on", help="The day handed back, YYYY-MM-DD.")],
    by: ByOption = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Hand the brand's credentials back (exit, R-C6): marked returned, secrets wiped; the
    records and their reveal log stay."""
    day = common.parse_day("--on", on)
    when = common.moment(at)
    with common.open_daiyun() as application:
        handed = hand_back_credentials(
            application.credential_unit_of_work(), user=_user(by), brand_code=brand, on=day,
            at=when,
        )  # fmt: skip
    common.emit(
        as_json,
        {"brand": brand, "handed_back_on": day.isoformat(), "credentials": handed},
        lambda: typer.echo(f"{len(handed)} credentials of {brand} handed back on {day}"),
    )
