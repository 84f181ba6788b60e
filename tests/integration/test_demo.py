"""`daiyun demo load`: the demo agency from the real 2016 Tmall listings, idempotent."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from daiyun.bootstrap import Daiyun
from daiyun.domain.calendar import Month, is_working_day, working_day_after
from daiyun.domain.contracts import ContractModel
from daiyun.domain.fee_bills.lifecycle import BillStatus
from daiyun.domain.ledger import Account, balances
from daiyun.domain.money import Money
from daiyun.services.fee_bills.bills import list_bills
from daiyun.services.fee_bills.service_fee import service_fee
from daiyun.services.reconciliation.reconcile import reconcile_store_month
from tests.builders import NOTICE_2027, beijing
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.snapshots import database_snapshot


def test_the_demo_is_22_brands_with_contracts_stores_and_skus_and_loads_once(
    daiyun_app: Daiyun, database_url: str, shared_real_data: Path
) -> None:
    listings = str(shared_real_data / "tmall_cosmetics_listings_2016.csv")
    first = run_daiyun(
        database_url,
        "demo",
        "load",
        "--listings",
        listings,
        "--at",
        "2026-01-05T09:00:00+08:00",
        "--json",
    )
    assert first.exit_code == 0, first.stderr
    assert first.json()["brands"] == 22
    assert first.json()["skus_added"] == 3497  # one SKU per distinct item id in the file

    with daiyun_app.unit_of_work() as uow:
        contracts = uow.contracts.list_all()
        stores = uow.stores.list_all()
        cream = uow.catalog.get("chando", "A18164178225")
    assert len(contracts) == 22 and len(stores) == 22
    models = {contract.model for contract in contracts}
    assert models == {ContractModel.A, ContractModel.B}
    assert all(store.platform == "tmall" for store in stores)
    # 雪域精粹纯粹滋润霜50g was listed at 139 yuan: its guide price, a 面霜.
    assert cream is not None and cream.category == "面霜"
    assert cream.guide_price_at(beijing("2026-03-01 00:00")) == Money(13900)

    # A later moment, given, not the clock's: still January, so no month has ended since the
    # contracts took effect and no statement or bill falls due (a load on a later day settles
    # the months ended by then, R-S6, as test_the_demo_is_an_agency_in_good_standing shows).
    # The model B brands have paid their first service fee instalment and their deposit, due
    # within 3 days of signing (5–11 January), by the 30th (R-B1, R-B4); nothing else changes.
    second = run_daiyun(
        database_url,
        "demo",
        "load",
        "--listings",
        listings,
        "--at",
        "2026-01-30T18:00:00+08:00",
        "--json",
    )
    assert second.exit_code == 0
    assert second.json()["skus_added"] == 0 and second.json()["users_added"] == []
    assert second.json()["model_b"] == MODEL_B_NOTHING | {
        "instalments_paid": 6,
        "deposits_received": 6,
    }
    before = database_snapshot(daiyun_app)
    third = run_daiyun(
        database_url, "demo", "load", "--listings", listings, "--at",
        "2026-01-30T18:30:00+08:00", "--json",
    )  # fmt: skip
    assert third.exit_code == 0 and third.json()["model_b"] == MODEL_B_NOTHING
    assert database_snapshot(daiyun_app) == before


def test_a_missing_listings_file_is_bad_input(database_url: str, tmp_path: Path) -> None:
    result = run_daiyun(database_url, "demo", "load", "--listings", str(tmp_path / "none.csv"))
    assert result.exit_code == 2
    assert "listings file was not found" in result.stderr


# The demo's own moment: a Monday, Beijing time. The months January to November 2026 are past.
DEMO_AT = "2026-12-07T09:00:00+08:00"
HISTORY_KEYS = (
    "statements_drafted",
    "statements_issued",
    "statements_confirmed",
    "remittances_paid",
    "penalties_paid",
    "waiting_for_calendar",
)
LATE = "statement LANCOME-2026 2026-10"
# What a demo load did for the model B brands (services/demo/model_b.py) when it did nothing.
MODEL_B_NOTHING = {
    "alipay_lines_added": 0,
    "instalments_paid": 0,
    "deposits_received": 0,
    "bills_drafted": 0,
    "bills_issued": 0,
    "bills_confirmed": 0,
    "bills_paid": 0,
    "waiting_for_calendar": [],
    "calendar_unknown": None,
}


def _history(result: CliResult) -> dict[str, object]:
    assert result.exit_code == 0, result.stderr
    document = result.json()
    return {key: document[key] for key in HISTORY_KEYS}


def test_the_demo_is_an_agency_in_good_standing_with_one_late_payment_worked_out(
    daiyun_app: Daiyun, database_url: str, shared_real_data: Path, tmp_path: Path
) -> None:
    """R-S6, R-S7, R-O1: every model A statement of a past month issued, confirmed and paid on
    time, at moments of their own before --at; Lancôme's October paid 5 days late with its
    penalty; chando's from October left to the visitor; a later load carries on, and waits
    for a year's holiday notice rather than guess it."""
    listings = str(shared_real_data / "tmall_cosmetics_listings_2016.csv")
    load = ("demo", "load", "--listings", listings, "--json", "--at")

    loaded = run_daiyun(database_url, *load, DEMO_AT)

    # 16 model A contracts took effect in January 2026: 11 months past on 7 December. 15 issue
    # and confirm all 11 (165), chando stops before October (9): 174. October is the only past
    # month with orders: its 15 remittances are paid; November's fall due on 15 December and
    # are paid on the 8th, after --at. The 9 zero months of chando and the 10 of the others
    # need no payment: nothing to remit is met on confirmation.
    assert _history(loaded) == {
        "statements_drafted": 174,
        "statements_issued": 174,
        "statements_confirmed": 174,
        "remittances_paid": 15,
        "penalties_paid": 1,
        "waiting_for_calendar": [],
    }
    listed = run_daiyun(database_url, "obligations", "list", "--as-of", "2026-12-07", "--json")
    # The statements' duties (model A); the model B brands' fee bills have their own.
    obligations = [o for o in listed.json()["obligations"] if o["subject"].startswith("statement ")]
    statuses = Counter(o["status"] for o in obligations)
    # Met: 15 contracts × (10 months × 4 duties + November's issue and answer) = 630, less
    # Lancôme's October payment = 629; chando 9 months × 4 = 36; 665 in all.
    # Open: November's payment and its termination deadline, 15 × 2 = 30; chando's November
    # issue (due 10 December) = 1; 31. Missed: the two deliberate examples the README names.
    assert statuses == {"met": 665, "open": 31, "missed": 2}
    missed = [
        (o["kind"], o["subject"], o["due_on"], o["done_on"])
        for o in obligations
        if o["status"] == "missed"
    ]
    assert missed == [
        ("issue_statement", "statement CHANDO-2026 2026-10", "2026-11-10", None),
        ("pay_remittance", LATE, "2026-11-15", "2026-11-20"),
    ]
    assert {o["subject"][-7:] for o in obligations if o["status"] == "open"} == {"2026-11"}
    # R-S7: 5 days late is within 15: the brand has no termination right.
    (termination,) = [
        o for o in obligations if o["subject"] == LATE and o["kind"] == "pay_before_termination"
    ]
    assert (termination["due_on"], termination["status"]) == ("2026-11-30", "met")

    shown = run_daiyun(
        database_url, "statement", "show", "--contract", "LANCOME-2026", "--month", "2026-10",
        "--at", DEMO_AT, "--json",
    ).json()  # fmt: skip
    # R-S3: settlement value 66,695.00 × Lancôme's 5% = 3,334.75 commission; remittance
    # 66,695.00 − 3,334.75 = 63,360.25 (platform fees are the operator's, R-S5).
    assert (shown["settlement_value"], shown["commission"]) == ("66695.00", "3334.75")
    assert (shown["remittance"], shown["status"]) == ("63360.25", "settled")
    # R-S6: issued Tue 3 Nov, confirmed Thu 5 Nov; due the later of the 15th and the 3rd
    # working day after confirmation (Fri 6, Mon 9, Tue 10): Sun 15 Nov. Paid Fri 20 Nov.
    # R-S7: 20 − 15 = 5 days late, all on the whole 6,336,025 fen: 6,336,025 × 0.003 × 5 =
    # 95,040.375 fen, rounded half-up once when posted: 95,040 fen = 950.40.
    assert shown["payment_due"] == "2026-11-15"
    assert (shown["penalty_posted"], shown["penalty_paid"]) == ("950.40", "950.40")
    with daiyun_app.unit_of_work() as uow:
        late_steps = uow.audit.search(entity="statement", entity_key="LANCOME-2026/2026-10")
        steps = uow.audit.search(entity="statement", limit=10_000)
        entries = {entry.key: entry for entry in uow.ledger.entries("lancome")}
    # R-D3: each step audited at its own moment in the demo's past, by whom it fell to.
    assert sorted((entry.at, entry.actor, entry.action) for entry in late_steps) == [
        (beijing("2026-11-03 10:00"), "finance", "statement.issue"),
        (beijing("2026-11-05 11:00"), "lancome-finance", "statement.confirm"),
        (beijing("2026-11-20 14:00"), "finance", "statement.pay"),
        (beijing("2026-11-24 15:00"), "finance", "statement.pay_penalty"),
    ]
    assert max(entry.at for entry in steps) == beijing("2026-12-04 11:00")  # November's confirm
    # The penalty is posted when paid in full, and paid to the brand 2 working days later.
    posted = entries["penalty:LANCOME-2026:2026-10:v1"]
    paid = entries["penalty:LANCOME-2026:2026-10:v1:paid:2026-11-24:95040"]
    assert (posted.booked_on, paid.booked_on) == (date(2026, 11, 20), date(2026, 11, 24))

    _check_the_model_b_past(daiyun_app, database_url, loaded.json()["model_b"])

    # A second load later the same day has nothing new to do, and changes nothing.
    before = database_snapshot(daiyun_app)
    again = run_daiyun(database_url, *load, "2026-12-07T18:00:00+08:00")
    assert _history(again) == dict.fromkeys(HISTORY_KEYS[:-1], 0) | {"waiting_for_calendar": []}
    assert again.json()["model_b"] == MODEL_B_NOTHING
    assert database_snapshot(daiyun_app) == before

    # On 5 January 2027 November is paid (8 December), but December's statement would go out
    # on the 2nd working day of January: 2027's calendar is not known, so it waits (R-O1).
    in_2027 = run_daiyun(database_url, *load, "2027-01-05T09:00:00+08:00")
    contracts = sorted({o["subject"].split()[1] for o in obligations} - {"CHANDO-2026"})
    assert _history(in_2027) == {
        "statements_drafted": 0,
        "statements_issued": 0,
        "statements_confirmed": 0,
        "remittances_paid": 15,
        "penalties_paid": 0,
        "waiting_for_calendar": [f"{contract} 2026-12" for contract in contracts],
    }
    assert "calendar for 2027-01-01 is not known" in in_2027.json()["calendar_unknown"]
    # The model B brands' November bills, left open on 7 December, are confirmed (2 December)
    # and paid (3 December) by a later load; December has no Alipay line to bill (the demo's
    # orders end in November), so its bill waits for a statement.
    assert in_2027.json()["model_b"] == MODEL_B_NOTHING | {"bills_confirmed": 6, "bills_paid": 6}
    # Once the notice is recorded the next load carries on: Mon 4 and Tue 5 January are the
    # 1st and 2nd working days, so December is drafted and issued on the 5th; its confirmation
    # (the 7th) is after this load's moment.
    notice = tmp_path / "2027.toml"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    assert run_daiyun(database_url, "calendar", "add", str(notice)).exit_code == 0
    carried_on = run_daiyun(database_url, *load, "2027-01-06T09:00:00+08:00")
    assert _history(carried_on) == {
        "statements_drafted": 15,
        "statements_issued": 15,
        "statements_confirmed": 0,
        "remittances_paid": 0,
        "penalties_paid": 0,
        "waiting_for_calendar": [],
    }
    assert carried_on.json()["model_b"] == MODEL_B_NOTHING


