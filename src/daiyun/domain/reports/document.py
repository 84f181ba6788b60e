"""The report a contract owes for a period (R-R1, R-R2), as one frozen document.

Made once from the database's aggregates (services/reports/making.py), recorded as JSON
(`to_json`, read back by `from_json`) with a hash of its contents, and rendered from this one
document by every output: the command line, the API, the XLSX data tables, the web page and the
PDF. Money is `Money` (fen); rates are exact decimal texts ("0.1250"), never floats.

Sections (R-R2): sales (by SKU, category, store, platform, province, day and hour); analysis
(the previous period and the same period a year before, top and falling SKUs, price bands,
markup over the guide price, price violations); returns and exchanges; inventory; customers
(new and repeat, RFM segments, regions, purchase hours); browsing (not available: daiyun has no
traffic data, and the report says so).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from daiyun.domain.money import Money
from daiyun.domain.reports.periods import ReportKind

__all__ = [
    "BROWSING_NOT_AVAILABLE",
    "SALES_BREAKDOWNS",
    "Analysis",
    "Browsing",
    "Customers",
    "Inventory",
    "LineFigures",
    "PriceBandRow",
    "ReasonRow",
    "RefundReasonRow",
    "Refunds",
    "ReportDocument",
    "ReturnRow",
    "Returns",
    "SalesFigures",
    "SalesRow",
    "SegmentRow",
    "SkuChange",
    "StockRow",
    "ViolationRow",
    "ratio",
]

# The breakdowns of the sales section, in the order the outputs show them.
SALES_BREAKDOWNS = ("sku", "category", "store", "platform", "province", "day", "hour")

BROWSING_NOT_AVAILABLE = (
    "暂无浏览数据：daiyun 没有店铺的流量数据（生意参谋等），浏览记录不在本报告中。",
    "Browsing data is not available: daiyun has no traffic data of the stores (such as "
    "生意参谋's), so browsing records are not in this report.",
)

_RATE = Decimal("0.0001")


def ratio(part: int, whole: int) -> str | None:
    """part / whole to four places, half up, as text ("0.1250"); None when whole is 0."""
    if whole == 0:
        return None
    return str((Decimal(part) / Decimal(whole)).quantize(_RATE, rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class SalesFigures:
    """Orders paid in a period (whatever became of them later), their lines' units and
    actual amounts excluding shipping."""

    orders: int
    units: int
    amount: Money


@dataclass(frozen=True, slots=True, order=True)
class SalesRow:
    """One row of a breakdown: its key (a SKU, a category, a store, a platform, a province, a
    day YYYY-MM-DD or an hour 00–23, Beijing time; "" when the line or order names none)."""

    key: str
    orders: int
    units: int
    amount: Money


@dataclass(frozen=True, slots=True)
class SkuChange:
    """A SKU's units and amount in the period and in the period before."""

    sku: str
    units: int
    amount: Money
    previous_units: int
    previous_amount: Money

    @property
    def change(self) -> int:
        return self.units - self.previous_units


@dataclass(frozen=True, slots=True)
class PriceBandRow:
    """Lines whose unit price is in [low, high) (high None: no upper bound)."""

    band: str
    low: Money
    high: Money | None
    lines: int
    units: int
    amount: Money


@dataclass(frozen=True, slots=True, order=True)
class ViolationRow:
    """Lines by their price check (R-P2, R-P3): within, below_guide, above_cap, no_guide_price."""

    check: str
    lines: int
    units: int
    amount: Money


@dataclass(frozen=True, slots=True)
class LineFigures:
    """What the period's order lines give by SKU, read in one pass: sales by SKU (an order
    counted once per SKU it has lines of), lines sold by SKU, the lines by price band and by
    price check, and the markup's sums over the lines with a guide price."""

    by_sku: tuple[SalesRow, ...]
    lines_by_sku: tuple[tuple[str, int], ...]
    price_bands: tuple[PriceBandRow, ...]
    violations: tuple[ViolationRow, ...]
    guided_units: int
    guided_amount: Money
    guide_amount: Money


