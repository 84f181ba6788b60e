"""Model B's deposit refund duty reads the contract's recorded end and its cause (R-B4, R-C6),
on SQLite and PostgreSQL, dates worked by hand.

INOHERB-2026 (test_fee_bill_obligations.py's): effective Thu 2026-10-01, auto-renewing; the
deposit of 20,000.00 received that day; instalment 1 (63,600.00) due 10-04, instalment 2 due
2027-03-01; deposit_refund_working_days 5 (no holiday in late 2026 after 国庆).
"""

from __future__ import annotations

from pathlib import Path

from tests.integration.cli_runner import run_daiyun
from tests.integration.fee_bill_world import CONTRACT
from tests.integration.test_fee_bill_obligations import load, obligations, rows, run_ok

DUTY = ("refund_deposit", "deposit INOHERB-2026", "operator")


def _started(url: str, folder: Path) -> None:
    load(url, folder, "2026-10-01")
    run_ok(
        url, "deposit", "receive", "--contract", CONTRACT, "--on", "2026-10-01",
        "--at", "2026-10-01T10:00:00+08:00",
    )  # fmt: skip
    _pay(url, 1, "2026-10-03")


def _pay(url: str, instalment: int, day: str) -> None:
    run_ok(
        url, "service-fee", "pay", "--contract", CONTRACT, "--instalment", str(instalment),
        "--amount", "63600.00", "--paid-on", day, "--at", f"{day}T10:00:00+08:00",
    )  # fmt: skip


def _refund_duties(url: str, as_of: str) -> list[tuple[str | None, ...]]:
    return [r for r in rows(obligations(url, as_of)) if r[1] == "refund_deposit"]


def test_ended_early_by_agreement_the_refund_is_due_5_working_days_after_all_is_settled_r_b4(
    database_url: str, tmp_path: Path
) -> None:
    url = database_url
    _started(url, tmp_path)
    # Ended by agreement on Mon 2026-11-30, long before the term's end (2027-09-30).
    ended = run_daiyun(
        url, "contract", "end", "--contract", CONTRACT, "--on", "2026-11-30",
        "--cause", "agreement", "--reason", "双方协商一致", "--at", "2026-11-30T12:00:00+08:00",
    )  # fmt: skip
    assert ended.exit_code == 0, ended.stderr
    # On its last day it runs; the day after it has ended, but instalment 2 is unpaid: the
    # refund has no due day yet (all is not settled).
    assert _refund_duties(url, "2026-11-30") == []
    assert _refund_duties(url, "2026-12-02") == []
    # Instalment 2 paid on Wed 12-02: counted from max(11-30, 12-02) = 12-02, 5 working days:
    # Thu 3 (1), Fri 4 (2), Mon 7 (3), Tue 8 (4), Wed 9 December (5).
    _pay(url, 2, "2026-12-02")
    due = ("2026-12-09", *DUTY)
    assert _refund_duties(url, "2026-12-03") == [(*due, "open", None, "R-B4")]
    assert _refund_duties(url, "2026-12-10") == [(*due, "missed", None, "R-B4")]
    run_ok(
        url, "deposit", "refund", "--contract", CONTRACT, "--on", "2026-12-09",
        "--at", "2026-12-09T15:00:00+08:00",
    )  # fmt: skip
    assert _refund_duties(url, "2026-12-10") == [(*due, "met", "2026-12-09", "R-B4")]


def test_settled_before_the_agreed_end_the_refund_counts_from_the_last_day_r_b4(
    database_url: str, tmp_path: Path
) -> None:
    url = database_url
    _started(url, tmp_path)
    _pay(url, 2, "2026-11-20")
    run_ok(
        url, "contract", "end", "--contract", CONTRACT, "--on", "2026-11-30",
        "--cause", "agreement", "--at", "2026-11-30T12:00:00+08:00",
    )  # fmt: skip
    # max(11-30, 11-20) = Mon 11-30: Tue 1 (1), Wed 2 (2), Thu 3 (3), Fri 4 (4), Mon 7 Dec (5).
    assert _refund_duties(url, "2026-12-01") == [("2026-12-07", *DUTY, "open", None, "R-B4")]


def test_terminated_for_the_brands_breach_the_deposit_is_forfeited_no_refund_duty_r_b4(
    database_url: str, tmp_path: Path
) -> None:
    url = database_url
    _started(url, tmp_path)
    _pay(url, 2, "2026-11-20")  # all settled: only the cause keeps the deposit
    # The operator's written notice of the brand's breach on Mon 11-02: cure by 11-02 + 15 =
    # 11-17; not cured, the operator's termination right arises on 11-18 (R-C6).
    notice = run_ok(
        url, "contract", "breach-notice", "--contract", CONTRACT, "--by", "operator",
        "--on", "2026-11-02", "--what", "品牌方擅自更改店铺密码", "--at", "2026-11-02T10:00:00",
        "--json",
    )  # fmt: skip
    assert notice["cure_by"] == "2026-11-17"
    ended = run_ok(
        url, "contract", "end", "--contract", CONTRACT, "--on", "2026-11-18",
        "--cause", "termination", "--at", "2026-11-18T12:00:00", "--json",
    )  # fmt: skip
    assert ended["right"] == f"R-C6 breach notice {notice['id']}"
    # Forfeited (R-B4): no refund duty, now or later. (Read as an expiry, as the duty did
    # before, it was due 5 working days after max(11-18, 11-20 settled): Mon 23, Tue 24,
    # Wed 25, Thu 26, Fri 27 November.)
    for as_of in ("2026-11-19", "2026-11-26", "2027-06-01"):
        assert _refund_duties(url, as_of) == []
