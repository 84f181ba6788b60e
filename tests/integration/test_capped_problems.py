"""Hostile files make small problems, and text in a wrong encoding is no province, on SQLite
and PostgreSQL alike (issue 16, points 6 and 11).

Point 6: a header of a million columns used to come back whole in its problem: as many
megabytes on stderr, in the JSON summary and in a web job's record, sent again on every poll of
its progress bar. Now a message shows the first five names and how many more; a long cell is
shown as its start and its length, and a job keeps the 50 problems its page lists.

Point 11: a daiyun order file saved in Shift-JIS passes as GBK (every byte decodes) and its
provinces came out as 煷峕徣, stored with exit 0. A province must now be one of the PRC's.
"""

from __future__ import annotations

import csv
import json
import time
from datetime import datetime
from pathlib import Path

import pytest

from daiyun.bootstrap import Daiyun
from daiyun.domain.calendar import SHANGHAI
from daiyun.entrypoints.import_jobs import ImportJob, ImportJobs
from daiyun.entrypoints.import_uploads import KeptUpload
from tests.builders import DAIYUN_ORDER_COLUMNS, daiyun_order_row
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.snapshots import database_snapshot

AS_OF = "2026-10-05T10:00:00+08:00"
COLUMNS = 1_000_000
SMALL = 10_000  # bytes: what stderr, or a JSON answer, of one problem stays under
LONG_CELL = "9" * 100_000  # a cell's text, within the CSV reader's limit (131,072)


@pytest.fixture
def store(chando_store: str) -> str:
    """chando's Tmall store with two SKUs (see conftest)."""
    return chando_store


def _import(database_url: str, file: Path, *options: str) -> CliResult:
    return run_daiyun(
        database_url,
        "orders", "import", "--store", "chando-tmall", "--as-of", AS_OF, *options, str(file),
    )  # fmt: skip


def _wide_file(path: Path) -> Path:
    """A CSV whose header has a million columns (c0 … c999999) and no order file's names: 7 MB."""
    header = ",".join(f"c{i}" for i in range(COLUMNS))
    path.write_text(f"{header}\n1,2\n", encoding="utf-8")
    return path


