"""Test data with business defaults: contract files, catalogue files, moments in Beijing time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from daiyun.domain.calendar import SHANGHAI


def beijing(text: str) -> datetime:
    """An aware moment from 'YYYY-MM-DD HH:MM[:SS]' read as Beijing time."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def contract_toml(
    *,
    brand_code: str = "chando",
    brand_name: str = "自然堂",
    contract_code: str = "CHANDO-2026",
    model: str = "A",
    commission_rate: str = "0.05",
    markup_cap: str = "0.10",
    platforms: str = '["tmall", "taobao"]',
    store_code: str = "chando-tmall",
    store_platform: str = "tmall",
    extra_terms: str = "",
    services: str = '["whole_outsourcing"]',
) -> str:
    """The contract file of interfaces.md, with the values a test wants to vary; by default it
    buys every service (电商整包, R-C3), so that every feature is open to the brand."""
    return f"""\
[brand]
code = "{brand_code}"
name = "{brand_name}"

[contract]
code = "{contract_code}"
model = "{model}"
signed_on = 2026-01-05
effective_on = 2026-01-05
term_months = 12
auto_renew = true
renewal_notice_months = 1
platforms = {platforms}
services = {services}

[contract.terms]
commission_rate = "{commission_rate}"
markup_cap = "{markup_cap}"
shipping_income_to = "brand"
platform_fees_borne_by = "operator"
late_penalty_per_day = "0.003"
{extra_terms}

[[stores]]
code = "{store_code}"
platform = "{store_platform}"
name = "{brand_name}官方旗舰店"
go_live_on = 2026-02-01

[platform_fees.tmall]
deposit = "10000.00"
annual_fee = "6000.00"
category_rates = {{ "美容护肤" = "0.04", default = "0.05" }}
"""


def write_catalog_csv(path: Path, rows: list[tuple[str, ...]], *, encoding: str = "utf-8") -> Path:
    """A catalogue CSV with Chinese headers (商家编码, 商品名称, 类目, 零售指导价, 生效时间)."""
    lines = ["商家编码,商品名称,类目,零售指导价,生效时间"]
    lines += [",".join(row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


DAIYUN_ORDER_COLUMNS = (
    "order_no", "line_no", "sku", "units", "unit_price", "line_amount", "shipping", "status",
    "created_at", "paid_at", "shipped_at", "completed_at", "refund_units", "refund_amount",
    "refund_reason", "refunded_at", "buyer_key", "province", "city",
)  # fmt: skip


def daiyun_order_row(order_no: str, line_no: int = 1, **values: str) -> dict[str, str]:
    """One row of the daiyun order file: a paid line of 2 × ¥139.00 unless told otherwise."""
    row = {
        "order_no": order_no, "line_no": str(line_no), "sku": "CD-CREAM-50", "units": "2",
        "unit_price": "139.00", "line_amount": "278.00", "shipping": "0.00", "status": "paid",
        "created_at": "2026-10-05 09:00:00", "paid_at": "2026-10-05 09:01:00",
        "shipped_at": "", "completed_at": "", "refund_units": "0", "refund_amount": "0.00",
        "refund_reason": "", "refunded_at": "", "buyer_key": "tb_buyer_1",
        "province": "浙江省", "city": "杭州市",
    }  # fmt: skip
    row.update(values)
    return row


def write_daiyun_orders(path: Path, rows: list[dict[str, str]]) -> Path:
    """A daiyun order file (interfaces.md) with these rows."""
    lines = [",".join(DAIYUN_ORDER_COLUMNS)]
    lines += [",".join(row[column] for column in DAIYUN_ORDER_COLUMNS) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# R-O1: a holiday notice for 2027 made up for the tests (the real one was not published when
# they were written; it is never shipped as a calendar): 元旦 Fri 01-01 … Sun 01-03 off; 春节
# Sat 02-06 … Sun 02-14 off, Sat 02-20 worked (调休).
NOTICE_2027 = """
year = 2027
source = "a 2027 notice made up for the tests"

[[holiday]]
name = "元旦"
first_day = 2027-01-01
last_day = 2027-01-03

[[holiday]]
name = "春节"
first_day = 2027-02-06
last_day = 2027-02-14
working_days = [2027-02-20]
"""
