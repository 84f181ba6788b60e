"""Benchmark (issues 5 and 22): the web app's pages under load, on N web processes.

On each database: a fresh database migrated and the demo loaded (`daiyun db upgrade`, `demo
load`: 22 brands, 3,497 SKUs, 1,024 orders), chando's October statement drafted; then `daiyun
serve --workers N` (uvicorn, --workers processes, default 2) in a subprocess, and an httpx
async client signed in as the agency admin. Two loads per database:

- open loop (issue 22, point 5): the dashboard, the order search and the statement page, each
  at --rate requests/s (50) for --seconds (10), sent on schedule whatever the answers; each
  latency counted from the moment its request was due (so a slow server is not hidden by a
  client that waits); one not answered in 20 s is a failure counted as 20 s late, and the
  server is let drain its queue before the next page. A page whose one request alone costs
  over 4 times what the processes can give at that rate (rate × alone > 4 × --workers) is not
  sent (unless --send-all): its p95 could only be the queue's, and the queue would take
  minutes to drain.
  Target: p95 at most 100 ms on PostgreSQL.
- closed loop (issue 5): every page, --requests (200) with --concurrency (100) in flight, none
  sent after --closed-seconds (30). Target: no error at 100 in flight on SQLite.

Before each load, 30 requests one at a time (the `alone` latency: the work of one request).
Prints and records requests/s and p50/p95/p99 latency per page, the targets met or not, the
machine's load average around the run and after each page (the machine is shared), the
processor time the server's processes spent per request (user + system, from /proc: what a
request costs whatever else runs on the cores), and, in-process on the same
database, how many SQL statements each page runs (a SQLAlchemy event listener on the engine).
Writes bench/results/web-<UTC time>.json and web-latest.json. Nothing asserts a time; the
SQL counts are asserted by tests/integration/test_statement_pages.py.

    .venv/bin/python bench/bench_web.py [--workers N] [--rate R] [--seconds S]
        [--requests N] [--concurrency C] [--databases sqlite,postgresql] [--send-all]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from lib.ceilings import scratch_postgres_database
from lib.daiyun_runs import daiyun_command
from lib.machine import machine_facts
from lib.results import number, uncommitted_source

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
POSTGRES_ADMIN_URL = os.environ.get(
    "DAIYUN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
PASSWORD = "daiyun-demo-2026"  # services/demo/agency.py DEMO_PASSWORD
STATEMENT = "/statements/CHANDO-2026/2026-10"
# What is measured: the operator's dashboard, an order search (page and API), a statement.
PAGES = {
    "dashboard": "/",
    "order_search": "/orders?store=chando-tmall&status=completed&paid_from=2026-10-01",
    "order_search_api": "/api/orders?store=chando-tmall&status=completed&paid_from=2026-10-01",
    "statement": STATEMENT,
}
# Issue 22, point 5: these pages at a steady rate, p95 at most this on PostgreSQL.
OPEN_LOOP_PAGES = ("dashboard", "order_search", "statement")
TARGET_P95_MS = 100.0
# Open loop: a request not answered in this many seconds counts as a failure (so a page the
# server cannot keep up with ends in bounded time), and then the server is let drain its queue.
OPEN_LOOP_TIMEOUT = 20.0
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
# A line of the server's log saying something went wrong.
_TROUBLE = re.compile(r"ERROR|Traceback|died|killed|Exception", re.IGNORECASE)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _daiyun(database_url: str, *arguments: str) -> None:
    environment = {**os.environ, "DAIYUN_DATABASE_URL": database_url}
    finished = subprocess.run(
        [*daiyun_command(), *arguments], env=environment, capture_output=True, text=True
    )
    if finished.returncode != 0:
        raise RuntimeError(f"daiyun {' '.join(arguments)}: {finished.stderr[-2000:]}")


def prepare(database_url: str) -> None:
    """Migrate, load the demo, draft chando's October statement (untimed)."""
    _daiyun(database_url, "db", "upgrade")
    _daiyun(database_url, "demo", "load")
    _daiyun(database_url, "statement", "draft", "--contract", "CHANDO-2026", "--month", "2026-10")


