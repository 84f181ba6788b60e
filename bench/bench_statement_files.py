"""Benchmark (issue 4 item 5): a statement of N lines written as XLSX and as PDF.

In one run: draft a month of N order lines (pure domain, in memory); measure the ceiling, openpyxl
writing the same N rows of plain, unstyled values in write-only mode; then time our XLSX (styled
amounts, escaped text) and our PDF (summary + the first PDF_LINE_LIMIT lines; `--full-pdf` also
every line). Each file is written in a forked child, whose peak memory (`ru_maxrss`, the
statement included) is reported. Prints seconds, lines/s, ours/ceiling and MB; writes
bench/results/statement-files-<N>-<UTC time>.json and statement-files-latest.json. Nothing here
asserts a time; the exit status is non-zero only when writing a file failed.

    .venv/bin/python bench/bench_statement_files.py [--lines N] [--full-pdf]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from daiyun.adapters.exports import (
    PDF_LINE_LIMIT,
    StatementDocument,
    write_statement_pdf,
    write_statement_xlsx,
)
from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.contracts import ContractTerms, Platform, PlatformFeeSchedule
from daiyun.domain.money import Money, Rate
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.pricing import check_sold_price
from daiyun.domain.settlement import SettlementLine, Statement, draft_statement
from lib.machine import machine_facts

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
CATEGORIES = ("美容护肤", "彩妆", "香水", "个人护理")


def draft_month(count: int) -> Statement:
    """October 2026 on Tmall: `count` completed lines, prices at or a little above guide."""
    terms = ContractTerms()
    fees = {
        Platform.TMALL: PlatformFeeSchedule(
            Platform.TMALL,
            category_rates={"美容护肤": Rate.of("0.04")},
            default_rate=Rate.of("0.05"),
        )
    }
    start = datetime(2026, 10, 1, tzinfo=SHANGHAI)
    seconds = 31 * 24 * 3600 - 1

    def line(number: int) -> SettlementLine:
        units = 1 + number % 3
        guide = Money(9_990 + 100 * (number % 50))
        actual = guide.times(units) + Money(units * (number % 7) * 100)
        return SettlementLine(
            order_no=f"4{number:018d}",
            line_no=1 + number % 2,
            sku=f"SKU-{number % 2_000:05d}",
            category=CATEGORIES[number % len(CATEGORIES)],
            platform=Platform.TMALL,
            units=units,
            actual_amount=actual,
            guide_price=guide,
            status=OrderStatus.COMPLETED,
            completed_at=start + timedelta(seconds=number * 7919 % seconds),
            price_check=check_sold_price(actual, units, guide, terms.markup_cap),
            promotion_price=None,
            shipping=Money(0),
        )

    return draft_statement(
        Month(2026, 10),
        (line(number) for number in range(count)),
        (),
        terms=terms,
        fee_schedules=fees,
        recognised_earlier=frozenset(),
        orders_without_sku_lines=(),
    )


def ceiling(document: StatementDocument, path: Path) -> None:
    """openpyxl write-only, the same rows as plain values: no styles, no escaping."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("lines")
    for row in document.statement.lines:
        sheet.append([str(value) if isinstance(value, datetime) else value for value in row])
    workbook.save(path)


def measured(write: Callable[[StatementDocument, Path], None], document: Any, path: Path) -> dict:
    """Write in a forked child: seconds, the file's size, the child's peak memory."""
    read, write_end = os.pipe()
    child = multiprocessing.get_context("fork").Process(
        target=_child, args=(write, document, path, write_end)
    )
    child.start()
    os.close(write_end)
    with os.fdopen(read) as pipe:
        reported = pipe.read()
    child.join()
    if child.exitcode != 0 or not reported:
        raise RuntimeError(f"writing {path.name} failed (exit {child.exitcode})")
    seconds, peak_kb = json.loads(reported)
    return {"seconds": round(seconds, 3), "bytes": path.stat().st_size, "peak_mb": peak_kb // 1024}


def _child(write: Callable[..., None], document: Any, path: Path, pipe: int) -> None:
    import resource

    started = time.perf_counter()
    write(document, path)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with os.fdopen(pipe, "w") as out:
        out.write(json.dumps([seconds, peak_kb]))


def run(arguments: argparse.Namespace, folder: Path) -> dict[str, Any]:
    started_at = datetime.now(UTC)
    began = time.perf_counter()
    statement = draft_month(arguments.lines)
    draft_seconds = time.perf_counter() - began
    document = StatementDocument(statement, "BENCH-2026", "benchbrand", "自然堂", 1, "draft")
    lines = len(statement.lines)
    _say(f"drafted {lines:,} lines in {draft_seconds:.2f} s; hash {statement.content_hash[:12]}…")
    runs: dict[str, dict] = {}
    runs["ceiling_xlsx"] = measured(ceiling, document, folder / "ceiling.xlsx")
    runs["xlsx"] = measured(write_statement_xlsx, document, folder / "statement.xlsx")
    runs["pdf"] = measured(write_statement_pdf, document, folder / "statement.pdf")
    runs["pdf"]["lines_shown"] = min(PDF_LINE_LIMIT, lines)
    if arguments.full_pdf:
        every_line = _pdf_of_every_line
        runs["pdf_every_line"] = measured(every_line, document, folder / "every-line.pdf")
        runs["pdf_every_line"]["lines_shown"] = lines
    for figures in runs.values():
        figures["lines_per_second"] = round(lines / figures["seconds"])
    ratio = runs["ceiling_xlsx"]["seconds"] / runs["xlsx"]["seconds"]
    runs["xlsx"]["ours_over_ceiling"] = round(ratio, 3)
    return {
        "benchmark": "statement-files",
        "issue": 4,
        "started_at": started_at.isoformat(timespec="seconds"),
        "lines": lines,
        "draft_seconds": round(draft_seconds, 3),
        "runs": runs,
        "machine": machine_facts(REPOSITORY),
    }


def _pdf_of_every_line(document: StatementDocument, path: Path) -> None:
    write_statement_pdf(document, path, max_lines=None)


def table(result: dict[str, Any]) -> str:
    rows = [f"{'file':16} {'seconds':>8} {'lines/s':>9} {'MB out':>7} {'peak MB':>8}  note"]
    for name, figures in result["runs"].items():
        note = ""
        if "ours_over_ceiling" in figures:
            note = f"ours/ceiling {figures['ours_over_ceiling']:.2f}"
        if "lines_shown" in figures:
            note = f"{figures['lines_shown']:,} lines shown"
        rows.append(
            f"{name:16} {figures['seconds']:8.2f} {figures['lines_per_second']:9,} "
            f"{figures['bytes'] / 1e6:7.1f} {figures['peak_mb']:8,}  {note}"
        )
    return "\n".join(rows)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lines", type=int, default=100_000, help="statement lines (100000)")
    parser.add_argument("--full-pdf", action="store_true", help="also a PDF of every line")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="daiyun-bench-files-") as folder:
        try:
            result = run(arguments, Path(folder))
        except RuntimeError as failure:
            _say(str(failure))
            return 1
    print(table(result))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS_DIR / f"statement-files-{result['lines']}-{stamp}.json").write_text(text, "utf-8")
    (RESULTS_DIR / "statement-files-latest.json").write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
