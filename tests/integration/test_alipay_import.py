"""`daiyun alipay import`: Alipay statements into a store, exactly once, all or nothing (R-X1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from daiyun.adapters.db.alipay_tables import alipay_account, alipay_entry, alipay_file
from daiyun.bootstrap import Daiyun
from tests.alipay_files import (
    ACCOUNT,
    StatementRow,
    write_statement_csv,
    write_statement_zip,
)
from tests.builders import contract_toml
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.snapshots import database_snapshot

ORDER = "4012345678901234"
OCTOBER = [
    StatementRow(
        "20261005200040011100010012345678",
        income="+263.30",
        merchant_order_no=f"T200P{ORDER}",
        item_name="雪域精粹纯粹滋润霜50g等",
    ),
    StatementRow(
        "20261006200040011100010012345679",
        expense="-13.17",
        business_type="收费",
        remark=f"天猫佣金{{{ORDER}}}",
    ),
    StatementRow(
        "20261007200040011100010012345680",
        expense="-1.32",
        business_type="收费",
        remark=f"基础软件服务费（{ORDER}）",
    ),
    StatementRow(
        "20261031200040011100010012345681",
        occurred_at="2026-10-31 23:59:59",
        expense="-30.00",
        business_type="转账",
        remark="虚假发货赔付红包",
    ),
]
# November's statement overlaps October's by its last line.
NOVEMBER = [
    OCTOBER[-1],
    StatementRow(
        "20261101200040011100010012345682",
        occurred_at="2026-11-01 00:00:01",
        income="+59.00",
        merchant_order_no="T200P4012345678909999",
    ),
]


@pytest.fixture
def store(chando_store: str) -> str:
    """chando's Tmall store (see conftest); the database URL."""
    return chando_store


def _import(database_url: str, *files: Path, store_code: str = "chando-tmall") -> CliResult:
    return run_daiyun(
        database_url, "alipay", "import", "--store", store_code, "--json", *map(str, files)
    )


def _stored(app: Daiyun) -> dict[str, tuple[int, int, str | None, str | None]]:
    """Each stored line by 账务流水号: income and expense in fen, the order and the charge kind."""
    with app.engine.connect() as connection:
        rows = connection.execute(
            select(
                alipay_entry.c.entry_no,
                alipay_entry.c.income_fen,
                alipay_entry.c.expense_fen,
                alipay_entry.c.order_no,
                alipay_entry.c.charge_kind,
            )
        )
        return {row.entry_no: tuple(row)[1:] for row in rows}


@pytest.mark.parametrize("summary_first", [True, False])
def test_the_zip_is_stored_to_the_fen_and_the_account_recorded(
    daiyun_app: Daiyun, store: str, tmp_path: Path, summary_first: bool
) -> None:
    path = write_statement_zip(tmp_path / "202610.zip", OCTOBER, summary_first=summary_first)
    result = _import(store, path)
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert summary["entries"] == {"new": 4, "unchanged": 0}
    assert summary["errors"] == []
    (file,) = summary["files"]
    assert file["name"] == "202610.zip"
    assert file["format"] == "alipay-statement"
    assert file["repeated"] is False
    assert file["account"] == ACCOUNT
    assert len(file["sha256"]) == 64
    assert _stored(daiyun_app) == {
        "20261005200040011100010012345678": (26330, 0, ORDER, None),
        "20261006200040011100010012345679": (0, 1317, ORDER, "tmall_commission"),
        "20261007200040011100010012345680": (0, 132, ORDER, "software_service_fee"),
        "20261031200040011100010012345681": (0, 3000, None, "false_shipment_compensation"),
    }
    with daiyun_app.engine.connect() as connection:
        assert connection.execute(select(alipay_account.c.account)).scalars().all() == [ACCOUNT]
        assert connection.execute(select(func.count()).select_from(alipay_file)).scalar() == 1
    assert "4 new line(s), 0 unchanged" in result.stderr
    assert "新增 4 行" in result.stderr


