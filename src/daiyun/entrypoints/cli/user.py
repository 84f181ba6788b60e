"""`daiyun user add|disable|enable|role|email`: users, roles and reminder addresses.

The console acts as an agency admin (whoever runs it on the server can read the database
anyway); the audit names the operating-system user (R-D3).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from daiyun.domain.agency import Role, RoleMismatch
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.services.accounts.user_admin import change_role, set_user_active
from daiyun.services.accounts.users import add_user
from daiyun.services.notifications.inbox import set_email

__all__ = ["user_app"]

user_app = typer.Typer(help="Users and roles.", no_args_is_help=True)


@user_app.command("add")
def user_add(
    login: Annotated[str, typer.Option("--login", help="The login name.")],
    role: Annotated[Role, typer.Option("--role", help="What the user may do.")],
    brand: Annotated[
        str | None, typer.Option("--brand", help="The brand, for brand roles.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="The display name.")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a user; brand roles need --brand."""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    with common.open_daiyun() as application:
        try:
            user = add_user(
                application.unit_of_work(),
                login=login,
                role=role,
                brand_code=brand,
                display_name=name,
                password=password,
                hash_password=application.passwords.hash,
                at=common.moment(at),
                actor=common.actor(),
            )
        except RoleMismatch as mismatch:
            if not role.is_brand_role:
                raise
            # The domain names no flag (a page shows its words too); the command line does.
            raise RoleMismatch(f"{mismatch} with --brand") from mismatch
    document = {"login": user.login, "role": user.role.value, "brand": user.brand_code}
    common.emit(
        as_json, document, lambda: common.err.print(f"user {user.login} added as {user.role.value}")
    )


@user_app.command("disable")
def user_disable(login: Annotated[str, typer.Option("--login")]) -> None:
    """Disable a user: their sessions end now (R-D3: audited)."""
    _set_active(login, False)


@user_app.command("enable")
def user_enable(login: Annotated[str, typer.Option("--login")]) -> None:
    """Enable a disabled user again (audited)."""
    _set_active(login, True)


def _set_active(login: str, is_active: bool) -> None:
    with common.open_daiyun() as application:
        set_user_active(
            application.unit_of_work(),
            common.console_user(),
            login=login,
            is_active=is_active,
            at=common.moment(None),
        )
    common.err.print(f"user {login} {'enabled' if is_active else 'disabled'}")


@user_app.command("role")
def user_role(
    login: Annotated[str, typer.Option("--login")],
    role: Annotated[Role, typer.Option("--role")],
) -> None:
    """Change a user's role (audited with before and after)."""
    with common.open_daiyun() as application:
        change_role(
            application.unit_of_work(),
            common.console_user(),
            login=login,
            role=role,
            at=common.moment(None),
        )
    common.err.print(f"user {login} is now {role.value}")


@user_app.command("email")
def user_email(
    login: Annotated[str, typer.Option("--login")],
    email: Annotated[
        str | None, typer.Option("--email", help="The address reminders are emailed to.")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Forget the address.")] = False,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Set (or --clear) the email address a user's reminders go to (issue 21, R-O1; audited)."""
    if (email is None) == (not clear):
        common.bad_input("give --email ADDRESS or --clear, one of them")
    with common.open_daiyun() as application:
        kept = set_email(
            application.notification_unit_of_work(),
            login=login,
            email=None if clear else email,
            at=common.moment(at),
            actor=common.actor(),
        )
    common.emit(
        as_json,
        {"login": login, "email": kept},
        lambda: common.err.print(f"user {login}: email {kept or 'cleared'}"),
    )
