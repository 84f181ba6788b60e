"""`daiyun token create|list|revoke`: API tokens for scripts.

The console acts as an agency admin (whoever runs it on the server can read the database
anyway); the audit names the operating-system user (R-D3).
"""

from __future__ import annotations

from typing import Annotated

import typer

from daiyun.entrypoints.cli import common
from daiyun.services.accounts.logins import create_token, list_tokens, revoke_token

__all__ = ["token_app"]

token_app = typer.Typer(help="API tokens for scripts.", no_args_is_help=True)

LoginOption = Annotated[str, typer.Option("--login", help="The user the token acts as.")]


@token_app.command("create")
def token_create(
    login: LoginOption,
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "script",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """A new token: printed this once on stdout; daiyun keeps only its hash."""
    with common.open_daiyun() as application:
        token, stored = create_token(
            application.unit_of_work(),
            common.console_user(),
            login=login,
            name=name,
            now=common.moment(None),
        )
    document = {"login": stored.login, "name": stored.name, "prefix": stored.prefix, "token": token}
    if as_json:
        common.emit(True, document, lambda: None)
        return
    common.err.print(f"token {stored.prefix}… for {login}: shown once, keep it safe")
    typer.echo(token)


@token_app.command("list")
def token_list(login: LoginOption) -> None:
    """The user's tokens: prefix, name, created, last used."""
    with common.open_daiyun() as application:
        tokens = list_tokens(application.unit_of_work(), common.console_user(), login=login)
    for token in tokens:
        used = "never" if token.last_used_at is None else token.last_used_at.isoformat()
        typer.echo(f"{token.prefix}\t{token.name}\t{token.created_at.isoformat()}\t{used}")


@token_app.command("revoke")
def token_revoke(
    login: LoginOption,
    prefix: Annotated[str, typer.Option("--prefix", help="The token's prefix (dyt_…).")],
) -> None:
    """Revoke a token: scripts using it are refused from now on."""
    with common.open_daiyun() as application:
        revoke_token(application.unit_of_work(), common.console_user(), login=login, prefix=prefix)
    common.err.print(f"token {prefix} of {login} revoked")
