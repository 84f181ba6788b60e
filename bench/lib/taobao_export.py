"""A realistic Taobao/Tmall seller-centre export pair, made up, for the import benchmark.

Writes `ExportOrderList<yyyyMMddHHmm>.csv` (2016 order layout) and
`ExportOrderDetailList<yyyyMMddHHmm>.csv` (2016 item layout) as formats.md describes them: GBK
text (written with the gb18030 codec, using only characters GBK has), CRLF line ends, order
numbers as `="…"`, phones with a leading `'`, three header cells with a trailing space, newest
order first in both files. Beside them: the brand's catalogue as a catalog CSV and its contract
file (interfaces.md), so that a fresh database can take the export.

Deterministic for a seed; streamed (memory stays small for a million lines). Money is integer
fen throughout and written as yuan text.

    # from the repository root; also --seed N, --month 2026-10, --skus 2000
    .venv/bin/python -m bench.lib.taobao_export --lines 100000 --out DIR
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Generic, TextIO, TypeVar
from zoneinfo import ZoneInfo

from .taobao_vocabulary import (
    CLOSE_PAID,
    CLOSE_UNPAID,
    COURIERS,
    EDITIONS,
    ESTATES,
    GIVEN,
    INVOICES,
    LATIN_NICKS,
    MAIL_DOMAINS,
    MEMOS,
    MESSAGES,
    MOBILE_PREFIXES,
    NICK_HEADS,
    NICK_TAILS,
    PLACES,
    PRODUCTS,
    SELLING_WORDS,
    SERIES,
    SIZE_PERCENT,
    SURNAMES,
)

__all__ = [
    "BRAND_CODE",
    "ENCODING",
    "ITEM_COLUMNS",
    "ORDER_COLUMNS",
    "ORDER_HEADER",
    "STATUS_CODES",
    "STORED_COLUMNS",
    "STORE_CODE",
    "ExportFiles",
    "ExportSpec",
    "ExportStats",
    "Order",
    "OrderLine",
    "Sku",
    "StoredLine",
    "allocate_fen",
    "build_catalogue",
    "generate_orders",
    "stored_lines",
    "write_export",
    "yuan_text",
]

BEIJING = ZoneInfo("Asia/Shanghai")
ENCODING = "gb18030"
NEWLINE = "\r\n"
BRAND_CODE = "benchbrand"
BRAND_NAME = "倍诗"
BRAND_LATIN = "BEISHI"
STORE_CODE = "benchbrand-tmall"
STORE_NAME = "倍诗官方旗舰店"
MARKUP_CAP_PERCENT = 10  # the contract's markup_cap "0.10"
FLUSH_ROWS = 4096

# The 2016 order layout, in formats.md order.
ORDER_COLUMNS: tuple[str, ...] = (
    "订单编号",
    "买家会员名",
    "买家支付宝账号",
    "买家应付货款",
    "买家应付邮费",
    "买家支付积分",
    "总金额",
    "返点积分",
    "买家实际支付金额",
    "买家实际支付积分",
    "订单状态",
    "买家留言",
    "收货人姓名",
    "收货地址",
    "运送方式",
    "联系电话",
    "联系手机",
    "订单创建时间",
    "订单付款时间",
    "宝贝标题",
    "宝贝种类",
    "物流单号",
    "物流公司",
    "订单备注",
    "宝贝总数量",
    "店铺Id",
    "店铺名称",
    "订单关闭原因",
    "卖家服务费",
    "买家服务费",
    "发票抬头",
    "是否手机订单",
    "分阶段订单信息",
    "特权订金订单id",
    "定金排名",
    "修改后的sku",
    "修改后的收货地址",
    "异常信息",
    "天猫卡券抵扣",
    "集分宝抵扣",
    "是否是O2O交易",
)
# As real exports write the header: these three cells carry a trailing space (formats.md).
_TRAILING_SPACE = frozenset({"收货地址", "订单付款时间", "宝贝标题"})
ORDER_HEADER: tuple[str, ...] = tuple(
    f"{name} " if name in _TRAILING_SPACE else name for name in ORDER_COLUMNS
)
# The 2016 item layout.
ITEM_COLUMNS: tuple[str, ...] = (
    "订单编号",
    "标题",
    "价格",
    "购买数量",
    "外部系统编号",
    "商品属性",
    "套餐信息",
    "备注",
    "订单状态",
    "商家编码",
)

UNPAID = "等待买家付款"
PAID = "买家已付款，等待卖家发货"
SHIPPED = "卖家已发货，等待买家确认"
COMPLETED = "交易成功"
CLOSED = "交易关闭"
STATUS_CODES: dict[str, str] = {
    UNPAID: "unpaid",
    PAID: "paid",
    SHIPPED: "shipped",
    COMPLETED: "completed",
    CLOSED: "closed",
}
_Value = TypeVar("_Value")


@dataclass(frozen=True)
class _Weighted(Generic[_Value]):
    """Values to draw with given weights (kept cumulative, for a bisection per draw)."""

    values: tuple[_Value, ...]
    cumulative: tuple[int, ...]

    @classmethod
    def of(cls, values: Sequence[_Value], weights: Sequence[int]) -> _Weighted[_Value]:
        return cls(tuple(values), tuple(accumulate(weights)))

    def draw(self, rng: random.Random) -> _Value:
        return self.values[bisect_right(self.cumulative, rng.random() * self.cumulative[-1])]


_STATUSES = (UNPAID, PAID, SHIPPED, COMPLETED, CLOSED)
# Order status weights by the order's age at export time: (at most this old, weights).
_STATUS_BY_AGE: tuple[tuple[timedelta, _Weighted[str]], ...] = (
    (timedelta(days=1), _Weighted.of(_STATUSES, (25, 40, 25, 5, 5))),
    (timedelta(days=3), _Weighted.of(_STATUSES, (0, 15, 55, 25, 5))),
    (timedelta(days=10), _Weighted.of(_STATUSES, (0, 2, 25, 66, 7))),
    (timedelta.max, _Weighted.of(_STATUSES, (0, 0, 1, 92, 7))),
)
_LINES_PER_ORDER = _Weighted.of((1, 2, 3, 4, 5), (670, 210, 80, 25, 15))  # mean about 1.5
_UNITS_PER_LINE = _Weighted.of((1, 2, 3, 4, 5), (80, 13, 4, 2, 1))

_PLACE = _Weighted.of(
    PLACES, (12, 5, 7, 6, 12, 9, 3, 4, 10, 10, 5, 4, 3, 3, 3, 3, 3, 2, 2, 3, 1, 2)
)
_ORDER_NUMBER_LENGTH = _Weighted.of((16, 17, 18, 19), (20, 10, 40, 30))
_MAX_ORDERS = 10**7  # the order number carries the order's index in 7 digits


@dataclass(frozen=True)
class ExportSpec:
    """What to generate: how many item lines, from which seed, in which month (Beijing time)."""

    lines: int = 100_000
    seed: int = 20261101
    year: int = 2026
    month: int = 10
    skus: int = 2000

    @property
    def month_start(self) -> datetime:
        return datetime(self.year, self.month, 1, tzinfo=BEIJING)

    @property
    def month_end(self) -> datetime:
        """The first moment of the next month."""
        year, month = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        return datetime(year, month, 1, tzinfo=BEIJING)

    @property
    def as_of(self) -> datetime:
        """The export's time, in its file names: 10:00 on the first day of the next month."""
        return self.month_end + timedelta(hours=10)

    @property
    def stamp(self) -> str:
        return f"{self.as_of:%Y%m%d%H%M}"

    @property
    def order_file_name(self) -> str:
        return f"ExportOrderList{self.stamp}.csv"

    @property
    def item_file_name(self) -> str:
        return f"ExportOrderDetailList{self.stamp}.csv"


