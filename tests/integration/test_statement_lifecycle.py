"""`daiyun statement …` and `daiyun payment record`: the life of a month's statement (R-S1–R-S8).

chando's contract (tests/builders.py): commission 5%, shipping income to the brand, Tmall
technical service fee 5% for 面霜 and 面膜, late penalty 0.3% a day. October 2026 is
statement_steps.OCTOBER, worked by hand:

  sales            278.00 + 59.00 + 150.00                        = 487.00
  settlement value 2 × 139.00 + 1 × 59.00 + 1 × 139.00            = 476.00   (R-S2)
  commission       476.00 × 5% = 23.80                                       (R-S3)
  spread           487.00 − 476.00                                 =  11.00   (R-S4)
  platform fees    13.90 + 2.95 + 7.50                             =  24.35   (R-S5)
  shipping income  10.00 (the brand's)
  remittance       476.00 + 10.00 − 23.80 − 0                      = 462.20   (R-S6)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from daiyun.adapters.db.tables import audit_record, statement_recognition, statement_version
from daiyun.bootstrap import Daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_steps import (
    OCTOBER,
    add_brand_user,
    import_orders,
    ok,
    pay,
    statement,
)

OCTOBER_FIGURES = {
    "contract": "CHANDO-2026", "brand": "chando", "month": "2026-10",
    "recognised_lines": 3, "recognised_units": 4, "returned_units": 0,
    "sales_amount": "487.00", "returned_amount": "0.00", "concession_amount": "0.00",
    "settlement_value": "476.00", "commission": "23.80", "spread": "11.00",
    "brand_deductions": "0.00", "shipping_income": "10.00", "platform_fees": "24.35",
    "remittance": "462.20", "unsettleable_orders": 0, "price_violations": 0,
    # Issue 17, R-S5: no deposit or annual fee falls due in October; the operator bears fees.
    "platform_charges": "0.00", "platform_fees_borne": "0.00",
    "custody_losses": "0.00",  # issue 19, R-F7: nothing lost in custody in October
    "issue_by": "2026-11-10", "excused_delays": [],  # R-S7: none recorded
    "penalty_posted": None, "penalty_paid": "0.00",  # R-S7: none posted until paid in full
}  # fmt: skip
STATEMENT_KEYS = [
    "contract", "brand", "month", "version", "status", "recognised_lines", "recognised_units",
    "returned_units", "sales_amount", "returned_amount", "concession_amount",
    "settlement_value", "commission", "spread", "brand_deductions", "shipping_income",
    "platform_fees", "remittance", "unsettleable_orders", "price_violations",
    "platform_charges", "platform_fees_borne", "custody_losses", "issue_by",
    "confirm_by", "payment_due", "penalty_accrued", "excused_delays", "penalty_posted",
    "penalty_paid",
]  # fmt: skip


@pytest.fixture
def october(chando_store: str, tmp_path: Path) -> str:
    """chando's store with October's orders imported and a brand finance user."""
    import_orders(chando_store, tmp_path / "october.csv", OCTOBER, "2026-11-01T09:00:00+08:00")
    add_brand_user(chando_store, "chando-finance", "brand_finance")
    return chando_store


def test_a_month_is_drafted_issued_confirmed_paid_in_part_then_in_full_and_settled(
    daiyun_app: Daiyun, october: str
) -> None:
    """R-S1–R-S7 end to end, the dates worked with the PRC calendar."""
    draft = ok(statement(october, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    assert list(draft) == STATEMENT_KEYS
    assert draft == OCTOBER_FIGURES | {
        "version": 1, "status": "draft", "confirm_by": None, "payment_due": None,
        "penalty_accrued": "0.00",
    }  # fmt: skip

    # Issued Thursday 5 Nov: the brand's receipt. R-S6: confirm by the 5th working day
    # after it: Fri 6, Mon 9, Tue 10, Wed 11, Thu 12 November.
    issued = ok(statement(october, "issue", "2026-10", "--at", "2026-11-05T10:00:00+08:00"))
    assert issued == OCTOBER_FIGURES | {
        "version": 1, "status": "issued", "confirm_by": "2026-11-12", "payment_due": None,
        "penalty_accrued": "0.00",
    }  # fmt: skip

    # Confirmed Tue 10 Nov. R-S6: due on the later of 15 Nov and the 3rd working day after
    # the confirmation (Wed 11, Thu 12, Fri 13) = 15 November.
    confirmed = ok(
        statement(
            october, "confirm", "2026-10", "--by", "chando-finance",
            "--at", "2026-11-10T16:00:00+08:00",
        )
    )  # fmt: skip
    assert (confirmed["status"], confirmed["payment_due"]) == ("confirmed", "2026-11-15")

    partial = ok(pay(october, "2026-10", "200.00", "2026-11-17", "2026-11-17T11:00:00+08:00"))
    assert partial["status"] == "part_paid"
    # R-S7 as of 18 Nov: 16th and 17th on 462.20 (the 17th's payment counts from the 18th),
    # 18th on 262.20: 138.66 + 138.66 + 78.66 = 355.98 fen → 3.56.
    shown = ok(statement(october, "show", "2026-10", "--at", "2026-11-18T12:00:00+08:00"))
    assert (shown["status"], shown["penalty_accrued"]) == ("part_paid", "3.56")

    full = ok(pay(october, "2026-10", "262.20", "2026-11-20", "2026-11-20T09:00:00+08:00"))
    assert full["status"] == "settled"
    # 16th, 17th: 2 × 138.66; 18th, 19th, 20th on 262.20: 3 × 78.66 = 235.98;
    # 277.32 + 235.98 = 513.30 fen → 5.13, never forgotten once the principal is paid.
    settled = ok(statement(october, "show", "2026-10", "--at", "2026-12-31T12:00:00+08:00"))
    assert settled == OCTOBER_FIGURES | {
        "version": 1, "status": "settled", "confirm_by": "2026-11-12",
        "payment_due": "2026-11-15", "penalty_accrued": "5.13",
        "penalty_posted": "5.13",  # posted when paid in full, none of it paid yet
    }  # fmt: skip

    with daiyun_app.engine.connect() as connection:
        audit = connection.execute(
            select(audit_record.c.actor, audit_record.c.action, audit_record.c.after)
            .where(audit_record.c.entity == "statement")
            .order_by(audit_record.c.id)
        ).all()
        recognised = connection.execute(select(statement_recognition)).all()
    # R-D3: who did what to which version; the brand's confirmation under its user's login.
    assert [(actor.startswith("cli:"), action) for actor, action, _ in audit] == [
        (True, "statement.issue"), (False, "statement.confirm"), (True, "statement.pay"),
        (True, "statement.pay"),
    ]  # fmt: skip
    assert audit[1][0] == "chando-finance"
    assert json.loads(audit[1][2]) == {
        "status": "confirmed", "version": 1, "payment_due": "2026-11-15"
    }  # fmt: skip
    assert len(recognised) == 3  # R-S1: the three completed lines, held by the issued version


def test_re_drafting_the_same_data_gives_the_same_hash_and_changes_nothing(
    daiyun_app: Daiyun, october: str
) -> None:
    """R-S8: re-running a month produces the same figures; the stored draft stays as it is."""
    first = statement(october, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00")
    before = database_snapshot(daiyun_app)
    again = statement(october, "draft", "2026-10", "--at", "2026-11-03T10:00:00+08:00")
    assert again.exit_code == 0 and again.stdout == first.stdout
    assert "draft unchanged" not in again.stderr  # --json: stderr only for empty reasons
    assert database_snapshot(daiyun_app) == before


def test_show_writes_the_version_as_xlsx_and_pdf_carrying_its_content_hash(
    daiyun_app: Daiyun, october: str, tmp_path: Path
) -> None:
    """Issue 4 item 5 through `statement show --xlsx --pdf`: both files of the stored version."""
    from openpyxl import load_workbook

    ok(statement(october, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    ok(statement(october, "issue", "2026-10", "--at", "2026-11-05T10:00:00+08:00"))
    xlsx, pdf = tmp_path / "october.xlsx", tmp_path / "october.pdf"
    shown = statement(october, "show", "2026-10", "--xlsx", str(xlsx), "--pdf", str(pdf))
    assert ok(shown)["remittance"] == "462.20"
    with daiyun_app.engine.connect() as connection:
        content_hash = connection.execute(select(statement_version.c.content_hash)).scalar_one()
    cells = {
        cell
        for sheet in load_workbook(xlsx, read_only=True).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    }
    assert content_hash in cells
    assert pdf.read_bytes().startswith(b"%PDF")
