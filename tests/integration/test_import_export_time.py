"""An order file's export time, asked for in words a page can show (issue 15, point 3): the
readers word the two problems of the export time without a command-line flag — an import page
shows them, in Chinese or in English, with no `--as-of` — while `daiyun orders import` names its
flag as interfaces.md has it, on stderr, in the JSON and in the rejects file."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_world import wait_for_import
from tests.integration.web_world import World, log_in

STORE = "chando-tmall"
NO_TIME_CLI = "says nothing of when it was exported; give that time (--as-of)"
OUT_OF_RANGE_CLI = (
    "an as-of time from 2000-01-01 until 2100-01-01 is needed "
    "(check --as-of or the time in the file name)"
)
OUT_OF_RANGE_PAGE = (
    "an export time from 2000-01-01 until 2100-01-01 is needed "
    "(check the export time given or the time in the file name)"
)
OUT_OF_RANGE_ZH = "导出时间须在 2000-01-01 到 2100-01-01 之间"


def test_the_command_line_names_its_flag_for_a_file_without_an_export_time(
    chando_store: str, tmp_path: Path
) -> None:
    # One file's name carries its export time, so the command takes none for the other; that
    # one says nothing of when it was exported.
    timed = write_daiyun_orders(tmp_path / "orders202610051000.csv", [daiyun_order_row("1001")])
    untimed = write_daiyun_orders(tmp_path / "more.csv", [daiyun_order_row("1002")])
    before = run_daiyun(chando_store, "orders", "list", "--store", STORE, "--json").stdout
    result = run_daiyun(
        chando_store, "orders", "import", "--store", STORE, "--json", str(timed), str(untimed)
    )
    assert result.exit_code == 2, result.stderr
    summary = result.json()
    assert summary["errors"] == [
        {"file": "more.csv", "row": 0, "column": "", "value": "", "message": NO_TIME_CLI}
    ]
    assert f"more.csv row 0: {NO_TIME_CLI}" in result.stderr
    assert run_daiyun(chando_store, "orders", "list", "--store", STORE, "--json").stdout == before


def test_the_rejects_file_names_the_flag_too(chando_store: str, tmp_path: Path) -> None:
    orders = write_daiyun_orders(tmp_path / "orders.csv", [daiyun_order_row("1001")])
    result = run_daiyun(
        chando_store, "orders", "import", "--store", STORE, "--skip-invalid",
        "--as-of", "1999-12-31T23:59:59+08:00", str(orders),
    )  # fmt: skip
    assert OUT_OF_RANGE_CLI in result.stderr, result.stderr
    with (tmp_path / "orders.rejects.csv").open(encoding="utf-8-sig") as rejects:
        assert [row["message"] for row in csv.DictReader(rejects)] == [OUT_OF_RANGE_CLI]


def test_an_import_page_asks_for_the_export_time_in_words_without_a_flag(
    world: World, tmp_path: Path
) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    orders = write_daiyun_orders(tmp_path / "orders.csv", [daiyun_order_row("7001")])
    before = database_snapshot(world.daiyun)
    before.pop("audit_record")  # the failed import is kept in the history (R-D3)
    started = client.post(
        "/imports",
        data={"csrf_token": csrf, "store": STORE, "as_of": "1999-12-31T23:59"},
        files=[("file", (orders.name, orders.read_bytes(), "text/csv"))],
    )
    assert started.status_code == 303, started.text
    job_page = started.headers["location"]
    job = wait_for_import(client, "/api" + job_page)
    assert job["summary"]["stored"] is False
    after = database_snapshot(world.daiyun)
    after.pop("audit_record")
    assert after == before

    chinese = client.get(job_page).text
    assert OUT_OF_RANGE_ZH in chinese and "--" not in _text(chinese)
    client.get("/lang/en")
    english = client.get(job_page).text
    assert OUT_OF_RANGE_PAGE in english.replace("&#39;", "'")
    assert "--" not in _text(english)


def _text(page: str) -> str:
    """What a reader sees of the page's main part."""
    main = re.search(r"<main>(.*)</main>", page, re.S)
    assert main is not None
    return re.sub(r"<[^>]+>", " ", main.group(1))