@dataclass(frozen=True, slots=True)
class Sku:
    """One SKU of the brand's catalogue with its guide price (fen)."""

    code: str
    name: str
    category: str
    guide_fen: int
    title: str
    attributes: str


@dataclass(frozen=True, slots=True)
class OrderLine:
    """One item line as the export has it; `amount_fen` is its share of the goods amount."""

    line_no: int
    sku: Sku
    units: int
    price_fen: int
    amount_fen: int
    status: str

    @property
    def below_guide(self) -> bool:
        return self.price_fen < self.sku.guide_fen

    @property
    def above_cap(self) -> bool:
        return self.price_fen * 100 > self.sku.guide_fen * (100 + MARKUP_CAP_PERCENT)

    @property
    def amount_out_of_bounds(self) -> bool:
        """What the buyer actually paid per unit (after a coupon) is below guide or above cap."""
        guide_fen = self.sku.guide_fen * self.units
        return self.amount_fen < guide_fen or self.amount_fen * 100 > guide_fen * (
            100 + MARKUP_CAP_PERCENT
        )


@dataclass(frozen=True, slots=True)
class Order:
    """One order of the export: the order file's row and its item lines."""

    order_no: str
    status: str
    created_at: datetime
    paid_at: datetime | None
    goods_fen: int
    postage_fen: int
    discount_fen: int
    buyer_nick: str
    alipay_account: str
    receiver: str
    mobile: str
    province: str
    city: str
    address: str
    message: str
    memo: str
    courier: str
    tracking_no: str
    close_reason: str
    invoice_title: str
    from_mobile: bool
    lines: tuple[OrderLine, ...]

    @property
    def total_fen(self) -> int:
        return self.goods_fen + self.postage_fen

    @property
    def paid_fen(self) -> int:
        """What the buyer actually paid and kept paid: nothing for unpaid or closed orders."""
        return 0 if self.paid_at is None or self.status == CLOSED else self.total_fen