def _daiyun_orders(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(DAIYUN_ORDER_COLUMNS)
        writer.writerows([row[column] for column in DAIYUN_ORDER_COLUMNS] for row in rows)
    return path


def _size(text: str) -> int:
    return len(text.encode())


SHOWN_HEADER = "The header row has: c0, c1, c2, c3, c4 … and 999995 more"


def test_a_header_of_a_million_columns_is_one_short_problem_on_stderr_and_nothing_is_written(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    before = database_snapshot(daiyun_app)
    result = _import(store, _wide_file(tmp_path / "wide.csv"))
    assert result.exit_code == 2
    assert _size(result.stderr) < SMALL, _size(result.stderr)
    assert "wide.csv row 1: the header row is no order file layout" in result.stderr
    assert SHOWN_HEADER in " ".join(result.stderr.split())
    assert database_snapshot(daiyun_app) == before


def test_a_header_of_a_million_columns_is_one_short_problem_in_the_json_summary(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    before = database_snapshot(daiyun_app)
    result = _import(store, _wide_file(tmp_path / "wide.csv"), "--json")
    assert result.exit_code == 2
    assert _size(result.stdout) < SMALL and _size(result.stderr) < SMALL
    summary = result.json()
    assert summary["error_count"] == 1 and summary["stored"] is False
    (problem,) = summary["errors"]
    assert (problem["file"], problem["row"], problem["column"], problem["value"]) == (
        "wide.csv",
        1,
        "",
        "",
    )
    assert problem["message"].endswith(SHOWN_HEADER)
    assert database_snapshot(daiyun_app) == before


def test_a_cell_of_100000_digits_is_shown_on_stderr_as_its_start_and_its_length(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    before = database_snapshot(daiyun_app)
    rows = [daiyun_order_row("1001", units=LONG_CELL)]
    result = _import(store, _daiyun_orders(tmp_path / "long.csv", rows))
    assert result.exit_code == 2
    assert _size(result.stderr) < SMALL, _size(result.stderr)
    shown = f"'{'9' * 100}… (100000 characters)'"
    assert f"long.csv row 2, units {shown}: more than 1000000 units" in " ".join(
        result.stderr.split()
    )
    assert database_snapshot(daiyun_app) == before


def _finished(jobs: ImportJobs, job: ImportJob) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        shown = jobs.get(job.id)  # issue 22: the job's record is in the database
        assert shown is not None
        record = shown.to_json()
        if record["state"] != "running":
            return record
        time.sleep(0.05)
    raise AssertionError("the import did not finish in 60 s")


def _besides_the_failed_import(daiyun_app: Daiyun) -> dict[str, list[tuple[object, ...]]]:
    """The database as before but for the one audit record keeping the failed import for the
    history of imports (issue 15), which is as small as the job's record."""
    snapshot = database_snapshot(daiyun_app)
    audit = snapshot["audit_record"]
    failed = [row for row in audit if "order_import.fail" in row]
    assert len(failed) == 1 and _size(json.dumps(failed[0], default=str)) < 50 * 300
    snapshot["audit_record"] = [row for row in audit if row not in failed]
    return snapshot


def _run_job(daiyun_app: Daiyun, upload: Path) -> dict[str, object]:
    with daiyun_app.unit_of_work() as uow:
        found = uow.stores.get("chando-tmall")
    assert found is not None
    jobs = ImportJobs(daiyun_app, lambda: datetime(2026, 10, 5, 10, 0, tzinfo=SHANGHAI))
    job = jobs.start(
        found,
        KeptUpload(upload.parent, [upload]),
        skip_invalid=False,
        actor="ops",
        as_of=datetime(2026, 10, 5, 10, 0, tzinfo=SHANGHAI),
    )
    try:
        return _finished(jobs, job)
    finally:
        jobs.close()


def test_a_web_job_of_a_header_of_a_million_columns_keeps_a_small_record(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    # The record is sent again on every poll of the progress bar.
    before = database_snapshot(daiyun_app)
    (tmp_path / "upload").mkdir()  # the job removes its upload's folder
    record = _run_job(daiyun_app, _wide_file(tmp_path / "upload" / "wide.csv"))
    assert record["state"] == "finished"
    assert _size(json.dumps(record, ensure_ascii=False)) < SMALL
    summary = record["summary"]
    assert isinstance(summary, dict) and summary["error_count"] == 1
    assert summary["errors"][0]["message"].endswith(SHOWN_HEADER)
    assert _besides_the_failed_import(daiyun_app) == before


def test_a_web_job_keeps_the_50_problems_its_page_lists_each_value_cut_short(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    # 200 orders, each with a cell of 100,000 digits: 20 MB of values, 200 problems.
    before = database_snapshot(daiyun_app)
    (tmp_path / "upload").mkdir()
    rows = [daiyun_order_row(f"{1000 + n}", units=LONG_CELL) for n in range(200)]
    record = _run_job(daiyun_app, _daiyun_orders(tmp_path / "upload" / "long.csv", rows))
    summary = record["summary"]
    assert isinstance(summary, dict)
    assert summary["error_count"] == 200 and len(summary["errors"]) == 50
    assert summary["errors"][0]["value"] == "9" * 100 + "… (100000 characters)"
    assert _size(json.dumps(record, ensure_ascii=False)) < 50 * 300
    assert _besides_the_failed_import(daiyun_app) == before


def test_a_daiyun_order_file_in_shift_jis_has_its_province_refused_and_nothing_is_written(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    # Point 11: 浙江省 杭州市 in Shift-JIS, which decodes as GBK to 煷峕徣 峐廈巗.
    before = database_snapshot(daiyun_app)
    rows = [daiyun_order_row("1001", province="浙江省", city="杭州市")]
    text = _daiyun_orders(tmp_path / "utf8.csv", rows).read_text(encoding="utf-8")
    shift_jis = tmp_path / "shift-jis.csv"
    shift_jis.write_bytes(text.encode("shift_jis"))
    result = _import(store, shift_jis, "--json")
    assert result.exit_code == 2, result.stderr
    summary = result.json()
    assert summary["error_count"] == 1 and summary["stored"] is False
    (problem,) = summary["errors"]
    assert (problem["file"], problem["row"], problem["column"], problem["value"]) == (
        "shift-jis.csv",
        2,
        "province",
        "煷峕徣",
    )
    assert problem["message"].startswith("not a province of the PRC")
    assert "shift-jis.csv row 2, province '煷峕徣': not a province of the PRC" in " ".join(
        result.stderr.split()
    )
    assert database_snapshot(daiyun_app) == before
