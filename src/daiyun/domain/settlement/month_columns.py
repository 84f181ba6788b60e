"""A month drafted as a stream of column batches, in bounded memory (R-S1…R-S9; issue 22).

`draft_statement` (drafting.py) is the rule as one pass over every line of the month held at
once: the specification, and what the tests compare this with. A month of ten million lines
cannot be held at once, so here its source lines arrive in batches sorted by (order number,
line number) — the canonical order of a statement's lines — each line with its refunds of the
month on rows of their own, and each batch's statement lines leave as columns, in canonical
order, while the figures add up batch by batch (as sums of the lines' columns, R-S8).

Most lines are plain sales — completed in the month, not recognised before, with a SKU and a
guide price, no promotion to look for, and any refund of the month after completion — and
those are worked out over whole columns with numpy, exactly as `DraftState.recognise` works
out one line and `DraftState.reverse` its refunds (R-S2, R-S4, R-S5, R-S9). Every other line
(sold below the guide price while promotions are approved, without SKU or guide price,
recognised by another month, not completed in the month, refunded before it completed) goes
through `DraftState` itself, the code `draft_statement` runs, a line at a time.

What is held between batches: the figures' sums and counts, the unsettleable orders and the
refunds waiting for an earlier month (a few per hundred lines at most), the last line's rows.

The content hash (R-S8) covers the figures before the lines, so it is computed at the end from
the statement lines kept by the caller (`finish(lines=…)`), their canonical JSON built column by
column (lines_json.py) — the same bytes `Statement.content_hash` hashes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms, Party, Platform, PlatformFeeSchedule
from daiyun.domain.money import Money
from daiyun.domain.orders.columns import microseconds
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.pricing import PriceCheck
from daiyun.domain.settlement.drafting import (
    DraftState,
    DuplicateLine,
    canonical_order,
    refunds_by_line,
)
from daiyun.domain.settlement.fee_rates import FeeRates
from daiyun.domain.settlement.inputs import (
    QUALITY,
    LineKey,
    RefundRecord,
    SettlementLine,
    UnsettleableOrder,
)
from daiyun.domain.settlement.lines import LineKind, StatementLine
from daiyun.domain.settlement.lines_json import LINE_FIELDS, lines_json_text
from daiyun.domain.settlement.platform_charges import PlatformCharge
from daiyun.domain.settlement.statement import (
    SUMMED_FIELDS,
    RecognitionCounts,
    StatementSummary,
    figures_of_totals,
    statement_hash,
)

__all__ = ["SOURCE_SCHEMA", "STATEMENT_SCHEMA", "MonthDrafting", "Promote"]

# One row per source line, or per refund of the month of a refunded line (its line's values
# repeated): the line's stored id, its fields as SettlementLine has them (amounts in fen,
# moments in microseconds since 1970-01-01 UTC, codes as text), `elsewhere` (1: recognised by
# another month's issued statement, R-S1) and the refund's fields (NULL on a line's only row
# when it has no refund in the month). Rows sorted by (order_no, line_no).
SOURCE_SCHEMA = pa.schema(
    [
        ("line_id", pa.int64()),
        ("order_no", pa.string()),
        ("line_no", pa.int64()),
        ("sku", pa.string()),
        ("category", pa.string()),
        ("platform", pa.string()),
        ("units", pa.int64()),
        ("actual_fen", pa.int64()),
        ("guide_fen", pa.int64()),
        ("status", pa.string()),
        ("completed_at", pa.int64()),
        ("price_check", pa.string()),
        # interfaces.md: the order's shipping on the one line that carries it, else 0.
        ("shipping_fen", pa.int64()),
        ("store", pa.string()),
        ("paid_at", pa.int64()),
        ("elsewhere", pa.int64()),
        ("refund_units", pa.int64()),
        ("refund_fen", pa.int64()),
        ("refund_reason", pa.string()),
        ("refund_at", pa.int64()),
    ]
)
_TEXT_FIELDS = frozenset(
    {"kind", "rule", "order_no", "sku", "category", "platform", "fee_rate", "refund_reason"}
)
# A statement line's fields (lines.StatementLine; `at` in microseconds since 1970 UTC) and the
# stored id of the source line it comes from.
STATEMENT_SCHEMA = pa.schema(
    [(name, pa.string() if name in _TEXT_FIELDS else pa.int64()) for name in LINE_FIELDS]
    + [("line_id", pa.int64())]
)

# The approved promotions applied to lines (domain.promotions.apply_promotions, bound to the
# brand's approved versions by the caller: promotions build on settlement, not the reverse).
Promote = Callable[[list[SettlementLine]], list[SettlementLine]]

_EXACT = 2**62  # int64 arithmetic below this bound is exact
_COMPLETED = OrderStatus.COMPLETED.value
_STATUSES = pa.array([member.value for member in OrderStatus], pa.string())
_CHECKS = pa.array([member.value for member in PriceCheck], pa.string())
_VIOLATIONS = pa.array([PriceCheck.BELOW_GUIDE.value, PriceCheck.ABOVE_CAP.value], pa.string())
_PLATFORMS = {member.value: member for member in Platform}
_STATUS_OF = {member.value: member for member in OrderStatus}
_CHECK_OF = {member.value: member for member in PriceCheck}
_SALE = LineKind.SALE.value
_RETURN, _CONCESSION = LineKind.RETURN.value, LineKind.CONCESSION.value
_LAST = 2**40  # a line's sale after its refund lines
_MOMENTS = frozenset({"completed_at", "paid_at", "refund_at"})
_UTC_MICROSECONDS = pa.timestamp("us", tz="UTC")
_MICROSECONDS = pa.timestamp("us")


class MonthDrafting:
    """One month drafted batch by batch: `take` each batch of source rows (SOURCE_SCHEMA) in
    (order number, line number) order, then `rest`, then `finish` with the statement lines
    they returned; what is held meanwhile is the figures so far, never the month's lines."""

    def __init__(
        self,
        month: Month,
        *,
        terms: ContractTerms,
        fee_schedules: Mapping[Platform, PlatformFeeSchedule],
        promote: Promote | None = None,
    ) -> None:
        self._month = month
        self._terms = terms
        self._fee_rates = FeeRates(fee_schedules)
        self._state = DraftState(month, (), frozenset(), self._fee_rates, terms)
        self._promote = promote
        period = month.period()
        self._start, self._end = microseconds(period.start), microseconds(period.end)
        self._shipping_to_brand = terms.shipping_income_to is Party.BRAND
        self._held: pa.RecordBatch | None = None
        self._last: tuple[str, int, int] | None = None  # order_no, line_no, line id
        self._totals = dict.fromkeys(SUMMED_FIELDS, 0)
        self._sales = 0
        self._lines = 0
        self.refunds_taken = 0  # refunds of the month met, each on a row of its own

    def take(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        """The statement lines of the batch's lines, in canonical order (STATEMENT_SCHEMA).
        The rows of the batch's last line wait for the next batch, which may hold more of its
        refunds."""
        if self._held is not None:
            batch = pa.concat_batches([self._held, batch.select(SOURCE_SCHEMA.names)])
            self._held = None
        else:
            batch = batch.select(SOURCE_SCHEMA.names)
        if len(batch) == 0:
            return _empty_statement()
        ids = _ints(batch.column("line_id"))
        cut = len(ids)
        while cut > 0 and ids[cut - 1] == ids[-1]:
            cut -= 1
        self._held = batch.slice(cut)
        return self._draft(batch.slice(0, cut))

    def rest(self) -> pa.RecordBatch:
        """The statement lines of the rows still waiting (the month's last line)."""
        held, self._held = self._held, None
        return _empty_statement() if held is None else self._draft(held)

    def finish(
        self,
        lines: Iterable[pa.RecordBatch],
        *,
        orders_without_sku_lines: Iterable[UnsettleableOrder] = (),
        charges: Iterable[PlatformCharge] = (),
        custody_losses: Money | None = None,
    ) -> StatementSummary:
        """The month's figures, counts and content hash; `lines` are the batches `take` and
        `rest` returned, in order (read once, for the hash); `custody_losses` as
        draft_statement's (R-F7)."""
        if self._held is not None:
            raise ValueError("the month's last rows were not drafted: call rest() first")
        state, terms = self._state, self._terms
        state.note_orders_without_sku_lines(orders_without_sku_lines)
        unsettleable = tuple(state.unsettleable[key] for key in sorted(state.unsettleable))
        # R-S5: the platform's charges due in the month, in due-day order.
        due = tuple(sorted(charges, key=lambda charge: (charge.due_on, charge.key)))
        figures = figures_of_totals(
            self._totals,
            self._sales,
            terms.commission_rate,
            len(unsettleable),
            due,
            terms.platform_fees_borne_by,
            custody_losses,
        )
        return StatementSummary(
            month=self._month,
            commission_rate=terms.commission_rate,
            shipping_income_to=terms.shipping_income_to,
            platform_fees_borne_by=terms.platform_fees_borne_by,
            line_count=self._lines,
            unsettleable=unsettleable,
            counts=RecognitionCounts(state.completed, state.already, state.refunded_in_full),
            figures=figures,
            content_hash=statement_hash(self._month, figures, unsettleable, _texts(lines)),
            waiting_refunds=tuple(sorted(state.waiting, key=lambda each: each.refund.key)),
            charges=due,
        )

    # --- one batch of whole lines ------------------------------------------------------------

    def _draft(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        if len(batch) == 0:
            return _empty_statement()
        column = batch.column
        ids = _ints(column("line_id"))
        line_no = _ints(column("line_no"))
        self._check_order(column("order_no"), line_no, ids)
        _check_known(column("status"), _STATUSES, "order line status")
        _check_known(column("price_check"), _CHECKS, "price check")
        completed_at, no_time = _ints_or(column("completed_at"))
        in_month = ~no_time & (completed_at >= self._start) & (completed_at < self._end)
        completed = in_month & _flags(pc.equal(column("status"), _COMPLETED))
        refunded = _flags(pc.is_valid(column("refund_at")))
        elsewhere = _ints(column("elsewhere")) != 0
        priced = _flags(pc.is_valid(column("sku"))) & _flags(pc.is_valid(column("guide_fen")))
        # What a line recognised over whole columns needs: completed in the month, not
        # recognised before (R-S1), a SKU and a guide price (R-S2), no promotion to look for.
        saleable = completed & ~elsewhere & priced
        if self._promote is not None:
            # R-P4, R-S2: a line sold below guide may be in an approved promotion.
            saleable &= ~_flags(pc.equal(column("price_check"), PriceCheck.BELOW_GUIDE.value))
        plain = completed & ~refunded
        already = plain & elsewhere
        fast = plain & saleable
        # A refunded line whose every refund of the month came after it completed is
        # recognised and reversed over whole columns too (R-S1, R-S9); any other, line by line.
        refund_at, _ = _ints_or(column("refund_at"))
        first = np.ones(len(ids), bool)
        first[1:] = ids[1:] != ids[:-1]
        starts = np.flatnonzero(first)
        line_of_row = np.cumsum(first) - 1
        whole = np.logical_and.reduceat(refunded & saleable & (refund_at > completed_at), starts)
        reversed_row = refunded & whole[line_of_row]
        reversed_line = reversed_row & first
        slow = (refunded & ~reversed_row) | (plain & ~elsewhere & ~fast)
        # R-S1: counted as completed in the month; recognised once, never again.
        state = self._state
        state.completed += int(np.count_nonzero(fast | reversed_line | already))
        state.already += int(np.count_nonzero(already))
        sale_rows = np.flatnonzero(fast | reversed_line)
        sales = self._sales_columns(batch, sale_rows, completed_at)
        refund_rows = np.flatnonzero(reversed_row)
        self.refunds_taken += len(refund_rows)
        returns, return_ranks = self._refund_columns(batch, refund_rows, starts[line_of_row])
        others, rows, ranks = self._line_by_line(batch, np.flatnonzero(slow))
        # Canonical order: by source line (the batch's order), then within a line its refund
        # lines (concession, return: ranked) before its sale (last).
        anchors = np.concatenate([sale_rows, starts[line_of_row[refund_rows]], rows])
        sale_ranks = np.where(reversed_line[sale_rows], _LAST, 0)
        order = np.lexsort((np.concatenate([sale_ranks, return_ranks, ranks]), anchors))
        made = pa.RecordBatch.from_arrays(
            [
                pa.concat_arrays([sales[name], returns[name], others[name]]).take(pa.array(order))
                for name in STATEMENT_SCHEMA.names
            ],
            schema=STATEMENT_SCHEMA,
        )
        self._add_up(made, len(sale_rows) + others["kind"].to_pylist().count(_SALE))
        return made

    def _refund_columns(
        self,
        batch: pa.RecordBatch,
        rows: npt.NDArray[np.int64],
        anchors: npt.NDArray[np.int64],
    ) -> tuple[dict[str, pa.Array], npt.NDArray[np.int64]]:
        """R-S9: the refund lines of the refund rows `rows`, as DraftState.reverse and
        _refund_line make them, over whole columns; and each one's rank among its line's
        refund lines (canonical order: kind, time, amounts; then the refunds' own order)."""
        count = len(rows)
        picked = pa.array(rows, pa.int64())
        column = batch.column
        units = _ints(column("refund_units").take(picked))
        amount = _ints(column("refund_fen").take(picked))
        reasons = column("refund_reason").take(picked)
        at = _ints(column("refund_at").take(picked))
        price = _ints(column("guide_fen").take(picked))  # R-S2: no promotion on these lines
        rate_text, numerator, denominator = self._rates(
            column("platform").take(picked), column("category").take(picked)
        )
        returned = units != 0
        # R-S9: a money-only refund for a quality problem is the brand's: a deduction.
        quality = _flags(pc.equal(reasons, QUALITY))
        zero = np.zeros(count, np.int64)
        settlement = np.where(returned, -_product(price, units), 0)
        deduction = np.where(~returned & quality, amount, 0)
        concession = np.where(returned, 0, amount)
        returned_fen = np.where(returned, amount, 0)
        spread = np.where(returned, -amount - settlement, np.where(quality, 0, -amount))
        fee = np.where(returned, -_half_up_ratio(amount, numerator, denominator), 0)
        kinds = np.where(returned, 1, 0)  # "concession" sorts before "return"
        # The refunds' own order (drafting._refund_order): time, units, amount, reason.
        reason_texts = pc.fill_null(reasons, "")
        distinct = sorted(set(pc.unique(reason_texts).to_pylist()))
        reason_rank = _ints(pc.index_in(reason_texts, value_set=pa.array(distinct, pa.string())))
        order = np.lexsort(
            (reason_rank, amount, units, at, deduction, concession, returned_fen, units, at,
             kinds, anchors[rows])
        )  # fmt: skip
        ranks = np.empty(count, np.int64)
        if count:
            line_start = np.ones(count, bool)
            sorted_anchors = anchors[rows][order]
            line_start[1:] = sorted_anchors[1:] != sorted_anchors[:-1]
            begins = np.maximum.accumulate(np.where(line_start, np.arange(count), 0))
            ranks[order] = np.arange(count) - begins
        made = {
            "kind": pa.array(np.where(returned, _RETURN, _CONCESSION), pa.string()),
            "rule": _repeat("R-S9", count),
            "order_no": column("order_no").take(picked),
            "line_no": column("line_no").take(picked),
            "sku": column("sku").take(picked),
            "category": column("category").take(picked),
            "platform": column("platform").take(picked),
            "at": pa.array(at),
            "settlement_unit_price_fen": pa.array(price),
            "fee_rate": rate_text,
            "refund_reason": reasons,
            "units": pa.array(zero),
            "returned_units": pa.array(units),
            "sales_fen": pa.array(zero),
            "returned_fen": pa.array(returned_fen),
            "concession_fen": pa.array(concession),
            "brand_deduction_fen": pa.array(deduction),
            "settlement_value_fen": pa.array(settlement),
            "spread_fen": pa.array(spread),
            "platform_fee_fen": pa.array(fee),
            "shipping_income_fen": pa.array(zero),
            "price_violations": pa.array(zero),
            "line_id": column("line_id").take(picked),
        }
        return made, ranks

    def _check_order(self, order_no: pa.Array, line_no: npt.NDArray[np.int64], ids: Any) -> None:
        """The rows must come in (order number, line number) order, a line's rows together;
        two stored lines with one (order number, line number) are refused (R-S1)."""
        if self._last is not None:
            last_no, last_line, last_id = self._last
            order_no = pa.concat_arrays([pa.array([last_no], pa.string()), order_no])
            line_no = np.concatenate([[last_line], line_no])
            ids = np.concatenate([[last_id], ids])
        self._last = (order_no[-1].as_py(), int(line_no[-1]), int(ids[-1]))
        if len(ids) < 2:
            return
        before, after = order_no.slice(0, len(ids) - 1), order_no.slice(1)
        same_order = _flags(pc.equal(before, after))
        same_number = same_order & (line_no[:-1] == line_no[1:])
        same_line = ids[:-1] == ids[1:]
        twice = same_number & ~same_line
        if twice.any():
            at = int(np.flatnonzero(twice)[0]) + 1
            raise DuplicateLine(f"order {order_no[at].as_py()} line {line_no[at]} was given twice")
        ascending = _flags(pc.less(before, after)) | (same_order & (line_no[:-1] < line_no[1:]))
        if not (ascending | (same_number & same_line)).all():
            raise ValueError("the month's lines must come in (order number, line number) order")

    def _sales_columns(
        self,
        batch: pa.RecordBatch,
        rows: npt.NDArray[np.int64],
        completed_at: npt.NDArray[np.int64],
    ) -> dict[str, pa.Array]:
        """R-S1, R-S2, R-S4, R-S5: the sale line of each plain line, as DraftState.recognise
        makes it, over whole columns."""
        count = len(rows)
        picked = pa.array(rows, pa.int64())
        column = batch.column
        units = _ints(column("units"))[rows]
        actual = _ints(column("actual_fen"))[rows]
        price = _ints(column("guide_fen").take(picked))  # R-S2: the guide price snapshot
        settlement = _product(price, units)
        rate_text, numerator, denominator = self._rates(
            column("platform").take(picked), column("category").take(picked)
        )
        shipping = _ints(column("shipping_fen"))[rows]
        zero = np.zeros(count, np.int64)
        violations = _flags(pc.is_in(column("price_check").take(picked), _VIOLATIONS))
        return {
            "kind": _repeat(_SALE, count),
            "rule": _repeat("R-S1", count),
            "order_no": column("order_no").take(picked),
            "line_no": pa.array(_ints(column("line_no"))[rows]),
            "sku": column("sku").take(picked),
            "category": column("category").take(picked),
            "platform": column("platform").take(picked),
            "at": pa.array(completed_at[rows]),
            "settlement_unit_price_fen": pa.array(price),
            "fee_rate": rate_text,
            "refund_reason": pa.nulls(count, pa.string()),
            "units": pa.array(units),
            "returned_units": pa.array(zero),
            "sales_fen": pa.array(actual),
            "returned_fen": pa.array(zero),
            "concession_fen": pa.array(zero),
            "brand_deduction_fen": pa.array(zero),
            "settlement_value_fen": pa.array(settlement),
            # R-S4: actual − settlement price, over the line's units.
            "spread_fen": pa.array(actual - settlement),
            # R-S5: per line, half-up.
            "platform_fee_fen": pa.array(_half_up_ratio(actual, numerator, denominator)),
            # R-S6: shipping income is on the statement only when it is the brand's.
            "shipping_income_fen": pa.array(shipping if self._shipping_to_brand else zero),
            # R-P5: flagged, settled at the guide price.
            "price_violations": pa.array(violations.astype(np.int64)),
            "line_id": pa.array(_ints(column("line_id"))[rows]),
        }

    def _rates(
        self, platforms: pa.Array, categories: pa.Array
    ) -> tuple[pa.Array, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """R-S5: each line's fee rate text and exact ratio, looked up once per pair."""
        if len(platforms) == 0:
            empty = np.zeros(0, np.int64)
            return pa.array([], pa.string()), empty, empty
        platform_codes = pc.dictionary_encode(platforms)
        category_codes = pc.dictionary_encode(categories, null_encoding="encode")
        width = len(category_codes.dictionary)
        pair = _ints(platform_codes.indices) * width + _ints(category_codes.indices)
        pairs, which = np.unique(pair, return_inverse=True)
        found = [
            self._fee_rates.ratio(
                platform_codes.dictionary[int(each) // width].as_py(),
                category_codes.dictionary[int(each) % width].as_py(),
            )
            for each in pairs
        ]
        which = which.reshape(len(pair))
        texts = pa.array([text for text, _, _ in found], pa.string()).take(pa.array(which))
        numerators = np.array([numerator for _, numerator, _ in found], np.int64)[which]
        denominators = np.array([denominator for _, _, denominator in found], np.int64)[which]
        return texts, numerators, denominators

    def _line_by_line(
        self, batch: pa.RecordBatch, rows: npt.NDArray[np.int64]
    ) -> tuple[dict[str, pa.Array], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The lines not plain, through DraftState as draft_statement takes them: their
        statement lines, and for each the row of its source line and its rank among that
        line's statement lines (canonical order)."""
        if len(rows) == 0:
            empty = np.zeros(0, np.int64)
            return _statement_columns([], []), empty, empty
        taken = batch.take(pa.array(rows, pa.int64()))
        values: dict[str, list[Any]] = {
            name: _moments(taken.column(name))
            if name in _MOMENTS
            else taken.column(name).to_pylist()
            for name in SOURCE_SCHEMA.names
        }
        lines: list[SettlementLine] = []
        firsts: list[int] = []
        line_ids: list[int] = []
        refunds: list[RefundRecord] = []
        earlier: set[LineKey] = set()
        for index, row in enumerate(rows.tolist()):
            line_id = values["line_id"][index]
            if not line_ids or line_ids[-1] != line_id:
                lines.append(_settlement_line(values, index))
                firsts.append(row)
                line_ids.append(line_id)
                if values["elsewhere"][index]:
                    earlier.add((values["order_no"][index], values["line_no"][index]))
            if values["refund_at"][index] is not None:
                refunds.append(_refund_record(values, index))
        if self._promote is not None:
            lines = self._promote(lines)
        self.refunds_taken += len(refunds)
        state = self._state
        state.start_batch(refunds_by_line(refunds), earlier)
        made: list[StatementLine] = []
        sources: list[int] = []
        ranks: list[int] = []
        ids: list[int] = []
        for line, first, line_id in zip(lines, firsts, line_ids, strict=True):
            before = len(state.out)
            state.take(line)
            these = sorted(state.out[before:], key=canonical_order)
            made += these
            sources += [first] * len(these)
            ranks += range(len(these))
            ids += [line_id] * len(these)
        state.out = []
        return (
            _statement_columns(made, ids),
            np.array(sources, np.int64),
            np.array(ranks, np.int64),
        )

    def _add_up(self, made: pa.RecordBatch, sales: int) -> None:
        for name in SUMMED_FIELDS:
            self._totals[name] += _exact_sum(_ints(made.column(name)))
        self._sales += sales
        self._lines += len(made)


def _texts(lines: Iterable[pa.RecordBatch]) -> Iterator[bytes]:
    """The canonical JSON of the batches' lines, one piece per batch (lines_json.py)."""
    first = True
    for batch in lines:
        if len(batch) == 0:
            continue
        yield lines_json_text({name: batch.column(name) for name in LINE_FIELDS}, first)
        first = False


def _settlement_line(values: dict[str, list[Any]], index: int) -> SettlementLine:
    guide = values["guide_fen"][index]
    return SettlementLine(
        order_no=values["order_no"][index],
        line_no=values["line_no"][index],
        sku=values["sku"][index],
        category=values["category"][index],
        platform=_PLATFORMS[values["platform"][index]],
        units=values["units"][index],
        actual_amount=Money(values["actual_fen"][index]),
        guide_price=None if guide is None else Money(guide),
        status=_STATUS_OF[values["status"][index]],
        completed_at=values["completed_at"][index],
        price_check=_CHECK_OF[values["price_check"][index]],
        shipping=Money(values["shipping_fen"][index]),
        store=values["store"][index],
        paid_at=values["paid_at"][index],
    )


def _refund_record(values: dict[str, list[Any]], index: int) -> RefundRecord:
    return RefundRecord(
        values["order_no"][index],
        values["line_no"][index],
        values["refund_units"][index],
        Money(values["refund_fen"][index]),
        values["refund_reason"][index],
        values["refund_at"][index],
    )


def _moments(microseconds: pa.Array) -> list[datetime | None]:
    """Microseconds since 1970 UTC as aware datetimes (None for NULL): made naive by Arrow
    (many times faster than through a time zone), then told they are UTC."""
    naive: list[datetime | None] = microseconds.cast(_MICROSECONDS).to_pylist()
    return [None if moment is None else moment.replace(tzinfo=UTC) for moment in naive]


def _statement_columns(lines: Sequence[StatementLine], ids: Sequence[int]) -> dict[str, pa.Array]:
    """Statement lines made one by one, as columns (STATEMENT_SCHEMA)."""
    fields = list(zip(*lines, strict=True)) if lines else [() for _ in LINE_FIELDS]
    columns = {}
    for name, values in zip(LINE_FIELDS, fields, strict=True):
        if name in ("kind", "platform"):
            columns[name] = pa.array([str(value) for value in values], pa.string())
        elif name == "at":
            columns[name] = pa.array(values, _UTC_MICROSECONDS).cast(pa.int64())
        else:
            columns[name] = pa.array(values, STATEMENT_SCHEMA.field(name).type)
    columns["line_id"] = pa.array(list(ids), pa.int64())
    return columns


def _empty_statement() -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist([], schema=STATEMENT_SCHEMA)


def _repeat(text: str, count: int) -> pa.Array:
    return pa.repeat(pa.scalar(text, pa.string()), count)


def _ints(values: pa.Array | pa.ChunkedArray) -> npt.NDArray[np.int64]:
    """A column without NULLs as int64."""
    if values.null_count:
        raise ValueError("a value that may not be missing is missing")
    return np.asarray(values.to_numpy(zero_copy_only=False), dtype=np.int64)


def _ints_or(values: pa.Array) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """A column as int64 (0 where NULL) and where it is NULL."""
    missing = _flags(pc.is_null(values))
    return _ints(pc.fill_null(values, 0)), missing


def _flags(values: pa.Array | pa.ChunkedArray) -> npt.NDArray[np.bool_]:
    """A boolean column as numpy, NULL as False."""
    return np.asarray(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=bool)


def _check_known(values: pa.Array, known: pa.Array, what: str) -> None:
    found = pc.is_in(values, value_set=known)
    if not pc.all(found).as_py():
        unknown = pc.filter(values, pc.invert(pc.fill_null(found, False)))[0].as_py()
        raise ValueError(f"a stored {what} {unknown!r} is not one daiyun knows")


def _bound(values: npt.NDArray[np.int64]) -> int:
    if len(values) == 0:
        return 0
    return max(abs(int(values.min())), abs(int(values.max())))


def _product(left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    if _bound(left) * _bound(right) >= _EXACT:
        raise ValueError("an amount of a statement line is beyond what daiyun stores")
    return left * right


def _half_up_ratio(
    amount: npt.NDArray[np.int64],
    numerator: npt.NDArray[np.int64],
    denominator: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """fee_rates.half_up_ratio over columns: amount × n / d to whole fen, half away from zero."""
    if 2 * _bound(amount) * _bound(numerator) + _bound(denominator) >= _EXACT:
        raise ValueError("an amount of a statement line is beyond what daiyun stores")
    product = amount * numerator
    twice = 2 * denominator
    up = (2 * product + denominator) // twice
    down = -((-2 * product + denominator) // twice)
    return np.where(product >= 0, up, down)


def _exact_sum(values: npt.NDArray[np.int64]) -> int:
    if _bound(values) * max(len(values), 1) < _EXACT:
        return int(values.sum())
    return sum(int(value) for value in values.tolist())