def test_the_same_file_twice_brings_nothing_new(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    path = write_statement_csv(tmp_path / "202610.csv", OCTOBER)
    assert _import(store, path).exit_code == 0
    before = database_snapshot(daiyun_app)
    again = _import(store, path)
    assert again.exit_code == 0, again.stderr
    assert again.json()["entries"] == {"new": 0, "unchanged": 4}
    assert again.json()["files"][0]["repeated"] is True
    assert database_snapshot(daiyun_app) == before
    assert "imported before" in again.stderr


def test_an_overlapping_month_stores_only_its_new_lines(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    october = write_statement_zip(tmp_path / "202610.zip", OCTOBER)
    november = write_statement_csv(tmp_path / "202611.csv", NOVEMBER, ascii_brackets=True)
    assert _import(store, october).exit_code == 0
    result = _import(store, november)
    assert result.exit_code == 0, result.stderr
    # November's first line is October's last: unchanged; its second is new.
    assert result.json()["entries"] == {"new": 1, "unchanged": 1}
    assert len(_stored(daiyun_app)) == 5


def test_the_csv_and_the_zip_it_came_in_given_together_store_each_line_once(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    zipped = write_statement_zip(tmp_path / "202610.zip", OCTOBER)
    alone = write_statement_csv(tmp_path / "202610.csv", OCTOBER)
    result = _import(store, zipped, alone)
    assert result.exit_code == 0, result.stderr
    assert result.json()["entries"] == {"new": 4, "unchanged": 4}
    assert len(_stored(daiyun_app)) == 4


def test_a_footer_that_disagrees_refuses_the_file_and_stores_nothing(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    good = write_statement_csv(tmp_path / "good.csv", OCTOBER[:1])
    # Expenses 13.17 + 1.32 + 30.00 = 44.49; the footer says 3 lines and 44.40.
    bad = write_statement_zip(tmp_path / "bad.zip", OCTOBER, expense_footer=(3, "44.40"))
    before = database_snapshot(daiyun_app)
    result = _import(store, good, bad)
    assert result.exit_code == 2
    summary = result.json()
    assert summary["stored"] is False
    (error,) = summary["errors"]
    assert error["file"].startswith("bad.zip/") and error["file"].endswith("账务明细.csv")
    # Rows 1–5 header, 6–9 lines, 10 end of table, 11 income, 12 expense.
    assert (error["row"], error["value"]) == (12, "#支出合计：3笔，共-44.40元")
    assert "3 expense line(s) totalling 44.40 yuan" in error["message"]
    assert "the lines hold 3 totalling 44.49 yuan" in error["message"]
    assert database_snapshot(daiyun_app) == before  # not even the good file, nor the account
    assert "nothing was imported" in result.stderr


def test_a_file_of_another_account_is_refused_and_nothing_changes(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    assert _import(store, write_statement_csv(tmp_path / "ours.csv", OCTOBER)).exit_code == 0
    before = database_snapshot(daiyun_app)
    other = "20889999999999990156"
    theirs = write_statement_zip(tmp_path / "theirs.zip", NOVEMBER, account=other)
    result = _import(store, theirs)
    assert result.exit_code == 1  # R-X1: the rule's refusal
    assert result.stdout == ""
    assert f"theirs.zip is the statement of Alipay account {other}" in result.stderr
    assert f"store chando-tmall's account is {ACCOUNT}" in result.stderr
    assert database_snapshot(daiyun_app) == before


def test_two_files_of_two_accounts_in_one_command_store_nothing(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    before = database_snapshot(daiyun_app)
    ours = write_statement_csv(tmp_path / "ours.csv", OCTOBER)
    theirs = write_statement_csv(tmp_path / "theirs.csv", NOVEMBER, account="20889999999999990156")
    result = _import(store, ours, theirs)
    assert result.exit_code == 1
    assert database_snapshot(daiyun_app) == before  # not even the first account


def test_an_account_another_store_has_is_refused(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    second = tmp_path / "second.toml"
    second.write_text(
        contract_toml(
            brand_code="pechoin",
            brand_name="百雀羚",
            contract_code="PECHOIN-2026",
            store_code="pechoin-tmall",
        ),
        encoding="utf-8",
    )
    assert run_daiyun(store, "contract", "load", str(second)).exit_code == 0
    assert _import(store, write_statement_csv(tmp_path / "a.csv", OCTOBER)).exit_code == 0
    before = database_snapshot(daiyun_app)
    result = _import(
        store, write_statement_csv(tmp_path / "b.csv", NOVEMBER), store_code="pechoin-tmall"
    )
    assert result.exit_code == 1
    assert "which is store chando-tmall's, not pechoin-tmall's" in result.stderr
    assert database_snapshot(daiyun_app) == before


def test_a_line_stored_with_other_content_is_a_problem_and_nothing_is_stored(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    assert _import(store, write_statement_csv(tmp_path / "a.csv", OCTOBER)).exit_code == 0
    before = database_snapshot(daiyun_app)
    changed = [NOVEMBER[1], StatementRow(OCTOBER[0].entry_no, income="+263.31")]
    result = _import(store, write_statement_csv(tmp_path / "b.csv", changed))
    assert result.exit_code == 2
    (error,) = result.json()["errors"]
    assert (error["row"], error["column"], error["value"]) == (7, "账务流水号", OCTOBER[0].entry_no)
    assert database_snapshot(daiyun_app) == before


def test_an_unknown_store_is_bad_input(daiyun_app: Daiyun, store: str, tmp_path: Path) -> None:
    before = database_snapshot(daiyun_app)
    result = _import(store, write_statement_csv(tmp_path / "a.csv", OCTOBER), store_code="nowhere")
    assert result.exit_code == 2
    assert "no store with code 'nowhere'" in result.stderr
    assert database_snapshot(daiyun_app) == before


def test_a_missing_file_is_bad_input(store: str, tmp_path: Path) -> None:
    result = _import(store, tmp_path / "nothing.zip")
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_a_large_statement_is_stored_in_batches_all_or_nothing(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    # 4,500 lines of 1.00 income: three batches of the service's 2,000; then the same lines
    # with a footer one fen off: the batches written before the footer are undone.
    rows = [
        StatementRow(f"20261005{number:024d}", income="+1.00", merchant_order_no=f"T200P{number}")
        for number in range(4500)
    ]
    bad = write_statement_csv(tmp_path / "bad.csv", rows, income_footer=(4500, "4499.99"))
    before = database_snapshot(daiyun_app)
    assert _import(store, bad).exit_code == 2
    assert database_snapshot(daiyun_app) == before
    result = _import(store, write_statement_csv(tmp_path / "good.csv", rows))
    assert result.exit_code == 0, result.stderr
    assert result.json()["entries"] == {"new": 4500, "unchanged": 0}
    with daiyun_app.engine.connect() as connection:
        total = connection.execute(select(func.sum(alipay_entry.c.income_fen))).scalar()
    assert total == 450_000  # 4,500 × 100 fen


def test_a_store_not_on_tmall_or_taobao_takes_no_alipay_statement(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    jd = tmp_path / "jd.toml"
    jd.write_text(
        contract_toml(
            brand_code="pechoin", brand_name="百雀羚", contract_code="PECHOIN-2026",
            platforms='["tmall", "jd"]', store_code="pechoin-jd", store_platform="jd",
        ),
        encoding="utf-8",
    )  # fmt: skip
    assert run_daiyun(store, "contract", "load", str(jd)).exit_code == 0
    before = database_snapshot(daiyun_app)
    result = _import(
        store, write_statement_csv(tmp_path / "a.csv", OCTOBER), store_code="pechoin-jd"
    )
    assert result.exit_code == 2
    (error,) = result.json()["errors"]
    assert error["message"].startswith("an Alipay statement cannot belong to store pechoin-jd")
    assert database_snapshot(daiyun_app) == before
