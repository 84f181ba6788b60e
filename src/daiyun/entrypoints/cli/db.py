"""`daiyun db upgrade`: create or migrate the database."""

from __future__ import annotations

import typer

from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from daiyun.entrypoints.cli import common

__all__ = ["db_app"]

db_app = typer.Typer(help="The database.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    application = bootstrap(load_settings())
    try:
        revision = application.upgrade_database()
    finally:
        application.close()
    common.err.print(f"database at revision {revision}")