@contextmanager
def served(database_url: str, workers: int, problems: list[str]) -> Iterator[tuple[str, int]]:
    """`daiyun serve --workers N` on a free port; its base URL and process id once every
    worker started.
    On the way out, what its log says went wrong (errors, workers that died) into `problems`."""
    port = _free_port()
    environment = {**os.environ, "DAIYUN_DATABASE_URL": database_url}
    with tempfile.TemporaryDirectory(prefix="bench-web-log-") as folder:
        log_path = Path(folder) / "serve.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [
                    *daiyun_command(),
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--workers",
                    str(workers),
                ],
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its workers with it, to kill them all if need be
            )
            url = f"http://127.0.0.1:{port}"
            try:
                _wait_until_up(url, process, log_path, workers)
                yield url, process.pid
            finally:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:  # still answering what it was sent: stop it
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=30)
                    problems.append("the server did not stop within 30 s: killed")
                said = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
                problems += [line for line in said if _TROUBLE.search(line)][:20]


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, workers: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"daiyun serve exited: {log.read_text(errors='replace')[-2000:]}")
        started = log.read_text(errors="replace").count("Application startup complete")
        try:
            if started >= workers and httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError("daiyun serve did not answer within 120 s")


def _session_cookies(url: str, login: str) -> httpx.Cookies:
    with httpx.Client(base_url=url) as client:
        token = _CSRF.search(client.get("/login").text)
        assert token is not None
        data = {"login": login, "password": PASSWORD, "csrf_token": token.group(1)}
        answer = client.post("/login", data=data)
        if answer.status_code != 303:
            raise RuntimeError(f"cannot log in as {login}: {answer.status_code}")
        return client.cookies


async def _alone(client: httpx.AsyncClient, path: str) -> float:
    """30 requests one at a time: the median latency without a queue (the first 5 warm up)."""
    alone: list[float] = []
    for _ in range(30):
        started = time.perf_counter()
        await client.get(path, timeout=120)
        alone.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(alone[5:]), 1)


def _figures(latencies: list[float]) -> dict[str, float | None]:
    if len(latencies) < 2:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None, "max_ms": None}
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "p50_ms": round(cuts[49], 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
        "max_ms": round(max(latencies), 1),
    }


