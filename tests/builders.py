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
) -> str:
    """The contract file of interfaces.md, with the values a test wants to vary."""
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
services = ["store_operation", "marketing", "it_systems"]

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
