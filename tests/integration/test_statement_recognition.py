"""Recognition through the database: the month boundary, re-imports, refunds next month (R-S1).

Every line is recognised at most once, whatever is re-imported or re-run.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, update

from daiyun.adapters.db.tables import order_line, statement_recognition
from daiyun.bootstrap import Daiyun
from tests.builders import beijing
from tests.integration.statement_steps import completed, import_orders, ok, statement

AT = "2026-12-01T09:00:00+08:00"


def test_a_line_completed_at_23_59_59_on_31_october_is_october_s_and_at_midnight_november_s(
    chando_store: str, tmp_path: Path
) -> None:
    """R-S1: the natural month in Beijing time; [1 Nov 00:00, 1 Dec 00:00) is November."""
    rows = [
        completed("3001", at="2026-10-31 23:59:59"),  # 2 × 139.00 = 278.00
        completed(  # 1 × 59.00
            "3002", at="2026-11-01 00:00:00", sku="CD-MASK-5", units="1",
            unit_price="59.00", line_amount="59.00", buyer_key="tb_buyer_2",
        ),
    ]  # fmt: skip
    import_orders(chando_store, tmp_path / "boundary.csv", rows, "2026-11-01T09:00:00+08:00")
    october = ok(statement(chando_store, "draft", "2026-10", "--at", AT))
    november = ok(statement(chando_store, "draft", "2026-11", "--at", AT))
    assert (october["recognised_lines"], october["settlement_value"]) == (1, "278.00")
    assert (november["recognised_lines"], november["settlement_value"]) == (1, "59.00")
    september = statement(chando_store, "draft", "2026-09", "--at", AT)
    assert (ok(september)["recognised_lines"], ok(september)["remittance"]) == (0, "0.00")
    # An empty month says why (issue 4), on stderr beside the JSON.
    assert september.stderr == "empty month: no order completed in 2026-09 (Beijing time)\n"


def test_newer_snapshots_and_a_refund_next_month_never_recognise_a_line_twice(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    """R-S1, R-S9: October issued; newer snapshots of its orders come; November reverses only."""
    first = [
        # completed with no platform time: the first import's as-of time, 31 Oct 12:00, counts
        completed("2001", at=""),
        completed(
            "2002", at="2026-10-20 18:30:00", units="1", unit_price="150.00",
            line_amount="150.00", buyer_key="tb_buyer_2",
        ),
    ]  # fmt: skip
    import_orders(chando_store, tmp_path / "s1.csv", first, "2026-10-31T12:00:00+08:00")
    october = ok(statement(chando_store, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    # settlement 2 × 139.00 + 139.00 = 417.00
    assert (october["recognised_lines"], october["settlement_value"]) == (2, "417.00")
    ok(statement(chando_store, "issue", "2026-10", "--at", "2026-11-02T11:00:00+08:00"))

    newer = [
        # the platform now names a completion time in November: still October's line
        completed("2001", at="2026-11-01 08:00:00"),
        # the 150.00 unit comes back on 3 Nov (a return of units, R-S9)
        completed(
            "2002", at="2026-10-20 18:30:00", units="1", unit_price="150.00",
            line_amount="150.00", buyer_key="tb_buyer_2", refund_units="1",
            refund_amount="150.00", refund_reason="七天无理由", refunded_at="2026-11-03 10:00:00",
        ),
        # a new November sale: 1 × 面膜 59.00
        completed(
            "2003", at="2026-11-02 10:00:00", sku="CD-MASK-5", units="1", unit_price="59.00",
            line_amount="59.00", buyer_key="tb_buyer_3",
        ),
    ]  # fmt: skip
    for n, as_of in enumerate(("2026-11-05T10:00:00+08:00", "2026-11-06T10:00:00+08:00")):
        import_orders(chando_store, tmp_path / f"s{n + 2}.csv", newer, as_of)
    november = ok(statement(chando_store, "draft", "2026-11", "--at", AT))
    assert (november["month"], november["version"]) == ("2026-11", 1)
    # sale 2003: settlement 59.00, sales 59.00, fee 2.95; return of 2002: settlement −139.00,
    # returned 150.00, fee −7.50. Net settlement 59.00 − 139.00 = −80.00;
    # commission −80.00 × 5% = −4.00; spread 59.00 − 150.00 − (−80.00) = −11.00;
    # platform fees 2.95 − 7.50 = −4.55; remittance −80.00 − (−4.00) = −76.00.
    assert {key: november[key] for key in _FIGURES} == {
        "recognised_lines": 1, "recognised_units": 1, "returned_units": 1,
        "sales_amount": "59.00", "returned_amount": "150.00", "settlement_value": "-80.00",
        "commission": "-4.00", "spread": "-11.00", "platform_fees": "-4.55",
        "remittance": "-76.00",
    }  # fmt: skip
    ok(statement(chando_store, "issue", "2026-11", "--at", AT))
    again = ok(statement(chando_store, "show", "2026-10", "--at", AT))
    assert (again["recognised_lines"], again["settlement_value"]) == (2, "417.00")
    with daiyun_app.engine.connect() as connection:
        held = connection.execute(
            select(func.count(), func.count(statement_recognition.c.order_line_id.distinct()))
        ).one()
    assert tuple(held) == (3, 3)  # 2001, 2002 by October; 2003 by November


def test_a_line_whose_completion_moves_into_a_later_month_is_not_recognised_again(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    """R-S1: whatever a later import says, an issued month's lines are its own; and says why."""
    rows = [completed("4001", at="2026-10-31 23:59:59")]
    import_orders(chando_store, tmp_path / "o.csv", rows, "2026-11-01T09:00:00+08:00")
    ok(statement(chando_store, "draft", "2026-10", "--at", AT))
    ok(statement(chando_store, "issue", "2026-10", "--at", AT))
    with daiyun_app.engine.begin() as connection:
        # As if a platform's correction moved the completion into November.
        connection.execute(update(order_line).values(completed_at=beijing("2026-11-01 00:00")))
    november = statement(chando_store, "draft", "2026-11", "--at", AT)
    assert ok(november)["recognised_lines"] == 0
    assert november.stderr.split("\n")[0] == (
        "empty month: 1 line(s) completed in 2026-11 were already recognised by an earlier "
        "statement"
    )


_FIGURES = (
    "recognised_lines", "recognised_units", "returned_units", "sales_amount", "returned_amount",
    "settlement_value", "commission", "spread", "platform_fees", "remittance",
)  # fmt: skip
