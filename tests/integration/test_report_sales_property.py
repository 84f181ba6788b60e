"""Property (issue 20, R-R2): for any set of orders, the report's sales by SKU — and by every
other key — sum to the period's total units and amount, and the total is what a plain Python
count of the orders paid in the period gives (Beijing days and hours alike), on SQLite and
PostgreSQL. Money invariant: no fen is lost or counted twice between the breakdowns."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from daiyun.adapters.db.repositories.reports import SqlReportRepository
from daiyun.adapters.db.tables import order_line, sales_order, store
from daiyun.bootstrap import Daiyun
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.reports.document import SALES_BREAKDOWNS
from daiyun.domain.reports.periods import ReportPeriod
from daiyun.domain.reports.segments import RfmCutoffs, rfm_segment

WEEK = ReportPeriod.parse("weekly", "2026-W41")  # 10-05 to 10-11, Beijing
SPAN = WEEK.span()
# Moments from two days before the week to two days after, to the second.
FIRST = SPAN.start - timedelta(days=2)
SECONDS = int((SPAN.end - FIRST).total_seconds()) + 2 * 86400

lines = st.lists(
    st.tuples(
        st.sampled_from(["CD-CREAM-50", "CD-MASK-5", "NOT-IN-CATALOGUE", None]),
        st.integers(0, 9),
        st.integers(0, 2_000_000),
    ),
    min_size=0,
    max_size=4,
)
orders = st.lists(
    st.tuples(st.integers(0, SECONDS), lines, st.sampled_from(["浙江省", "上海市", None])),
    max_size=25,
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=orders)
def test_sales_by_every_key_sum_to_the_total(
    chando_store: str,
    daiyun_app: Daiyun,
    drawn: list[tuple[int, list[tuple[str | None, int, int]], str | None]],
) -> None:
    with daiyun_app.engine.connect() as connection:
        transaction = connection.begin()
        try:
            store_id = connection.execute(
                select(store.c.id).where(store.c.code == "chando-tmall")
            ).scalar_one()
            expected_units = expected_fen = expected_orders = 0
            days: Counter[str] = Counter()
            for number, (second, drawn_lines, province) in enumerate(drawn):
                paid = (FIRST + timedelta(seconds=second)).astimezone(UTC)
                order_id = connection.execute(
                    sales_order.insert()
                    .values(
                        platform="tmall", store_id=store_id, order_no=f"P{number}",
                        status="paid", created_at=paid, paid_at=paid, as_of=paid,
                        province=province, buyer_key=f"b{number % 3}",
                    )
                    .returning(sales_order.c.id)
                ).scalar_one()  # fmt: skip
                for line_no, (sku_code, units, fen) in enumerate(drawn_lines, start=1):
                    connection.execute(
                        order_line.insert().values(
                            order_id=order_id, line_no=line_no, sku_code=sku_code, units=units,
                            unit_price_fen=fen // max(units, 1), line_amount_fen=fen,
                            status="paid",
                        )
                    )  # fmt: skip
                if SPAN.start <= paid < SPAN.end:
                    expected_orders += 1
                    expected_units += sum(units for _, units, _ in drawn_lines)
                    expected_fen += sum(fen for _, _, fen in drawn_lines)
                    day = paid.astimezone(SHANGHAI).date().isoformat()
                    days[day] += sum(fen for _, _, fen in drawn_lines)
            reports = SqlReportRepository(connection)
            total = reports.sales("CHANDO-2026", SPAN)
            # The total, counted by hand: orders paid in [start, end), their lines' units and
            # amounts.
            assert (total.orders, total.units, total.amount.fen) == (
                expected_orders, expected_units, expected_fen,
            )  # fmt: skip
            # The one-pass figures of the order's own keys are the same as one query each.
            one_pass_total, one_pass = reports.order_sales("CHANDO-2026", SPAN)
            assert one_pass_total == total
            for name, rows in one_pass.items():
                assert rows == reports.sales_by("CHANDO-2026", SPAN, name), name
            for breakdown in SALES_BREAKDOWNS:
                rows = reports.sales_by("CHANDO-2026", SPAN, breakdown)
                assert sum(row.units for row in rows) == total.units, breakdown
                assert sum(row.amount.fen for row in rows) == total.amount.fen, breakdown
                assert all(row.orders <= total.orders for row in rows), breakdown
            by_day = reports.sales_by("CHANDO-2026", SPAN, "day")
            # Beijing days: Python's astimezone against the database's own day of paid_at.
            assert {row.key: row.amount.fen for row in by_day} == dict(days)
            assert {row.key for row in by_day} <= {
                (WEEK.first_day + timedelta(days=n)).isoformat() for n in range(7)
            }
        finally:
            transaction.rollback()


def test_the_window_is_wider_than_the_week() -> None:
    assert SPAN.start > FIRST and FIRST + timedelta(seconds=SECONDS) > SPAN.end
    assert datetime(2026, 10, 5, tzinfo=SHANGHAI) == SPAN.start


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    buyers=st.lists(
        st.lists(st.integers(0, 400 * 86400), min_size=1, max_size=4), min_size=1, max_size=8
    )
)
def test_the_databases_rfm_segments_are_the_domains(
    chando_store: str, daiyun_app: Daiyun, buyers: list[list[int]]
) -> None:
    """domain/reports/segments.py's rfm_segment and the repository's CASE place every buyer
    alike: each buyer's orders drawn up to 400 days before the period's end; the same pass
    counts the period's buyers and the repeat ones among them."""
    end = SPAN.end
    cutoffs = RfmCutoffs.before(end)
    with daiyun_app.engine.connect() as connection:
        transaction = connection.begin()
        try:
            store_id = connection.execute(
                select(store.c.id).where(store.c.code == "chando-tmall")
            ).scalar_one()
            expected: Counter[str] = Counter()
            in_span = repeat = 0
            for buyer, seconds_back in enumerate(buyers):
                moments = [end - timedelta(seconds=back + 1) for back in seconds_back]
                for number, paid in enumerate(moments):
                    connection.execute(
                        sales_order.insert().values(
                            platform="tmall", store_id=store_id, order_no=f"R{buyer}-{number}",
                            status="paid", created_at=paid, paid_at=paid, as_of=paid,
                            buyer_key=f"buyer{buyer}",
                        )
                    )  # fmt: skip
                expected[rfm_segment(max(moments), len(moments), cutoffs)] += 1
                # The period's buyers, and the repeat ones among them (paid before it too).
                if max(moments) >= SPAN.start:
                    in_span += 1
                    repeat += min(moments) < SPAN.start
            buyers, repeats, found = SqlReportRepository(connection).customers(
                "CHANDO-2026", SPAN, cutoffs
            )
            assert {row.segment: row.buyers for row in found} == dict(expected)
            assert (buyers, repeats) == (in_span, repeat)
        finally:
            transaction.rollback()
