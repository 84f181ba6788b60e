"""Orders and imported files read for lists and pages: one query per list, one for its count.

Issue 15: searching by an order number's start, a line's SKU code, a line's title or product
name and the buyer's key; sorting by payment time, amount or status. What PostgreSQL uses at
large volumes:

- an order number's start is a range on `order_no` (domain prefix_bounds), which the natural
  key's unique index (order_no first, "C" collation on PostgreSQL, BINARY on SQLite) serves;
- a SKU code's start looks lines up through EXISTS on (order_id, …); an index on
  order_line (sku_code) would serve it directly — not there yet;
- a title's part is an ILIKE '%…%' that no B-tree serves (pg_trgm's GIN index would);
- the buyer's key is an equality on sales_order.buyer_key, unindexed;
- sorting by payment time or amount with the id as tiebreak is a top-N sort of the matching
  rows; indexes (paid_at, id) and (paid_fen, id) would turn a page of the newest orders into
  an index scan — not there yet. Status sorts along the order's life (a CASE), never indexed.

The missing indexes are left for a migration measured against the import benchmark (each costs
every import of new orders).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
)

from daiyun.adapters.db.tables import (
    brand,
    contract,
    contract_term,
    import_file,
    order_line,
    refund,
    sales_order,
    sku,
    statement,
    statement_line,
    statement_recognition,
    statement_version,
    store,
)
from daiyun.domain.money import Money
from daiyun.domain.orders.detail import OrderDetail, OrderFile, OrderRefund, StatementMention
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.orders.search import (
    STATUS_ORDER,
    ImportRecord,
    OrderFilter,
    OrderLineView,
    OrderSort,
    OrderSorting,
    OrderSummary,
    Page,
    prefix_bounds,
)
from daiyun.domain.settlement import LineKind

__all__ = ["SqlOrderQueries"]

_NEWEST_FIRST = OrderSorting()
_ORDER_COLUMNS = (
    brand.c.code.label("brand_code"),
    store.c.code.label("store_code"),
    sales_order.c.id,
    sales_order.c.platform,
    sales_order.c.order_no,
    sales_order.c.status,
    sales_order.c.created_at,
    sales_order.c.paid_at,
    sales_order.c.shipped_at,
    sales_order.c.completed_at,
    sales_order.c.total_fen,
    sales_order.c.paid_fen,
    sales_order.c.shipping_fen,
    sales_order.c.refund_fen,
    sales_order.c.province,
    sales_order.c.city,
)


class SqlOrderQueries:
    """Read-only order lists, filtered in SQL, newest payment first."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _orders(self) -> Select[Any]:
        return (
            select(*_ORDER_COLUMNS)
            .join(store, store.c.id == sales_order.c.store_id)
            .join(brand, brand.c.id == store.c.brand_id)
        )

    def search(
        self, where: OrderFilter, page: Page, sorting: OrderSorting = _NEWEST_FIRST
    ) -> tuple[list[OrderSummary], int]:
        conditions = _conditions(where)
        query = (
            self._orders()
            .where(*conditions)
            .order_by(*_order_by(sorting))
            .offset(page.offset)
            .limit(page.size)
        )
        counted = (
            select(func.count(sales_order.c.id))
            .join(store, store.c.id == sales_order.c.store_id)
            .join(brand, brand.c.id == store.c.brand_id)
            .where(*conditions)
        )
        rows = self._connection.execute(query).all()
        total = int(self._connection.execute(counted).scalar_one())
        return [_summary(row) for row in rows], total

    def each(self, where: OrderFilter, sorting: OrderSorting, limit: int) -> Iterator[OrderSummary]:
        """The matching orders in the list's order, at most `limit`, read in batches."""
        query = self._orders().where(*_conditions(where)).order_by(*_order_by(sorting))
        rows = self._connection.execution_options(yield_per=1000).execute(query.limit(limit))
        for row in rows:
            yield _summary(row)

    def shipping_candidates(
        self,
        brand_codes: tuple[str, ...] | None,
        paid_before: datetime,
        shipped_since: datetime,
        limit: int,
    ) -> list[tuple[OrderSummary, str | None]]:
        """R-F2: paid orders still unshipped since before `paid_before`, and orders shipped
        since `shipped_since` — those that may be late — each with its contract's
        `shipping_sla_hours` term as stored (None: the default); oldest payment first."""
        unshipped = and_(
            sales_order.c.status == OrderStatus.PAID.value,
            sales_order.c.shipped_at.is_(None),
            sales_order.c.paid_at < paid_before,
        )
        shipped = and_(
            sales_order.c.shipped_at >= shipped_since, sales_order.c.paid_at.is_not(None)
        )
        hours = and_(
            contract_term.c.contract_id == store.c.contract_id,
            contract_term.c.name == "shipping_sla_hours",
        )
        query = (
            self._orders()
            .add_columns(contract_term.c.value.label("sla_hours"))
            .outerjoin(contract_term, hours)
            .where(or_(unshipped, shipped))
        )
        if brand_codes is not None:
            query = query.where(brand.c.code.in_(brand_codes))
        rows = self._connection.execute(
            query.order_by(sales_order.c.paid_at, sales_order.c.id).limit(limit)
        )
        return [(_summary(row), row.sla_hours) for row in rows]

    def get(self, store_code: str, order_no: str) -> OrderSummary | None:
        query = self._orders().where(store.c.code == store_code, sales_order.c.order_no == order_no)
        row = self._connection.execute(query).first()
        if row is None:
            return None
        lines = self._connection.execute(
            select(order_line).where(order_line.c.order_id == row.id).order_by(order_line.c.line_no)
        )
        return _summary(row, tuple(_line(each) for each in lines))

    def detail(self, store_code: str, order_no: str) -> OrderDetail | None:
        query = (
            self._orders()
            .add_columns(
                brand.c.name.label("brand_name"),
                store.c.name.label("store_name"),
                contract.c.code.label("contract_code"),
                sales_order.c.buyer_key,
                sales_order.c.closed_at,
                sales_order.c.as_of,
                sales_order.c.source_file,
                sales_order.c.source_row,
            )
            .join(contract, contract.c.id == store.c.contract_id)
            .where(store.c.code == store_code, sales_order.c.order_no == order_no)
        )
        row = self._connection.execute(query).first()
        if row is None:
            return None
        lines = self._connection.execute(
            select(order_line, sku.c.name.label("product_name"))
            .outerjoin(sku, sku.c.id == order_line.c.sku_id)
            .where(order_line.c.order_id == row.id)
            .order_by(order_line.c.line_no)
        ).all()
        sources: dict[str, list[int]] = {}
        for each in [row, *lines]:
            if each.source_file is not None:
                sources.setdefault(each.source_file, [])
                if each.source_row is not None:
                    sources[each.source_file].append(int(each.source_row))
        return OrderDetail(
            order=_summary(row, tuple(_line(each) for each in lines)),
            brand_name=row.brand_name,
            store_name=row.store_name,
            contract_code=row.contract_code,
            buyer_key=row.buyer_key,
            closed_at=row.closed_at,
            as_of=row.as_of,
            product_names={
                int(each.line_no): each.product_name for each in lines if each.product_name
            },
            refunds=self._refunds(int(row.id)),
            files=self._files(store_code, sources),
            statements=self._mentions([int(each.id) for each in lines]),
        )

    def _refunds(self, order_id: int) -> tuple[OrderRefund, ...]:
        rows = self._connection.execute(
            select(refund)
            .where(refund.c.order_id == order_id)
            .order_by(refund.c.completed_at, refund.c.id)
        )
        return tuple(
            OrderRefund(
                line_no=_refund_line(row.refund_key),
                units=int(row.units),
                amount=Money(row.amount_fen),
                reason=row.reason,
                status=row.status,
                completed_at=row.completed_at,
            )
            for row in rows
        )

    def _files(self, store_code: str, sources: dict[str, list[int]]) -> tuple[OrderFile, ...]:
        if not sources:
            return ()
        rows = self._connection.execute(
            select(import_file)
            .join(store, store.c.id == import_file.c.store_id)
            .where(store.c.code == store_code, import_file.c.name.in_(sorted(sources)))
            .order_by(import_file.c.imported_at, import_file.c.id)
        )
        found = []
        for row in rows:
            rows_of = tuple(sorted(set(sources.get(row.name, ()))))
            found.append(
                OrderFile(row.name, row.format, row.as_of, row.imported_at, row.actor, rows_of)
            )
        return tuple(found)

    def _mentions(self, line_ids: list[int]) -> tuple[StatementMention, ...]:
        if not line_ids:
            return ()
        # R-S1: a sale line is recognised by the issued version that holds it.
        recognised = and_(
            statement_line.c.kind == LineKind.SALE.value,
            statement_recognition.c.order_line_id == statement_line.c.order_line_id,
            statement_recognition.c.version_id == statement_line.c.version_id,
        )
        query = (
            select(
                order_line.c.line_no,
                contract.c.code.label("contract_code"),
                statement.c.month,
                statement_version.c.version,
                statement_line.c.kind,
                statement_line.c.rule,
                statement.c.status,
                statement_version.c.issued_at,
                exists().where(recognised).label("recognised"),
            )
            .select_from(statement_line)
            .join(order_line, order_line.c.id == statement_line.c.order_line_id)
            .join(statement_version, statement_version.c.id == statement_line.c.version_id)
            .join(statement, statement.c.id == statement_version.c.statement_id)
            .join(contract, contract.c.id == statement.c.contract_id)
            .where(
                statement_line.c.order_line_id.in_(line_ids),
                statement_version.c.version == statement.c.current_version,
            )
            .order_by(order_line.c.line_no, statement.c.month, statement_line.c.position)
        )
        return tuple(
            StatementMention(
                line_no=int(row.line_no),
                contract_code=row.contract_code,
                month=row.month,
                version=int(row.version),
                kind=row.kind,
                rule=row.rule,
                status=row.status,
                issued_at=row.issued_at,
                recognised=bool(row.recognised),
            )
            for row in self._connection.execute(query)
        )

    def imports(
        self, brand_codes: tuple[str, ...] | None, store_code: str | None, page: Page
    ) -> tuple[list[ImportRecord], int]:
        conditions: list[ColumnElement[bool]] = []
        if brand_codes is not None:
            conditions.append(brand.c.code.in_(brand_codes))
        if store_code is not None:
            conditions.append(store.c.code == store_code)
        joined = import_file.join(store, store.c.id == import_file.c.store_id).join(
            brand, brand.c.id == store.c.brand_id
        )
        query = (
            select(brand.c.code.label("brand_code"), store.c.code.label("store_code"), import_file)
            .select_from(joined)
            .where(*conditions)
            .order_by(import_file.c.imported_at.desc(), import_file.c.id.desc())
            .offset(page.offset)
            .limit(page.size)
        )
        counted = select(func.count(import_file.c.id)).select_from(joined).where(*conditions)
        records = [
            ImportRecord(
                brand_code=row.brand_code,
                store_code=row.store_code,
                name=row.name,
                format=row.format,
                sha256=row.sha256,
                as_of=row.as_of,
                imported_at=row.imported_at,
                actor=row.actor,
                orders_new=row.orders_new,
                orders_updated=row.orders_updated,
                lines_new=row.lines_new,
                lines_updated=row.lines_updated,
                rejected_rows=row.rejected_rows,
            )
            for row in self._connection.execute(query)
        ]
        return records, int(self._connection.execute(counted).scalar_one())


