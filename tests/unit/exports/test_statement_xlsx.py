"""The statement as XLSX (issue 4 item 5, R-S8): figures to the fen, one row per line, no formulas.

Each workbook is written to bytes and read back with openpyxl, as a clerk's spreadsheet would.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from daiyun.adapters.exports import (
    LINES_SHEET,
    SUMMARY_SHEET,
    statement_xlsx_bytes,
    write_statement_xlsx,
    yuan,
)
from daiyun.adapters.exports.statement_xlsx import YUAN_FORMAT
from daiyun.domain.settlement import LineKind
from tests.unit.exports.export_builders import (
    MALICIOUS_SKU,
    document,
    late_document,
    many_lines,
    plain_month,
)
from tests.unit.settlement.settlement_builders import draft, sale

# interfaces.md's Statement JSON figures, with penalty_accrued; amounts as its yuan text.
EXPECTED_FIGURES: dict[str, int | str] = {
    "recognised_lines": 3, "recognised_units": 6, "returned_units": 0,
    "sales_amount": "740.70", "returned_amount": "0.00", "concession_amount": "15.00",
    "settlement_value": "724.70", "commission": "36.24", "spread": "16.00",
    "brand_deductions": "15.00", "shipping_income": "8.00", "platform_fees": "32.39",
    "remittance": "681.46", "unsettleable_orders": 0, "price_violations": 0,
    "penalty_accrued": "0.00",
}  # fmt: skip


def _sheets(data: bytes) -> tuple[Worksheet, Worksheet]:
    workbook = load_workbook(io.BytesIO(data))
    return workbook[SUMMARY_SHEET], workbook[LINES_SHEET]


def _exact(value: object) -> Decimal:
    # openpyxl reads numbers as float; repr is the shortest text that reads back the same double,
    # so "724.7" here means the file holds exactly 724.7, not 724.6999….
    assert isinstance(value, int | float) and not isinstance(value, bool)
    return Decimal(repr(value))


def test_the_summary_sheet_holds_every_statement_figure_as_a_number_exact_to_the_fen() -> None:
    """R-S8: the summary's figures equal the statement's, amounts as ¥-formatted numbers."""
    summary, _ = _sheets(statement_xlsx_bytes(document()))
    rows = {row[3].value: row for row in summary.iter_rows() if len(row) > 3 and row[3].value}
    for key, expected in EXPECTED_FIGURES.items():
        cell = rows[key][2]
        assert cell.data_type == "n", key
        if isinstance(expected, str):
            assert _exact(cell.value) == Decimal(expected), key
            assert cell.number_format == YUAN_FORMAT
        else:
            assert cell.value == expected, key
    assert (rows["remittance"][0].value, rows["remittance"][1].value) == (
        "应汇货款",
        "Remittance",
    )
    assert rows["settlement_value"][0].value == "结算金额"


def test_the_summary_shows_version_status_due_dates_and_content_hash() -> None:
    """R-S8: a printed sheet can be matched to the statement version it comes from."""
    statement_document = document(version=2)
    summary, _ = _sheets(statement_xlsx_bytes(statement_document))
    facts = {row[1].value: row[2].value for row in summary.iter_rows() if len(row) > 2}
    assert facts["Version"] == "2"
    assert facts["Status"] == "已出具 issued"
    assert facts["Content hash (sha256)"] == plain_month().content_hash
    assert re.fullmatch(r"[0-9a-f]{64}", facts["Content hash (sha256)"])
    assert (facts["Issue by"], facts["Confirm by"], facts["Payment due"]) == (
        "2026-11-10",
        "2026-11-17",
        "—",
    )
    assert facts["Brand"] == "自然堂 (chando)"
    assert facts["Month"] == "2026-10"


def test_the_lines_sheet_has_one_row_per_line_with_rule_source_and_amounts() -> None:
    """R-S8: every line with its rule id, its source order line and its amounts as numbers."""
    statement = plain_month()
    _, lines = _sheets(statement_xlsx_bytes(document(statement)))
    header, *rows = list(lines.iter_rows(values_only=True))
    assert len(rows) == len(statement.lines) == 4
    column = {str(name).split(" ", 1)[1]: index for index, name in enumerate(header)}
    concession = next(row for row in rows if row[column["Kind"]] == LineKind.CONCESSION)
    assert (concession[column["Rule"]], concession[column["Order no"]]) == ("R-S9", "T1002")
    assert concession[column["Line no"]] == 1
    assert concession[column["Refund reason"]] == "quality"
    assert _exact(concession[column["Concession amount"]]) == Decimal("15.00")
    assert _exact(concession[column["Brand deductions"]]) == Decimal("15.00")
    # The columns add up to the statement's figures (R-S8), to the fen.
    settlement = sum(_exact(row[column["Settlement value"]]) for row in rows)
    fees = sum(_exact(row[column["Platform fees"]]) for row in rows)
    assert (settlement, fees) == (Decimal("724.70"), Decimal("32.39"))
    lipstick = next(row for row in rows if row[column["Order no"]] == "T1003")
    assert lipstick[column["SKU"]] == "CH-LIP"
    assert lipstick[column["Units"]] == 3
    assert _exact(lipstick[column["Settlement price"]]) == Decimal("89.90")
    assert _exact(lipstick[column["Fee rate"]]) == Decimal("0.05")
    assert str(lipstick[column["Time (Beijing)"]]) == "2026-10-31 20:00:00"


@pytest.mark.parametrize(
    "sku",
    [MALICIOUS_SKU, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1"],
)
def test_a_sku_that_a_spreadsheet_would_run_is_written_as_quoted_text(sku: str) -> None:
    """OWASP formula injection: the exact text, stored as a string, marked quotePrefix."""
    data = statement_xlsx_bytes(document(draft("2026-10", [sale("T1001", sku=sku)])))
    _, lines = _sheets(data)
    sku_cell = lines["E2"]
    assert lines["E1"].value == "SKU SKU"
    assert (sku_cell.value, sku_cell.data_type, sku_cell.quotePrefix) == (sku, "s", True)
    assert lines["C2"].quotePrefix is False  # an ordinary order number stays as it is
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets
        assert not any(b"<f>" in archive.read(name) for name in sheets)


def test_control_characters_that_xlsx_cannot_hold_are_shown_as_replacement_marks() -> None:
    """A platform file's stray BEL byte in a SKU does not make the workbook unwritable."""
    data = statement_xlsx_bytes(document(draft("2026-10", [sale("T1001", sku="CH\x07CREAM")])))
    _, lines = _sheets(data)
    assert lines["E2"].value == "CH\ufffdCREAM"


