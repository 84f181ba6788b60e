"""Issue 17, point 4: a refund of a line whose month is not issued yet is never left out
silently (R-S1, R-S9).

October 2026 holds order 6001 (2 × 面霜 139.00 = 278.00 at guide, completed 20 Oct); on 5 Nov
the buyer is refunded 15.00 of money only (a price concession, no units back). November has
one sale of its own, order 6002 (1 × 面膜 59.00, completed 3 Nov).
"""

from __future__ import annotations

from pathlib import Path

from daiyun.bootstrap import Daiyun
from daiyun.entrypoints.web.i18n import speaker
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_steps import completed, import_orders, ok, statement
from tests.integration.statement_world import add_finance_user
from tests.integration.web_world import World, log_in

AT = "2026-12-02T09:00:00+08:00"
ROWS = [
    completed(
        "6001", at="2026-10-20 10:00:00", refund_amount="15.00", refund_reason="少送赠品",
        refunded_at="2026-11-05 10:00:00",
    ),
    completed(
        "6002", at="2026-11-03 10:00:00", sku="CD-MASK-5", units="1", unit_price="59.00",
        line_amount="59.00", buyer_key="tb_buyer_2",
    ),
]  # fmt: skip
REFUSAL = (
    "cannot draft statement CHANDO-2026/2026-11: 1 refund(s) completed in 2026-11, 15.00 in "
    "all, are of lines completed in 2026-10 that no issued statement recognises yet (order/line "
    "6001/1); a refund reverses only what an issued statement recognised and months are "
    "issued in order: issue the statement of 2026-10 first, then draft 2026-11"
)


# The same refusal on a Chinese page (refusal_texts.py, issue 17's section).
REFUSAL_ZH = (
    "不能生成对账单 CHANDO-2026/2026-11 的草稿：2026-11 完成的 1 笔退款（共 15.00 元）所退的订单行"
    "在 2026-10 完成，尚未被任何已出具的对账单确认（订单号/行号 6001/1）；退款只冲减已出具对账单"
    "确认过的销售，对账单按月份顺序出具：请先出具 2026-10 的对账单，再生成 2026-11 的草稿"
)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_november_is_not_drafted_without_october_s_refund_and_says_which_month_to_issue(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    """R-S1, R-S9: before the fix the draft showed no concession; now it is refused, naming
    October, until October is issued; then it shows the 15.00."""
    import_orders(chando_store, tmp_path / "o.csv", ROWS, "2026-11-06T09:00:00+08:00")
    before = database_snapshot(daiyun_app)
    refused = statement(chando_store, "draft", "2026-11", "--at", AT)
    assert refused.exit_code == 1, refused.stdout
    assert REFUSAL in _one_line(refused.stderr), refused.stderr
    assert refused.stdout == ""
    assert database_snapshot(daiyun_app) == before  # a refusal stores nothing
    assert speaker("zh")(REFUSAL) == REFUSAL_ZH

    # October drafted but not issued: still refused, with the same words.
    ok(statement(chando_store, "draft", "2026-10", "--at", AT))
    again = statement(chando_store, "draft", "2026-11", "--at", AT)
    assert again.exit_code == 1 and REFUSAL in _one_line(again.stderr), again.stderr

    october = ok(statement(chando_store, "issue", "2026-10", "--at", AT))
    # 2 × 139.00 = 278.00 settlement; commission 278.00 × 5% = 13.90; remittance 264.10
    assert (october["settlement_value"], october["remittance"]) == ("278.00", "264.10")
    november = ok(statement(chando_store, "draft", "2026-11", "--at", AT))
    # sale 6002: sales 59.00 = settlement 59.00 (at guide); concession 15.00 of 6001, not a
    # quality problem: out of the operator's spread (R-S9): spread 59.00 − 15.00 − 59.00
    # = −15.00; commission 59.00 × 5% = 2.95; remittance 59.00 − 2.95 = 56.05 (the brand
    # bears nothing of it); platform fee 59.00 × 5% = 2.95 (a concession gives none back).
    assert {key: november[key] for key in _FIGURES} == {
        "recognised_lines": 1, "sales_amount": "59.00", "concession_amount": "15.00",
        "settlement_value": "59.00", "commission": "2.95", "spread": "-15.00",
        "brand_deductions": "0.00", "platform_fees": "2.95", "remittance": "56.05",
    }  # fmt: skip
    ok(statement(chando_store, "issue", "2026-11", "--at", AT))


_FIGURES = (
    "recognised_lines", "sales_amount", "concession_amount", "settlement_value", "commission",
    "spread", "brand_deductions", "platform_fees", "remittance",
)  # fmt: skip


def test_the_api_refuses_the_same_draft_with_409_and_the_same_words(
    world: World, tmp_path: Path
) -> None:
    """Issue 17: the rule is the use case's, so the API answers as the CLI does (R-S1, R-S9)."""
    # Order 6001 only (the world's catalogue has no 面膜): the same refusal, word for word.
    import_orders(world.database_url, tmp_path / "o.csv", ROWS[:1], "2026-11-06T09:00:00+08:00")
    add_finance_user(world)
    world.clock.advance(days=30)  # 2 Dec 2026: November is over
    finance = world.client()
    csrf = {"X-CSRF-Token": log_in(finance, "finance")}
    before = database_snapshot(world.daiyun)
    refused = finance.post("/api/statements/CHANDO-2026/2026-11/draft", headers=csrf)
    assert refused.status_code == 409, refused.text
    assert refused.json()["detail"] == REFUSAL
    assert database_snapshot(world.daiyun) == before
    for step in ("draft", "issue"):
        done = finance.post(f"/api/statements/CHANDO-2026/2026-10/{step}", headers=csrf)
        assert done.status_code == 200, done.text
    drafted = finance.post("/api/statements/CHANDO-2026/2026-11/draft", headers=csrf)
    # as above: the 15.00 concession of 6001, out of the operator's spread (R-S9)
    assert drafted.status_code == 200, drafted.text
    assert (drafted.json()["concession_amount"], drafted.json()["spread"]) == ("15.00", "-15.00")