@dataclass
class ExportStats:
    """What was generated, for checks and reports."""

    orders: int = 0
    lines: int = 0
    units: int = 0
    goods_fen: int = 0
    postage_fen: int = 0
    order_statuses: Counter[str] = field(default_factory=Counter)
    line_statuses: Counter[str] = field(default_factory=Counter)
    lines_below_guide: int = 0
    lines_above_cap: int = 0
    # The same, counting only lines of orders that were paid (sold lines).
    paid_lines_below_guide: int = 0
    paid_lines_above_cap: int = 0
    # Paid lines whose actual amount (after an order's coupon) per unit is out of bounds.
    paid_lines_amount_out_of_bounds: int = 0

    def add(self, order: Order) -> None:
        self.orders += 1
        self.goods_fen += order.goods_fen
        self.postage_fen += order.postage_fen
        self.order_statuses[order.status] += 1
        for line in order.lines:
            self.lines += 1
            self.units += line.units
            self.line_statuses[line.status] += 1
            self.lines_below_guide += line.below_guide
            self.lines_above_cap += line.above_cap
            if order.paid_at is not None:
                self.paid_lines_below_guide += line.below_guide
                self.paid_lines_above_cap += line.above_cap
                self.paid_lines_amount_out_of_bounds += line.amount_out_of_bounds

    def as_document(self) -> dict[str, object]:
        return {
            "orders": self.orders,
            "lines": self.lines,
            "units": self.units,
            "goods_amount": yuan_text(self.goods_fen),
            "postage": yuan_text(self.postage_fen),
            "order_statuses": dict(self.order_statuses),
            "line_statuses": dict(self.line_statuses),
            "lines_below_guide": self.lines_below_guide,
            "lines_above_cap": self.lines_above_cap,
            "paid_lines_below_guide": self.paid_lines_below_guide,
            "paid_lines_above_cap": self.paid_lines_above_cap,
            "paid_lines_amount_out_of_bounds": self.paid_lines_amount_out_of_bounds,
        }


@dataclass(frozen=True)
class ExportFiles:
    """The files written for one spec, and what is in them."""

    spec: ExportSpec
    order_file: Path
    item_file: Path
    catalog_file: Path
    contract_file: Path
    stats: ExportStats


