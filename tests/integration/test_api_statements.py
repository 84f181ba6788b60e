"""The statement side of the API (issue 5): import by upload, draft, drill down, issue,
confirm, pay, files, obligations, the ledger and the audit log — with who may do what (R-D2).

Worked by hand (statement_world.py): chando's October has order 2001, 2 × ¥139.00 at guide,
and 2002, 1 × ¥145.00. Sales ¥423.00; settlement value 3 × ¥139.00 = ¥417.00 (R-S2); spread
¥423.00 − ¥417.00 = ¥6.00 (R-S4); commission 5% × ¥417.00 = ¥20.85 (R-S3); shipping to the
brand ¥0.00; remittance ¥417.00 − ¥20.85 = ¥396.15 (R-S6). Platform fees (R-S5), per line at
the default Tmall rate 5% (面霜 has no rate of its own): ¥13.90 + ¥7.25 = ¥21.15.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from daiyun.adapters.db.account_tables import api_token, login_attempt, web_session
from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Role, User
from daiyun.domain.settlement.drilldown import LINE_FIGURES
from daiyun.services.accounts.logins import create_token
from tests.builders import contract_toml
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_world import (
    OCTOBER_FILE,
    add_finance_user,
    october_file,
    upload_october,
)
from tests.integration.web_world import START, World, log_in

STATEMENT = "/api/statements/CHANDO-2026/2026-10"
DRAFT = {
    "contract": "CHANDO-2026", "brand": "chando", "month": "2026-10", "version": 1,
    "status": "draft", "recognised_lines": 2, "recognised_units": 3, "returned_units": 0,
    "sales_amount": "423.00", "returned_amount": "0.00", "concession_amount": "0.00",
    "settlement_value": "417.00", "commission": "20.85", "spread": "6.00",
    "brand_deductions": "0.00", "shipping_income": "0.00", "platform_fees": "21.15",
    "remittance": "396.15", "unsettleable_orders": 0, "price_violations": 0,
    "issue_by": "2026-11-10", "confirm_by": None, "payment_due": None,
    "penalty_accrued": "0.00", "excused_delays": [],
    "penalty_posted": None, "penalty_paid": "0.00",  # R-S7: none posted, none paid
    "custody_losses": "0.00",  # issue 19, R-F7: nothing lost in custody
}  # fmt: skip

PAYMENT = {"amount": "1.00", "paid_on": "2026-11-02"}
# Rows that signing in and using a session write; everything else must stay as it was.
_AUTH_TABLES = {api_token.name, web_session.name, login_attempt.name}


def business_rows(daiyun: Daiyun) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the sign-in ones."""
    return {n: rows for n, rows in database_snapshot(daiyun).items() if n not in _AUTH_TABLES}


def _session(world: World, login: str) -> tuple[TestClient, dict[str, str]]:
    client = world.client()
    return client, {"X-CSRF-Token": log_in(client, login)}


def _import_october(world: World) -> dict[str, object]:
    ops, headers = _session(world, "ops")
    return upload_october(ops, headers)


def test_an_uploaded_order_file_is_imported_in_the_background_with_its_summary(
    world: World,
) -> None:
    job = _import_october(world)
    assert job["state"] == "finished" and job["percent"] == 100 and job["done"] == 2
    summary = job["summary"]
    assert isinstance(summary, dict)
    assert summary["orders"] == {"new": 2, "updated": 0, "unchanged": 0}
    assert summary["lines"] == {"new": 2, "updated": 0, "unchanged": 0}
    assert (summary["error_count"], summary["stored"]) == (0, True)
    # R-D2: brand B's people do not see A's import; a brand viewer may not import at all.
    b_client, _ = _session(world, "b-finance")
    assert b_client.get(f"/api/imports/jobs/{job['id']}").status_code == 404
    viewer, headers = _session(world, "a-viewer")
    before = business_rows(world.daiyun)
    refused = viewer.post(
        "/api/imports",
        data={"store": "chando-tmall"},
        files={"file": (OCTOBER_FILE, october_file(), "text/csv")},
        headers=headers,
    )
    assert refused.status_code == 403
    assert business_rows(world.daiyun) == before


