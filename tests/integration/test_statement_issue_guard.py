"""Issuing checks that the month's orders did not change since the draft (R-S8).

The check compares a fingerprint of the month's inputs taken when drafting with one taken when
issuing, instead of drafting the month again. October 2026 is statement_steps.OCTOBER.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from daiyun.adapters.db.tables import order_line, sales_order, statement_version
from daiyun.bootstrap import Daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_steps import OCTOBER, completed, import_orders, ok, statement

ISSUED_AT = "2026-11-05T10:00:00+08:00"
REFUSAL = (
    "cannot issue statement CHANDO-2026/2026-10 version 1: the orders changed since it was "
    "drafted; run `daiyun statement draft` again and review it"
)


@pytest.fixture
def october(chando_store: str, tmp_path: Path) -> str:
    """October imported and drafted."""
    import_orders(chando_store, tmp_path / "october.csv", OCTOBER, "2026-11-01T09:00:00+08:00")
    ok(statement(chando_store, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    return chando_store


def _refused_then_issued_after_redraft(app: Daiyun, database_url: str) -> dict[str, object]:
    before = database_snapshot(app)
    refused = statement(database_url, "issue", "2026-10", "--at", ISSUED_AT)
    assert refused.exit_code == 1, refused.stderr
    assert REFUSAL in " ".join(refused.stderr.split()), refused.stderr
    assert refused.stdout == ""
    assert database_snapshot(app) == before  # a refusal changes nothing
    ok(statement(database_url, "draft", "2026-10", "--at", "2026-11-04T10:00:00+08:00"))
    issued: dict[str, object] = ok(statement(database_url, "issue", "2026-10", "--at", ISSUED_AT))
    return issued


def test_an_order_completed_in_the_month_after_drafting_refuses_the_issue_until_redrafted(
    daiyun_app: Daiyun, october: str, tmp_path: Path
) -> None:
    """R-S8: order 1004 (1 × 139.00) arrives after the draft: the draft no longer shows October."""
    late = [
        completed(
            "1004", at="2026-10-25 12:00:00", units="1", unit_price="139.00",
            line_amount="139.00", buyer_key="tb_buyer_4",
        ),
    ]  # fmt: skip
    import_orders(october, tmp_path / "late.csv", late, "2026-11-03T09:00:00+08:00")
    issued = _refused_then_issued_after_redraft(daiyun_app, october)
    # 278.00 + 59.00 + 150.00 + 139.00: the re-drafted month's sales, four lines
    assert (issued["status"], issued["recognised_lines"], issued["sales_amount"]) == (
        "issued",
        4,
        "626.00",
    )


def test_a_completion_moved_within_the_month_refuses_the_issue_until_redrafted(
    daiyun_app: Daiyun, october: str
) -> None:
    """R-S8: a platform's correction of a completion time, still in October, is a change."""
    with daiyun_app.engine.begin() as connection:
        order_id = select(sales_order.c.id).where(sales_order.c.order_no == "1002")
        connection.execute(
            update(order_line)
            .where(order_line.c.order_id == order_id.scalar_subquery())
            .values(completed_at=datetime.fromisoformat("2026-10-21T10:30:00+08:00"))
        )
    issued = _refused_then_issued_after_redraft(daiyun_app, october)
    assert (issued["status"], issued["recognised_lines"]) == ("issued", 3)


def test_the_same_orders_imported_again_leave_the_draft_issuable(
    daiyun_app: Daiyun, october: str, tmp_path: Path
) -> None:
    """R-S8: a newer snapshot with the same figures changes nothing the draft was made from."""
    import_orders(october, tmp_path / "again.csv", OCTOBER, "2026-11-03T09:00:00+08:00")
    issued = ok(statement(october, "issue", "2026-10", "--at", ISSUED_AT))
    assert (issued["version"], issued["status"], issued["remittance"]) == (1, "issued", "462.20")
    with daiyun_app.engine.connect() as connection:
        fingerprints = connection.execute(select(statement_version.c.inputs_fingerprint)).all()
    assert [len(row[0]) for row in fingerprints] == [64]  # kept with the draft (sha256 hex)
