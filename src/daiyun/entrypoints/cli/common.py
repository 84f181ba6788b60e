"""What every `daiyun …` command shares: the assembled application, exit codes, the moment
and the actor of a command, and its output. Imports none of the command modules."""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from daiyun.bootstrap import Daiyun, DatabaseBusy, bootstrap
from daiyun.config import load_settings
from daiyun.domain.agency import Role, User
from daiyun.domain.calendar import SHANGHAI, CalendarUnknown, Month
from daiyun.domain.contracts import ContractFileError
from daiyun.domain.money import Money
from daiyun.services.errors import NotFound, Refused

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BUSY",
    "EXIT_REFUSED",
    "AtOption",
    "JsonOption",
    "actor",
    "bad_input",
    "console_user",
    "emit",
    "err",
    "fail",
    "moment",
    "open_daiyun",
    "parse_day",
    "parse_money",
    "parse_month",
    "parse_time",
]

EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2
# The database busy (a lock or a pooled connection not had in time, issue 22): nothing was
# written, as for a refusal; the same command run again later may succeed.
EXIT_BUSY = EXIT_REFUSED

# On a terminal, rich fits its output to the window; otherwise (a pipe, a file, `make run`'s
# log) it would wrap at 80 columns in mid-sentence: plain, unwrapped lines instead.
err = Console(
    stderr=True,
    highlight=False,
    soft_wrap=not sys.stderr.isatty(),
    width=None if sys.stderr.isatty() else 100_000,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
AtOption = Annotated[
    str | None,
    typer.Option("--at", help="The moment this happens (ISO 8601; default: now)."),
]


def fail(code: int, message: str) -> NoReturn:
    """Say what went wrong on stderr and exit with `code`."""
    err.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


def bad_input(message: str) -> NoReturn:
    """Exit 2: the input was wrong (a file, an option), nothing changed."""
    fail(EXIT_BAD_INPUT, message)


@contextmanager
def open_daiyun() -> Iterator[Daiyun]:
    """The assembled application; every known failure becomes its exit code here, once."""
    application = bootstrap(load_settings())
    try:
        yield application
    except CalendarUnknown as error:
        # Not the user's input: daiyun lacks the year's holiday notice (R-O1); nothing changed.
        fail(EXIT_REFUSED, f"{error} (record it with `daiyun calendar add`)")
    except (NotFound, ContractFileError, ValueError) as error:
        fail(EXIT_BAD_INPUT, str(error))
    except Refused as error:
        fail(EXIT_REFUSED, str(error))
    except DatabaseBusy as error:
        # Another writer held the database past DAIYUN_DATABASE_BUSY_TIMEOUT (or the pool had
        # no free connection): the web's 503 sentence, never a traceback; nothing changed.
        fail(EXIT_BUSY, str(error))
    finally:
        application.close()


def parse_time(option: str, text: str) -> datetime:
    """An ISO 8601 time given to `option`; without an offset it is Beijing time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        bad_input(f"{option} {text!r} is not an ISO 8601 time")
    # A time written without an offset is Beijing time, as everywhere in daiyun.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)


def moment(at: str | None) -> datetime:
    """The moment a command happens: --at, or now."""
    if at is None:
        return datetime.now(SHANGHAI)
    return parse_time("--at", at)


def parse_day(option: str, text: str) -> date:
    """A day given to `option` as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        bad_input(f"{option} {text!r} is not a day (YYYY-MM-DD)")


def parse_month(text: str) -> Month:
    """A month given to --month as YYYY-MM."""
    try:
        return Month.parse(text)
    except ValueError as error:
        bad_input(f"--month: {error}")


def parse_money(option: str, text: str) -> Money:
    """An amount in yuan given to `option`."""
    try:
        return Money.of_yuan(text)
    except ValueError as error:
        bad_input(f"{option}: {error}")


def actor() -> str:
    """Who acts, for the audit log: the operating-system user at the console (R-D3)."""
    return f"cli:{getpass.getuser()}"


def emit(as_json: bool, document: dict[str, Any], human: Callable[[], None]) -> None:
    """One JSON document on stdout, or the human form."""
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        human()


def console_user() -> User:
    """The console acts as an agency admin: whoever runs it on the server can read the
    database anyway; the audit names the operating-system user (R-D3)."""
    return User(actor(), "console", Role.ADMIN, None)
