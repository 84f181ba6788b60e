"""The Alipay account statement reader (formats.md, R-X1): files made here as Alipay writes them."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daiyun.adapters.platforms.alipay import AlipayReading, read_alipay_files
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money
from daiyun.domain.reconciliation import AlipayEntry, ChargeKind
from tests.alipay_files import (
    ACCOUNT,
    StatementRow,
    fen_text,
    write_statement_csv,
    write_statement_zip,
)

ORDER = "4012345678901234"
ROWS = [
    StatementRow(
        "20261005200040011100010012345678",
        income="+139.00",
        merchant_order_no=f"T200P{ORDER}",
        business_no="2026100522001123456789",
        item_name="雪域精粹纯粹滋润霜50g",
        balance="10139.00",
    ),
    StatementRow(
        "20261006200040011100010012345679",
        occurred_at="2026-10-06 00:00:05",
        expense="-6.95",
        business_type="收费",
        remark=f"天猫佣金（类目：美容护肤）{{{ORDER}}}扣款",
        balance="10132.05",
    ),
    StatementRow(
        "20261031200040011100010012345680",
        occurred_at="2026-10-31 23:59:59",
        expense="-10.00",
        business_type="转账",
        remark="卖家延迟发货赔付红包",
        balance="10122.05",
    ),
]


def _read(*paths: Path) -> tuple[AlipayReading, list[AlipayEntry]]:
    reading = read_alipay_files(list(paths))
    entries = [line.entry for line in reading.lines()]
    return reading, entries


def _expected_first_three(entries: list[AlipayEntry]) -> None:
    """The three rows of ROWS, read to the fen and the second, in Beijing time."""
    assert [entry.entry_no for entry in entries] == [row.entry_no for row in ROWS]
    first, fee, packet = entries
    assert (first.income, first.expense, first.balance) == (Money(13900), Money(0), Money(1013900))
    assert first.occurred_at == datetime(2026, 10, 5, 10, 21, 13, tzinfo=SHANGHAI)
    assert first.order_no == ORDER and first.charge is None
    assert (
        first.item_name == "雪域精粹纯粹滋润霜50g"
    )  # the trailing TAB is the file's, not the name's
    assert (fee.income, fee.expense) == (Money(0), Money(695))
    assert fee.charge is not None and fee.charge.kind is ChargeKind.TMALL_COMMISSION
    assert fee.order_no == ORDER
    assert packet.order_no is None and packet.charge is not None
    assert packet.charge.kind is ChargeKind.LATE_SHIPMENT_COMPENSATION
    assert packet.occurred_at == datetime(2026, 10, 31, 23, 59, 59, tzinfo=SHANGHAI)


@pytest.mark.parametrize("summary_first", [True, False])
def test_the_zip_is_read_whichever_file_comes_first(tmp_path: Path, summary_first: bool) -> None:
    path = write_statement_zip(tmp_path / "statement.zip", ROWS, summary_first=summary_first)
    with zipfile.ZipFile(path) as archive:  # the order the test means is the order written
        first = archive.infolist()[0]
        assert bool(first.flag_bits & 0x800) is False  # GBK names, as Alipay writes them
    reading, entries = _read(path)
    assert reading.problems == []
    _expected_first_three(entries)
    assert [file.account for file in reading.files] == [ACCOUNT]
    assert reading.files[0].format == "alipay-statement"
    assert len(reading.files[0].sha256) == 64
    # Problems name the detail file inside the ZIP, its GBK name read back.
    assert {line.file for line in reading.lines()} == {
        f"statement.zip/{ACCOUNT}_20261001_20261031_账务明细.csv"
    }


@pytest.mark.parametrize("ascii_brackets", [True, False])
@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_the_detail_csv_alone_in_gbk_or_utf8_with_either_brackets(
    tmp_path: Path, ascii_brackets: bool, encoding: str
) -> None:
    path = write_statement_csv(
        tmp_path / "detail.csv", ROWS, encoding=encoding, ascii_brackets=ascii_brackets
    )
    reading, entries = _read(path)
    assert reading.problems == []
    _expected_first_three(entries)
    assert reading.files[0].account == ACCOUNT


def test_cells_without_trailing_tabs_read_the_same(tmp_path: Path) -> None:
    with_tabs = _read(write_statement_csv(tmp_path / "tabs.csv", ROWS))[1]
    without = _read(write_statement_csv(tmp_path / "plain.csv", ROWS, tabs=False))[1]
    assert with_tabs == without
    _expected_first_three(without)


def test_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path: Path) -> None:
    reading = read_alipay_files([write_statement_csv(tmp_path / "d.csv", ROWS)])
    # Four comment lines, the header on row 5, the lines from row 6.
    assert [line.row for line in reading.lines()] == [6, 7, 8]


def test_a_footer_that_disagrees_with_the_lines_is_a_problem_naming_both(tmp_path: Path) -> None:
    # The lines hold one income of 139.00; the footer claims 2 lines and 278.00.
    path = write_statement_csv(tmp_path / "d.csv", ROWS, income_footer=(2, "278.00"))
    reading, _ = _read(path)
    assert reading.problem_count == 1
    problem = reading.problems[0]
    # Rows 1–5 header, 6–8 lines, 9 the end-of-table marker, 10 the income total.
    assert (problem.file, problem.row, problem.value) == ("d.csv", 10, "#收入合计：2笔，共278.00元")
    assert "2 income line(s) totalling 278.00" in problem.message
    assert "the lines hold 1 totalling 139.00" in problem.message
    assert "页脚收入合计" in problem.message


def test_an_expense_total_off_by_one_fen_is_a_problem(tmp_path: Path) -> None:
    # Expenses 6.95 + 10.00 = 16.95; the footer says 16.94.
    path = write_statement_csv(tmp_path / "d.csv", ROWS, expense_footer=(2, "16.94"))
    reading, _ = _read(path)
    assert [problem.row for problem in reading.problems] == [11]
    assert "the lines hold 2 totalling 16.95" in reading.problems[0].message


def test_a_file_cut_before_its_footer_is_a_problem(tmp_path: Path) -> None:
    reading, _ = _read(write_statement_csv(tmp_path / "d.csv", ROWS, footer=False))
    assert reading.problem_count == 1
    assert "without its footer totals" in reading.problems[0].message


def test_a_file_without_an_account_in_its_header_is_a_problem(tmp_path: Path) -> None:
    reading, entries = _read(write_statement_csv(tmp_path / "d.csv", ROWS, account=""))
    assert entries == []
    assert reading.files[0].account is None
    assert "names no account" in reading.problems[0].message


def test_a_zip_holding_only_the_summary_is_a_problem(tmp_path: Path) -> None:
    only = write_statement_zip(tmp_path / "only.zip", ROWS, with_detail=False)
    reading, entries = _read(only)
    assert entries == []
    assert reading.problem_count == 1
    assert "no detail file" in reading.problems[0].message
    assert "(汇总).csv" in reading.problems[0].message


def test_an_order_file_is_not_a_statement(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("订单编号,订单状态\n1,交易成功\n", encoding="utf-8")
    reading, entries = _read(path)
    assert entries == []
    assert "not an Alipay account statement" in reading.problems[0].message


def test_bad_cells_are_problems_with_their_row_and_column(tmp_path: Path) -> None:
    rows = [
        *ROWS,
        StatementRow("20261007000000000000000000000001", income="12元3", business_type="交易付款"),
        StatementRow("20261007000000000000000000000002", occurred_at="10/07", income="+1.00"),
        StatementRow("", income="+1.00"),
        StatementRow("20261007000000000000000000000003", income="-1.00"),
    ]
    # The footer is worked out from the good rows only, so the bad ones are the only problems.
    path = write_statement_csv(tmp_path / "d.csv", rows, income_footer=(1, "139.00"))
    reading, entries = _read(path)
    _expected_first_three(entries)
    found = {(problem.row, problem.column, problem.value) for problem in reading.problems}
    assert found == {
        (9, "收入金额(+元)", "12元3"),
        (10, "发生时间", "10/07"),
        (11, "账务流水号", ""),
        (12, "收入金额(+元)", "-1.00"),
    }


def test_lines_are_streamed_not_read_whole(tmp_path: Path) -> None:
    # The reader hands over the first line before it has read the rest of the file.
    rows = [
        StatementRow(f"2026100500000000000000{number:010d}", income="+1.00")
        for number in range(5000)
    ]
    reading = read_alipay_files([write_statement_csv(tmp_path / "big.csv", rows)])
    lines = reading.lines()
    first = next(lines)
    assert first.row == 6 and reading.problem_count == 0
    assert sum(1 for _ in lines) == 4999
    assert reading.problem_count == 0  # the footer (5000 lines, 5000.00) agrees


# — the property: what the builder writes reads back the same —

_TEXT = st.text(
    alphabet=st.sampled_from("雪域精粹滋润霜面膜补水 ABCxyz0123-_()【】，,\"'"), max_size=20
).map(str.strip)
_REMARKS = st.sampled_from(
    [
        "",
        f"天猫佣金{{{ORDER}}}",
        f"基础软件服务费({ORDER})",
        f"淘宝客佣金代扣款[{ORDER}]",
        f"代扣返点积分{ORDER}",
        "花呗分期服务费",
        "公益宝贝捐赠",
        "淘宝缺货赔付红包",
        "备注, with a comma",
    ]
)


# st.datetimes draws naive times between naive bounds; each is made Beijing's time below.
_FIRST = datetime(2026, 10, 1)  # noqa: DTZ001
_LAST = datetime(2026, 10, 31, 23, 59, 59)  # noqa: DTZ001


@st.composite
def _line(draw: st.DrawFn, number: int) -> tuple[StatementRow, AlipayEntry]:
    fen = draw(st.integers(min_value=0, max_value=10**9))
    is_income = draw(st.booleans())
    moment = draw(st.datetimes(min_value=_FIRST, max_value=_LAST)).replace(microsecond=0)
    balance = draw(st.none() | st.integers(min_value=-(10**9), max_value=10**9))
    business_type = draw(
        st.sampled_from(["交易付款", "交易退款", "在线支付", "收费", "提现", "转账"])
    )
    remark, item_name, business_no = draw(_REMARKS), draw(_TEXT), draw(_TEXT)
    merchant = draw(st.sampled_from(["", f"T200P{ORDER}", "M2026100500001"]))
    entry_no = f"2026{number:028d}"
    amount = fen_text(fen, "+" if is_income else "-")
    row = StatementRow(
        entry_no,
        occurred_at=moment.strftime("%Y-%m-%d %H:%M:%S"),
        income=amount if is_income else "",
        expense="" if is_income else amount,
        business_type=business_type,
        remark=remark,
        merchant_order_no=merchant,
        business_no=business_no,
        item_name=item_name,
        balance="" if balance is None else fen_text(abs(balance), "-" if balance < 0 else ""),
    )
    entry = AlipayEntry(
        entry_no=entry_no,
        business_no=business_no,
        merchant_order_no=merchant,
        item_name=item_name,
        occurred_at=moment.replace(tzinfo=SHANGHAI),
        income=Money(fen if is_income else 0),
        expense=Money(0 if is_income else fen),
        balance=None if balance is None else Money(balance),
        channel="支付宝",
        business_type=business_type,
        remark=remark,
    )
    return row, entry


@st.composite
def _statement(draw: st.DrawFn) -> list[tuple[StatementRow, AlipayEntry]]:
    count = draw(st.integers(min_value=0, max_value=12))
    return [draw(_line(number)) for number in range(count)]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=_statement(),
    as_zip=st.booleans(),
    summary_first=st.booleans(),
    ascii_brackets=st.booleans(),
    tabs=st.booleans(),
)
def test_a_generated_statement_reads_back_to_the_same_entries_in_fen(
    tmp_path: Path,
    lines: list[tuple[StatementRow, AlipayEntry]],
    as_zip: bool,
    summary_first: bool,
    ascii_brackets: bool,
    tabs: bool,
) -> None:
    rows = [row for row, _ in lines]
    options = {"ascii_brackets": ascii_brackets, "tabs": tabs}
    if as_zip:
        path = write_statement_zip(
            tmp_path / "generated.zip", rows, summary_first=summary_first, **options
        )
    else:
        path = write_statement_csv(tmp_path / "generated.csv", rows, **options)
    reading, entries = _read(path)
    assert reading.problems == []
    assert entries == [entry for _, entry in lines]
    assert all(type(entry.income.fen) is int for entry in entries)