MODEL_B = ("AUPRES-2026", "HERBORIST-2026", "INOHERB-2026", "MAXAM-2026", "MAXFACTOR-2026",
           "NIVEA-2026")  # fmt: skip
MONTHS_2026 = [Month(2026, number) for number in range(1, 12)]  # January to November


def _check_the_model_b_past(daiyun_app: Daiyun, database_url: str, done: dict[str, object]) -> None:
    """Issue 18, point 4 (R-B1–R-B5, R-X1): on 7 December each model B brand's store has an
    Alipay statement for every month from January, consistent with its orders; its service fee
    and deposit are paid; its bills of January to October are issued, confirmed by its finance
    person and paid, each step inside its deadline (maxam's March paid 11 days late on
    purpose); November's is issued and open; the ledger's fees receivable is what is open."""
    at = beijing("2026-12-07 09:00")
    # 6 contracts × 11 months (January to November): 66 bills drafted and issued; all but
    # November's confirmed (60); paid: February to October, 54 — January, before go-live, has
    # no receipts, its 0.00 bill is settled on confirmation. 2 instalments each; 6 deposits.
    assert done == MODEL_B_NOTHING | {
        "alipay_lines_added": done["alipay_lines_added"],
        "instalments_paid": 12,
        "deposits_received": 6,
        "bills_drafted": 66,
        "bills_issued": 66,
        "bills_confirmed": 60,
        "bills_paid": 54,
    }
    with daiyun_app.unit_of_work() as uow:
        finance = uow.users.get("finance")
        specs = {code: uow.contracts.get(code) for code in MODEL_B}
    assert finance is not None
    lines = 0
    for code, contract in specs.items():
        assert contract is not None and contract.model is ContractModel.B
        brand, store = contract.brand_code, f"{contract.brand_code}-tmall"
        # R-X1: a statement every month, and every month reconciles to the store's orders
        # without a difference: the income of each completed order, its 天猫佣金 and the refunds
        # paid out after completion are the Alipay lines' to the fen.
        with daiyun_app.fee_bill_unit_of_work() as fee_uow:
            by_month = {m: list(fee_uow.fee_bills.month_entries(code, m)) for m in MONTHS_2026}
        assert all(by_month.values()), code
        lines += sum(len(entries) for entries in by_month.values())
        for month in MONTHS_2026[1:]:
            result = reconcile_store_month(
                daiyun_app.alipay_unit_of_work(), acting=finance, store_code=store, month=month
            ).result
            assert result.orders_completed > 0 and result.differences == [], (store, month)
            assert result.alipay_income == result.expected_income
            assert result.alipay_fees == result.expected_fees
        # R-B1, R-B4, R-C5: both instalments paid on time, the first on the effective day (the
        # first working day from signing), with the deposit.
        fees = service_fee(daiyun_app.fee_bill_unit_of_work(), contract_code=code, at=at)
        assert [view.status for view in fees.instalments] == ["paid", "paid"]
        paid_on = [(view.paid_in_full_on, view.instalment.due_on) for view in fees.instalments]
        assert all(paid is not None and paid <= due for paid, due in paid_on)
        assert fees.instalments[0].paid_in_full_on == contract.effective_on
        assert (fees.deposit.state, fees.deposit.agreed.fen > 0) == ("held", True)
        bills = list_bills(daiyun_app.fee_bill_unit_of_work(), contract_code=code, at=at)
        assert [bill.month for bill in bills] == MONTHS_2026
        *past, current = bills
        for bill in past:
            figures = bill.figures
            assert bill.status is BillStatus.SETTLED and bill.outstanding.is_zero, bill.to_json()
            assert figures.amount_due == figures.commission + figures.vat  # R-B3
            answer = bill.record.answer
            assert answer is not None and answer.by == f"{brand}-finance"  # R-D2
            issued_on = bill.record.issued_on
            assert issued_on is not None and issued_on <= figures.issue_by  # R-B2
            # On a working day, unless none comes before the deadline (May and October begin
            # with holidays): then on the deadline day itself.
            first_working = working_day_after(bill.month.last_day, 1)
            assert is_working_day(issued_on) or first_working > figures.issue_by
            if (brand, bill.month) != ("maxam", Month(2026, 3)):
                assert bill.days_overdue == 0 and not bill.termination_right, bill.to_json()
        assert all(bill.figures.receipts.fen > 0 for bill in past[1:])
        assert past[0].amount_due.is_zero  # January: before go-live, no receipts
        # The current bill: issued on Tue 1 December, due Sat 5 December, neither confirmed
        # nor paid — left for whoever tries the demo (2 days overdue on the 7th, no right yet).
        assert (current.status, current.record.answer, current.paid.fen) == (
            BillStatus.ISSUED, None, 0,
        )  # fmt: skip
        assert current.record.issued_on == date(2026, 12, 1) and current.amount_due.fen > 0
        # The ledger: every instalment paid, so the brand owes the agency exactly what is open.
        with daiyun_app.unit_of_work() as uow:
            owed = balances(uow.ledger.entries(brand)).get(Account.FEES_RECEIVABLE, Money(0))
        assert owed == Money.total(bill.outstanding for bill in bills) == current.amount_due
    assert done["alipay_lines_added"] == lines

    # R-B5's worked example, by hand (maxam: commission 5%, VAT 6%). March's Alipay lines:
    # trade income 3,499.65 less refunds paid out 158.55 = receipts 3,341.10; × 5% = 167.055,
    # half-up once: 167.06; VAT 167.06 × 6% = 10.0236: 10.02; due 177.08 by 5 April. Paid on
    # Thu 16 April: 11 days late, more than 10, so the operator had the right to terminate from
    # that day (5 + 10 + 1) — it did not; the bill is settled.
    shown = run_daiyun(
        database_url, "bill", "show", "--contract", "MAXAM-2026", "--month", "2026-03",
        "--at", DEMO_AT, "--json",
    ).json()  # fmt: skip
    assert (shown["trade_income"], shown["refunds_paid_out"]) == ("3499.65", "158.55")
    assert (shown["receipts"], shown["commission"], shown["vat"]) == ("3341.10", "167.06", "10.02")
    assert (shown["amount_due"], shown["paid"], shown["status"]) == ("177.08", "177.08", "settled")
    assert (shown["payment_due"], shown["termination_right_from"]) == ("2026-04-05", "2026-04-16")
    assert shown["payments"] == [{"paid_on": "2026-04-16", "amount": "177.08"}]
    assert (shown["days_overdue"], shown["termination_right"]) == (11, True)