@dataclass(frozen=True, slots=True)
class Analysis:
    """The period against the one before and the same period a year before; top and falling
    SKUs; price bands; markup over the guide price; price violations."""

    previous_period: str
    previous: SalesFigures
    year_before_period: str
    year_before: SalesFigures
    falling_skus: tuple[SkuChange, ...]
    price_bands: tuple[PriceBandRow, ...]
    # Lines with a guide price: what they sold for and what they would at the guide price.
    guided_units: int
    guided_amount: Money
    guide_amount: Money
    violations: tuple[ViolationRow, ...]

    @property
    def markup(self) -> Money:
        return self.guided_amount - self.guide_amount

    @property
    def markup_rate(self) -> str | None:
        """Markup over the guide price, as a share of the guide amount."""
        return ratio(self.markup.fen, self.guide_amount.fen)


@dataclass(frozen=True, slots=True, order=True)
class RefundReasonRow:
    reason: str
    count: int
    amount: Money


@dataclass(frozen=True, slots=True)
class Refunds:
    """Refunds completed in the period, whichever period their orders were paid in."""

    count: int
    amount: Money
    by_reason: tuple[RefundReasonRow, ...]


@dataclass(frozen=True, slots=True, order=True)
class ReturnRow:
    """Return and exchange requests received in the period for a SKU ("" for whole-order
    requests), against the order lines of the SKU paid in the period."""

    sku: str
    returns: int
    exchanges: int
    lines_sold: int

    @property
    def requests(self) -> int:
        return self.returns + self.exchanges

    @property
    def rate(self) -> str | None:
        return ratio(self.requests, self.lines_sold)


@dataclass(frozen=True, slots=True, order=True)
class ReasonRow:
    reason: str
    returns: int
    exchanges: int


@dataclass(frozen=True, slots=True)
class Returns:
    """Returns and exchanges (R-F5's requests) and the refunds completed in the period."""

    by_sku: tuple[ReturnRow, ...]
    by_reason: tuple[ReasonRow, ...]

    @property
    def requests(self) -> int:
        return sum(row.requests for row in self.by_sku)


@dataclass(frozen=True, slots=True)
class StockRow:
    """A SKU's stock at the period's end (R-F1): on hand and whole days of cover at the last
    30 days' pace (None without sales)."""

    sku: str
    on_hand: int
    sold_recently: int
    days_of_cover: int | None


@dataclass(frozen=True, slots=True)
class Inventory:
    """The brand's stock at the end of the period, or none: "no stock data", never a guess."""

    as_of: datetime
    list_as_of: datetime | None
    rows: tuple[StockRow, ...]

    @property
    def available(self) -> bool:
        return self.list_as_of is not None


@dataclass(frozen=True, slots=True)
class SegmentRow:
    """An RFM segment (domain/reports/rfm.py): its buyers, their orders and amount up to the
    period's end."""

    segment: str
    buyers: int
    orders: int
    amount: Money


@dataclass(frozen=True, slots=True)
class Customers:
    """Distinct buyers (by buyer key) of the period's orders: `new` had no paid order of the
    contract before the period, `repeat` had one."""

    buyers: int
    new: int
    repeat: int
    segments: tuple[SegmentRow, ...]
    provinces: tuple[SalesRow, ...]  # key: province; orders, units, amount
    province_buyers: tuple[tuple[str, int], ...]
    hours: tuple[SalesRow, ...]  # key: hour 00–23

    @property
    def repeat_rate(self) -> str | None:
        return ratio(self.repeat, self.buyers)


