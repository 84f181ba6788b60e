"""Background jobs on Dramatiq (issue 22): Redis when a broker URL is set, else Dramatiq's
in-memory broker with worker threads of this process's own.

A job travels as one message naming its id; what it does, and how it stands, is in the
database. Dramatiq's Redis broker keeps a message until the worker that took it acknowledges it,
after the job returned (late acknowledgement): a worker that dies mid-job stops beating its
heartbeat, and after `heartbeat_timeout` another worker's periodic maintenance puts its
unacknowledged messages back on the queue. A message whose job asks to be retried (a transient
failure) is delivered again after an exponential pause.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import Retries

__all__ = ["QUEUE", "DramatiqJobs", "RunningWorker"]

QUEUE = "daiyun_jobs"
_ACTOR = "daiyun_job"
# The chance (out of a million) that a broker command also requeues dead workers' messages:
# 10 %, so that a dead worker's job is handed on within seconds of its heartbeat's timeout
# (Dramatiq's default, 0.1 %, takes minutes on a quiet queue).
_MAINTENANCE_CHANCE = 100_000
_IN_PROCESS_THREADS = 2


class RunningWorker:
    """A Dramatiq worker consuming the jobs' queue on threads of this process."""

    def __init__(self, broker: dramatiq.Broker, threads: int) -> None:
        self._worker = dramatiq.Worker(broker, worker_threads=threads, worker_timeout=500)
        # Take no more messages than there are threads: a dead worker strands none waiting.
        self._worker.queue_prefetch = threads
        self._worker.start()

    def stop(self, timeout: float = 600.0) -> None:
        """Finish the jobs under way (at most `timeout` seconds), give back the rest."""
        self._worker.stop(timeout=round(timeout * 1000))


class DramatiqJobs:
    """The jobs' queue (services/jobs/ports.py JobQueue) over Dramatiq."""

    def __init__(
        self,
        url: str | None,
        *,
        execute: Callable[[str], None],
        should_retry: Callable[[BaseException], bool],
        max_retries: int,
        heartbeat_timeout: float = 60.0,
        min_backoff: float = 2.0,
        max_backoff: float = 300.0,
    ) -> None:
        """`execute(job_id)` runs a job; `should_retry(error)` says whether what it raised asks
        for another delivery (after 2 s, 4 s, 8 s, … at most `max_backoff`)."""
        self._execute = execute
        self._should_retry = should_retry

        def retry_when(retries: int, error: BaseException) -> bool:
            return retries < max_retries and should_retry(error)

        retries = Retries(
            min_backoff=round(min_backoff * 1000),
            max_backoff=round(max_backoff * 1000),
            retry_when=retry_when,
        )
        self.url = url
        self._broker: dramatiq.Broker
        if url:
            self._broker = RedisBroker(
                url=url,
                middleware=[retries],
                namespace="daiyun",
                heartbeat_timeout=round(heartbeat_timeout * 1000),
                maintenance_chance=_MAINTENANCE_CHANCE,
            )  # type: ignore[no-untyped-call]
        else:
            self._broker = StubBroker(middleware=[retries])
        self._actor = dramatiq.Actor(
            self._run,
            broker=self._broker,
            actor_name=_ACTOR,
            queue_name=QUEUE,
            priority=0,
            options={},
        )
        self._in_process: RunningWorker | None = None
        self._lock = threading.Lock()

    @property
    def in_process(self) -> bool:
        """True when no broker is set: this process runs the jobs it sends."""
        return not self.url

    def send(self, job_id: str) -> None:
        """Hand the job to a worker (at least once)."""
        if self.in_process:
            with self._lock:
                if self._in_process is None:
                    self._in_process = RunningWorker(self._broker, _IN_PROCESS_THREADS)
        self._actor.send(job_id)

    def work(self, threads: int) -> RunningWorker:
        """Start consuming the broker's queue here (`daiyun worker`); stop() the result."""
        return RunningWorker(self._broker, threads)

    def close(self) -> None:
        """Stop this process's own worker, if it started one, and let the broker go."""
        with self._lock:
            worker, self._in_process = self._in_process, None
        if worker is not None:
            worker.stop(timeout=5.0)
        self._broker.close()

    def _run(self, job_id: str) -> None:
        try:
            self._execute(job_id)
        except Exception as error:
            if self._should_retry(error):
                # Retry: delivered again after the pause, without a traceback in the log.
                raise dramatiq.Retry(str(error)) from error
            raise