def test_an_empty_month_says_why_in_the_summary() -> None:
    """Issue 4: an empty month says why it is empty, in the file too."""
    empty = draft("2026-10", [sale(completed="2026-11-01 00:00")])
    summary, lines = _sheets(statement_xlsx_bytes(document(empty)))
    texts = [cell.value for row in summary.iter_rows() for cell in row if cell.value]
    assert "本月无结算行" in texts
    assert "no order completed in 2026-10 (Beijing time)" in texts
    assert lines.max_row == 1  # the header alone


def test_the_workbook_can_be_written_to_a_path(tmp_path: Path) -> None:
    """The command line's `--xlsx PATH`: the same bytes as in memory."""
    path = tmp_path / "对账单.xlsx"
    write_statement_xlsx(document(), path)
    summary, lines = _sheets(path.read_bytes())
    assert lines.max_row == 5
    assert summary["A1"].value == "对账单 Statement — 自然堂 2026-10"


def test_many_lines_stream_into_the_workbook_in_order() -> None:
    """Write-only mode: 3,000 lines, each row in canonical order, totals to the fen."""
    statement = many_lines(3_000)
    _, lines = _sheets(statement_xlsx_bytes(document(statement)))
    order_numbers = [row[0] for row in lines.iter_rows(min_row=2, min_col=3, values_only=True)]
    assert order_numbers == [f"T{n:06d}" for n in range(1, 3_001)]
    assert statement.figures.settlement_value.fen == 3_000 * 128_00


@pytest.mark.parametrize(
    ("fen", "expected"),
    [
        (0, "0.00"),
        (5, "0.05"),
        (-5, "-0.05"),
        (123_456, "1234.56"),
        (10**30 + 1, "10000000000000000000000000000.01"),  # past Decimal's 28 digits
    ],
)
def test_yuan_is_made_exactly_from_whole_fen(fen: int, expected: str) -> None:
    """The fen's digits with the point moved two places: no float, no context rounding."""
    assert str(yuan(fen)) == expected


def test_a_late_statement_lists_the_days_its_penalty_counts_and_the_brands_delays() -> None:
    """R-S7, R-S8: 10 days late less the 3 the brand caused (18–20 November) are the 7 counted
    for 9.71 (export_builders.late_document); each row as text beside its labels."""
    summary, _ = _sheets(statement_xlsx_bytes(late_document()))
    rows = [[cell.value for cell in row][:3] for row in summary.iter_rows()]
    start = rows.index(["滞纳金天数", "Late penalty days (R-S7)", None])
    assert rows[start + 1 : start + 4] == [
        ["逾期天数", "Days late (counted)", "7"],
        ["免计天数", "Days excused", "3"],
        [
            "品牌原因延误",
            "Delay the brand caused",
            "2026-11-18 – 2026-11-20 (3 d): "
            "品牌方更换收款账户 the brand changed its receiving account",
        ],
    ]


def test_a_statement_not_late_lists_no_penalty_days() -> None:
    summary, _ = _sheets(statement_xlsx_bytes(document()))
    assert "滞纳金天数" not in [cell.value for row in summary.iter_rows() for cell in row]
