"""The brand's own operating data read for export (issue 20 point 4, R-R3).

Each dataset is one SELECT of the brand's rows only (joined to its brand through the store or
the contract, R-D2), in a stable order, read with a server-side cursor (`stream_results`) and
handed on `batch_size` rows at a time: PostgreSQL sends the rows as they are fetched, and
nothing holds the whole set. The columns are those of domain/brand_data.py, in its order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Select, and_, select

from daiyun.adapters.db.fee_bill_tables import fee_bill, fee_bill_version
from daiyun.adapters.db.tables import (
    brand,
    contract,
    order_line,
    refund,
    sales_order,
    statement,
    statement_line,
    statement_version,
    store,
)
from daiyun.domain.brand_data import Dataset
from daiyun.domain.calendar import SHANGHAI

__all__ = ["SqlBrandDataQueries"]

Row = tuple[object, ...]
_Query = Select[Any]


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=SHANGHAI)


class SqlBrandDataQueries:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def brand_exists(self, brand_code: str) -> bool:
        found = self._connection.execute(select(brand.c.id).where(brand.c.code == brand_code))
        return found.first() is not None

    def batches(
        self,
        dataset: Dataset,
        *,
        brand_code: str,
        paid_from: date | None,
        paid_to: date | None,
        batch_size: int,
    ) -> Iterator[Sequence[Row]]:
        query = _QUERIES[dataset](brand_code, paid_from, paid_to)
        result = self._connection.execution_options(
            stream_results=True, yield_per=batch_size
        ).execute(query)
        try:
            for partition in result.partitions(batch_size):
                yield [tuple(row) for row in partition]
        finally:
            result.close()


def _paid_between(query: _Query, paid_from: date | None, paid_to: date | None) -> _Query:
    """The orders paid from `paid_from` to `paid_to`, Beijing days, both included."""
    if paid_from is not None:
        query = query.where(sales_order.c.paid_at >= _day_start(paid_from))
    if paid_to is not None:
        query = query.where(sales_order.c.paid_at < _day_start(paid_to + timedelta(days=1)))
    return query


def _months_between(
    query: _Query, month_column: Any, paid_from: date | None, paid_to: date | None
) -> _Query:
    """The months the range touches (statements and bills are monthly)."""
    if paid_from is not None:
        query = query.where(month_column >= f"{paid_from:%Y-%m}")
    if paid_to is not None:
        query = query.where(month_column <= f"{paid_to:%Y-%m}")
    return query


_ORDERS_OF_BRAND = sales_order.join(store, store.c.id == sales_order.c.store_id).join(
    brand, brand.c.id == store.c.brand_id
)


def _orders(brand_code: str, paid_from: date | None, paid_to: date | None) -> _Query:
    o = sales_order.c
    query = (
        select(
            o.order_no,
            store.c.code,
            o.platform,
            o.status,
            o.created_at,
            o.paid_at,
            o.shipped_at,
            o.completed_at,
            o.closed_at,
            o.total_fen,
            o.paid_fen,
            o.shipping_fen,
            o.refund_fen,
            o.buyer_key,
            o.province,
            o.city,
        )
        .select_from(_ORDERS_OF_BRAND)
        .where(brand.c.code == brand_code)
        .order_by(o.id)
    )
    return _paid_between(query, paid_from, paid_to)


def _lines(brand_code: str, paid_from: date | None, paid_to: date | None) -> _Query:
    o, line = sales_order.c, order_line.c
    query = (
        select(
            o.order_no,
            store.c.code,
            o.platform,
            o.paid_at,
            line.line_no,
            line.sku_code,
            line.title,
            line.units,
            line.unit_price_fen,
            line.line_amount_fen,
            line.guide_price_fen,
            line.price_check,
            line.status,
            line.completed_at,
            line.refund_units,
            line.refund_fen,
            line.refund_reason,
            line.refunded_at,
        )
        .select_from(_ORDERS_OF_BRAND.join(order_line, order_line.c.order_id == o.id))
        .where(brand.c.code == brand_code)
        .order_by(line.id)
    )
    return _paid_between(query, paid_from, paid_to)


def _refunds(brand_code: str, paid_from: date | None, paid_to: date | None) -> _Query:
    o, r = sales_order.c, refund.c
    query = (
        select(
            o.order_no,
            store.c.code,
            o.platform,
            o.paid_at,
            order_line.c.line_no,
            r.refund_key,
            r.units,
            r.amount_fen,
            r.reason,
            r.status,
            r.completed_at,
        )
        .select_from(
            _ORDERS_OF_BRAND.join(refund, r.order_id == o.id).outerjoin(
                order_line, order_line.c.id == r.order_line_id
            )
        )
        .where(brand.c.code == brand_code)
        .order_by(r.id)
    )
    return _paid_between(query, paid_from, paid_to)


def _statements(brand_code: str, paid_from: date | None, paid_to: date | None) -> _Query:
    s, v, line = statement.c, statement_version.c, statement_line.c
    query = (
        select(
            contract.c.code,
            s.month,
            s.status,
            v.version,
            v.is_issued,
            v.commission_rate,
            v.sales_fen,
            v.settlement_value_fen,
            v.commission_fen,
            v.remittance_fen,
            line.position,
            line.kind,
            line.rule,
            line.order_no,
            line.line_no,
            line.sku,
            line.category,
            line.platform,
            line.at,
            line.settlement_unit_price_fen,
            line.fee_rate,
            line.refund_reason,
            line.units,
            line.returned_units,
            line.sales_fen,
            line.returned_fen,
            line.concession_fen,
            line.brand_deduction_fen,
            line.settlement_value_fen,
            line.spread_fen,
            line.platform_fee_fen,
            line.shipping_income_fen,
            line.price_violations,
        )
        .select_from(
            statement.join(contract, contract.c.id == s.contract_id)
            .join(brand, brand.c.id == contract.c.brand_id)
            .join(statement_version, v.statement_id == s.id)
            .join(statement_line, line.version_id == v.id)
        )
        .where(brand.c.code == brand_code)
        .order_by(contract.c.code, s.month, v.version, line.position)
    )
    return _months_between(query, s.month, paid_from, paid_to)


def _bills(brand_code: str, paid_from: date | None, paid_to: date | None) -> _Query:
    b, v = fee_bill.c, fee_bill_version.c
    query = (
        select(
            contract.c.code,
            b.month,
            b.status,
            v.version,
            v.trade_income_fen,
            v.refunds_paid_out_fen,
            v.receipts_fen,
            v.carried_in_fen,
            v.commission_base_fen,
            v.carried_out_fen,
            v.commission_fen,
            v.vat_fen,
            v.income_lines,
            v.refund_lines,
            v.issue_by,
            v.payment_due,
            v.issued_on,
            v.answer,
            v.answered_on,
        )
        .select_from(
            fee_bill.join(contract, contract.c.id == b.contract_id)
            .join(brand, brand.c.id == contract.c.brand_id)
            .join(fee_bill_version, and_(v.bill_id == b.id))
        )
        .where(brand.c.code == brand_code)
        .order_by(contract.c.code, b.month, v.version)
    )
    return _months_between(query, b.month, paid_from, paid_to)


_QUERIES = {
    Dataset.ORDERS: _orders,
    Dataset.LINES: _lines,
    Dataset.REFUNDS: _refunds,
    Dataset.STATEMENTS: _statements,
    Dataset.BILLS: _bills,
}
