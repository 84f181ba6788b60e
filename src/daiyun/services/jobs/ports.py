"""The ports of background jobs: where jobs are kept (a repository in the jobs' unit of work),
how a job is handed to a worker (the queue), where a running job reports its progress, and the
scratch folder its files are written out to. bootstrap.py wires in the adapters."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from daiyun.domain.jobs import Job, JobKind
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "InputFile",
    "JobProgress",
    "JobQueue",
    "JobRepository",
    "JobUnitOfWork",
    "JobUnitOfWorkFactory",
    "ScratchFolder",
    "ScratchFolders",
]


class JobRepository(Protocol):
    """The jobs, their files, and which import job stored which order file."""

    def add(self, job: Job, *, natural_key: str | None = None) -> bool:
        """Store a new job; False (nothing stored) when a job with `natural_key` exists."""
        ...

    def get(self, job_id: str, *, for_update: bool = False) -> Job | None:
        """The job, or None; `for_update` locks its row until the transaction ends."""
        ...

    def save(self, job: Job) -> None:
        """Write the job's state, moments, attempts, progress, result and error."""
        ...

    def recent(self, *, kind: JobKind | None, limit: int) -> list[Job]:
        """The newest jobs first (of one kind, if given)."""
        ...

    def add_file(self, job_id: str, position: int, name: str, parts: Iterable[bytes]) -> None:
        """Keep one of the job's files, in parts, as its `position`-th file."""
        ...

    def files(self, job_id: str) -> list[tuple[int, str]]:
        """The job's files: position and name, in order."""
        ...

    def file_parts(self, job_id: str, position: int) -> Iterator[bytes]:
        """One file's content, part after part (read as consumed, inside the transaction)."""
        ...

    def drop_files(self, job_id: str) -> None:
        """Forget the job's files (it needs them no more)."""
        ...

    def link_order_files(self, job_id: str, store_code: str, sha256s: Sequence[str]) -> None:
        """Note that the import job stored these order files of the store."""
        ...

    def jobs_of_order_files(self, files: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The newest job that stored each (store, sha256) given, where one did."""
        ...


class JobUnitOfWork(UnitOfWork, Protocol):
    """The unit of work with the jobs' repository."""

    @property
    def jobs(self) -> JobRepository: ...


class JobUnitOfWorkFactory(Protocol):
    """Makes a fresh jobs' unit of work."""

    def __call__(self) -> JobUnitOfWork: ...


class JobQueue(Protocol):
    """Hands a stored job to a worker: through the broker, or to this process's own."""

    def send(self, job_id: str) -> None:
        """Ask a worker to run the job (at least once)."""
        ...


class JobProgress(Protocol):
    """Where a running job reports how far it got, outside its own transaction."""

    def report(self, job_id: str, done: int) -> None:
        """Units of work done so far; may be dropped when the database is busy (best effort)."""
        ...

    def latest(self, job_id: str) -> int | None:
        """The latest reported by this process for a job it runs, or None."""
        ...


class InputFile(Protocol):
    """A file given to a job when it is submitted."""

    @property
    def name(self) -> str: ...
    def parts(self) -> Iterator[bytes]:
        """Its content, part after part."""
        ...


class ScratchFolder(Protocol):
    """A folder of a running job's own, removed when the job is done with it."""

    def write(self, name: str, parts: Iterable[bytes]) -> Path:
        """Write a file into the folder; its path."""
        ...


class ScratchFolders(Protocol):
    """Makes scratch folders."""

    def new(self) -> AbstractContextManager[ScratchFolder]: ...
