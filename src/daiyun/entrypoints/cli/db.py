"""`daiyun db upgrade`: create or migrate the database."""

from __future__ import annotations

import typer

from daiyun.config import load_settings

# Tokens for scripts and user disable/enable/role (issue 5), registered the same way.
from daiyun.entrypoints.cli import common

# Registered last: the statement commands use this module's helpers when they run.

__all__ = ["db_app"]

db_app = typer.Typer(help="The database.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    # Alembic loads slowly; only this command needs it.
    from daiyun.adapters.db.migrate import current_revision, upgrade_database

    settings = load_settings()
    upgrade_database(settings.database_url)
    common.err.print(f"database at revision {current_revision(settings.database_url)}")
