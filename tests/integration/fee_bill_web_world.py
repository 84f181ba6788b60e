"""The web world (chando, pechoin and their people) with inoherb's model B contract beside them:
INOHERB-2026 (fee_bill_world.py: commission 3%, VAT 6%, issued by the 3rd and paid by the 5th,
termination right after 10 days overdue, service fee 120,000.00 in halves, deposit 20,000.00),
October's Alipay lines imported, the agency's finance person and inoherb's own people.

October's receipts, worked by hand (R-B2):
    trade income   12,000.00 + 445.60           = 12,445.60   (2 lines)
    refunds paid out                               100.00   (1 line)
    a withdrawal of 500.00 (提现) and November's 1.00 are not October's receipts
    receipts       12,445.60 − 100.00           = 12,345.60
    commission     12,345.60 × 3% = 370.368     →   370.37   (half-up once)
    VAT            370.37 × 6% = 22.2222        →    22.22   (half-up once, R-B3)
    amount due     370.37 + 22.22               =   392.59
    issue by 2026-11-03, pay by 2026-11-05, termination right from 2026-11-16 (R-B5)
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from daiyun.domain.agency import Role
from daiyun.services.accounts.users import add_user
from tests.alipay_files import StatementRow
from tests.integration.fee_bill_world import CONTRACT, import_lines, income, load_inoherb, refund
from tests.integration.statement_world import add_finance_user
from tests.integration.web_world import PASSWORD, START, World, hash_of_password

__all__ = ["BILL", "CONTRACT", "FEES", "INOHERB_PEOPLE", "add_inoherb", "october_lines"]

BILL = f"/fee-bills/{CONTRACT}/2026-10"
FEES = f"/service-fees/{CONTRACT}"
INOHERB_PEOPLE = (
    ("i-admin", Role.BRAND_ADMIN),
    ("i-finance", Role.BRAND_FINANCE),
    ("i-viewer", Role.BRAND_VIEWER),
)


def october_lines() -> list[StatementRow]:
    """October's lines as worked above, and one of November's."""
    return [
        income("1", "2026-10-02 10:00:00", "12000.00"),
        income("2", "2026-10-20 10:00:00", "445.60", order_no="4012000000000002"),
        refund("3", "2026-10-21 10:00:00", "100.00"),
        StatementRow("4", occurred_at="2026-10-25 10:00:00", expense="-500.00",
                     business_type="提现", remark="提现"),
        StatementRow("5", occurred_at="2026-11-01 10:00:00", income="+1.00"),
    ]  # fmt: skip


def add_inoherb(world: World, folder: Path) -> None:
    """INOHERB-2026 with October's Alipay lines, the agency's `finance`, and inoherb's people."""
    load_inoherb(world.database_url, folder)
    import_lines(world.database_url, folder, "oct", october_lines())
    add_finance_user(world)
    for login, role in INOHERB_PEOPLE:
        add_user(
            world.daiyun.unit_of_work(), login=login, role=role, brand_code="inoherb",
            display_name=None, password=PASSWORD, hash_password=hash_of_password,
            at=START - timedelta(days=1), actor="test",
        )  # fmt: skip