async def _closed_loop(
    url: str, path: str, cookies: httpx.Cookies, total: int, concurrency: int, cap: float
) -> dict[str, Any]:
    """`total` GETs of `path`, `concurrency` in flight at a time, none sent after `cap`
    seconds (those in flight then are waited for); latencies in ms."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    latencies: list[float] = []
    failures = 0
    errors: list[str] = []
    sent = 0
    began = time.perf_counter()  # again once the requests alone are done
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(total):
        queue.put_nowait(index)
    async with httpx.AsyncClient(
        base_url=url, cookies=cookies, limits=limits, timeout=120
    ) as client:

        async def worker() -> None:
            nonlocal failures, sent
            while not queue.empty() and time.perf_counter() < began + cap:
                queue.get_nowait()
                sent += 1
                started = time.perf_counter()
                try:
                    answer = await client.get(path)
                except httpx.TransportError as error:  # counted, not fatal: report it
                    errors.append(f"{type(error).__name__}: {error}")
                    failures += 1
                    continue
                latencies.append((time.perf_counter() - started) * 1000)
                if answer.status_code != 200:
                    failures += 1
                    errors.append(f"HTTP {answer.status_code}")

        alone = await _alone(client, path)
        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return {
        "path": path,
        "requests": sent,
        "cut_short_after_seconds": cap if sent < total else None,
        "concurrency": concurrency,
        "failures": failures,
        "seconds": round(elapsed, 3),
        "requests_per_second": round(sent / elapsed, 1),
        **_figures(latencies),
        "one_at_a_time_p50_ms": alone,
        "errors": errors[:5],
    }


async def _open_loop(
    url: str,
    path: str,
    cookies: httpx.Cookies,
    rate: float,
    seconds: float,
    workers: int,
    send_all: bool = False,
) -> dict[str, Any]:
    """GETs of `path` sent at `rate` per second for `seconds`, each when it is due whatever
    the earlier ones are doing; a latency runs from the moment its request was due."""
    total = max(1, round(rate * seconds))
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=200)
    latencies: list[float] = []
    failures = 0
    errors: list[str] = []
    in_flight = most_in_flight = 0
    async with httpx.AsyncClient(
        base_url=url, cookies=cookies, limits=limits, timeout=OPEN_LOOP_TIMEOUT
    ) as client:

        async def one(due: float) -> None:
            nonlocal failures, in_flight, most_in_flight
            in_flight += 1
            most_in_flight = max(most_in_flight, in_flight)
            try:
                answer = await client.get(path)
            except httpx.TransportError as error:
                errors.append(f"{type(error).__name__}: {error}")
                failures += 1
                if isinstance(error, httpx.TimeoutException):  # counted at least as late
                    latencies.append(OPEN_LOOP_TIMEOUT * 1000)
                return
            finally:
                in_flight -= 1
            latencies.append((time.perf_counter() - due) * 1000)
            if answer.status_code != 200:
                failures += 1
                errors.append(f"HTTP {answer.status_code}")

        alone = await _alone(client, path)
        # The work asked of the server each second, if each request cost what one alone did:
        # past what its processes can do, the queue only grows and every latency with it.
        offered = rate * alone / 1000
        if offered > 4 * workers and not send_all:
            return {
                "path": path,
                "rate_per_second": rate,
                "skipped": f"{rate:g}/s × {alone} ms alone = {offered:.1f} s of work a second, "
                f"over 4 times what {workers} processes can do: p95 would be the queue's",
                "requests": 0,
                "failures": 0,
                **_figures([]),
                "one_at_a_time_p50_ms": alone,
            }
        began = time.perf_counter()
        sent: list[asyncio.Task[None]] = []
        for index in range(total):
            due = began + index / rate
            wait = due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            sent.append(asyncio.create_task(one(due)))
        await asyncio.gather(*sent)
        elapsed = time.perf_counter() - began
    drained = _drain(url)
    return {
        "path": path,
        "rate_per_second": rate,
        "timeout_seconds": OPEN_LOOP_TIMEOUT,
        "drain_seconds": drained,
        "requests": total,
        "failures": failures,
        "seconds": round(elapsed, 3),
        "answered_per_second": round(total / elapsed, 1),
        "most_in_flight": most_in_flight,
        **_figures(latencies),
        "one_at_a_time_p50_ms": alone,
        "errors": errors[:5],
    }


def sql_counts(database_url: str) -> dict[str, int]:
    """SQL statements per request of each page, in-process on the same database."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from daiyun.bootstrap import bootstrap
    from daiyun.config import load_settings
    from daiyun.entrypoints.web.app import create_app

    application = bootstrap(load_settings(database_url=database_url))
    counts: dict[str, int] = {}
    try:
        client = TestClient(create_app(application), follow_redirects=False)
        token = _CSRF.search(client.get("/login").text)
        assert token is not None
        data = {"login": "admin", "password": PASSWORD, "csrf_token": token.group(1)}
        assert client.post("/login", data=data).status_code == 303
        for name, path in PAGES.items():
            client.get(path)
            seen: list[str] = []

            def count(*args: Any, seen: list[str] = seen) -> None:
                seen.append(str(args[2]))

            event.listen(application.engine, "before_cursor_execute", count)
            try:
                assert client.get(path).status_code == 200
            finally:
                event.remove(application.engine, "before_cursor_execute", count)
            counts[name] = len(seen)
    finally:
        application.close()
    return counts


_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _family(pid: int) -> list[int]:
    """A process and all its descendants (Linux /proc): uvicorn's supervisor and its workers."""
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                waiting += [int(child) for child in task.read_text().split()]
            except OSError:  # gone meanwhile
                continue
    return found


