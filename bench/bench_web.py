"""Benchmark (issue 5): the dashboard and an order search under 100 concurrent requests.

On each database: a fresh database migrated and the demo loaded (`daiyun db upgrade`, `demo
load`: 22 brands, 3,497 SKUs, 1,024 orders), chando's October statement drafted; then `daiyun
serve` (uvicorn, one process) in a subprocess, and an httpx async client signed in as the
agency admin sends --requests requests per page, --concurrency at a time, after a warm-up.
Prints and records requests/s and p50/p95/p99 latency per page; and, in-process on the same
database, how many SQL statements each page runs (a SQLAlchemy event listener on the engine).
Writes bench/results/web-<UTC time>.json and web-latest.json. Nothing asserts a time; the
SQL counts are asserted by tests/integration/test_statement_pages.py.

    .venv/bin/python bench/bench_web.py [--requests N] [--concurrency C] [--databases sqlite]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
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
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


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
def served(database_url: str) -> Iterator[str]:
    """`daiyun serve` on a free port; its base URL once it answers."""
    port = _free_port()
    environment = {**os.environ, "DAIYUN_DATABASE_URL": database_url}
    process = subprocess.Popen(
        [*daiyun_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise RuntimeError("daiyun serve did not answer within 60 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def _session_cookies(url: str, login: str) -> httpx.Cookies:
    with httpx.Client(base_url=url) as client:
        token = _CSRF.search(client.get("/login").text)
        assert token is not None
        data = {"login": login, "password": PASSWORD, "csrf_token": token.group(1)}
        answer = client.post("/login", data=data)
        if answer.status_code != 303:
            raise RuntimeError(f"cannot log in as {login}: {answer.status_code}")
        return client.cookies


async def _load(
    url: str, path: str, cookies: httpx.Cookies, total: int, concurrency: int
) -> dict[str, Any]:
    """`total` GETs of `path`, `concurrency` in flight at a time; latencies in ms."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    latencies: list[float] = []
    failures = 0
    errors: list[str] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(total):
        queue.put_nowait(number)
    async with httpx.AsyncClient(
        base_url=url, cookies=cookies, limits=limits, timeout=120
    ) as client:

        async def worker() -> None:
            nonlocal failures
            while not queue.empty():
                queue.get_nowait()
                started = time.perf_counter()
                try:
                    answer = await client.get(path)
                except httpx.TransportError as error:  # counted, not fatal: report it
                    errors.append(f"{type(error).__name__}: {error}")
                    failures += 1
                    continue
                latencies.append((time.perf_counter() - started) * 1000)
                failures += answer.status_code != 200

        alone: list[float] = []
        for _ in range(min(30, total)):  # warm-up, one at a time: the latency without a queue
            started = time.perf_counter()
            await client.get(path)
            alone.append((time.perf_counter() - started) * 1000)
        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "path": path,
        "requests": total,
        "concurrency": concurrency,
        "failures": failures,
        "seconds": round(elapsed, 3),
        "requests_per_second": round(total / elapsed, 1),
        "p50_ms": round(cuts[49], 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
        "max_ms": round(max(latencies), 1),
        "one_at_a_time_p50_ms": round(statistics.median(alone[5:]), 1),
        "transport_errors": errors[:5],
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


def bench_database(kind: str, requests: int, concurrency: int) -> dict[str, Any]:
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
        pages: dict[str, Any] = {}
        with served(url) as base:
            cookies = _session_cookies(base, "admin")
            for name, path in PAGES.items():
                figures = asyncio.run(_load(base, path, cookies, requests, concurrency))
                pages[name] = figures
                print(
                    f"  {name:17} {figures['requests_per_second']:7.1f} req/s  "
                    f"p50 {figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms  "
                    f"p99 {figures['p99_ms']:7.1f} ms  "
                    f"alone {figures['one_at_a_time_p50_ms']:6.1f} ms  "
                    f"failures {figures['failures']}"
                )
        print("  SQL statements per request: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        return {"pages": pages, "sql_statements_per_request": counts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--databases", default="sqlite,postgresql")
    arguments = parser.parse_args(argv)
    databases = [kind.strip() for kind in arguments.databases.split(",") if kind.strip()]
    document: dict[str, Any] = {
        "benchmark": "web",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_facts(REPOSITORY),
        "server": "daiyun serve: uvicorn, one process",
        "signed_in_as": "admin (agency admin: every brand)",
        "databases": {},
    }
    failed = False
    for kind in databases:
        figures = bench_database(kind, arguments.requests, arguments.concurrency)
        document["databases"][kind] = figures
        failed |= any(page["failures"] for page in figures["pages"].values())
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    (RESULTS_DIR / f"web-{stamp}.json").write_text(text, encoding="utf-8")
    (RESULTS_DIR / "web-latest.json").write_text(text, encoding="utf-8")
    print(f"wrote bench/results/web-{stamp}.json")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
