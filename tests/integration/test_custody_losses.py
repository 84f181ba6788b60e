"""Custody losses (issue 19, R-F7) through the command line, on SQLite and PostgreSQL: goods of
the brand lost or damaged in the operator's custody are charged to the operator at the guide
price in force at the moment and owed to the brand on that month's model A statement, as a
figure of its own (`custody_losses`) that raises the remittance (R-S6).

chando's October 2026 (statement_steps.OCTOBER, worked in test_statement_lifecycle.py):

  remittance without losses  476.00 + 10.00 − 23.80 − 0 − 0         = 462.20
  a serum, CD-SERUM-30: guide price 139.00 from 2026-01-01, 129.00 from 2026-10-15 00:00
  3 serums lost on 2026-10-20 15:00 (Beijing): 3 × 129.00            = 387.00   (R-F7)
  remittance with the loss   462.20 + 387.00                         = 849.20   (R-S6)

Every other figure stays as it was. One more serum lost on 2026-11-01 00:30 Beijing
(2026-10-31 16:30 UTC) is November's: 1 × 129.00 = 129.00, not on October's statement.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from daiyun.adapters.db.tables import statement_version
from daiyun.bootstrap import Daiyun
from daiyun.domain.calendar import Month
from daiyun.domain.fulfilment.custody import losses_total
from daiyun.domain.settlement import draft_statement
from daiyun.services.settlement.platform_fees import month_charges
from daiyun.services.settlement.statement_access import model_a_contract
from tests.builders import write_catalog_csv
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.conftest import register_seed, seeded
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_steps import (
    CONTRACT,
    OCTOBER,
    add_brand_user,
    import_orders,
    ok,
    statement,
)
from tests.integration.test_statement_pages import PAGE, _drafted_and_issued
from tests.integration.web_world import World, log_in

SERUM = "CD-SERUM-30"
LOSS_AT = "2026-10-20T15:00:00+08:00"
DRAFT_AT = "2026-11-02T10:00:00+08:00"
ISSUE_AT = "2026-11-05T10:00:00+08:00"


def _add_october(url: str, folder: Path) -> None:
    """October's orders, chando's finance person and the serum's two guide prices."""
    import_orders(url, folder / "october.csv", OCTOBER, "2026-11-01T09:00:00+08:00")
    add_brand_user(url, "chando-finance", "brand_finance")
    for n, (price, since) in enumerate((("139.00", "2026-01-01"), ("129.00", "2026-10-15"))):
        catalog = write_catalog_csv(
            folder / f"serum-{n}.csv", [(SERUM, "精华30ml", "面霜", price, since)]
        )
        result = run_daiyun(url, "catalog", "import", "--brand", "chando", str(catalog))
        assert result.exit_code == 0, result.stderr


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED = register_seed(__name__, "october", _add_october, extends="chando_store")