def _conditions(where: OrderFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if where.brand_codes is not None:
        conditions.append(brand.c.code.in_(where.brand_codes))
    if where.store_code is not None:
        conditions.append(store.c.code == where.store_code)
    if where.status is not None:
        conditions.append(sales_order.c.status == where.status.value)
    if where.paid_since is not None:
        conditions.append(sales_order.c.paid_at >= where.paid_since)
    if where.paid_before is not None:
        conditions.append(sales_order.c.paid_at < where.paid_before)
    if where.order_no is not None:
        conditions.append(sales_order.c.order_no == where.order_no)
    if where.order_no_prefix:
        conditions += _starting(sales_order.c.order_no, where.order_no_prefix)
    if where.buyer_key is not None:
        conditions.append(sales_order.c.buyer_key == where.buyer_key)
    if where.sku_code:
        sku_code: ColumnElement[str] = order_line.c.sku_code
        conditions.append(
            exists().where(
                order_line.c.order_id == sales_order.c.id, *_starting(sku_code, where.sku_code)
            )
        )
    if where.title:
        # The catalogue is small: its matching SKUs are found once, not once per line.
        named_skus = select(sku.c.id).where(sku.c.name.icontains(where.title, autoescape=True))
        named = or_(
            order_line.c.title.icontains(where.title, autoescape=True),
            order_line.c.sku_id.in_(named_skus),
        )
        conditions.append(exists().where(order_line.c.order_id == sales_order.c.id, named))
    return conditions


def _starting(column: ColumnElement[str], prefix: str) -> list[ColumnElement[bool]]:
    low, high = prefix_bounds(prefix)
    found = [column >= low]
    if high is not None:
        found.append(column < high)
    return found


_STATUS_RANK = case(
    {status.value: rank for rank, status in enumerate(STATUS_ORDER)},
    value=sales_order.c.status,
    else_=literal(len(STATUS_ORDER)),
)


def _order_by(sorting: OrderSorting) -> list[Any]:
    """The sort key, then the id in the same direction: a stable order across pages. Orders
    never paid have no payment time: last either way (NULLS LAST on both databases)."""
    if sorting.key is OrderSort.AMOUNT:
        key: Any = sales_order.c.paid_fen
    elif sorting.key is OrderSort.STATUS:
        key = _STATUS_RANK
    else:
        key = sales_order.c.paid_at
    if sorting.descending:
        return [key.desc().nulls_last(), sales_order.c.id.desc()]
    return [key.asc().nulls_last(), sales_order.c.id.asc()]


def _refund_line(key: str) -> int | None:
    """The line a refund row names in its key ("line 2:1500"), None for the whole order."""
    where = key.split(":", 1)[0]
    if where.startswith("line "):
        number = where.removeprefix("line ")
        return int(number) if number.isdigit() else None
    return None


def _summary(row: Row[Any], lines: tuple[OrderLineView, ...] = ()) -> OrderSummary:
    return OrderSummary(
        brand_code=row.brand_code,
        store_code=row.store_code,
        platform=row.platform,
        order_no=row.order_no,
        status=OrderStatus(row.status),
        created_at=row.created_at,
        paid_at=row.paid_at,
        shipped_at=row.shipped_at,
        completed_at=row.completed_at,
        total=Money(row.total_fen),
        paid=Money(row.paid_fen),
        shipping=Money(row.shipping_fen),
        refunded=Money(row.refund_fen),
        province=row.province,
        city=row.city,
        lines=lines,
    )


def _line(row: Row[Any]) -> OrderLineView:
    return OrderLineView(
        line_no=row.line_no,
        sku_code=row.sku_code,
        title=row.title,
        units=row.units,
        unit_price=Money(row.unit_price_fen),
        line_amount=Money(row.line_amount_fen),
        guide_price=None if row.guide_price_fen is None else Money(row.guide_price_fen),
        price_check=row.price_check,
        status=OrderStatus(row.status),
        refund_units=row.refund_units,
        refund_amount=Money(row.refund_fen),
    )
