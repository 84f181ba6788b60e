"""The reports' aggregates and records (issue 20, R-R1, R-R2), SQLAlchemy Core.

Rows are sorted in Python by their keys' code points (SQLite's order; PostgreSQL's collation
would order Chinese differently), so both databases give the same report.

Every figure is a GROUP BY on the database: no order line is brought into Python, so a period
of a million lines is read in bounded memory. A period's orders are those of the contract's
stores paid in [start, end) — whatever became of them later — and their lines' actual amounts,
shipping excluded. Days and hours are Beijing time (UTC+8 all year since 1991): `+8 hours` on
SQLite's UTC text, `AT TIME ZONE 'Asia/Shanghai'` on PostgreSQL, the same results on both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    distinct,
    func,
    literal,
    select,
)
from sqlalchemy.exc import IntegrityError

from daiyun.adapters.db.fulfilment_tables import return_request
from daiyun.adapters.db.report_tables import made_report
from daiyun.adapters.db.tables import (
    brand,
    contract,
    order_line,
    refund,
    sales_order,
    sku,
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

    # — the period's orders —

    def _stores(self, contract_code: str) -> Select[Any]:
        return (
            select(store.c.id)
            .join(contract, contract.c.id == store.c.contract_id)
            .where(contract.c.code == contract_code)
        )

    def _paid_in(self, contract_code: str, span: Period) -> ColumnElement[bool]:
        return and_(
            _ORDER.store_id.in_(self._stores(contract_code)),
            _ORDER.paid_at >= span.start,
            _ORDER.paid_at < span.end,
        )

    def _day(self, moment: Any) -> ColumnElement[str]:
        if self._sqlite:
            return func.strftime("%Y-%m-%d", moment, "+8 hours")
        return func.to_char(func.timezone("Asia/Shanghai", moment), "YYYY-MM-DD")

    def _hour(self, moment: Any) -> ColumnElement[str]:
        if self._sqlite:
            return func.strftime("%H", moment, "+8 hours")
        return func.to_char(func.timezone("Asia/Shanghai", moment), "HH24")

    def _key(self, breakdown: str) -> tuple[ColumnElement[Any], bool, bool]:
        """The key's expression, whether it needs the store, whether the catalogue's SKU."""
        if breakdown == "sku":
            return func.coalesce(_LINE.sku_code, ""), False, False
        if breakdown == "category":
            return func.coalesce(sku.c.category, ""), False, True
        if breakdown == "store":
            return store.c.code, True, False
        if breakdown == "platform":
            return _ORDER.platform, False, False
        if breakdown == "province":
            return func.coalesce(_ORDER.province, ""), False, False
        if breakdown == "day":
            return self._day(_ORDER.paid_at), False, False
        if breakdown == "hour":
            return self._hour(_ORDER.paid_at), False, False
        raise ValueError(f"no sales breakdown {breakdown!r}")

    def sales(self, contract_code: str, span: Period) -> SalesFigures:
        """Orders paid in the span, their lines' units and amounts (shipping excluded)."""
        row = self._connection.execute(
            select(
                func.count(distinct(_ORDER.id)),
                func.coalesce(func.sum(_LINE.units), 0),
                func.coalesce(func.sum(_LINE.line_amount_fen), 0),
            )
            .select_from(sales_order.outerjoin(order_line, _LINE.order_id == _ORDER.id))
            .where(self._paid_in(contract_code, span))
        ).one()
        return SalesFigures(int(row[0]), int(row[1]), Money(int(row[2])))

    def sales_by(self, contract_code: str, span: Period, breakdown: str) -> list[SalesRow]:
        """The span's sales by one key, by key. Units and amounts of the rows sum to the
        span's; an order counts once in each row it has lines in."""
        key, by_store, by_sku = self._key(breakdown)
        joined = sales_order.outerjoin(order_line, _LINE.order_id == _ORDER.id)
        if by_store or by_sku:
            joined = joined.join(store, store.c.id == _ORDER.store_id)
        if by_sku:
            joined = joined.outerjoin(
                sku, and_(sku.c.brand_id == store.c.brand_id, sku.c.code == _LINE.sku_code)
            )
        labelled = key.label("key")
        query = (
            select(
                labelled,
                func.count(distinct(_ORDER.id)),
                func.coalesce(func.sum(_LINE.units), 0),
                func.coalesce(func.sum(_LINE.line_amount_fen), 0),
            )
            .select_from(joined)
            .where(self._paid_in(contract_code, span))
            .group_by(labelled)
        )
        return sorted(
            SalesRow(str(row[0]), int(row[1]), int(row[2]), Money(int(row[3])))
            for row in self._connection.execute(query)
        )

    def order_sales(
        self, contract_code: str, span: Period
    ) -> tuple[SalesFigures, dict[str, list[SalesRow]]]:
        """The span's total and its breakdowns by the order's own keys (store, platform,
        province, day, hour) — the same figures as `sales` and `sales_by` — from two grouped
        scans by cell (store, platform, province and the UTC hour paid): the cells' orders from
        the orders alone, their units and amounts from the lines. An order lies in exactly one
        cell, so the cells add up to every breakdown (Beijing keeps UTC+8 to the whole hour, so
        a UTC hour is one Beijing day and hour)."""
        hour = self._utc_hour(_ORDER.paid_at).label("utc_hour")
        province = func.coalesce(_ORDER.province, "").label("province")
        cell = (store.c.code.label("store"), _ORDER.platform.label("platform"), province, hour)
        keys = [each.element for each in cell]
        with_store = sales_order.join(store, store.c.id == _ORDER.store_id)
        paid_in = self._paid_in(contract_code, span)
        cells: dict[tuple[str, str, str, str], list[int]] = {}
        for row in self._connection.execute(
            select(*cell, func.count()).select_from(with_store).where(paid_in).group_by(*keys)
        ):
            cells[_cell_key(row)] = [int(row[4]), 0, 0]
        for row in self._connection.execute(
            select(*cell, func.sum(_LINE.units), func.sum(_LINE.line_amount_fen))
            .select_from(with_store.join(order_line, _LINE.order_id == _ORDER.id))
            .where(paid_in)
            .group_by(*keys)
        ):
            figures = cells[_cell_key(row)]
            figures[1] += int(row[4] or 0)
            figures[2] += int(row[5] or 0)
        names = ("store", "platform", "province", "day", "hour")
        sums: dict[str, dict[str, list[int]]] = {name: {} for name in names}
        total = [0, 0, 0]
        for (store_code, platform, province_name, utc_hour), figures in cells.items():
            local = _utc_hour_of(utc_hour).astimezone(SHANGHAI)
            keys_of = (
                store_code, platform, province_name, local.date().isoformat(), f"{local.hour:02d}"
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

    def _utc_hour(self, moment: Any) -> ColumnElement[Any]:
        """The UTC hour of a moment, as text 'YYYY-MM-DD HH' on SQLite (it keeps naive UTC
        text) and a timestamp on PostgreSQL."""
        if self._sqlite:
            return func.strftime("%Y-%m-%d %H", moment)
        return func.date_trunc("hour", func.timezone("UTC", moment))

    def line_figures(self, contract_code: str, span: Period) -> LineFigures:
        """The span's lines by SKU in two passes (issue 20 point 5: instead of five) —
        each SKU's orders (distinct), units, amount and lines, and per SKU the conditional
        sums the analysis adds up across SKUs: the lines of each price band, of each price
        check, and the units, amount and guide amount of the lines with a guide price. The
        figures are those of a query per section: bands and checks are sums over lines, so
        the SKUs' sums add up to them exactly."""
        line = _LINE.order_id.is_not(None)  # the outer join's order without lines has none
        price = _LINE.unit_price_fen
        columns: list[ColumnElement[Any]] = [
            func.coalesce(_LINE.sku_code, "").label("key"),
            func.coalesce(func.sum(_LINE.units), 0),
            func.coalesce(func.sum(_LINE.line_amount_fen), 0),
            func.count(_LINE.order_id),
        ]
        guided = and_(line, _LINE.guide_price_fen.is_not(None))
        columns += [
            _sum_when(guided, _LINE.units),
            _sum_when(guided, _LINE.line_amount_fen),
            _sum_when(guided, _LINE.guide_price_fen * _LINE.units),
        ]
        # A band as the report's CASE puts a line in it: under its high bound and not under
        # the band before's (the first band takes every price under its bound).
        highs = [band.high for band in PRICE_BANDS]
        for index, band in enumerate(PRICE_BANDS):
            bounds: list[ColumnElement[bool]] = [line]
            if band.high is not None:
                bounds.append(price < band.high.fen)
            below = highs[index - 1] if index else None
            if below is not None:
                bounds.append(price >= below.fen)
            inside = and_(*bounds)
            columns += [_sum_when(inside, 1), _sum_when(inside, _LINE.units)]
            columns.append(_sum_when(inside, _LINE.line_amount_fen))
        for check in PriceCheck:
            checked = and_(line, _LINE.price_check == check.value)
            columns += [_sum_when(checked, 1), _sum_when(checked, _LINE.units)]
            columns.append(_sum_when(checked, _LINE.line_amount_fen))
        # Two scans: the sums (no DISTINCT, so the database may aggregate in parallel), and
        # each SKU's orders counted once (an order without lines under "", as sales_by).
        key = columns[0]
        paid_in = self._paid_in(contract_code, span)
        summed = (
            select(*columns)
            .select_from(sales_order.join(order_line, _LINE.order_id == _ORDER.id))
            .where(paid_in)
            .group_by(key)
        )
        counted = (
            select(key, func.count(distinct(_ORDER.id)))
            .select_from(sales_order.outerjoin(order_line, _LINE.order_id == _ORDER.id))
            .where(paid_in)
            .group_by(key)
        )
        orders = {str(row[0]): int(row[1]) for row in self._connection.execute(counted)}
        by_sku: list[SalesRow] = []
        lines: list[tuple[str, int]] = []
        sums = [0] * (3 + 3 * len(PRICE_BANDS) + 3 * len(PriceCheck))
        for row in self._connection.execute(summed):
            values = [int(value or 0) for value in row[1:]]
            code = str(row[0])
            by_sku.append(SalesRow(code, orders.pop(code, 0), values[0], Money(values[1])))
            if values[2]:
                lines.append((code, values[2]))
            for index, value in enumerate(values[3:]):
                sums[index] += value
        # Orders of the span without lines: their key's row, no units, no amount.
        by_sku += [SalesRow(code, count, 0, Money.zero()) for code, count in orders.items()]
        guided_units, guided_fen, guide_fen = sums[:3]
        at = 3
        bands = []
        for band in PRICE_BANDS:
            count, units, fen = sums[at : at + 3]
            bands.append(PriceBandRow(band.name, band.low, band.high, count, units, Money(fen)))
            at += 3
        checks = []
        for check in PriceCheck:
            count, units, fen = sums[at : at + 3]
            if count:
                checks.append(ViolationRow(check.value, count, units, Money(fen)))
            at += 3
        return LineFigures(
            by_sku=tuple(sorted(by_sku)),
            lines_by_sku=tuple(sorted(lines)),
            price_bands=tuple(bands),
            violations=tuple(sorted(checks)),
            guided_units=guided_units,
            guided_amount=Money(guided_fen),
            guide_amount=Money(guide_fen),
        )

    # — customers —

    def province_buyers(self, contract_code: str, span: Period) -> list[tuple[str, int]]:
        """Distinct buyers of the span's orders by province ("" when unknown)."""
        # Each (province, buyer) once by a grouping, then counted: hashed, not sorted as a
        # COUNT(DISTINCT) is — the same counts.
        key = func.coalesce(_ORDER.province, "").label("key")
        pairs = (
            select(key, _ORDER.buyer_key)
            .where(self._paid_in(contract_code, span), _ORDER.buyer_key.is_not(None))
            .group_by(key, _ORDER.buyer_key)
            .subquery()
        )
        query = select(pairs.c.key, func.count()).group_by(pairs.c.key)
        return sorted((str(row[0]), int(row[1])) for row in self._connection.execute(query))

    def customers(
        self, contract_code: str, span: Period, cutoffs: RfmCutoffs
    ) -> tuple[int, int, list[SegmentRow]]:
        """In one pass over the contract's orders paid before the span's end, grouped by buyer:
        the span's distinct buyer keys, how many of them had a paid order before the span
        (repeat), and every buyer by RFM segment (the CASE is domain/reports/segments.py's
        rfm_segment; `cutoffs` counted back from the span's end)."""
        per_buyer = (
            select(
                func.max(case((_ORDER.paid_at >= span.start, 1), else_=0)).label("in_span"),
                func.min(_ORDER.paid_at).label("first_paid"),
                func.max(_ORDER.paid_at).label("last_paid"),
                func.count(distinct(_ORDER.id)).label("orders"),
                func.coalesce(func.sum(_LINE.line_amount_fen), 0).label("fen"),
            )
            .select_from(sales_order.outerjoin(order_line, _LINE.order_id == _ORDER.id))
            .where(
                _ORDER.store_id.in_(self._stores(contract_code)),
                _ORDER.paid_at < span.end,
                _ORDER.buyer_key.is_not(None),
            )
            .group_by(_ORDER.buyer_key)
            .subquery()
        )
        last, orders = per_buyer.c.last_paid, per_buyer.c.orders
        segment = case(
            (and_(last >= cutoffs.recent, orders >= 3), literal("champions")),
            (and_(last >= cutoffs.middle, orders >= 2), literal("loyal")),
            (last >= cutoffs.recent, literal("new")),
            (last >= cutoffs.middle, literal("promising")),
            (last >= cutoffs.old, literal("at_risk")),
            else_=literal("lost"),
        ).label("segment")
        repeat = and_(per_buyer.c.in_span == 1, per_buyer.c.first_paid < span.start)
        query = select(
            segment,
            func.count(),
            func.sum(orders),
            func.sum(per_buyer.c.fen),
            func.sum(per_buyer.c.in_span),
            _sum_when(repeat, 1),
        ).group_by(segment)
        buyers = repeat_buyers = 0
        rows = []
        for row in self._connection.execute(query):
            rows.append(SegmentRow(str(row[0]), int(row[1]), int(row[2]), Money(int(row[3]))))
            buyers += int(row[4] or 0)
            repeat_buyers += int(row[5] or 0)
        return buyers, repeat_buyers, rows

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


def _cell_key(row: Any) -> tuple[str, str, str, str]:
    """A cell of order_sales: store, platform, province, and its UTC hour as text."""
    return (str(row[0]), str(row[1]), str(row[2]), str(row[3]))


def _utc_hour_of(text: str) -> datetime:
    """The moment of a cell's UTC hour: SQLite's 'YYYY-MM-DD HH', PostgreSQL's timestamp as
    text 'YYYY-MM-DD HH:00:00'."""
    return datetime.strptime(text[:13], "%Y-%m-%d %H").replace(tzinfo=UTC)


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
