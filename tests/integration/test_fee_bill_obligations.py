"""Model B's duties in `daiyun obligations list` and on the obligation pages (issue 18, R-O1;
R-B1, R-B2, R-B4, R-B5), dates worked by hand, on SQLite and PostgreSQL.

INOHERB-2026 here is signed and effective on Thu 1 October 2026 (R-C5: its first payment
received that day): commission 3%, VAT 6%, the bill issued by the 3rd and paid by the 5th of M+1,
the termination right when more than 10 days overdue, annual service fee 120,000.00 in two
halves of 60,000.00 + 3,600.00 VAT = 63,600.00 (the first due 1 + 3 = 4 October, the second
5 months after: 1 March 2027), deposit 20,000.00.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from daiyun.domain.agency import Role
from daiyun.services.accounts.users import add_user
from tests.builders import contract_toml
from tests.integration.cli_runner import run_daiyun
from tests.integration.fee_bill_world import CONTRACT, STORE, import_lines, income, refund
from tests.integration.web_world import PASSWORD, START, World, hash_of_password, log_in

_TERMS = """\
model_b_commission_rate = "0.03"
vat_rate = "0.06"
fee_overdue_termination_days = 10
service_fee_annual = "120000.00"
first_instalment_share = "0.5"
service_deposit = "20000.00"
"""
NOV_2 = "2026-11-02T09:00:00+08:00"


def load(url: str, folder: Path, effective_on: str, *, auto_renew: bool = True) -> None:
    """INOHERB-2026, signed and effective on `effective_on`."""
    text = contract_toml(
        brand_code="inoherb", brand_name="相宜本草", contract_code=CONTRACT, model="B",
        store_code=STORE, extra_terms=_TERMS,
    ).replace("2026-01-05", effective_on)  # fmt: skip
    if not auto_renew:
        text = text.replace("auto_renew = true", "auto_renew = false")
    path = folder / "inoherb.toml"
    path.write_text(text, encoding="utf-8")
    loaded = run_daiyun(url, "contract", "load", str(path))
    assert loaded.exit_code == 0, loaded.stderr


def run_ok(url: str, *args: str) -> Any:
    result = run_daiyun(url, *args)
    assert result.exit_code == 0, result.stderr
    return result.json() if "--json" in args else result.stderr


# Model B's and the statements' rules: other areas' duties (the contract's life, issue 21;
# reports) come in the same lists and are checked by their own tests.
OWN_RULES = ("R-B1", "R-B2", "R-B4", "R-B5", "R-S6", "R-S7")


def obligations(url: str, as_of: str, *extra: str) -> list[dict[str, Any]]:
    found = run_ok(url, "obligations", "list", "--as-of", as_of, "--json", *extra)
    assert found["as_of"] == as_of
    return [each for each in found["obligations"] if each["rule"] in OWN_RULES]


def rows(found: list[dict[str, Any]]) -> list[tuple[str | None, ...]]:
    return [
        (o["due_on"], o["kind"], o["subject"], o["party"], o["status"], o["done_on"], o["rule"])
        for o in found
    ]


def october_issued(url: str, folder: Path) -> None:
    """October's receipts 12,000.00 + 445.60 − 100.00 = 12,345.60: commission 370.37, VAT
    22.22, due 392.59; drafted and issued on Mon 2 November; instalment 1 paid on 3 October."""
    import_lines(url, folder, "october", [
        income("1", "2026-10-02 10:00:00", "12000.00"),
        income("2", "2026-10-20 10:00:00", "445.60"),
        refund("3", "2026-10-21 10:00:00", "100.00"),
    ])  # fmt: skip
    bill = ("--contract", CONTRACT, "--month", "2026-10", "--at", NOV_2, "--json")
    run_ok(url, "bill", "draft", *bill)
    run_ok(url, "bill", "issue", *bill)
    run_ok(
        url, "service-fee", "pay", "--contract", CONTRACT, "--instalment", "1",
        "--amount", "63600.00", "--paid-on", "2026-10-03", "--at", "2026-10-03T10:00:00+08:00",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("paid_on", "right"),
    [
        ("2026-11-15", "met"),  # 10 days late: no termination right (R-B5)
        ("2026-11-16", "missed"),  # 11 days late: the operator may terminate
    ],
)
def test_the_bill_the_instalments_and_the_termination_right_as_duties(
    chando_store: str, tmp_path: Path, paid_on: str, right: str
) -> None:
    load(chando_store, tmp_path, "2026-10-01")
    october_issued(chando_store, tmp_path)
    run_ok(
        chando_store, "bill", "pay", "--contract", CONTRACT, "--month", "2026-10",
        "--amount", "392.59", "--paid-on", paid_on, "--at", f"{paid_on}T10:00:00+08:00",
    )  # fmt: skip
    bill, fee = "bill INOHERB-2026 2026-10", "service-fee INOHERB-2026 instalment"
    found = obligations(chando_store, "2026-11-20", "--brand", "inoherb")
    assert rows(found) == [
        # Instalment 1 due 4 Oct, paid the 3rd; in full before the right's first day,
        # 4 + 11 = 15 October: the last day without it is the 14th (R-B1, R-B5).
        ("2026-10-04", "pay_service_fee", f"{fee} 1", "brand", "met", "2026-10-03", "R-B1"),
        ("2026-10-14", "pay_fee_before_termination", f"{fee} 1", "brand", "met", "2026-10-03",
         "R-B5"),
        # October's bill: issued by 3 Nov (on the 2nd); paid by 5 Nov (late either way); in
        # full by 5 + 10 = 15 Nov, or the operator may terminate.
        ("2026-11-03", "issue_fee_bill", bill, "operator", "met", "2026-11-02", "R-B2"),
        ("2026-11-05", "pay_fee_bill", bill, "brand", "missed", paid_on, "R-B2"),
        ("2026-11-15", "pay_fee_before_termination", bill, "brand", right, paid_on, "R-B5"),
        # Instalment 2: 1 Oct + 5 months = 1 March 2027; in full by 1 + 10 = 11 March.
        ("2027-03-01", "pay_service_fee", f"{fee} 2", "brand", "open", None, "R-B1"),
        ("2027-03-11", "pay_fee_before_termination", f"{fee} 2", "brand", "open", None, "R-B5"),
    ]  # fmt: skip
    assert found[3]["consequence"] == (
        "the fee is overdue; more than 10 days overdue gives the operator a termination right"
    )
    assert found[4]["consequence"] == "the operator may terminate the contract"
    assert found[2]["consequence"] == (
        "the brand's payment waits for it; a breach of the billing clause"
    )
    # Unfiltered, chando's statement duties (model A, from January: issue by the 10th of M+1)
    # come in the same list, in due-day order.
    every = obligations(chando_store, "2026-11-20")
    assert [o for o in every if o["brand"] == "inoherb"] == found
    assert sum(o["brand"] == "chando" for o in every) == 10  # January … October's statements
    assert [o["due_on"] for o in every] == sorted(o["due_on"] for o in every)
    # The table for people names them too.
    table = run_daiyun(chando_store, "obligations", "list", "--as-of", "2026-11-20")
    assert table.exit_code == 0 and "pay fee bill" in table.stderr


def test_before_the_bill_only_its_issue_is_due_and_it_is_missed_after_the_3rd(
    database_url: str, tmp_path: Path
) -> None:
    load(database_url, tmp_path, "2026-10-01")
    found = rows(obligations(database_url, "2026-11-03", "--brand", "inoherb"))
    bill = "bill INOHERB-2026 2026-10"
    # Nothing issued: the operator's duty, open on its last day (3 Nov) and missed on the 4th.
    assert [row for row in found if row[2] == bill] == [
        ("2026-11-03", "issue_fee_bill", bill, "operator", "open", None, "R-B2")
    ]
    later = rows(obligations(database_url, "2026-11-04", "--brand", "inoherb"))
    assert [row[4] for row in later if row[2] == bill] == ["missed"]
    # Instalment 1 unpaid: missed after 4 October.
    assert ("2026-10-04", "pay_service_fee", "service-fee INOHERB-2026 instalment 1", "brand",
            "missed", None, "R-B1") in found  # fmt: skip


def test_the_deposit_refund_falls_due_across_guoqing_once_the_contract_has_ended(
    database_url: str, tmp_path: Path
) -> None:
    # Effective Wed 30 Sep 2025 for 12 months, no renewal: last day Tue 29 September 2026.
    # Instalments due 3 Oct 2025 and 28 Feb 2026 (no 30 February), both paid before.
    load(database_url, tmp_path, "2025-09-30", auto_renew=False)
    run_ok(
        database_url, "deposit", "receive", "--contract", CONTRACT, "--on", "2025-10-01",
        "--at", "2025-10-01T10:00:00+08:00",
    )  # fmt: skip
    for number, day in ((1, "2025-10-02"), (2, "2026-02-27")):
        run_ok(
            database_url, "service-fee", "pay", "--contract", CONTRACT, "--instalment",
            str(number), "--amount", "63600.00", "--paid-on", day, "--at", f"{day}T10:00:00+08:00",
        )  # fmt: skip

    def refund_duties(as_of: str) -> list[tuple[str | None, ...]]:
        return [r for r in rows(obligations(database_url, as_of)) if r[1] == "refund_deposit"]

    # On its last day the contract runs: no refund is due.
    assert refund_duties("2026-09-29") == []
    # R-B4: 5 working days after 29 Sep: 30 Sep (1); 国庆 1–7 Oct off; 8 (2), 9 (3), Sat 10
    # (4, a 调休 workday), Mon 12 October (5).
    due = ("2026-10-12", "refund_deposit", "deposit INOHERB-2026", "operator")
    assert refund_duties("2026-10-09") == [(*due, "open", None, "R-B4")]
    assert refund_duties("2026-10-13") == [(*due, "missed", None, "R-B4")]
    run_ok(
        database_url, "deposit", "refund", "--contract", CONTRACT, "--on", "2026-10-12",
        "--at", "2026-10-12T15:00:00+08:00",
    )  # fmt: skip
    assert refund_duties("2026-10-13") == [(*due, "met", "2026-10-12", "R-B4")]
    # The bills end with the term: September 2025 … September 2026, 13 months.
    issues = [r for r in rows(obligations(database_url, "2026-12-01")) if r[1] == "issue_fee_bill"]
    assert (len(issues), issues[0][2], issues[-1][2]) == (
        13, "bill INOHERB-2026 2025-09", "bill INOHERB-2026 2026-09",
    )  # fmt: skip


def test_the_obligation_pages_and_the_dashboard_show_model_b_duties(
    world: World, tmp_path: Path
) -> None:
    url = world.database_url
    load(url, tmp_path, "2026-10-01")
    october_issued(url, tmp_path)
    admin = world.client()
    log_in(admin, "admin")
    page = admin.get("/obligations?brand=inoherb&as_of=2026-11-20").text
    # The API lists the page's (R-O1): model B's 7 duties beside other areas'.
    api = admin.get("/api/obligations", params={"brand": "inoherb", "as_of": "2026-11-20"})
    assert api.status_code == 200 and f"共 {len(api.json())} 项" in page
    assert len([each for each in api.json() if each["rule"] in OWN_RULES]) == 7
    kinds = {each["kind"] for each in api.json()}
    assert {"issue_fee_bill", "pay_fee_bill", "pay_service_fee"} <= kinds
    # A day with no month before it is bad input, not a server error (schemathesis found it).
    assert admin.get("/api/obligations", params={"as_of": "0001-01-01"}).status_code == 422
    # The subjects, kinds and consequences in words (R-O1).
    assert "相宜本草 2026年10月佣金账单" in page and "相宜本草 年度服务费第 2 期" in page
    assert "出具佣金账单" in page and "支付佣金账单" in page and "解约前付清费用" in page
    assert "费用逾期；逾期超过 10 天代运营方有权解除合同" in page
    assert "代运营方有权解除合同" in page
    assert '<option value="pay_fee_bill">支付佣金账单</option>' in page
    # Filtered by kind: October's bill's payment, missed as of 20 November.
    paying = admin.get("/obligations?brand=inoherb&as_of=2026-11-20&kind=pay_fee_bill").text
    assert "共 1 项" in paying and 'class="obligation-missed"' in paying
    admin.cookies.set("daiyun_lang", "en")
    english = admin.get("/obligations?brand=inoherb&as_of=2026-11-20").text
    assert "相宜本草&#39;s fee bill for 2026-10" in english
    assert "the operator may terminate the contract" in english

    # The dashboard (R-O1): on 2 November (the world's clock) instalment 1 is paid and the bill
    # issued: of the 20 overdue duties (chando's and pechoin's statements of January …
    # September, and their orders 1001 and 880088 still unshipped past the SLA, R-F2), none is
    # inoherb's. On Thu 5 November its bill is due today; on the 6th it is overdue too: 21.
    def tiles() -> tuple[str, str]:
        client = world.client()  # a new session for each day
        log_in(client, "admin")
        home = client.get("/").text
        due_today, overdue = (
            home.split(f'id="tile-{tile}"', 1)[1].split("</div>", 1)[0]
            for tile in ("due-today", "overdue")
        )
        return due_today, overdue

    bill = "相宜本草 2026年10月佣金账单"
    # Issue 20 (R-R1): the reports owed so far are made (late: missed, but done), so the tiles
    # count the statements' and bills' duties this test is about.
    made = run_daiyun(url, "report", "run-due", "--at", world.clock().isoformat())
    assert made.exit_code == 0, made.stderr
    due_today, overdue = tiles()
    assert '<strong class="count">20</strong>' in overdue and bill not in due_today
    world.clock.advance(days=3)
    due_today, overdue = tiles()
    assert bill in due_today and '<strong class="count">20</strong>' in overdue
    world.clock.advance(days=1)
    due_today, overdue = tiles()
    assert bill not in due_today and '<strong class="count">21</strong>' in overdue
    # R-D2: the brand's own people see its duties; another brand's people do not.
    add_user(
        world.daiyun.unit_of_work(), login="i-finance", role=Role.BRAND_FINANCE,
        brand_code="inoherb", display_name=None, password=PASSWORD,
        hash_password=hash_of_password, at=START, actor="test",
    )  # fmt: skip
    own = world.client()
    log_in(own, "i-finance")
    mine = own.get("/obligations?as_of=2026-11-20").text
    assert "相宜本草 2026年10月佣金账单" in mine and "自然堂" not in mine
    listed = own.get("/api/obligations", params={"as_of": "2026-11-20"}).json()
    assert len([each for each in listed if each["rule"] in OWN_RULES]) == 7
    assert {each["brand"] for each in listed} == {"inoherb"}
    other = world.client()
    log_in(other, "a-finance")
    assert "相宜本草" not in other.get("/obligations?as_of=2026-11-20").text