def test_a_statement_is_drafted_drilled_into_issued_confirmed_paid_and_audited(
    world: World,
) -> None:
    add_finance_user(world)
    _import_october(world)
    finance, finance_csrf = _session(world, "finance")
    drafted = finance.post(f"{STATEMENT}/draft", headers=finance_csrf)
    assert drafted.status_code == 200, drafted.text
    assert drafted.json() == DRAFT
    # R-S8: every figure is the sum of its lines.
    lines = finance.get(f"{STATEMENT}/versions/1/lines", params={"figure": "spread"}).json()
    assert (lines["total"], lines["column_sum"]) == (1, "6.00")
    assert [(line["order_no"], line["rule"], line["spread"]) for line in lines["lines"]] == [
        ("2002", "R-S1", "6.00")
    ]
    sales = finance.get(f"{STATEMENT}/versions/1/lines", params={"figure": "sales_amount"})
    assert (sales.json()["total"], sales.json()["column_sum"]) == (2, "423.00")
    units = finance.get(f"{STATEMENT}/versions/1/lines", params={"figure": "recognised_units"})
    assert units.json()["column_sum"] == 3
    issued = finance.post(f"{STATEMENT}/issue", headers=finance_csrf).json()
    assert (issued["status"], issued["confirm_by"]) == ("issued", "2026-11-09")

    brand, brand_csrf = _session(world, "a-finance")
    confirmed = brand.post(f"{STATEMENT}/confirm", json={"reason": "对账无误"}, headers=brand_csrf)
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "confirmed"
    due = confirmed.json()["payment_due"]
    paid = finance.post(
        f"{STATEMENT}/payments", json={"amount": "100.00", "paid_on": "2026-11-02"},
        headers=finance_csrf,
    )  # fmt: skip
    assert paid.status_code == 201 and paid.json()["status"] == "part_paid"
    account = finance.get("/api/brands/chando/account").json()
    assert account["owed_to_brand"] == "296.15"  # ¥396.15 issued − ¥100.00 remitted

    audit = brand.get("/api/audit", params={"entity": "statement"}).json()
    assert [(e["action"], e["actor"], e["reason"]) for e in audit] == [
        ("statement.pay", "finance", None),
        ("statement.confirm", "a-finance", "对账无误"),
        ("statement.issue", "finance", None),
    ]
    obligations = brand.get("/api/obligations", params={"as_of": "2026-11-02"}).json()
    october = [o for o in obligations if o["subject"] == "statement CHANDO-2026 2026-10"]
    assert due == "2026-11-15"
    assert [(o["kind"], o["status"], o["due_on"]) for o in october] == [
        ("answer_statement", "met", "2026-11-09"),
        ("issue_statement", "met", "2026-11-10"),
        ("pay_remittance", "open", "2026-11-15"),  # part paid: still open (R-S6)
        ("pay_before_termination", "open", "2026-11-30"),  # R-S7
    ]
    # Token auth: a script of the brand reads the same statement and its files.
    token, _ = create_token(
        world.daiyun.unit_of_work(),
        User("a-finance", "a-finance", Role.BRAND_FINANCE, "chando"),
        login="a-finance",
        name="script",
        now=START,
    )
    scripted = world.client().get(STATEMENT, headers={"Authorization": f"Bearer {token}"})
    assert scripted.json()["status"] == "part_paid"
    workbook = brand.get(f"{STATEMENT}/versions/1/statement.xlsx")
    assert workbook.status_code == 200
    assert workbook.headers["content-disposition"] == (
        'attachment; filename="CHANDO-2026-2026-10-v1.xlsx"'
    )
    assert workbook.content[:2] == b"PK"


def test_only_the_right_roles_draft_answer_and_pay_and_a_refusal_changes_nothing(
    world: World,
) -> None:
    add_finance_user(world)
    _import_october(world)
    finance, finance_csrf = _session(world, "finance")
    assert finance.post(f"{STATEMENT}/draft", headers=finance_csrf).status_code == 200
    before = business_rows(world.daiyun)
    brand, brand_csrf = _session(world, "a-finance")
    viewer, viewer_csrf = _session(world, "a-viewer")
    ops, ops_csrf = _session(world, "ops")
    b_finance, b_csrf = _session(world, "b-finance")
    attempts = [
        (brand.post(f"{STATEMENT}/draft", headers=brand_csrf), 403),  # R-D2: operator's side
        (brand.post(f"{STATEMENT}/issue", headers=brand_csrf), 403),
        (ops.post(f"{STATEMENT}/issue", headers=ops_csrf), 403),  # not finance
        (viewer.post(f"{STATEMENT}/confirm", json={}, headers=viewer_csrf), 403),
        (finance.post(f"{STATEMENT}/confirm", json={}, headers=finance_csrf), 403),
        (b_finance.post(f"{STATEMENT}/confirm", json={}, headers=b_csrf), 404),  # not B's
        (b_finance.get(STATEMENT), 404),
        (b_finance.get(f"{STATEMENT}/versions/1/lines"), 404),
        (b_finance.get(f"{STATEMENT}/versions/1/statement.pdf"), 404),
        (ops.post(f"{STATEMENT}/payments", json=PAYMENT, headers=ops_csrf), 403),
        (brand.post(f"{STATEMENT}/confirm", json={}, headers=brand_csrf), 409),  # a draft
        # R-S6: a statement is paid once confirmed.
        (finance.post(f"{STATEMENT}/payments", json=PAYMENT, headers=finance_csrf), 409),
        (brand.post(f"{STATEMENT}/confirm", json={}), 403),  # no CSRF token
    ]
    assert [answer.status_code for answer, _ in attempts] == [code for _, code in attempts]
    assert business_rows(world.daiyun) == before
    assert b_finance.get("/api/statements").json() == []
    assert [row["contract"] for row in brand.get("/api/statements").json()] == ["CHANDO-2026"]
    assert b_finance.get("/api/brands/chando/account").status_code == 404
    bad = finance.get(f"{STATEMENT}/versions/1/lines", params={"figure": "profit"})
    assert bad.status_code == 422