def yuan_text(fen: int) -> str:
    """Integer fen as the export writes yuan: 139.00, 0.50, -3.20."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def allocate_fen(total_fen: int, weights: Sequence[int]) -> list[int]:
    """Split `total_fen` over `weights` by largest remainder, ties to the earlier weight."""
    weight_sum = sum(weights)
    shares: list[int] = []
    remainders: list[int] = []
    for weight in weights:
        share, remainder = divmod(total_fen * weight, weight_sum)
        shares.append(share)
        remainders.append(remainder)
    by_remainder = sorted(range(len(weights)), key=lambda index: (-remainders[index], index))
    for index in by_remainder[: total_fen - sum(shares)]:
        shares[index] += 1
    return shares


# --- the catalogue -----------------------------------------------------------------------------


def build_catalogue(spec: ExportSpec) -> tuple[Sku, ...]:
    """`spec.skus` SKUs with guide prices, drawn without repeats from series × product × size."""
    rng = random.Random(f"catalogue:{spec.seed}")
    combos = [
        (series, product, size_index, edition)
        for series in SERIES
        for product in PRODUCTS
        for size_index in range(len(product[3]))
        for edition in EDITIONS
    ]
    if spec.skus > len(combos):
        raise ValueError(f"at most {len(combos)} SKUs can be made up, not {spec.skus}")
    rng.shuffle(combos)
    return tuple(
        _sku(rng, 10000 + number, *combo) for number, combo in enumerate(combos[: spec.skus])
    )


def _sku(
    rng: random.Random,
    number: int,
    series: str,
    product: tuple[str, str, int, tuple[str, ...]],
    size_index: int,
    edition: str,
) -> Sku:
    kind, category, base_yuan, sizes = product
    size = sizes[size_index]
    yuan = base_yuan * SIZE_PERCENT[size_index] * rng.randint(80, 160) // 10000
    yuan = max(19, yuan // 10 * 10 + 9)  # prices end in 9 yuan, as shops like them
    guide_fen = yuan * 100 - (10 if rng.random() < 0.15 else 0)  # some at x8.90
    name = f"{BRAND_NAME}{series}{kind}{edition}{size}"
    title = f"{BRAND_LATIN}/{BRAND_NAME} {series}{kind}{edition}{size} {rng.choice(SELLING_WORDS)}"
    label = "颜色分类" if size.endswith("#") else "规格"
    return Sku(f"BS{number}", name, category, guide_fen, title, f"{label}：{size}")


def catalog_csv(spec: ExportSpec, catalogue: Sequence[Sku]) -> str:
    """The catalogue as a catalog file (interfaces.md), guide prices in force from long before."""
    effective = f"{spec.month_start - timedelta(days=90):%Y-%m-%d} 00:00:00"
    rows = ["商家编码,商品名称,类目,零售指导价,生效时间"]
    rows += [
        f"{sku.code},{sku.name},{sku.category},{yuan_text(sku.guide_fen)},{effective}"
        for sku in catalogue
    ]
    return "\n".join(rows) + "\n"


def contract_toml(spec: ExportSpec) -> str:
    """The contract file of the bench brand (interfaces.md format): one Tmall store, cap 10%."""
    effective = spec.month_start.date().replace(year=spec.year - 1)
    go_live = effective + timedelta(days=31)
    return f"""\
[brand]
code = "{BRAND_CODE}"
name = "{BRAND_NAME}"

[contract]
code = "BENCHBRAND-{effective.year}"
model = "A"
signed_on = {effective.isoformat()}
effective_on = {effective.isoformat()}
term_months = 36
auto_renew = true
renewal_notice_months = 1
platforms = ["tmall"]
services = ["store_operation", "marketing", "customer_service", "it_systems"]

[contract.terms]
commission_rate = "0.05"
markup_cap = "0.{MARKUP_CAP_PERCENT:02d}"
shipping_income_to = "brand"
platform_fees_borne_by = "operator"
late_penalty_per_day = "0.003"

[[stores]]
code = "{STORE_CODE}"
platform = "tmall"
name = "{STORE_NAME}"
go_live_on = {go_live.isoformat()}

[platform_fees.tmall]
deposit = "10000.00"
annual_fee = "6000.00"
category_rates = {{ "美容护肤" = "0.04", default = "0.05" }}
"""


# --- the orders ----------------------------------------------------------------------------------


def generate_orders(spec: ExportSpec, catalogue: Sequence[Sku]) -> Iterator[Order]:
    """The export's orders, newest first, with exactly `spec.lines` item lines in all."""
    return _OrderMaker(spec, catalogue).orders()


