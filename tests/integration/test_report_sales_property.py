"""Property (issue 20, R-R2): for any set of orders, the report's sales by SKU — and by every
other key — sum to the period's total units and amount, the lines' one pass gives the price
bands, price checks and markup a count by hand gives, and the total is what a plain Python
count of the orders paid in the period gives (Beijing days and hours alike), on SQLite and
PostgreSQL. Money invariant: no fen is lost or counted twice between the breakdowns. The
figures are read from the sales rollups, worked out from the drawn orders."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from daiyun.adapters.db.repositories.reports import SqlReportRepository
from daiyun.adapters.db.repositories.sales_rollups import roll_up_everything
from daiyun.adapters.db.tables import order_line, sales_order, store
from daiyun.bootstrap import Daiyun
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.pricing.checks import PriceCheck
from daiyun.domain.reports.document import SALES_BREAKDOWNS
from daiyun.domain.reports.periods import ReportPeriod
from daiyun.domain.reports.segments import PRICE_BANDS, RfmCutoffs, rfm_segment

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
        st.sampled_from([check.value for check in PriceCheck]),
        st.none() | st.integers(0, 200_000),  # the guide price in force, fen
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
    drawn: list[tuple[int, list[tuple[str | None, int, int, str, int | None]], str | None]],
) -> None:
    with daiyun_app.engine.connect() as connection:
        transaction = connection.begin()
        try:
            store_id = connection.execute(
                select(store.c.id).where(store.c.code == "chando-tmall")
            ).scalar_one()
            expected_units = expected_fen = expected_orders = 0
            days: Counter[str] = Counter()
            # By hand, over the period's lines: each band's and check's lines, units and fen;
            # the markup's units, amount and guide amount over the lines with a guide price.
            bands: Counter[tuple[str, str]] = Counter()
            checks: Counter[tuple[str, str]] = Counter()
            markup: Counter[str] = Counter()
            lines_sold: Counter[str] = Counter()
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
                in_span = SPAN.start <= paid < SPAN.end
                for line_no, (sku_code, units, fen, check, guide) in enumerate(
                    drawn_lines, start=1
                ):
                    unit_price = fen // max(units, 1)
                    connection.execute(
                        order_line.insert().values(
                            order_id=order_id, line_no=line_no, sku_code=sku_code, units=units,
                            unit_price_fen=unit_price, line_amount_fen=fen, status="paid",
                            price_check=check, guide_price_fen=guide,
                        )
                    )  # fmt: skip
                    if in_span:
                        band = next(
                            b.name for b in PRICE_BANDS if b.high is None or unit_price < b.high.fen
                        )
                        for counted, value in (("lines", 1), ("units", units), ("fen", fen)):
                            bands[band, counted] += value
                            checks[check, counted] += value
                        lines_sold[sku_code or ""] += 1
                        if guide is not None:
                            markup["units"] += units
                            markup["fen"] += fen
                            markup["guide"] += guide * units
                if in_span:
                    expected_orders += 1
                    expected_units += sum(line[1] for line in drawn_lines)
                    expected_fen += sum(line[2] for line in drawn_lines)
                    day = paid.astimezone(SHANGHAI).date().isoformat()
                    days[day] += sum(line[2] for line in drawn_lines)
            # Written straight into the tables: the rollups worked out from them, as the
            # migration does (an import keeps them itself).
            roll_up_everything(connection)
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
            # The lines' one pass (SKU, bands, checks, markup) against one query and the hand.
            figures = reports.line_figures("CHANDO-2026", SPAN)
            assert list(figures.by_sku) == reports.sales_by("CHANDO-2026", SPAN, "sku")
            assert dict(figures.lines_by_sku) == dict(lines_sold)
            assert [(r.band, r.lines, r.units, r.amount.fen) for r in figures.price_bands] == [
                (b.name, bands[b.name, "lines"], bands[b.name, "units"], bands[b.name, "fen"])
                for b in PRICE_BANDS
            ]
            assert {(r.check, r.lines, r.units, r.amount.fen) for r in figures.violations} == {
                (c, checks[c, "lines"], checks[c, "units"], checks[c, "fen"])
                for c, counted in checks
                if counted == "lines"
            }
            assert (figures.guided_units, figures.guided_amount.fen, figures.guide_amount.fen) == (
                markup["units"],
                markup["fen"],
                markup["guide"],
            )
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
            roll_up_everything(connection)
            buyers, repeats, found = SqlReportRepository(connection).customers(
                "CHANDO-2026", SPAN, cutoffs
            )
            assert {row.segment: row.buyers for row in found} == dict(expected)
            assert (buyers, repeats) == (in_span, repeat)
        finally:
            transaction.rollback()
