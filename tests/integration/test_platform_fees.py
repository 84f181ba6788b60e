"""Platform fees in full through the commands (issue 17, R-S5), on both databases.

chando's Tmall store goes live on 2026-10-01 and the brand bears the platform's fees: October
charges the deposit (10,000.00) and the first annual fee (6,000.00). October's orders are
statement_steps.OCTOBER: settlement value 476.00, shipping income 10.00 (the brand's),
commission 23.80, technical service fee 24.35 (test_statement_lifecycle.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from daiyun.bootstrap import Daiyun
from tests.builders import contract_toml
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_steps import (
    OCTOBER,
    add_brand_user,
    import_orders,
    ok,
    statement,
)


def _load(database_url: str, folder: Path, borne_by: str) -> None:
    text = contract_toml().replace("go_live_on = 2026-02-01", "go_live_on = 2026-10-01")
    text = text.replace(
        'platform_fees_borne_by = "operator"', f'platform_fees_borne_by = "{borne_by}"'
    )
    path = folder / "chando-fees.toml"
    path.write_text(text, encoding="utf-8")
    ok(run_daiyun(database_url, "contract", "load", "--json", str(path)))


def _account(database_url: str) -> Any:
    return ok(run_daiyun(database_url, "account", "show", "--brand", "chando", "--json"))


def _fee_entries(database_url: str) -> list[tuple[str, str, dict[str, str]]]:
    return [
        (entry["key"], entry["booked_on"], entry["postings"])
        for entry in _account(database_url)["entries"]
        if entry["kind"] == "platform_fee"
    ]


def test_brand_borne_fees_are_deducted_and_posted_once_r_s5(
    chando_store: str, tmp_path: Path
) -> None:
    _load(chando_store, tmp_path, "brand")
    import_orders(chando_store, tmp_path / "october.csv", OCTOBER, "2026-11-01T09:00:00+08:00")
    add_brand_user(chando_store, "chando-finance", "brand_finance")

    drafted = ok(statement(chando_store, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    # charges: 10,000.00 + 6,000.00 = 16,000.00; borne: 24.35 + 16,000.00 = 16,024.35;
    # remittance = 476.00 + 10.00 − 23.80 − 0.00 − 16,024.35 = −15,562.15 (the brand owes it).
    assert (drafted["platform_fees"], drafted["platform_charges"]) == ("24.35", "16000.00")
    assert drafted["platform_fees_borne"] == "16024.35"
    assert drafted["remittance"] == "-15562.15"

    ok(statement(chando_store, "issue", "2026-10", "--at", "2026-11-05T10:00:00+08:00"))
    posted = _fee_entries(chando_store)
    assert posted == [
        ("platform-fee:CHANDO-2026:chando-tmall:annual_fee:2026-10-01", "2026-10-01",
         {"platform_fees": "6000.00", "cash": "-6000.00"}),
        ("platform-fee:CHANDO-2026:chando-tmall:deposit:2026-10-01", "2026-10-01",
         {"platform_fees": "10000.00", "cash": "-10000.00"}),
    ]  # fmt: skip
    account = _account(chando_store)
    # Posted 16,000.00, recovered from the brand by the statement 16,024.35 (incl. the 24.35
    # technical fee): platform fees −24.35; the brand owes 15,562.15.
    assert account["balances"]["platform_fees"] == "-24.35"
    assert account["owed_to_brand"] == "-15562.15"

    # A dispute and version 2: the charges are not posted again (exactly once by key).
    dispute = ("--by", "chando-finance", "--at", "2026-11-09T15:00:00+08:00", "--reason", "复核")
    ok(statement(chando_store, "dispute", "2026-10", *dispute))
    ok(statement(chando_store, "draft", "2026-10", "--at", "2026-11-13T09:00:00+08:00"))
    ok(statement(chando_store, "issue", "2026-10", "--at", "2026-11-16T10:00:00+08:00"))
    assert _fee_entries(chando_store) == posted
    assert _account(chando_store)["owed_to_brand"] == "-15562.15"


def test_operator_borne_fees_are_shown_and_not_deducted_r_s5(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    _load(chando_store, tmp_path, "operator")
    import_orders(chando_store, tmp_path / "october.csv", OCTOBER, "2026-11-01T09:00:00+08:00")

    drafted = ok(statement(chando_store, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    # Shown: 16,000.00 charged; borne by the brand 0.00; remittance 476.00 + 10.00 − 23.80.
    assert drafted["platform_charges"] == "16000.00"
    assert drafted["platform_fees_borne"] == "0.00"
    assert drafted["remittance"] == "462.20"
    before = database_snapshot(daiyun_app)
    # Drafting again changes nothing; nothing is posted before the issue.
    ok(statement(chando_store, "draft", "2026-10", "--at", "2026-11-02T11:00:00+08:00"))
    assert database_snapshot(daiyun_app) == before
    assert _fee_entries(chando_store) == []

    ok(statement(chando_store, "issue", "2026-10", "--at", "2026-11-05T10:00:00+08:00"))
    assert len(_fee_entries(chando_store)) == 2
    account = _account(chando_store)
    # The operator bore them: 16,000.00 stays debited; the brand is owed 462.20.
    assert account["balances"]["platform_fees"] == "16000.00"
    assert account["owed_to_brand"] == "462.20"