@pytest.fixture
def october(chando_store: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """chando's store with October's orders, a brand finance user, and the serum priced
    139.00 from 2026-01-01 and 129.00 from 2026-10-15 (R-P1)."""
    if not seeded(request, _SEED):
        _add_october(chando_store, tmp_path)
    return chando_store


def record(url: str, *changed: str, quantity: str = "3", at: str = LOSS_AT) -> CliResult:
    """`daiyun stock loss record` of serums lost in the 杭州仓 warehouse."""
    return run_daiyun(
        url, "stock", "loss", "record", "--brand", "chando", "--sku", SERUM, "--quantity",
        quantity, "--kind", "lost", "--at", at, "--what", "仓库漏水，整箱受潮",
        "--warehouse", "杭州仓", "--json", *changed,
    )  # fmt: skip


def stored_hashes(app: Daiyun) -> list[tuple[int, str, int]]:
    with app.engine.connect() as connection:
        rows = connection.execute(
            select(
                statement_version.c.version,
                statement_version.c.content_hash,
                statement_version.c.remittance_fen,
            ).order_by(statement_version.c.version)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def in_memory_draft(app: Daiyun, month: Month) -> Any:
    """The month drafted in memory (draft_statement), as the differential test does."""
    uow = app.unit_of_work()
    with uow:
        contract = model_a_contract(uow, CONTRACT)
        inputs = uow.statements.month_inputs(contract.code, month)
        fees = {each.platform: each for each in uow.contracts.fee_schedules(contract.code)}
        return draft_statement(
            month, inputs.lines, inputs.refunds, terms=contract.terms, fee_schedules=fees,
            recognised_earlier=inputs.recognised_elsewhere,
            orders_without_sku_lines=inputs.unsettleable,
            charges=month_charges(uow, contract, month),
            custody_losses=losses_total(uow.statements.custody_losses(contract.code, month)),
        )  # fmt: skip


def test_a_custody_loss_on_the_months_statement_worked_by_hand(
    daiyun_app: Daiyun, october: str, tmp_path: Path
) -> None:
    """R-F7, R-S6, R-S8: the loss is a figure of its own, added to the remittance; a draft made
    before it cannot be issued; the streamed draft and the in-memory one agree to the fen."""
    before = ok(statement(october, "draft", "2026-10", "--at", DRAFT_AT))
    assert (before["custody_losses"], before["remittance"]) == ("0.00", "462.20")
    [(_, hash_before, _)] = stored_hashes(daiyun_app)

    recorded = ok(record(october))
    assert recorded == {
        "brand": "chando", "contract": CONTRACT, "month": "2026-10", "sku": SERUM,
        "warehouse": "杭州仓", "quantity": 3, "kind": "lost",
        "occurred_at": "2026-10-20T15:00:00+08:00", "what": "仓库漏水，整箱受潮",
        # R-F7: the guide price in force on 10-20 is 129.00 (from 10-15): 3 × 129.00 = 387.00.
        "guide_price": "129.00", "amount": "387.00",
        "recorded_at": recorded["recorded_at"], "recorded_by": recorded["recorded_by"],
        "recorded": True,
    }  # fmt: skip
    # Recorded once: the same loss again changes nothing (its natural key).
    assert ok(record(october))["recorded"] is False
    # 2026-11-01 00:30 in Beijing is November's, whatever UTC says (10-31 16:30).
    november = ok(record(october, quantity="1", at="2026-11-01T00:30:00+08:00"))
    assert (november["month"], november["amount"]) == ("2026-11", "129.00")

    # R-S8: the inputs changed since the draft: issuing it is refused, nothing is changed.
    snapshot = database_snapshot(daiyun_app)
    stale = statement(october, "issue", "2026-10", "--at", ISSUE_AT)
    assert stale.exit_code == 1
    assert "changed since it was drafted" in stale.stderr
    assert database_snapshot(daiyun_app) == snapshot

    after = ok(statement(october, "draft", "2026-10", "--at", DRAFT_AT))
    # 462.20 + 387.00 = 849.20; every other figure as before.
    assert (after["custody_losses"], after["remittance"]) == ("387.00", "849.20")
    unchanged = {k for k in before if k not in {"custody_losses", "remittance"}}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}
    [(version, hash_after, remittance_fen)] = stored_hashes(daiyun_app)
    assert (version, remittance_fen) == (1, 84920) and hash_after != hash_before
    # Issue 22: the streamed draft (MonthDrafting) is the in-memory draft_statement's.
    expected = in_memory_draft(daiyun_app, Month(2026, 10))
    assert expected.figures.custody_losses.yuan_text() == "387.00"
    assert expected.figures.remittance.yuan_text() == "849.20"
    assert expected.content_hash == hash_after

    issued = ok(statement(october, "issue", "2026-10", "--at", ISSUE_AT))
    assert (issued["status"], issued["remittance"]) == ("issued", "849.20")
    # The files (R-S8): a line of its own, labelled from the glossary, before the remittance.
    xlsx, pdf = tmp_path / "october.xlsx", tmp_path / "october.pdf"
    ok(statement(october, "show", "2026-10", "--xlsx", str(xlsx), "--pdf", str(pdf)))
    summary = load_workbook(xlsx, read_only=True).worksheets[0]
    rows = {row[3]: row for row in summary.iter_rows(values_only=True) if len(row) > 3}
    assert rows["custody_losses"][0] == "保管期间货损/丢失赔偿"
    assert Decimal(str(rows["custody_losses"][2])) == Decimal("387.00")
    assert Decimal(str(rows["remittance"][2])) == Decimal("849.20")
    text = re.sub(r"[\s\x00]+", "", "".join(p.extract_text() for p in PdfReader(pdf).pages))
    assert "保管期间货损/丢失赔偿" in text and "387.00" in text
    # The ledger: the remittance owed to the brand includes the loss, the operator's expense.
    account = ok(run_daiyun(october, "account", "show", "--brand", "chando", "--json"))
    assert account["owed_to_brand"] == "849.20"
    assert account["balances"]["custody_losses"] == "387.00"

    listed = ok(
        run_daiyun(october, "stock", "loss", "list", "--brand", "chando", "--month", "2026-10",
                   "--json")
    )  # fmt: skip
    assert [(each["quantity"], each["amount"]) for each in listed["losses"]] == [(3, "387.00")]
    assert listed["total"] == "387.00"
    every = ok(run_daiyun(october, "stock", "loss", "list", "--brand", "chando", "--json"))
    assert [each["month"] for each in every["losses"]] == ["2026-10", "2026-11"]
    assert every["total"] == "516.00"  # 387.00 + 129.00


def test_a_loss_in_an_issued_month_lands_on_a_new_version_never_on_the_issued_one(
    daiyun_app: Daiyun, october: str
) -> None:
    """R-S8: an issued version is immutable; the loss is on the version drafted after the
    brand's dispute, as a late order line would be."""
    ok(statement(october, "draft", "2026-10", "--at", DRAFT_AT))
    issued = ok(statement(october, "issue", "2026-10", "--at", ISSUE_AT))
    assert (issued["custody_losses"], issued["remittance"]) == ("0.00", "462.20")
    [issued_version] = stored_hashes(daiyun_app)

    ok(record(october))
    shown = ok(statement(october, "show", "2026-10"))
    assert (shown["version"], shown["custody_losses"], shown["remittance"]) == (1, "0.00", "462.20")
    assert stored_hashes(daiyun_app) == [issued_version]
    # An issued month is not drafted again until the brand disputes it (R-S6).
    assert statement(october, "draft", "2026-10", "--at", DRAFT_AT).exit_code == 1
    assert stored_hashes(daiyun_app) == [issued_version]

    ok(
        statement(october, "dispute", "2026-10", "--by", "chando-finance", "--reason",
                  "少了保管期间丢失的精华", "--at", "2026-11-06T10:00:00+08:00")
    )  # fmt: skip
    second = ok(statement(october, "draft", "2026-10", "--at", "2026-11-06T11:00:00+08:00"))
    assert (second["version"], second["custody_losses"], second["remittance"]) == (
        2, "387.00", "849.20",
    )  # fmt: skip
    versions = stored_hashes(daiyun_app)
    assert versions[0] == issued_version and versions[1][2] == 84920


@pytest.mark.parametrize(
    ("changed", "exit_code", "words"),
    [
        # Refused by the rule (exit 1).
        ({"at": "2026-10-14T23:00:00+08:00", "sku": "CD-NEW-1"}, 1, "no guide price"),
        ({"at": "2099-01-01T00:00:00+08:00"}, 1, "in the future"),
        ({"at": "2025-06-01T10:00:00+08:00"}, 1, "no model A contract in force"),
        ({"quantity": "5"}, 1, "recorded already with 3 unit(s)"),
        # Bad input (exit 2).
        ({"quantity": "0"}, 2, "above zero"),
        ({"quantity": "-1"}, 2, "above zero"),
        ({"sku": "NO-SUCH"}, 2, "no SKU"),
        ({"at": "next tuesday"}, 2, "not an ISO 8601 time"),
        ({"kind": "stolen"}, 2, "stolen"),
        ({"what": " "}, 2, "say what happened"),
    ],
)
def test_a_refused_loss_keeps_nothing(
    daiyun_app: Daiyun,
    october: str,
    tmp_path: Path,
    changed: dict[str, str],
    exit_code: int,
    words: str,
) -> None:
    # CD-NEW-1 is priced only from 2026-10-15: a loss on 10-14 has no guide price (R-F7).
    catalog = write_catalog_csv(tmp_path / "new.csv", [("CD-NEW-1", "新品", "面霜", "99.00",
                                                        "2026-10-15")])  # fmt: skip
    assert (
        run_daiyun(october, "catalog", "import", "--brand", "chando", str(catalog)).exit_code == 0
    )
    ok(record(october))  # 3 serums at LOSS_AT, for the one recorded with another quantity
    snapshot = database_snapshot(daiyun_app)
    result = run_daiyun(
        october, "stock", "loss", "record", "--brand", "chando",
        "--sku", changed.get("sku", SERUM), "--quantity", changed.get("quantity", "3"),
        "--kind", changed.get("kind", "lost"), "--at", changed.get("at", LOSS_AT),
        "--what", changed.get("what", "摔坏"), "--warehouse", "杭州仓",
    )  # fmt: skip
    assert result.exit_code == exit_code, result.stderr
    assert words in result.stderr
    assert database_snapshot(daiyun_app) == snapshot


def test_a_loss_lowers_on_hand(daiyun_app: Daiyun, october: str, tmp_path: Path) -> None:
    """R-F1, R-F7: on hand = listed + received − sold + returned − lost; 40 serums listed on
    10-01, 3 lost on 10-20 in 杭州仓: 37 on hand on 10-31, 40 on 10-19."""
    listed = tmp_path / "stock.csv"
    listed.write_text(f"sku,warehouse,quantity\n{SERUM},杭州仓,40\n", encoding="utf-8")
    result = run_daiyun(
        october, "stock", "import", "--brand", "chando", "--at", "2026-10-01T00:00:00+08:00",
        str(listed),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    ok(record(october))

    def serum(at: str) -> dict[str, Any]:
        shown = ok(run_daiyun(october, "stock", "show", "--brand", "chando", "--at", at, "--json"))
        return next(each for each in shown["skus"] if each["sku"] == SERUM)

    on_31 = serum("2026-10-31T00:00:00+08:00")
    assert (on_31["listed"], on_31["lost"], on_31["on_hand"]) == (40, 3, 37)
    assert [(w["warehouse"], w["lost"], w["stocked"]) for w in on_31["warehouses"]] == [
        ("杭州仓", 3, 37)
    ]
    before = serum("2026-10-20T14:59:59+08:00")
    assert (before["lost"], before["on_hand"]) == (0, 40)


def test_losses_of_an_unknown_brand_are_bad_input(october: str) -> None:
    result = run_daiyun(october, "stock", "loss", "list", "--brand", "nobody", "--json")
    assert result.exit_code == 2 and "no brand" in result.stderr
    bad_month = run_daiyun(october, "stock", "loss", "list", "--brand", "chando", "--month", "10")
    assert bad_month.exit_code == 2


def test_the_statement_page_shows_the_custody_losses_on_a_line_of_its_own(world: World) -> None:
    """The page (issue 15's figures table): chando's cream, 139.00 from 2026-01-01, 2 damaged
    on 10-20: 2 × 139.00 = 278.00; October's remittance 396.15 + 278.00 = 674.15 (R-F7)."""
    result = run_daiyun(
        world.database_url, "stock", "loss", "record", "--brand", "chando", "--sku",
        "CD-CREAM-50", "--quantity", "2", "--kind", "damaged", "--at", LOSS_AT,
        "--what", "搬运时摔碎",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    finance, _ = _drafted_and_issued(world)
    page = finance.get(PAGE).text
    shown = r'figure-custody_losses"><th>保管期间货损/丢失赔偿</th>\s*<td class="num"><span'
    assert re.search(shown + r' class="figure">¥278.00</span>', page)
    assert re.search(r'figure=remittance">¥674.15</a>', page)
    english = world.client()
    english.cookies.set("daiyun_lang", "en")
    log_in(english, "finance")
    assert "Custody losses owed to the brand" in english.get(PAGE).text
