"""What bootstrap hands the background jobs: the broker (made once the runner to call is
known), the progress writer, scratch folders, and the test of a transient failure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from daiyun.adapters.db.repositories.jobs import SqlJobProgress
from daiyun.adapters.jobs.broker import DramatiqJobs
from daiyun.adapters.jobs.scratch import TemporaryFolders
from daiyun.adapters.jobs.transient import is_transient

__all__ = ["JobAdapters"]


@dataclass(frozen=True)
class JobAdapters:
    """The jobs' adapters of one application."""

    engine: Engine = field(repr=False)
    broker_url: str | None
    heartbeat_timeout: float
    progress: SqlJobProgress = field(init=False)
    scratch: TemporaryFolders = field(default_factory=TemporaryFolders)
    is_transient: Callable[[BaseException], bool] = is_transient

    def __post_init__(self) -> None:
        object.__setattr__(self, "progress", SqlJobProgress(self.engine))

    def queue(
        self,
        *,
        execute: Callable[[str], None],
        should_retry: Callable[[BaseException], bool],
        max_retries: int,
    ) -> DramatiqJobs:
        """The broker named by DAIYUN_BROKER_URL (or this process's own), running `execute`."""
        return DramatiqJobs(
            self.broker_url,
            execute=execute,
            should_retry=should_retry,
            max_retries=max_retries,
            heartbeat_timeout=self.heartbeat_timeout,
        )
