"""The whole schema: every table module imported, so that `metadata` holds every table.

Migrations and database snapshots read it; the unit of work imports it so that a foreign key
named by string always finds its table. No table module imports this one."""

from __future__ import annotations

from daiyun.adapters.db import (
    account_tables,
    alipay_tables,
    change_tables,
    credential_tables,
    excused_delay_tables,
    fee_bill_tables,
    fulfilment_tables,
    holiday_notice_tables,
    job_tables,
    ledger_tables,
    lifecycle_tables,
    notification_tables,
    operations_tables,
    price_tables,
    report_tables,
    rollup_tables,
    tables,
)
from daiyun.adapters.db.metadata import metadata

__all__ = ["metadata", "table_modules"]

# The modules that define tables on `metadata`, in the order their tables were added.
table_modules = (
    tables,
    account_tables,
    ledger_tables,
    price_tables,
    excused_delay_tables,
    holiday_notice_tables,
    alipay_tables,
    fee_bill_tables,
    job_tables,
    fulfilment_tables,
    report_tables,
    lifecycle_tables,
    credential_tables,
    notification_tables,
    operations_tables,
    change_tables,
    rollup_tables,
)
