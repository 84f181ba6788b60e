"""A `daiyun` command that cannot have the database in time says "busy, try again" (issue 22).

Another connection holds what the command needs — SQLite's write lock (`BEGIN IMMEDIATE` on
the file), or on PostgreSQL the user table in EXCLUSIVE mode with a lock_timeout in the URL —
past DAIYUN_DATABASE_BUSY_TIMEOUT: the command prints the web's 503 sentence, no traceback,
exits 1 (`cli/common.py` EXIT_BUSY, as for a refusal) and writes nothing; once the lock is
free the same command succeeds.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager

import psycopg
from sqlalchemy.engine import make_url

from daiyun.bootstrap import Daiyun
from daiyun.entrypoints.cli.common import EXIT_BUSY, EXIT_REFUSED
from tests.integration.snapshots import database_snapshot

BUSY_MESSAGE = "the database is busy with another change: nothing was saved, try again in a moment"
ADD_USER = ("user", "add", "--login", "newcomer", "--role", "brand_viewer", "--brand", "chando")
PASSWORD = "a-long-enough-password-2026\n"


@contextmanager
def _lock_held(database_url: str) -> Iterator[None]:
    """Another connection holds SQLite's write lock, or PostgreSQL's user table (writes wait)."""
    parsed = make_url(database_url)
    if parsed.get_backend_name() == "sqlite":
        with closing(sqlite3.connect(str(parsed.database), isolation_level=None)) as holder:
            holder.execute("BEGIN IMMEDIATE")
            try:
                yield
            finally:
                holder.execute("ROLLBACK")
        return
    plain = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as holder:
        holder.execute("LOCK TABLE user_account IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            holder.rollback()


def _daiyun(database_url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`daiyun ARGUMENTS` as a user runs it (its own process), waiting at most 0.3 s for a lock:
    SQLite's write lock (DAIYUN_DATABASE_BUSY_TIMEOUT), any PostgreSQL lock (the URL's)."""
    if not database_url.startswith("sqlite"):
        url = make_url(database_url).update_query_dict({"options": "-c lock_timeout=300ms"})
        database_url = url.render_as_string(hide_password=False)
    environment = {
        **os.environ,
        "DAIYUN_DATABASE_URL": database_url,
        "DAIYUN_DATABASE_BUSY_TIMEOUT": "0.3",
        "DAIYUN_ENVIRONMENT": "test",
    }
    return subprocess.run(
        [sys.executable, "-m", "daiyun", *arguments],
        input=PASSWORD,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_command_that_cannot_have_the_lock_says_busy_exits_1_and_writes_nothing(
    chando_store: str, daiyun_app: Daiyun
) -> None:
    before = database_snapshot(daiyun_app)
    with _lock_held(chando_store):
        told = _daiyun(chando_store, *ADD_USER, "--password-stdin")
    assert EXIT_BUSY == EXIT_REFUSED == 1
    assert told.returncode == 1, told.stderr
    assert told.stderr.strip() == f"error: {BUSY_MESSAGE}"
    assert "Traceback" not in told.stderr and told.stdout == ""
    assert database_snapshot(daiyun_app) == before  # no user, no audit record
    # The lock given back, the same command goes through.
    done = _daiyun(chando_store, *ADD_USER, "--password-stdin", "--json")
    assert done.returncode == 0, done.stderr
    assert '"login": "newcomer"' in done.stdout
