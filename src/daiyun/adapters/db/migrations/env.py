"""Alembic environment: runs migrations on the connection or URL daiyun hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from daiyun.adapters.db.engine import make_engine
from daiyun.adapters.db.schema import metadata

config = context.config


def run_migrations() -> None:
    """Migrate on the connection given in config.attributes, or on the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as fresh:
        _run(fresh)
        fresh.commit()
    engine.dispose()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