def test_each_figures_lines_add_up_to_it_the_commission_to_the_commission(
    world: World, tmp_path: Path
) -> None:
    """R-S8 over the API, as the lines page does it. CHANDO-2026 reloaded at a commission of
    4.5% before October is drafted, worked by hand (R-S3):
      commission base = settlement value 27,800 + 13,900 = 41,700 fen = ¥417.00;
      2001: 27,800 × 4.5% = 1,251 fen = ¥12.51; 2002: 13,900 × 4.5% = 625.5 fen = ¥6.255;
      together 1,876.5 fen = ¥18.765, rounded half up once for the statement = ¥18.77;
      remittance ¥417.00 − ¥18.77 = ¥398.23 (R-S6).
    The lines answer of the commission used to sum its base (column_sum "417.00")."""
    contract = tmp_path / "chando-4.5.toml"
    contract.write_text(contract_toml(commission_rate="0.045"), encoding="utf-8")
    assert run_daiyun(world.database_url, "contract", "load", str(contract)).exit_code == 0
    add_finance_user(world)
    _import_october(world)
    finance, finance_csrf = _session(world, "finance")
    drafted = finance.post(f"{STATEMENT}/draft", headers=finance_csrf).json()
    assert (drafted["commission"], drafted["remittance"]) == ("18.77", "398.23")
    lines = f"{STATEMENT}/versions/1/lines"
    commission = finance.get(lines, params={"figure": "commission"}).json()
    assert (commission["column_sum"], commission["stated"]) == ("18.77", "18.77")
    derivation = commission["derivation"]
    assert {k: derivation[k] for k in ("how", "result", "adds_up", "base", "rate", "exact")} == {
        "how": "rate", "result": "18.77", "adds_up": True, "base": "417.00", "rate": "0.045",
        "exact": "18.765",
    }  # fmt: skip
    assert derivation["text_zh"] == (
        "计佣基数 ¥417.00 × 佣金比例 4.5% = ¥18.765，四舍五入到分（只在整张对账单上舍入一次，"
        "R-S3）= ¥18.77"
    )
    assert derivation["text"].startswith("commission base ¥417.00 × commission rate 4.5% = ¥18.765")
    shares = [
        (line["order_no"], line["settlement_value"], line["share"]) for line in commission["lines"]
    ]
    assert shares == [("2001", "278.00", "12.51"), ("2002", "139.00", "6.255")]
    # Every key the answer had stays.
    assert {"figure", "rule", "page", "size", "total", "column_sum", "lines", "unsettleable"} <= (
        commission.keys()
    )
    # Every figure: its lines arrive at the Statement JSON's figure.
    for figure in LINE_FIGURES:
        answer = finance.get(lines, params={"figure": figure}).json()
        assert answer["derivation"]["adds_up"] is True, figure
        assert answer["derivation"]["result"] == drafted[figure] == answer["stated"], figure
        if figure != "remittance":  # a formula of figures, not a sum of lines
            assert answer["column_sum"] == drafted[figure], figure
    remittance = finance.get(lines, params={"figure": "remittance"}).json()
    assert remittance["column_sum"] is None
    assert [(t["sign"], t["figure"], t["amount"]) for t in remittance["derivation"]["terms"]] == [
        (1, "settlement_value", "417.00"), (1, "shipping_income", "0.00"),
        (-1, "commission", "18.77"), (-1, "brand_deductions", "0.00"),
        (-1, "platform_fees_borne", "0.00"),  # issue 17, R-S5: the operator bears them
        (1, "custody_losses", "0.00"),  # issue 19, R-F7: nothing lost in custody
    ]  # fmt: skip
    # Only the lines of one rule: they need not add up to the figure, and say so.
    none_of_r_s9 = finance.get(lines, params={"figure": "commission", "rule": "R-S9"}).json()
    assert none_of_r_s9["total"] == 0 and none_of_r_s9["derivation"]["adds_up"] is False
    # Every line: no figure, nothing summed or derived; each line names its order's store.
    every = finance.get(lines).json()
    assert (every["column_sum"], every["stated"], every["derivation"]) == (None, None, None)
    assert {line["store"] for line in every["lines"]} == {"chando-tmall"}