@dataclass(frozen=True, slots=True)
class Browsing:
    """Buyers' browsing records (R-R2): not available, daiyun has no traffic data."""

    available: bool
    note_zh: str
    note_en: str


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """One report: the header of interfaces.md, then every section."""

    contract: str
    brand: str
    kind: ReportKind
    period: str
    start: date
    end: date
    due: date
    made_at: datetime
    on_time: bool
    sales: SalesFigures
    refunds: Refunds
    customers: Customers
    top_skus: tuple[SalesRow, ...]
    sales_by: Mapping[str, tuple[SalesRow, ...]]
    analysis: Analysis
    returns: Returns
    inventory: Inventory
    browsing: Browsing

    def content(self) -> dict[str, Any]:
        """The document without when it was made: what the content hash covers."""
        document = self.to_json()
        del document["made_at"], document["on_time"]
        return document

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON of the contents (keys sorted, no spaces)."""
        text = json.dumps(self.content(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        """interfaces.md's keys in its order, then the other sections."""
        analysis = self.analysis
        return {
            "contract": self.contract,
            "kind": self.kind.value,
            "period": self.period,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "due": self.due.isoformat(),
            "made_at": self.made_at.isoformat(),
            "on_time": self.on_time,
            "sales": _plain(self.sales),
            "refunds": {
                "count": self.refunds.count,
                "amount": self.refunds.amount.yuan_text(),
                "by_reason": _rows(self.refunds.by_reason),
            },
            "customers": {
                "buyers": self.customers.buyers,
                "new": self.customers.new,
                "repeat": self.customers.repeat,
                "repeat_rate": self.customers.repeat_rate,
                "segments": _rows(self.customers.segments),
                "provinces": _rows(self.customers.provinces),
                "province_buyers": [
                    {"province": key, "buyers": count}
                    for key, count in self.customers.province_buyers
                ],
                "hours": _rows(self.customers.hours),
            },
            "top_skus": [
                {"sku": row.key, "units": row.units, "amount": row.amount.yuan_text()}
                | {"orders": row.orders}
                for row in self.top_skus
            ],
            "brand": self.brand,
            "sales_by": {name: _rows(self.sales_by[name]) for name in SALES_BREAKDOWNS},
            "analysis": {
                "previous_period": analysis.previous_period,
                "previous": _plain(analysis.previous),
                "change_from_previous": ratio(
                    self.sales.amount.fen - analysis.previous.amount.fen,
                    analysis.previous.amount.fen,
                ),
                "year_before_period": analysis.year_before_period,
                "year_before": _plain(analysis.year_before),
                "change_from_year_before": ratio(
                    self.sales.amount.fen - analysis.year_before.amount.fen,
                    analysis.year_before.amount.fen,
                ),
                "falling_skus": [
                    _plain(row) | {"change": row.change} for row in analysis.falling_skus
                ],
                "price_bands": _rows(analysis.price_bands),
                "markup": {
                    "units": analysis.guided_units,
                    "amount": analysis.guided_amount.yuan_text(),
                    "guide_amount": analysis.guide_amount.yuan_text(),
                    "markup": analysis.markup.yuan_text(),
                    "markup_rate": analysis.markup_rate,
                },
                "violations": _rows(analysis.violations),
            },
            "returns": {
                "requests": self.returns.requests,
                "by_sku": [
                    _plain(row) | {"requests": row.requests, "rate": row.rate}
                    for row in self.returns.by_sku
                ],
                "by_reason": _rows(self.returns.by_reason),
            },
            "inventory": {
                "available": self.inventory.available,
                "as_of": self.inventory.as_of.isoformat(),
                "list_as_of": (
                    self.inventory.list_as_of.isoformat()
                    if self.inventory.list_as_of is not None
                    else None
                ),
                "note": None if self.inventory.available else "no stock data",
                "rows": _rows(self.inventory.rows),
            },
            "browsing": {
                "available": self.browsing.available,
                "note_zh": self.browsing.note_zh,
                "note_en": self.browsing.note_en,
            },
        }

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> ReportDocument:
        """The document `to_json` wrote (as recorded)."""
        customers, analysis = document["customers"], document["analysis"]
        returns, inventory = document["returns"], document["inventory"]
        markup = analysis["markup"]
        sales = _load(SalesFigures, document["sales"])
        return cls(
            contract=document["contract"],
            brand=document["brand"],
            kind=ReportKind(document["kind"]),
            period=document["period"],
            start=date.fromisoformat(document["start"]),
            end=date.fromisoformat(document["end"]),
            due=date.fromisoformat(document["due"]),
            made_at=datetime.fromisoformat(document["made_at"]),
            on_time=bool(document["on_time"]),
            sales=sales,
            refunds=Refunds(
                count=document["refunds"]["count"],
                amount=Money.of_yuan(document["refunds"]["amount"]),
                by_reason=_loads(RefundReasonRow, document["refunds"]["by_reason"]),
            ),
            customers=Customers(
                buyers=customers["buyers"],
                new=customers["new"],
                repeat=customers["repeat"],
                segments=_loads(SegmentRow, customers["segments"]),
                provinces=_loads(SalesRow, customers["provinces"]),
                province_buyers=tuple(
                    (row["province"], row["buyers"]) for row in customers["province_buyers"]
                ),
                hours=_loads(SalesRow, customers["hours"]),
            ),
            top_skus=tuple(
                SalesRow(row["sku"], row["orders"], row["units"], Money.of_yuan(row["amount"]))
                for row in document["top_skus"]
            ),
            sales_by={
                name: _loads(SalesRow, document["sales_by"][name]) for name in SALES_BREAKDOWNS
            },
            analysis=Analysis(
                previous_period=analysis["previous_period"],
                previous=_load(SalesFigures, analysis["previous"]),
                year_before_period=analysis["year_before_period"],
                year_before=_load(SalesFigures, analysis["year_before"]),
                falling_skus=_loads(SkuChange, analysis["falling_skus"]),
                price_bands=_loads(PriceBandRow, analysis["price_bands"]),
                guided_units=markup["units"],
                guided_amount=Money.of_yuan(markup["amount"]),
                guide_amount=Money.of_yuan(markup["guide_amount"]),
                violations=_loads(ViolationRow, analysis["violations"]),
            ),
            returns=Returns(
                by_sku=_loads(ReturnRow, returns["by_sku"]),
                by_reason=_loads(ReasonRow, returns["by_reason"]),
            ),
            inventory=Inventory(
                as_of=datetime.fromisoformat(inventory["as_of"]),
                list_as_of=(
                    datetime.fromisoformat(inventory["list_as_of"])
                    if inventory["list_as_of"] is not None
                    else None
                ),
                rows=_loads(StockRow, inventory["rows"]),
            ),
            browsing=Browsing(
                available=bool(document["browsing"]["available"]),
                note_zh=document["browsing"]["note_zh"],
                note_en=document["browsing"]["note_en"],
            ),
        )


_Row = TypeVar("_Row")


def _value(value: object) -> object:
    return value.yuan_text() if isinstance(value, Money) else value


def _plain(row: object) -> dict[str, Any]:
    """A row's fields as JSON values (money as yuan text), in their order."""
    return {item.name: _value(getattr(row, item.name)) for item in fields(row)}  # type: ignore[arg-type]


def _rows(rows: Sequence[object]) -> list[dict[str, Any]]:
    return [_plain(row) for row in rows]


def _load(kind: type[_Row], values: Mapping[str, Any]) -> _Row:
    """A row from its JSON: a field typed Money (or Money | None) read from yuan text."""
    read: dict[str, Any] = {}
    for item in fields(kind):  # type: ignore[arg-type]
        value = values.get(item.name)
        money = isinstance(item.type, str) and item.type.startswith("Money")
        read[item.name] = Money.of_yuan(value) if money and value is not None else value
    return kind(**read)


def _loads(kind: type[_Row], rows: Sequence[Mapping[str, Any]]) -> tuple[_Row, ...]:
    return tuple(_load(kind, row) for row in rows)