class _OrderMaker:
    """Makes up orders one at a time from one random stream (so the same seed, the same orders)."""

    def __init__(self, spec: ExportSpec, catalogue: Sequence[Sku]) -> None:
        self.spec = spec
        self.rng = random.Random(f"orders:{spec.seed}")
        # A few SKUs sell much more than the rest, as in every shop.
        self.sku = _Weighted.of(catalogue, [10**6 // (rank + 10) for rank in range(len(catalogue))])
        expected_orders = max(1, spec.lines * 2 // 3)
        self.mean_gap = (spec.month_end - spec.month_start).total_seconds() / expected_orders

    def orders(self) -> Iterator[Order]:
        remaining = self.spec.lines
        moment = self.spec.month_end
        index = 0
        while remaining > 0:
            if index >= _MAX_ORDERS:
                raise ValueError(f"at most {_MAX_ORDERS} orders can be numbered")
            gap = timedelta(seconds=self.rng.uniform(0, 2 * self.mean_gap))
            moment = max(self.spec.month_start, moment - gap)
            count = min(remaining, _LINES_PER_ORDER.draw(self.rng))
            order = self._order(index, moment.replace(microsecond=0), count)
            remaining -= count
            index += 1
            yield order

    def _order(self, index: int, created_at: datetime, line_count: int) -> Order:
        rng = self.rng
        status = self._status(self.spec.as_of - created_at)
        paid = status in (PAID, SHIPPED, COMPLETED) or (status == CLOSED and rng.random() < 0.5)
        paid_at = created_at + timedelta(seconds=rng.randint(5, 1800)) if paid else None
        lines = self._lines(status, line_count)
        gross_fen = sum(line.price_fen * line.units for line in lines)
        discount_fen = self._discount(gross_fen)
        goods_fen = gross_fen - discount_fen
        amounts = allocate_fen(goods_fen, [line.price_fen * line.units for line in lines])
        lines = [
            OrderLine(n, line.sku, line.units, line.price_fen, amount, line.status)
            for n, (line, amount) in enumerate(zip(lines, amounts, strict=True), start=1)
        ]
        province, city, address = self._address()
        shipped = status in (SHIPPED, COMPLETED)
        return Order(
            order_no=self._order_no(index),
            status=status,
            created_at=created_at,
            paid_at=paid_at,
            goods_fen=goods_fen,
            postage_fen=0 if rng.random() < 0.55 else rng.randint(6, 12) * 100,
            discount_fen=discount_fen,
            buyer_nick=self._nick(),
            alipay_account=self._alipay(),
            receiver=self._person(),
            mobile=self._mobile(),
            province=province,
            city=city,
            address=address,
            message=rng.choice(MESSAGES) if rng.random() < 0.08 else "",
            memo=rng.choice(MEMOS) if rng.random() < 0.03 else "",
            courier=rng.choice(COURIERS) if shipped else "",
            tracking_no=f"No:{rng.randrange(10**11, 10**13)}" if shipped else "",
            close_reason=self._close_reason(status, paid),
            invoice_title=rng.choice(INVOICES) if rng.random() < 0.02 else "",
            from_mobile=rng.random() < 0.85,
            lines=tuple(lines),
        )

    def _status(self, age: timedelta) -> str:
        for oldest, weights in _STATUS_BY_AGE:
            if age <= oldest:
                return weights.draw(self.rng)
        raise AssertionError("the last age band takes every age")

    def _lines(self, status: str, count: int) -> list[OrderLine]:
        skus: list[Sku] = []
        while len(skus) < count:
            sku = self.sku.draw(self.rng)
            if sku not in skus:
                skus.append(sku)
        statuses = [status] * count
        # Now and then one line of a multi-line order is refunded before shipping.
        if count > 1 and status in (SHIPPED, COMPLETED) and self.rng.random() < 0.03:
            statuses[self.rng.randrange(count)] = CLOSED
        return [
            OrderLine(0, sku, _UNITS_PER_LINE.draw(self.rng), self._price(sku), 0, line_status)
            for sku, line_status in zip(skus, statuses, strict=True)
        ]

    def _price(self, sku: Sku) -> int:
        """The shop's price: mostly the guide price, a few % below it or above the cap."""
        draw = self.rng.random()
        if draw < 0.03:
            percent = self.rng.randint(80, 97)  # below the guide price
        elif draw < 0.05:
            percent = self.rng.randint(112, 130)  # above the 10% cap
        elif draw < 0.12:
            percent = self.rng.randint(101, 100 + MARKUP_CAP_PERCENT)  # a markup within the cap
        else:
            return sku.guide_fen
        return sku.guide_fen * percent // 100

    def _discount(self, gross_fen: int) -> int:
        """A shop coupon on some orders of 100 yuan or more, never over a quarter of the goods."""
        if gross_fen < 10000 or self.rng.random() >= 0.2:
            return 0
        coupons = [fen for fen in (350, 500, 1000, 1280, 2000, 3000) if fen * 4 <= gross_fen]
        return self.rng.choice(coupons)

    def _order_no(self, index: int) -> str:
        """16–19 digits, unique: the same length always puts the index's 7 digits in one place."""
        length = _ORDER_NUMBER_LENGTH.draw(self.rng)
        tail = length - 13
        head = self.rng.randint(100000, 499999)
        # A bijection of the 7-digit index, so that numbers do not show a running count.
        middle = (index * 7_654_321 + 1_234_567) % _MAX_ORDERS
        return f"{head}{middle:07d}{self.rng.randrange(10**tail):0{tail}d}"

    def _address(self) -> tuple[str, str, str]:
        rng = self.rng
        province, city, postcode, districts, streets = _PLACE.draw(rng)
        where = (
            f"{province} {city} {rng.choice(districts)} {rng.choice(streets)} "
            f"{rng.randint(1, 999)}号{rng.choice(ESTATES)}{rng.randint(1, 30)}幢"
            f"{rng.randint(1, 30)}{rng.randint(1, 4):02d}室({postcode})"
        )
        return province, city, where

    def _person(self) -> str:
        given = "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2, 2))))
        return self.rng.choice(SURNAMES) + given

    def _mobile(self) -> str:
        return f"{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randrange(10**8):08d}"

    def _nick(self) -> str:
        rng = self.rng
        draw = rng.random()
        if draw < 0.4:
            return f"tb{rng.randrange(10**9, 10**10)}"
        if draw < 0.75:
            digits = str(rng.randint(1, 9999)) if rng.random() < 0.5 else ""
            return f"{rng.choice(NICK_HEADS)}{rng.choice(NICK_TAILS)}{digits}"
        return f"{rng.choice(LATIN_NICKS)}_{rng.randint(1, 99999)}"

    def _alipay(self) -> str:
        if self.rng.random() < 0.7:
            mobile = self._mobile()
            return f"{mobile[:3]}****{mobile[-4:]}"
        return f"{self.rng.choice(LATIN_NICKS)[:2]}***@{self.rng.choice(MAIL_DOMAINS)}"

    def _close_reason(self, status: str, paid: bool) -> str:
        if status != CLOSED:
            return "订单未关闭"
        return self.rng.choice(CLOSE_PAID if paid else CLOSE_UNPAID)


# --- writing -------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """A CSV cell, quoted only when it must be."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _row(order_no: str, cells: Sequence[str]) -> str:
    """A CSV line whose first cell is the order number as `="…"`, written bare as Excel wants."""
    joined = ",".join(cells)
    # Fast path: no cell holds a comma, a quote or a line break, so none needs quoting.
    if joined.count(",") != len(cells) - 1 or '"' in joined or "\n" in joined or "\r" in joined:
        joined = ",".join(map(_cell, cells))
    return f'="{order_no}",{joined}{NEWLINE}'


def _time_text(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%Y-%m-%d %H:%M:%S}"


def order_row(order: Order) -> str:
    """The order file's line for `order`, in ORDER_COLUMNS order."""
    return _row(
        order.order_no,
        (
            order.buyer_nick,
            order.alipay_account,
            yuan_text(order.goods_fen),
            yuan_text(order.postage_fen),
            "0",
            yuan_text(order.total_fen),
            "0",
            yuan_text(order.paid_fen),
            "0",
            order.status,
            order.message,
            order.receiver,
            order.address,
            "快递",
            "",
            f"'{order.mobile}",
            _time_text(order.created_at),
            _time_text(order.paid_at),
            "，".join(line.sku.title for line in order.lines),
            str(len(order.lines)),
            order.tracking_no,
            order.courier,
            order.memo,
            str(sum(line.units for line in order.lines)),
            "0",
            "",
            order.close_reason,
            "0",
            "0元",
            order.invoice_title,
            "手机订单" if order.from_mobile else "",
            *("",) * 9,  # 分阶段订单信息 … 是否是O2O交易: empty in ordinary orders
        ),
    )


def item_rows(order: Order) -> str:
    """The item file's lines for `order`, in ITEM_COLUMNS order."""
    return "".join(
        _row(
            order.order_no,
            (
                line.sku.title,
                yuan_text(line.price_fen),
                str(line.units),
                "",
                line.sku.attributes,
                "",
                "",
                line.status,
                line.sku.code,
            ),
        )
        for line in order.lines
    )


def _header(columns: Sequence[str]) -> str:
    return ",".join(columns) + NEWLINE


def write_export(spec: ExportSpec, folder: Path) -> ExportFiles:
    """Write the export pair, the catalog CSV and the contract file into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    catalogue = build_catalogue(spec)
    catalog_file = folder / f"{BRAND_CODE}-catalog.csv"
    catalog_file.write_text(catalog_csv(spec, catalogue), encoding="utf-8")
    contract_file = folder / f"{BRAND_CODE}.toml"
    contract_file.write_text(contract_toml(spec), encoding="utf-8")
    order_file = folder / spec.order_file_name
    item_file = folder / spec.item_file_name
    stats = ExportStats()
    with _open_export(order_file) as orders_out, _open_export(item_file) as items_out:
        _write_orders(generate_orders(spec, catalogue), orders_out, items_out, stats)
    return ExportFiles(spec, order_file, item_file, catalog_file, contract_file, stats)


def _open_export(path: Path) -> TextIO:
    # errors="strict": a character GBK lacks would fail loudly, never become "?".
    return path.open("w", encoding=ENCODING, newline="", buffering=1 << 20)


def _write_orders(
    orders: Iterator[Order], orders_out: TextIO, items_out: TextIO, stats: ExportStats
) -> None:
    orders_out.write(_header(ORDER_HEADER))
    items_out.write(_header(ITEM_COLUMNS))
    order_chunk: list[str] = []
    item_chunk: list[str] = []
    for order in orders:
        stats.add(order)
        order_chunk.append(order_row(order))
        item_chunk.append(item_rows(order))
        if len(order_chunk) >= FLUSH_ROWS:
            orders_out.write("".join(order_chunk))
            items_out.write("".join(item_chunk))
            order_chunk.clear()
            item_chunk.clear()
    orders_out.write("".join(order_chunk))
    items_out.write("".join(item_chunk))


# --- the same lines as an import stores them (for the databases' ceilings) -----------------------

STORED_COLUMNS: tuple[str, ...] = (
    "platform", "store_code", "order_no", "line_no", "sku_code", "title", "units",
    "unit_price_fen", "line_amount_fen", "guide_price_fen", "status", "created_at", "paid_at",
    "completed_at", "shipping_fen", "buyer_key", "province", "city", "as_of",
)  # fmt: skip
StoredLine = tuple[
    str, str, str, int, str, str, int, int, int, int, str,
    datetime, datetime | None, datetime | None, int, str, str, str, datetime,
]  # fmt: skip


def stored_lines(order: Order, as_of: datetime) -> list[StoredLine]:
    """`order`'s lines as an import would store them: fen, status codes, UTC times, no PII."""
    buyer_key = hashlib.sha256(f"bench:{order.buyer_nick}".encode()).hexdigest()
    created_at = order.created_at.astimezone(UTC)
    paid_at = None if order.paid_at is None else order.paid_at.astimezone(UTC)
    as_of_utc = as_of.astimezone(UTC)
    return [
        (
            "tmall",
            STORE_CODE,
            order.order_no,
            line.line_no,
            line.sku.code,
            line.sku.title,
            line.units,
            line.price_fen,
            line.amount_fen,
            line.sku.guide_fen,
            STATUS_CODES[line.status],
            created_at,
            paid_at,
            as_of_utc if line.status == COMPLETED else None,
            order.postage_fen if line.line_no == 1 else 0,
            buyer_key,
            order.province,
            order.city,
            as_of_utc,
        )
        for line in order.lines
    ]


# --- command line --------------------------------------------------------------------------------


def _month(text: str) -> tuple[int, int]:
    try:
        moment = datetime.strptime(f"{text}-01 +0800", "%Y-%m-%d %z")
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month like 2026-10") from error
    return moment.year, moment.month


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a Taobao/Tmall export pair.")
    parser.add_argument("--lines", type=int, default=ExportSpec.lines, help="item lines, 1 or more")
    parser.add_argument("--seed", type=int, default=ExportSpec.seed)
    parser.add_argument("--month", type=_month, default=(ExportSpec.year, ExportSpec.month))
    parser.add_argument("--skus", type=int, default=ExportSpec.skus)
    parser.add_argument("--out", type=Path, required=True, help="folder for the files")
    args = parser.parse_args(argv)
    year, month = args.month
    spec = ExportSpec(lines=args.lines, seed=args.seed, year=year, month=month, skus=args.skus)
    started = time.perf_counter()
    files = write_export(spec, args.out)
    seconds = time.perf_counter() - started
    for path in (files.order_file, files.item_file, files.catalog_file, files.contract_file):
        print(f"{path}  {path.stat().st_size:,} bytes")
    print(f"{files.stats.orders:,} orders, {files.stats.lines:,} lines in {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
