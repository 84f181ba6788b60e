"""Background jobs (issue 22): the jobs, the files they were given, and which import job stored
which order file; and a running job's progress, written outside any unit of work."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import DBAPIError, IntegrityError

from daiyun.adapters.db.job_tables import job, job_file, job_order_file
from daiyun.domain.jobs import Job, JobKind, JobState

__all__ = ["SqlJobProgress", "SqlJobRepository"]


class SqlJobRepository:
    """The jobs' rows, inside one unit of work's transaction."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, found: Job, *, natural_key: str | None = None) -> bool:
        values = {**_values(found), "id": found.id, "natural_key": natural_key}
        if natural_key is None:
            self._connection.execute(insert(job).values(**values))
            return True
        # Two workers ticking in the same slot: the second's insert meets the unique key.
        savepoint = self._connection.begin_nested()
        try:
            self._connection.execute(insert(job).values(**values))
        except IntegrityError:
            savepoint.rollback()
            return False
        savepoint.commit()
        return True

    def get(self, job_id: str, *, for_update: bool = False) -> Job | None:
        query = select(job).where(job.c.id == job_id)
        if for_update:
            query = query.with_for_update()
        row = self._connection.execute(query).first()
        return None if row is None else _job(row)

    def save(self, found: Job) -> None:
        self._connection.execute(update(job).where(job.c.id == found.id).values(**_values(found)))

    def recent(self, *, kind: JobKind | None, limit: int) -> list[Job]:
        query = select(job).order_by(job.c.submitted_at.desc(), job.c.id).limit(limit)
        if kind is not None:
            query = query.where(job.c.kind == kind.value)
        return [_job(row) for row in self._connection.execute(query)]

    def add_file(self, job_id: str, position: int, name: str, parts: Iterable[bytes]) -> None:
        for number, part in enumerate(parts):
            self._connection.execute(
                insert(job_file).values(
                    job_id=job_id, position=position, part=number, name=name, data=part
                )
            )

    def files(self, job_id: str) -> list[tuple[int, str]]:
        query = (
            select(job_file.c.position, job_file.c.name)
            .where(job_file.c.job_id == job_id, job_file.c.part == 0)
            .order_by(job_file.c.position)
        )
        return [(row.position, row.name) for row in self._connection.execute(query)]

    def file_parts(self, job_id: str, position: int) -> Iterator[bytes]:
        parts = (
            select(job_file.c.part)
            .where(job_file.c.job_id == job_id, job_file.c.position == position)
            .order_by(job_file.c.part)
        )
        # One part at a time: a file of hundreds of MB is never held whole.
        for number in list(self._connection.scalars(parts)):
            yield self._connection.scalars(
                select(job_file.c.data).where(
                    job_file.c.job_id == job_id,
                    job_file.c.position == position,
                    job_file.c.part == number,
                )
            ).one()

    def drop_files(self, job_id: str) -> None:
        self._connection.execute(delete(job_file).where(job_file.c.job_id == job_id))

    def link_order_files(self, job_id: str, store_code: str, sha256s: Sequence[str]) -> None:
        known = set(
            self._connection.scalars(
                select(job_order_file.c.sha256).where(
                    job_order_file.c.job_id == job_id, job_order_file.c.store_code == store_code
                )
            )
        )
        rows = [
            {"job_id": job_id, "store_code": store_code, "sha256": sha256}
            for sha256 in sorted(set(sha256s) - known)
        ]
        if rows:
            self._connection.execute(insert(job_order_file), rows)

    def jobs_of_order_files(self, files: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
        wanted = set(files)
        query = (
            select(job_order_file.c.store_code, job_order_file.c.sha256, job_order_file.c.job_id)
            .join(job, job.c.id == job_order_file.c.job_id)
            .where(job_order_file.c.sha256.in_(sorted({sha256 for _, sha256 in wanted})))
            .order_by(job.c.submitted_at)
        )
        found: dict[tuple[str, str], str] = {}
        for row in self._connection.execute(query):
            if (row.store_code, row.sha256) in wanted:
                found[(row.store_code, row.sha256)] = row.job_id  # the newest last
        return found


class SqlJobProgress:
    """A running job's progress, written in a short transaction of its own at most twice a
    second; the latest value is also kept here for this process's own pages.

    On SQLite a running import holds the one write lock until it commits: a progress write then
    does not wait for it, it is dropped (the job's final count is stored when it ends)."""

    EVERY = 0.5  # seconds between two writes of one job's progress

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._latest: dict[str, int] = {}
        self._written: dict[str, float] = {}
        self._lock = threading.Lock()

    def report(self, job_id: str, done: int) -> None:
        now = time.monotonic()
        with self._lock:
            self._latest[job_id] = done
            if now - self._written.get(job_id, 0.0) < self.EVERY:
                return
            self._written[job_id] = now
        with suppress(DBAPIError):  # best effort: the next report, or the job's end, stores it
            self._write(job_id, done)

    def latest(self, job_id: str) -> int | None:
        with self._lock:
            return self._latest.get(job_id)

    def forget(self, job_id: str) -> None:
        """Drop what this process kept of a job that ended."""
        with self._lock:
            self._latest.pop(job_id, None)
            self._written.pop(job_id, None)

    def _write(self, job_id: str, done: int) -> None:
        statement = (
            update(job)
            .where(job.c.id == job_id, job.c.state == JobState.RUNNING.value)
            .values(done=done)
        )
        if self._engine.dialect.name != "sqlite":
            with self._engine.begin() as connection:
                connection.execute(statement)
            return
        # The driver's own connection in autocommit, told not to wait for the write lock.
        raw = self._engine.raw_connection()
        try:
            cursor = raw.cursor()
            waited = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
            cursor.execute("PRAGMA busy_timeout = 0")
            cursor.execute("PRAGMA query_only = OFF")  # a reader may have had the connection
            try:
                cursor.execute(
                    "UPDATE job SET done = ? WHERE id = ? AND state = ?",
                    (done, job_id, JobState.RUNNING.value),
                )
            except sqlite3.OperationalError:
                pass  # locked by the import itself: dropped
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {int(waited)}")
                cursor.close()
        finally:
            raw.close()


def _values(found: Job) -> dict[str, Any]:
    return {
        "kind": found.kind.value,
        "state": found.state.value,
        "brand_code": found.brand_code,
        "params": json.dumps(dict(found.params), ensure_ascii=False, sort_keys=True),
        "submitted_by": found.submitted_by,
        "submitted_at": found.submitted_at,
        "started_at": found.started_at,
        "finished_at": found.finished_at,
        "attempts": found.attempts,
        "done": found.done,
        "total": found.total,
        "result": None
        if found.result is None
        else json.dumps(dict(found.result), ensure_ascii=False, sort_keys=True),
        "error": found.error,
    }


def _job(row: Row[Any]) -> Job:
    return Job(
        id=row.id,
        kind=JobKind(row.kind),
        state=JobState(row.state),
        params=json.loads(row.params),
        submitted_by=row.submitted_by,
        submitted_at=row.submitted_at,
        brand_code=row.brand_code,
        attempts=row.attempts,
        started_at=row.started_at,
        finished_at=row.finished_at,
        done=row.done,
        total=row.total,
        result=None if row.result is None else json.loads(row.result),
        error=row.error,
    )
