"""The operations desk's reads in the database (issue 19, point 7), each one query whatever
the number of stores, orders or brands — the desk, the portal and the obligations list call
them on every view, so their query count stays flat:

- the paid orders of physical goods that are late or may be (R-F2, R-F6), with their
  contract's `shipping_sla_hours`: orders shipped in time are left in the database (the
  seconds from payment to shipment compared with the hours there, per dialect);
- stockouts open, or started since a day (R-F3);
- accepted return and exchange requests whose order lines' goods have not come back (R-F5);
- mis-shipments with when the brand first saw them (R-F4), and that first sight recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    and_,
    cast,
    exists,
    func,
    insert,
    literal,
    not_,
    or_,
    select,
)
from sqlalchemy.exc import IntegrityError

from daiyun.adapters.db.fulfilment_tables import (
    misshipment,
    return_receipt,
    return_request,
)
from daiyun.adapters.db.operations_tables import misshipment_seen
from daiyun.adapters.db.repositories.misshipments import SqlMisShipmentRepository
from daiyun.adapters.db.repositories.stockouts import SqlStockoutRepository
from daiyun.adapters.db.tables import brand, contract_term, order_line, sales_order, sku, store
from daiyun.adapters.db.types import UtcDateTime
from daiyun.domain.catalog import Fulfilment
from daiyun.domain.fulfilment.desk import ReturnToHandle, SeenMisShipment, SlaOrder
from daiyun.domain.fulfilment.returns import Decision, ReturnKind
from daiyun.domain.fulfilment.stockouts import Stockout
from daiyun.domain.orders import OrderStatus

__all__ = ["SqlDeskQueries"]

_DIGITAL = Fulfilment.DIGITAL.value
_WHOLE_ORDER = 0  # return_request.line_no of a request on the whole order


class SqlDeskQueries:
    """What the operations desk reads, and the one thing it records: a mis-shipment seen."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _seconds(self, later: Any, earlier: Any) -> ColumnElement[Any]:
        """Seconds from `earlier` to `later` (moments), in the dialect's own arithmetic."""
        if self._connection.dialect.name == "sqlite":
            return (func.julianday(later) - func.julianday(earlier)) * 86400.0
        return func.extract("epoch", later - earlier)

    # — shipping (R-F2, R-F6) —

    def sla_orders(
        self,
        brand_codes: Iterable[str] | None,
        store_code: str | None,
        *,
        as_of: datetime,
        default_hours: int,
        shipped_since: datetime,
        open_paid_since: datetime,
    ) -> list[SlaOrder]:
        """Orders of physical goods past their contract's hours as of `as_of`: shipped late
        (shipped since `shipped_since`) or unshipped (paid since `open_paid_since`). The
        database leaves out what is surely on time with a second to spare; the domain judges
        the rest exactly (domain/fulfilment/desk.py breaches_of)."""
        hours = func.coalesce(cast(contract_term.c.value, Integer), default_hours)
        moment = literal(as_of, UtcDateTime)
        allowed = hours * 3600 - 1
        any_line = order_line.alias("any_line")
        line = order_line.alias("physical_line")
        # Correlated to the outer order's store and line: without correlate_except the planner
        # was given `FROM sku, store` — every SKU scanned per order line (issue 22 measured it).
        digital_sku = (
            select(sku.c.id)
            .where(
                sku.c.brand_id == store.c.brand_id,
                sku.c.code == line.c.sku_code,
                sku.c.fulfilment == _DIGITAL,
            )
            .correlate_except(sku)
            .exists()
        )
        # R-F6: an order whose every line is digital goods has no shipment and no SLA.
        physical = or_(
            exists().where(line.c.order_id == sales_order.c.id, not_(digital_sku)),
            not_(exists().where(any_line.c.order_id == sales_order.c.id)),
        )
        shipped_late = and_(
            sales_order.c.shipped_at.is_not(None),
            sales_order.c.shipped_at <= moment,
            sales_order.c.shipped_at >= shipped_since,
            self._seconds(sales_order.c.shipped_at, sales_order.c.paid_at) > allowed,
        )
        unshipped = or_(
            and_(
                sales_order.c.shipped_at.is_(None),
                sales_order.c.status == OrderStatus.PAID.value,
            ),
            sales_order.c.shipped_at > moment,  # shipped later: not known yet at `as_of`
        )
        still_open = and_(
            unshipped,
            sales_order.c.paid_at >= open_paid_since,
            self._seconds(moment, sales_order.c.paid_at) > allowed,
        )
        hours_term = and_(
            contract_term.c.contract_id == store.c.contract_id,
            contract_term.c.name == "shipping_sla_hours",
        )
        query = (
            select(
                brand.c.code.label("brand_code"),
                store.c.code.label("store_code"),
                sales_order.c.order_no,
                sales_order.c.paid_at,
                sales_order.c.shipped_at,
                hours.label("sla_hours"),
            )
            .select_from(sales_order)
            .join(store, store.c.id == sales_order.c.store_id)
            .join(brand, brand.c.id == store.c.brand_id)
            .outerjoin(contract_term, hours_term)
            .where(
                sales_order.c.paid_at.is_not(None),
                sales_order.c.paid_at <= moment,
                or_(shipped_late, still_open),
                physical,
            )
        )
        if brand_codes is not None:
            query = query.where(brand.c.code.in_(list(brand_codes)))
        if store_code is not None:
            query = query.where(store.c.code == store_code)
        rows = self._connection.execute(query.order_by(sales_order.c.paid_at, sales_order.c.id))
        return [
            SlaOrder(
                row.brand_code,
                row.store_code,
                row.order_no,
                row.paid_at,
                row.shipped_at,
                int(row.sla_hours),
            )
            for row in rows
        ]

    # — stockouts (R-F3) —

    def stockouts(
        self, brand_codes: Iterable[str] | None, *, started_since: date | None
    ) -> list[Stockout]:
        """The brands' stockouts (all brands' when None): every open one, and — with
        `started_since` — those started on or after it however they closed; without it, open
        ones only."""
        found = SqlStockoutRepository(self._connection).of_brands(
            None if brand_codes is None else list(brand_codes), open_only=started_since is None
        )
        if started_since is None:
            return found
        return [each for each in found if each.open or each.started_on >= started_since]

    # — returns (R-F5) —

    def returns_to_handle(
        self, brand_codes: Iterable[str] | None, store_code: str | None
    ) -> list[ReturnToHandle]:
        """Each order line of an accepted request (of the line, or of its whole order) whose
        goods have not been received back."""
        r = return_request.c
        received = exists().where(return_receipt.c.order_line_id == order_line.c.id)
        query = (
            select(
                r.id,
                brand.c.code.label("brand_code"),
                store.c.code.label("store_code"),
                sales_order.c.order_no,
                order_line.c.line_no,
                order_line.c.sku_code,
                order_line.c.units,
                r.kind,
                r.reason,
                r.received_on,
                r.requested_on,
                r.window_ends,
            )
            .select_from(return_request)
            .join(store, store.c.id == r.store_id)
            .join(brand, brand.c.id == store.c.brand_id)
            .join(sales_order, sales_order.c.id == r.order_id)
            .join(
                order_line,
                and_(
                    order_line.c.order_id == r.order_id,
                    or_(r.line_no == _WHOLE_ORDER, order_line.c.line_no == r.line_no),
                ),
            )
            .where(r.decision == Decision.ACCEPTED.value, not_(received))
        )
        if brand_codes is not None:
            query = query.where(brand.c.code.in_(list(brand_codes)))
        if store_code is not None:
            query = query.where(store.c.code == store_code)
        rows = self._connection.execute(query.order_by(r.id, order_line.c.line_no))
        found: dict[tuple[str, str, int], ReturnToHandle] = {}
        for row in rows:
            key = (row.store_code, row.order_no, int(row.line_no))
            # Two accepted requests on one line (the line's and the order's): the goods come
            # back once (return_receipt is once per line) — the later request names it.
            found[key] = ReturnToHandle(
                int(row.id), row.brand_code, row.store_code, row.order_no, int(row.line_no),
                row.sku_code, int(row.units), ReturnKind(row.kind), row.reason, row.received_on,
                row.requested_on, row.window_ends,
            )  # fmt: skip
        return list(found.values())

    # — mis-shipments (R-F4) —

    def misshipments(
        self, brand_codes: Iterable[str] | None, *, unseen_only: bool = False, limit: int = 200
    ) -> list[SeenMisShipment]:
        """The brands' mis-shipments, newest first, each with its first sight by the brand."""
        records = SqlMisShipmentRepository(self._connection).of_brands(
            None if brand_codes is None else list(brand_codes), limit
        )
        ids = [record.id for record in records]
        seen: dict[int, Any] = {}
        if ids:
            s = misshipment_seen.c
            for row in self._connection.execute(
                select(s.misshipment_id, s.seen_at, s.seen_by).where(s.misshipment_id.in_(ids))
            ):
                seen[int(row.misshipment_id)] = row
        found = []
        for record in records:
            sight = seen.get(record.id)
            if sight is None:
                found.append(SeenMisShipment(record))
            elif not unseen_only:
                found.append(SeenMisShipment(record, sight.seen_at, sight.seen_by))
        return found

    def misshipment_brand(self, misshipment_id: int) -> str | None:
        """The brand of a mis-shipment, None when there is none with that id."""
        return self._connection.execute(
            select(brand.c.code)
            .join(misshipment, misshipment.c.brand_id == brand.c.id)
            .where(misshipment.c.id == misshipment_id)
        ).scalar_one_or_none()

    def mark_seen(self, misshipment_id: int, at: datetime, actor: str) -> bool:
        """Record the first sight; False when someone of the brand saw it before (the first
        is kept)."""
        already = self._connection.execute(
            select(misshipment_seen.c.misshipment_id).where(
                misshipment_seen.c.misshipment_id == misshipment_id
            )
        ).first()
        if already is not None:
            return False
        try:
            with self._connection.begin_nested():
                self._connection.execute(
                    insert(misshipment_seen).values(
                        misshipment_id=misshipment_id, seen_at=at, seen_by=actor
                    )
                )
        except IntegrityError:
            return False  # two at once: the other was first
        return True
