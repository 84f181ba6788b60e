"""The reports' aggregates and records (issue 20, R-R1, R-R2), SQLAlchemy Core.

Rows are sorted in Python by their keys' code points (SQLite's order; PostgreSQL's collation
would order Chinese differently), so both databases give the same report.

Every sales and customer figure is a GROUP BY over the sales rollups (rollup_tables.py: the
orders' sums by store and Beijing day or UTC hour, kept as orders are imported), never over the
order lines: a month of a million lines is a few thousand rows by SKU, day or hour (the rollup by
buyer has a row per buyer and day). A period's orders are those of the contract's stores paid
in [start, end) — whatever became of them later — and their lines' actual amounts, shipping
excluded; a period is whole Beijing days (UTC+8 all year since 1991).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    func,
    literal,
    select,
)
from sqlalchemy.exc import IntegrityError

from daiyun.adapters.db.fulfilment_tables import return_request
from daiyun.adapters.db.report_tables import made_report
from daiyun.adapters.db.rollup_tables import (
    sales_buyer_day,
    sales_category_day,
    sales_hour,
    sales_price_day,
    sales_sku_day,
)
from daiyun.adapters.db.tables import (
    brand,
    contract,
    order_line,
    refund,
    sales_order,
    store,
)
from daiyun.domain.calendar import SHANGHAI, Period
from daiyun.domain.money import Money
from daiyun.domain.pricing.checks import PriceCheck
from daiyun.domain.reports.document import (
    LineFigures,
    PriceBandRow,
    ReasonRow,
    RefundReasonRow,
    ReturnRow,
    SalesFigures,
    SalesRow,
    SegmentRow,
    ViolationRow,
)
from daiyun.domain.reports.periods import ReportKind
from daiyun.domain.reports.record import MadeReport
from daiyun.domain.reports.segments import PRICE_BANDS, RfmCutoffs

__all__ = ["SqlReportRepository", "tune_for_aggregates"]

_ORDER, _LINE = sales_order.c, order_line.c


class SqlReportRepository:
    """A contract's period aggregates, and the reports made."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._sqlite = connection.dialect.name == "sqlite"

    # — the period's orders, from the sales rollups —

    def _stores(self, contract_code: str) -> Select[Any]:
        return (
            select(store.c.id)
            .join(contract, contract.c.id == store.c.contract_id)
            .where(contract.c.code == contract_code)
        )

    def _in(self, table: Any, contract_code: str, span: Period) -> ColumnElement[bool]:
        """The rollup's rows of the contract's stores in the span: its days, or its hours."""
        if "paid_hour" in table.c:
            first, end = (int(moment.timestamp()) // 3600 for moment in (span.start, span.end))
            ranged = and_(table.c.paid_hour >= first, table.c.paid_hour < end)
        else:
            first_day, end_day = _days(span)
            ranged = and_(table.c.paid_on >= first_day, table.c.paid_on < end_day)
        return and_(table.c.store_id.in_(self._stores(contract_code)), ranged)

    def sales(self, contract_code: str, span: Period) -> SalesFigures:
        """Orders paid in the span, their lines' units and amounts (shipping excluded)."""
        row = self._connection.execute(
            select(
                func.coalesce(func.sum(sales_hour.c.orders), 0),
                func.coalesce(func.sum(sales_hour.c.units), 0),
                func.coalesce(func.sum(sales_hour.c.amount_fen), 0),
            ).where(self._in(sales_hour, contract_code, span))
        ).one()
        return SalesFigures(int(row[0]), int(row[1]), Money(int(row[2])))

    def sales_by(self, contract_code: str, span: Period, breakdown: str) -> list[SalesRow]:
        """The span's sales by one key, by key. Units and amounts of the rows sum to the
        span's; an order counts once in each row it has lines in."""
        if breakdown in _ORDER_KEYS:
            return self.order_sales(contract_code, span)[1][breakdown]
        if breakdown not in ("sku", "category"):
            raise ValueError(f"no sales breakdown {breakdown!r}")
        table = sales_sku_day if breakdown == "sku" else sales_category_day
        key = table.c.sku_code if breakdown == "sku" else table.c.category
        query = (
            select(
                key,
                func.sum(table.c.orders),
                func.sum(table.c.units),
                func.sum(table.c.amount_fen),
            )
            .where(self._in(table, contract_code, span))
            .group_by(key)
        )
        return sorted(
            SalesRow(str(row[0]), int(row[1]), int(row[2]), Money(int(row[3])))
            for row in self._connection.execute(query)
        )

    def order_sales(
        self, contract_code: str, span: Period
    ) -> tuple[SalesFigures, dict[str, list[SalesRow]]]:
        """The span's total and its breakdowns by the order's own keys (store, platform,
        province, day, hour) — the same figures as `sales` and `sales_by` — from the rollup by
        cell (store, platform, province and the UTC hour paid). An order lies in exactly one
        cell, so the cells add up to every breakdown (Beijing keeps UTC+8 to the whole hour, so
        a UTC hour is one Beijing day and hour)."""
        cell = (store.c.code, sales_hour.c.platform, sales_hour.c.province, sales_hour.c.paid_hour)
        query = (
            select(
                *cell,
                func.sum(sales_hour.c.orders),
                func.sum(sales_hour.c.units),
                func.sum(sales_hour.c.amount_fen),
            )
            .join(store, store.c.id == sales_hour.c.store_id)
            .where(self._in(sales_hour, contract_code, span))
            .group_by(*cell)
        )
        names = ("store", "platform", "province", "day", "hour")
        sums: dict[str, dict[str, list[int]]] = {name: {} for name in names}
        total = [0, 0, 0]
        for store_code, platform, province_name, paid_hour, *values in self._connection.execute(
            query
        ):
            figures = [int(value) for value in values]
            local = datetime.fromtimestamp(int(paid_hour) * 3600, UTC).astimezone(SHANGHAI)
            keys_of = (
                str(store_code), str(platform), str(province_name), local.date().isoformat(),
                f"{local.hour:02d}",
            )  # fmt: skip
            for name, key in zip(names, keys_of, strict=True):
                found = sums[name].setdefault(key, [0, 0, 0])
                for index in range(3):
                    found[index] += figures[index]
            for index in range(3):
                total[index] += figures[index]
        rows = {
            name: sorted(
                SalesRow(key, orders, units, Money(fen))
                for key, (orders, units, fen) in by_key.items()
            )
            for name, by_key in sums.items()
        }
        return SalesFigures(total[0], total[1], Money(total[2])), rows

    def line_figures(self, contract_code: str, span: Period) -> LineFigures:
        """The span's lines by SKU — each SKU's orders (an order once), units, amount and
        lines, and the units, amount and guide amount of its lines with a guide price — and by
        unit price and price check, from which the price bands (a line in the first band its
        price is under the high bound of) and the price checks are added up."""
        skus = sales_sku_day.c
        by_sku: list[SalesRow] = []
        lines: list[tuple[str, int]] = []
        guided = [0, 0, 0]
        query = (
            select(skus.sku_code, *(func.sum(skus[name]) for name in _SKU_SUMS))
            .where(self._in(sales_sku_day, contract_code, span))
            .group_by(skus.sku_code)
        )
        for code, orders, units, fen, count, *markup in self._connection.execute(query):
            by_sku.append(SalesRow(str(code), int(orders), int(units), Money(int(fen))))
            if int(count):
                lines.append((str(code), int(count)))
            for index, value in enumerate(markup):
                guided[index] += int(value)
        prices = sales_price_day.c
        bands = {band.name: [0, 0, 0] for band in PRICE_BANDS}
        checks: dict[str, list[int]] = {}
        query = (
            select(
                prices.unit_price_fen,
                prices.price_check,
                func.sum(prices.lines),
                func.sum(prices.units),
                func.sum(prices.amount_fen),
            )
            .where(self._in(sales_price_day, contract_code, span))
            .group_by(prices.unit_price_fen, prices.price_check)
        )
        for price, check, *values in self._connection.execute(query):
            figures = [int(value) for value in values]
            band = next(b for b in PRICE_BANDS if b.high is None or int(price) < b.high.fen)
            for found in (bands[band.name], checks.setdefault(str(check), [0, 0, 0])):
                for index in range(3):
                    found[index] += figures[index]
        known = {check.value for check in PriceCheck}
        return LineFigures(
            by_sku=tuple(sorted(by_sku)),
            lines_by_sku=tuple(sorted(lines)),
            price_bands=tuple(_band(band, *bands[band.name]) for band in PRICE_BANDS),
            violations=tuple(
                sorted(
                    ViolationRow(check, count, units, Money(fen))
                    for check, (count, units, fen) in checks.items()
                    if check in known and count
                )
            ),
            guided_units=guided[0],
            guided_amount=Money(guided[1]),
            guide_amount=Money(guided[2]),
        )

    # — customers —

    def province_buyers(self, contract_code: str, span: Period) -> list[tuple[str, int]]:
        """Distinct buyers of the span's orders by province ("" when unknown)."""
        # Each (province, buyer) once by a grouping, then counted: hashed, not sorted as a
        # COUNT(DISTINCT) is — the same counts.
        buyers = sales_buyer_day.c
        pairs = (
            select(buyers.province.label("key"), buyers.buyer_key)
            .where(self._in(sales_buyer_day, contract_code, span))
            .group_by(buyers.province, buyers.buyer_key)
            .subquery()
        )
        query = select(pairs.c.key, func.count()).group_by(pairs.c.key)
        return sorted((str(row[0]), int(row[1])) for row in self._connection.execute(query))

    def customers(
        self, contract_code: str, span: Period, cutoffs: RfmCutoffs
    ) -> tuple[int, int, list[SegmentRow]]:
        """In one pass over the contract's buyers' days paid before the span's end, grouped by
        buyer: the span's distinct buyer keys, how many of them had a paid order before the
        span (repeat), and every buyer by RFM segment (the CASE is domain/reports/segments.py's
        rfm_segment; `cutoffs` counted back from the span's end, whole Beijing days)."""
        buyers = sales_buyer_day.c
        first_day, end_day = _days(span)
        per_buyer = (
            select(
                func.max(case((buyers.paid_on >= first_day, 1), else_=0)).label("in_span"),
                func.min(buyers.paid_on).label("first_paid"),
                func.max(buyers.paid_on).label("last_paid"),
                func.sum(buyers.orders).label("orders"),
                func.sum(buyers.amount_fen).label("fen"),
            )
            .where(buyers.store_id.in_(self._stores(contract_code)), buyers.paid_on < end_day)
            .group_by(buyers.buyer_key)
            .subquery()
        )
        last, orders = per_buyer.c.last_paid, per_buyer.c.orders
        recent, middle, old = (
            _day_of(moment) for moment in (cutoffs.recent, cutoffs.middle, cutoffs.old)
        )
        segment = case(
            (and_(last >= recent, orders >= 3), literal("champions")),
            (and_(last >= middle, orders >= 2), literal("loyal")),
            (last >= recent, literal("new")),
            (last >= middle, literal("promising")),
            (last >= old, literal("at_risk")),
            else_=literal("lost"),
        ).label("segment")
        repeat = and_(per_buyer.c.in_span == 1, per_buyer.c.first_paid < first_day)
        query = select(
            segment,
            func.count(),
            func.sum(orders),
            func.sum(per_buyer.c.fen),
            func.sum(per_buyer.c.in_span),
            _sum_when(repeat, 1),
        ).group_by(segment)
        buyers_in_span = repeat_buyers = 0
        rows = []
        for row in self._connection.execute(query):
            rows.append(SegmentRow(str(row[0]), int(row[1]), int(row[2]), Money(int(row[3]))))
            buyers_in_span += int(row[4] or 0)
            repeat_buyers += int(row[5] or 0)
        return buyers_in_span, repeat_buyers, rows

    @contextmanager
    def customers_beside(
        self, contract_code: str, span: Period, cutoffs: RfmCutoffs
    ) -> Iterator[Callable[[], tuple[int, int, list[SegmentRow]]]]:
        """`customers`, worked out while the caller asks the other sections (issue 20 point 5:
        the buyers' pass is the report's longest). On PostgreSQL a second connection runs it
        in a thread of its own; each statement of a report reads what was committed when it
        began (READ COMMITTED), as the statements on one connection do. SQLite runs it when
        its figures are asked for."""
        if self._sqlite:
            yield lambda: self.customers(contract_code, span, cutoffs)
            return
        with ThreadPoolExecutor(1) as pool, self._connection.engine.connect() as beside:
            tune_for_aggregates(beside)
            pending = pool.submit(
                SqlReportRepository(beside).customers, contract_code, span, cutoffs
            )
            try:
                yield pending.result
            finally:
                wait([pending])  # its connection is ended only once it is done with it
                beside.rollback()

    # — refunds, returns and exchanges —

    def refunds(self, contract_code: str, span: Period) -> list[RefundReasonRow]:
        """Refunds completed in the span by reason ("" when none given)."""
        reason = func.coalesce(refund.c.reason, "").label("reason")
        query = (
            select(reason, func.count(), func.coalesce(func.sum(refund.c.amount_fen), 0))
            .select_from(refund.join(sales_order, _ORDER.id == refund.c.order_id))
            .where(
                _ORDER.store_id.in_(self._stores(contract_code)),
                refund.c.status == "completed",
                refund.c.completed_at >= span.start,
                refund.c.completed_at < span.end,
            )
            .group_by(reason)
        )
        return sorted(
            RefundReasonRow(str(row[0]), int(row[1]), Money(int(row[2])))
            for row in self._connection.execute(query)
        )

    def return_requests(
        self, contract_code: str, first_day: date, last_day: date
    ) -> tuple[list[ReturnRow], list[ReasonRow]]:
        """Accepted return and exchange requests asked in [first_day, last_day], by SKU of
        their line ("" for a whole order) and by reason. `lines_sold` is filled by the caller."""
        request = return_request.c
        joined = return_request.outerjoin(
            order_line, and_(_LINE.order_id == request.order_id, _LINE.line_no == request.line_no)
        )
        where = (
            request.store_id.in_(self._stores(contract_code)),
            request.decision == "accepted",
            request.requested_on >= first_day,
            request.requested_on <= last_day,
        )
        returns = func.sum(case((request.kind == "return", 1), else_=0))
        exchanges = func.sum(case((request.kind == "exchange", 1), else_=0))
        sku_key = func.coalesce(_LINE.sku_code, "").label("key")
        by_sku = sorted(
            ReturnRow(str(row[0]), int(row[1]), int(row[2]), 0)
            for row in self._connection.execute(
                select(sku_key, returns, exchanges)
                .select_from(joined)
                .where(*where)
                .group_by(sku_key)
            )
        )
        by_reason = sorted(
            ReasonRow(str(row[0]), int(row[1]), int(row[2]))
            for row in self._connection.execute(
                select(request.reason, returns, exchanges).where(*where).group_by(request.reason)
            )
        )
        return by_sku, by_reason

    # — the reports made —

    def get(self, contract_code: str, kind: ReportKind, period: str) -> MadeReport | None:
        row = self._connection.execute(
            self._records().where(
                contract.c.code == contract_code,
                made_report.c.kind == kind.value,
                made_report.c.period == period,
            )
        ).first()
        return None if row is None else _record(row)

    def document(self, contract_code: str, kind: ReportKind, period: str) -> dict[str, Any] | None:
        """The recorded document's JSON."""
        text = self._connection.execute(
            select(made_report.c.document)
            .join(contract, contract.c.id == made_report.c.contract_id)
            .where(
                contract.c.code == contract_code,
                made_report.c.kind == kind.value,
                made_report.c.period == period,
            )
        ).scalar()
        return None if text is None else dict(json.loads(text))

    def add(self, record: MadeReport, document: dict[str, Any]) -> bool:
        """Record the report; False (nothing written) when it is recorded already. Two makers
        at once: the unique key lets one in; the other's insert, in a savepoint, is undone."""
        contract_id = self._connection.execute(
            select(contract.c.id).where(contract.c.code == record.contract)
        ).scalar_one()
        values = {
            "contract_id": contract_id,
            "kind": record.kind.value,
            "period": record.period,
            "first_day": record.first_day,
            "last_day": record.last_day,
            "due_on": record.due_on,
            "made_at": record.made_at,
            "made_by": record.made_by,
            "on_time": record.on_time,
            "content_hash": record.content_hash,
            "document": json.dumps(document, ensure_ascii=False, separators=(",", ":")),
        }
        exists = self._connection.execute(
            select(made_report.c.id).where(
                made_report.c.contract_id == contract_id,
                made_report.c.kind == record.kind.value,
                made_report.c.period == record.period,
            )
        ).first()
        if exists is not None:
            return False
        try:
            with self._connection.begin_nested():
                self._connection.execute(made_report.insert().values(**values))
        except IntegrityError:
            return False
        return True

    def of_contracts(self, contract_codes: Sequence[str]) -> list[MadeReport]:
        """Every report made for these contracts (one query), by contract, kind and period."""
        if not contract_codes:
            return []
        query = self._records().where(contract.c.code.in_(list(contract_codes)))
        return [_record(row) for row in self._connection.execute(query)]

    def _records(self) -> Select[Any]:
        return (
            select(
                contract.c.code.label("contract"),
                brand.c.code.label("brand"),
                made_report.c.kind,
                made_report.c.period,
                made_report.c.first_day,
                made_report.c.last_day,
                made_report.c.due_on,
                made_report.c.made_at,
                made_report.c.made_by,
                made_report.c.on_time,
                made_report.c.content_hash,
            )
            .join(contract, contract.c.id == made_report.c.contract_id)
            .join(brand, brand.c.id == contract.c.brand_id)
            .order_by(contract.c.code, made_report.c.kind, made_report.c.first_day)
        )


def _record(row: Any) -> MadeReport:
    return MadeReport(
        contract=row.contract,
        brand=row.brand,
        kind=ReportKind(row.kind),
        period=row.period,
        first_day=row.first_day,
        last_day=row.last_day,
        due_on=row.due_on,
        made_at=row.made_at,
        made_by=row.made_by,
        on_time=bool(row.on_time),
        content_hash=row.content_hash,
    )


def _sum_when(condition: ColumnElement[bool], value: Any) -> ColumnElement[Any]:
    """SUM(CASE WHEN condition THEN value ELSE 0 END): a conditional sum on every database."""
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


_ORDER_KEYS = ("store", "platform", "province", "day", "hour")
_SKU_SUMS = ("orders", "units", "amount_fen", "lines", "guided_units", "guided_fen", "guide_fen")


def _band(band: Any, count: int, units: int, fen: int) -> PriceBandRow:
    return PriceBandRow(band.name, band.low, band.high, count, units, Money(fen))


def _day_of(moment: datetime) -> date:
    """The Beijing day a moment falls on; a report's moments are its days' starts."""
    local = moment.astimezone(SHANGHAI)
    if local.time() != time():
        raise ValueError(f"{moment.isoformat()} is not the start of a Beijing day")
    return local.date()


def _days(span: Period) -> tuple[date, date]:
    """The span's first Beijing day and the day after its last."""
    return _day_of(span.start), _day_of(span.end)


# A report's few big aggregates over a month of lines: on PostgreSQL, sorts and hashes of a
# million rows in memory rather than spilled to disk (the default 4 MB spills them), and no
# JIT compilation (its compile time costs more than it saves on queries this size: measured
# 2.0 -> 0.6 s on one). For this transaction only (SET LOCAL).
_AGGREGATE_SETTINGS = (("work_mem", "64MB"), ("jit", "off"))


def tune_for_aggregates(connection: Connection) -> None:
    """The session settings of a report's transaction (PostgreSQL; SQLite has none to set)."""
    if connection.dialect.name != "postgresql":
        return
    for name, value in _AGGREGATE_SETTINGS:
        connection.execute(select(func.set_config(name, value, True)))