def server_cpu_seconds(pid: int) -> float | None:
    """Processor seconds (user + system) the server's processes have used so far: what a
    request costs the server whatever else the shared machine runs (its latency is inflated
    by other work on the same cores; this much less). None where /proc is not there."""
    total = 0
    for member in _family(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            if member == pid:
                return None
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (stat fields 14 and 15)
    return total / _TICKS_PER_SECOND


def _cpu_per_request(pid: int, began: float | None, requests: int) -> float | None:
    ended = server_cpu_seconds(pid)
    if began is None or ended is None or requests <= 0:
        return None
    return round((ended - began) * 1000 / requests, 2)


def _drain(url: str) -> float:
    """Seconds until the server answers its health check within 1 s, 5 times in a row: requests
    the client gave up on may still be queued in it, and would slow the next page's measure."""
    began, quick = time.perf_counter(), 0
    while quick < 5 and time.perf_counter() - began < 300:  # 5 in a row: both processes, likely
        try:
            quick = quick + 1 if httpx.get(f"{url}/api/health", timeout=1).is_success else 0
        except httpx.TransportError:
            quick = 0
    return round(time.perf_counter() - began, 1)


def _latencies(figures: dict[str, Any]) -> str:
    cells = (f"{name} {number(figures[f'{name}_ms'], '7.1f')} ms" for name in ("p50", "p95", "p99"))
    return "  ".join(cells) + f"  alone {number(figures['one_at_a_time_p50_ms'], '6.1f')} ms"


def _load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def bench_database(kind: str, arguments: argparse.Namespace) -> dict[str, Any]:
    """Prepare, serve and load one database; its figures."""
    with ExitStack() as stack:
        if kind == "sqlite":
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-web-")))
            url = f"sqlite:///{folder / 'daiyun.db'}"
        else:
            name = f"daiyun_bench_web_{os.getpid()}"
            url = stack.enter_context(scratch_postgres_database(POSTGRES_ADMIN_URL, name))
            url = url.replace("postgresql://", "postgresql+psycopg://", 1)
        began = time.perf_counter()
        prepare(url)
        counts = sql_counts(url)
        print(f"{kind}: demo loaded and statement drafted in {time.perf_counter() - began:.1f} s")
        open_loop: dict[str, Any] = {}
        closed_loop: dict[str, Any] = {}
        load_before = _load_average()
        server_problems: list[str] = []
        with served(url, arguments.workers, server_problems) as (base, server):
            cookies = _session_cookies(base, "admin")
            for name in OPEN_LOOP_PAGES:
                cpu_before = server_cpu_seconds(server)
                figures = asyncio.run(
                    _open_loop(
                        base, PAGES[name], cookies, arguments.rate, arguments.seconds,
                        arguments.workers, arguments.send_all,
                    )
                )  # fmt: skip
                figures["load_average_1_5_15_after"] = _load_average()
                # Every request it answered, the 30 sent alone first included.
                answered = figures["requests"] + 30
                figures["server_cpu_ms_per_request"] = _cpu_per_request(
                    server, cpu_before, answered
                )
                open_loop[name] = figures
                said = figures.get("skipped") or (
                    f"in flight ≤{figures['most_in_flight']}  failures {figures['failures']}"
                )
                print(
                    f"  open   {name:17} {arguments.rate:5.0f}/s  {_latencies(figures)}  {said}"
                    f"  load {figures['load_average_1_5_15_after'][0]}"
                    f"  server CPU {figures['server_cpu_ms_per_request']} ms/request"
                )
            for name, path in PAGES.items():
                cpu_before = server_cpu_seconds(server)
                figures = asyncio.run(
                    _closed_loop(
                        base, path, cookies, arguments.requests, arguments.concurrency,
                        arguments.closed_seconds,
                    )
                )  # fmt: skip
                figures["load_average_1_5_15_after"] = _load_average()
                figures["server_cpu_ms_per_request"] = _cpu_per_request(
                    server, cpu_before, figures["requests"] + 30
                )
                closed_loop[name] = figures
                print(
                    f"  closed {name:17} {figures['requests_per_second']:7.1f} req/s  "
                    f"{_latencies(figures)}  requests {figures['requests']}  "
                    f"failures {figures['failures']}  "
                    f"load {figures['load_average_1_5_15_after'][0]}  "
                    f"server CPU {figures['server_cpu_ms_per_request']} ms/request"
                )
        print("  SQL statements per request: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        for line in server_problems:
            print(f"  server: {line}")
        p95_met = all(
            page["p95_ms"] is not None and page["p95_ms"] <= TARGET_P95_MS
            for page in open_loop.values()
        )
        no_errors = not any(page["failures"] for page in closed_loop.values())
        targets = {
            f"open loop p95 <= {TARGET_P95_MS:.0f} ms": p95_met,
            f"no error at {arguments.concurrency} in flight": no_errors,
        }
        print(
            "  targets: "
            + ", ".join(f"{k}: {'met' if v else 'NOT met'}" for k, v in targets.items())
        )
        return {
            "open_loop": open_loop,
            "closed_loop": closed_loop,
            "targets": targets,
            "load_average_1_5_15_before": load_before,
            "load_average_1_5_15_after": _load_average(),
            "sql_statements_per_request": counts,
            "server_log_problems": server_problems,
        }


def _source() -> dict[str, Any]:
    """Which daiyun was measured: this checkout's (and its files differing from the commit), or
    a copy of a commit elsewhere on PYTHONPATH — e.g. `git archive HEAD` unpacked, so that other
    people's work in progress in a shared checkout is not measured (DAIYUN_BENCH_SNAPSHOT_OF
    names the commit it holds)."""
    import daiyun

    imported_from = Path(daiyun.__file__).resolve().parent
    if imported_from.is_relative_to(REPOSITORY):
        return {"uncommitted_source": uncommitted_source(REPOSITORY)}
    return {
        "daiyun_imported_from": str(imported_from),
        "snapshot_of_commit": os.environ.get("DAIYUN_BENCH_SNAPSHOT_OF"),
        "uncommitted_source": [],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="web processes (daiyun serve)")
    parser.add_argument("--rate", type=float, default=50.0, help="open loop: requests/s")
    parser.add_argument("--seconds", type=float, default=10.0, help="open loop: per page")
    parser.add_argument("--requests", type=int, default=200, help="closed loop: per page")
    parser.add_argument("--concurrency", type=int, default=100, help="closed loop: in flight")
    parser.add_argument(
        "--closed-seconds", type=float, default=30.0, help="closed loop: no request sent after"
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--send-all",
        action="store_true",
        help="open loop: send every page at the rate, even one whose request alone costs over "
        "4 times what the processes can give (its p95 is then the queue's, and the server may "
        "take minutes to drain it)",
    )
    arguments = parser.parse_args(argv)
    # Stopped (SIGTERM), it still stops the server it started and drops its scratch database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    databases = [kind.strip() for kind in arguments.databases.split(",") if kind.strip()]
    document: dict[str, Any] = {
        "benchmark": "web",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_facts(REPOSITORY),
        **_source(),
        "server": f"daiyun serve --workers {arguments.workers}: uvicorn, "
        f"{arguments.workers} process(es), each with its own connection pool",
        "signed_in_as": "admin (agency admin: every brand)",
        "open_loop": {"rate_per_second": arguments.rate, "seconds_per_page": arguments.seconds},
        "closed_loop": {
            "requests": arguments.requests,
            "concurrency": arguments.concurrency,
            "no_request_sent_after_seconds": arguments.closed_seconds,
        },
        "databases": {},
    }
    failed = False
    began = time.perf_counter()
    for kind in databases:
        figures = bench_database(kind, arguments)
        document["databases"][kind] = figures
        pages = [*figures["open_loop"].values(), *figures["closed_loop"].values()]
        failed |= any(page["failures"] for page in pages)
    document["wall_seconds"] = round(time.perf_counter() - began, 1)
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    (RESULTS_DIR / f"web-{stamp}.json").write_text(text, encoding="utf-8")
    (RESULTS_DIR / "web-latest.json").write_text(text, encoding="utf-8")
    print(f"wrote bench/results/web-{stamp}.json in {document['wall_seconds']} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
