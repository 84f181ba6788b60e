"""`daiyun …`: the command line (exit 0 done, 1 refused by a rule, 2 bad input)."""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from daiyun.adapters.passwords import hash_password
from daiyun.bootstrap import Daiyun, bootstrap
from daiyun.config import load_settings
from daiyun.domain.agency import Role
from daiyun.domain.calendar import SHANGHAI, CalendarUnknown
from daiyun.domain.contracts import ContractFileError, parse_contract_file
from daiyun.services.accounts.users import add_user
from daiyun.services.contracts.loading import load_contract
from daiyun.services.errors import NotFound, Refused

__all__ = ["app"]

EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2

app = typer.Typer(
    name="daiyun",
    help="代运 daiyun: contracts, stores, orders, statements for an e-commerce agency.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="The database.", no_args_is_help=True)
contract_app = typer.Typer(help="Contracts with brands.", no_args_is_help=True)
catalog_app = typer.Typer(help="SKUs and guide prices.", no_args_is_help=True)
user_app = typer.Typer(help="Users and roles.", no_args_is_help=True)
demo_app = typer.Typer(help="The demo agency.", no_args_is_help=True)
orders_app = typer.Typer(help="Platform order files.", no_args_is_help=True)
for sub_app, name in (
    (db_app, "db"),
    (contract_app, "contract"),
    (catalog_app, "catalog"),
    (user_app, "user"),
    (demo_app, "demo"),
    (orders_app, "orders"),
):
    app.add_typer(sub_app, name=name)

err = Console(stderr=True, highlight=False)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
AtOption = Annotated[
    str | None,
    typer.Option("--at", help="The moment this happens (ISO 8601; default: now)."),
]


def _fail(code: int, message: str) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def _daiyun() -> Iterator[Daiyun]:
    """The assembled application; every known failure becomes its exit code here, once."""
    application = bootstrap(load_settings())
    try:
        yield application
    except CalendarUnknown as error:
        # Not the user's input: daiyun lacks the year's holiday notice (R-O1); nothing changed.
        _fail(EXIT_REFUSED, str(error))
    except (NotFound, ContractFileError, ValueError) as error:
        _fail(EXIT_BAD_INPUT, str(error))
    except Refused as error:
        _fail(EXIT_REFUSED, str(error))
    finally:
        application.close()


def _moment(at: str | None) -> datetime:
    if at is None:
        return datetime.now(SHANGHAI)
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        _fail(EXIT_BAD_INPUT, f"--at {at!r} is not an ISO 8601 time")
    # A time written without an offset is Beijing time, as everywhere in daiyun.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def _emit(as_json: bool, document: dict[str, Any], human: Callable[[], None]) -> None:
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        human()


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    # Alembic loads slowly; only this command needs it.
    from daiyun.adapters.db.migrate import current_revision, upgrade_database

    settings = load_settings()
    upgrade_database(settings.database_url)
    err.print(f"database at revision {current_revision(settings.database_url)}")


@contract_app.command("load")
def contract_load(
    file: Annotated[Path, typer.Argument(help="A contract file (TOML).")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create or update a brand, its contract and its stores from a contract file."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        _fail(EXIT_BAD_INPUT, f"{file}: cannot read the file: {error}")
    with _daiyun() as application:
        contract_file = parse_contract_file(text, str(file))
        outcome = load_contract(
            application.unit_of_work(), contract_file, at=_moment(at), actor=_actor()
        )
    document = {
        "brand": outcome.brand,
        "contract": outcome.contract,
        "changed": outcome.changed,
        "brand_created": outcome.brand_created,
        "contract_created": outcome.contract_created,
        "contract_updated": outcome.contract_updated,
        "stores_created": outcome.stores_created,
        "stores_updated": outcome.stores_updated,
    }
    _emit(
        as_json,
        document,
        lambda: err.print(
            f"contract {outcome.contract} for brand {outcome.brand}: "
            + ("loaded" if outcome.changed else "already up to date, nothing changed")
        ),
    )


@catalog_app.command("import")
def catalog_import(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8 or GBK) or XLSX with a header row.")],
    brand: Annotated[str, typer.Option("--brand", help="The brand's code.")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add or update a brand's SKUs and guide prices."""
    # Loaded here, not at start-up: every other command starts faster without them.
    from daiyun.adapters.catalog_file import read_catalog_file
    from daiyun.services.contracts.catalog import import_catalog

    entries, problems = read_catalog_file(file)
    if problems:
        for problem in problems[:100]:
            err.print(str(problem), soft_wrap=True)
        more = f" (first 100 shown of {len(problems)})" if len(problems) > 100 else ""
        _fail(EXIT_BAD_INPUT, f"{file}: {len(problems)} problem(s){more}; nothing was imported")
    with _daiyun() as application:
        outcome = import_catalog(
            application.unit_of_work(),
            brand_code=brand,
            entries=entries,
            at=_moment(at),
            actor=_actor(),
        )
    document = {
        "brand": outcome.brand,
        "skus": {
            "new": outcome.skus_added,
            "updated": outcome.skus_updated,
            "unchanged": outcome.unchanged,
        },
        "guide_prices_added": outcome.guide_prices_added,
        "repricing_tasks": outcome.repricing_tasks,
    }
    _emit(
        as_json,
        document,
        lambda: err.print(
            f"{brand}: {outcome.skus_added} new SKUs, {outcome.skus_updated} updated, "
            f"{outcome.guide_prices_added} new guide prices, {outcome.unchanged} unchanged; "
            f"{outcome.repricing_tasks} listings to reprice (R-P5)"
        ),
    )


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
    with _daiyun() as application:
        user = add_user(
            application.unit_of_work(),
            login=login,
            role=role,
            brand_code=brand,
            display_name=name,
            password=password,
            hash_password=hash_password,
            at=_moment(at),
            actor=_actor(),
        )
    document = {"login": user.login, "role": user.role.value, "brand": user.brand_code}
    _emit(as_json, document, lambda: err.print(f"user {user.login} added as {user.role.value}"))


@demo_app.command("load")
def demo_load(
    listings: Annotated[
        Path | None,
        typer.Option("--listings", help="The 2016 Tmall cosmetics listings file."),
    ] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Load the demo agency: 22 cosmetics brands, their contracts, stores and SKUs."""
    from daiyun.entrypoints.demo_orders import import_demo_orders
    from daiyun.entrypoints.demo_source import find_listings_file, read_demo_brands
    from daiyun.services.demo import load_demo

    path = listings or find_listings_file()
    if path is None or not path.is_file():
        _fail(
            EXIT_BAD_INPUT,
            "the listings file was not found: give --listings PATH "
            "or set DAIYUN_SHARED_DATA_DIR to the folder holding shared/data/real",
        )
    brands, problems = read_demo_brands(path)
    if problems:
        for problem in problems[:20]:
            err.print(problem, soft_wrap=True)
        _fail(EXIT_BAD_INPUT, f"{path}: {len(problems)} problem(s); nothing was loaded")
    with _daiyun() as application:
        outcome = load_demo(
            application.unit_of_work(),
            brands,
            hash_password=hash_password,
            at=_moment(at),
            actor=_actor(),
        )
        # A month of orders per model A store, so that a statement has lines to show.
        orders = import_demo_orders(application, brands, at=_moment(at), actor=_actor())
    document = {**outcome.as_document(), "orders_added": orders.orders_new}
    _emit(
        as_json,
        document,
        lambda: err.print(f"{outcome.summary()}; {orders.orders_new} demo orders added"),
    )


@orders_app.command("import")
def orders_import(
    files: Annotated[list[Path], typer.Argument(help="Order files; a Taobao pair together.")],
    store: Annotated[str, typer.Option("--store", help="The store's code.")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The snapshot time (default: from the file name, or now)."),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Store the valid rows; write rejects to a CSV."),
    ] = False,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import platform order files into a store, exactly once; all or nothing by default."""
    from daiyun.entrypoints.order_import import run_order_import

    run_order_import(
        files,
        store=store,
        as_of=None if as_of is None else _moment(as_of),
        skip_invalid=skip_invalid,
        at=_moment(at),
        as_json=as_json,
        open_daiyun=_daiyun,
        console=err,
        fail=_fail,
        actor=_actor(),
    )


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web app and the API."""
    import uvicorn

    from daiyun.entrypoints.web.app import create_app

    application = bootstrap(load_settings())
    err.print(f"daiyun serving on http://{host}:{port}")
    uvicorn.run(create_app(application), host=host, port=port, log_level="info")


# Registered last: the statement commands use this module's helpers when they run.
from daiyun.entrypoints.statement_commands import payment_app, statement_app  # noqa: E402

app.add_typer(statement_app, name="statement")
app.add_typer(payment_app, name="payment")

# Tokens for scripts and user disable/enable/role (issue 5), registered the same way.
from daiyun.entrypoints.account_commands import register_account_commands  # noqa: E402

register_account_commands(app, user_app)

from daiyun.entrypoints.ledger_commands import account_app, obligations_app  # noqa: E402

app.add_typer(obligations_app, name="obligations")
app.add_typer(account_app, name="account")

from daiyun.entrypoints.price_commands import adspend_app, listing_app, promotion_app  # noqa: E402

app.add_typer(listing_app, name="listing")
app.add_typer(promotion_app, name="promotion")
app.add_typer(adspend_app, name="adspend")

from daiyun.entrypoints.calendar_commands import calendar_app  # noqa: E402

app.add_typer(calendar_app, name="calendar")
