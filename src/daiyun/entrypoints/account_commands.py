"""`daiyun token create|list|revoke` and `daiyun user disable|enable|role`.

The console acts as an agency admin (whoever runs it on the server can read the database
anyway); the audit names the operating-system user (R-D3).
"""

from __future__ import annotations

from typing import Annotated

import typer

from daiyun.domain.agency import Role, User
from daiyun.services.accounts.logins import create_token, list_tokens, revoke_token
from daiyun.services.accounts.user_admin import change_role, set_user_active

__all__ = ["register_account_commands", "token_app"]

token_app = typer.Typer(help="API tokens for scripts.", no_args_is_help=True)

LoginOption = Annotated[str, typer.Option("--login", help="The user the token acts as.")]


def _console() -> User:
    from daiyun.entrypoints import cli

    return User(cli._actor(), "console", Role.ADMIN, None)


@token_app.command("create")
def token_create(
    login: LoginOption,
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "script",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """A new token: printed this once on stdout; daiyun keeps only its hash."""
    from daiyun.entrypoints import cli

    with cli._daiyun() as application:
        token, stored = create_token(
            application.unit_of_work(), _console(), login=login, name=name, now=cli._moment(None)
        )
    document = {"login": stored.login, "name": stored.name, "prefix": stored.prefix, "token": token}
    if as_json:
        cli._emit(True, document, lambda: None)
        return
    cli.err.print(f"token {stored.prefix}… for {login}: shown once, keep it safe")
    typer.echo(token)


@token_app.command("list")
def token_list(login: LoginOption) -> None:
    """The user's tokens: prefix, name, created, last used."""
    from daiyun.entrypoints import cli

    with cli._daiyun() as application:
        tokens = list_tokens(application.unit_of_work(), _console(), login=login)
    for token in tokens:
        used = "never" if token.last_used_at is None else token.last_used_at.isoformat()
        typer.echo(f"{token.prefix}\t{token.name}\t{token.created_at.isoformat()}\t{used}")


@token_app.command("revoke")
def token_revoke(
    login: LoginOption,
    prefix: Annotated[str, typer.Option("--prefix", help="The token's prefix (dyt_…).")],
) -> None:
    """Revoke a token: scripts using it are refused from now on."""
    from daiyun.entrypoints import cli

    with cli._daiyun() as application:
        revoke_token(application.unit_of_work(), _console(), login=login, prefix=prefix)
    cli.err.print(f"token {prefix} of {login} revoked")


def _user_disable(login: Annotated[str, typer.Option("--login")]) -> None:
    """Disable a user: their sessions end now (R-D3: audited)."""
    _set_active(login, False)


def _user_enable(login: Annotated[str, typer.Option("--login")]) -> None:
    """Enable a disabled user again (audited)."""
    _set_active(login, True)


def _set_active(login: str, is_active: bool) -> None:
    from daiyun.entrypoints import cli

    with cli._daiyun() as application:
        set_user_active(
            application.unit_of_work(),
            _console(),
            login=login,
            is_active=is_active,
            at=cli._moment(None),
        )
    cli.err.print(f"user {login} {'enabled' if is_active else 'disabled'}")


def _user_role(
    login: Annotated[str, typer.Option("--login")],
    role: Annotated[Role, typer.Option("--role")],
) -> None:
    """Change a user's role (audited with before and after)."""
    from daiyun.entrypoints import cli

    with cli._daiyun() as application:
        change_role(
            application.unit_of_work(), _console(), login=login, role=role, at=cli._moment(None)
        )
    cli.err.print(f"user {login} is now {role.value}")


def register_account_commands(app: typer.Typer, user_app: typer.Typer) -> None:
    """Add `token …` to the command line and `disable|enable|role` to `user`."""
    app.add_typer(token_app, name="token")
    user_app.command("disable")(_user_disable)
    user_app.command("enable")(_user_enable)
    user_app.command("role")(_user_role)
