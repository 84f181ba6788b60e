"""The report's charts and their tables for the web page (issue 20 point 3, R-R2): one list of
charts built from the recorded document, each with its categories and series. The page puts
the list into a `<script type="application/json">` block that static/report_charts.js draws
with ECharts, and prints the very same values in a table below each chart, so the numbers are
readable without scripts (and the chart and its table cannot disagree)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from daiyun.domain.reports.document import ReportDocument, SalesRow
from daiyun.domain.reports.segments import SEGMENT_NAMES

__all__ = ["Chart", "Series", "report_charts"]


@dataclass(frozen=True, slots=True)
class Series:
    """One column of a chart's table: its name and a value per category (amounts in yuan
    text, counts as integers); `drawn`: the chart draws it (the others are in the table only)."""

    name: str
    values: tuple[str | int, ...]
    drawn: bool = True


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart: `kind` line, bar or pie (ECharts' names), the categories' heading and names."""

    key: str
    section: str
    title: str
    kind: str
    heading: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool = False

    @property
    def rows(self) -> list[tuple[str, list[str | int]]]:
        return [
            (name, [each.values[index] for each in self.series])
            for index, name in enumerate(self.categories)
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "kind": self.kind,
            "stacked": self.stacked,
            "categories": list(self.categories),
            "series": [
                {"name": each.name, "values": list(each.values), "drawn": each.drawn}
                for each in self.series
            ],
        }


def report_charts(
    document: ReportDocument, t: Callable[..., str], label: Callable[..., str], lang: str
) -> list[Chart]:
    """Every chart of the report, in the page's order (sales, analysis, returns, customers)."""
    sales_by, analysis, customers = document.sales_by, document.analysis, document.customers
    returns, refunds = document.returns, document.refunds

    def named(key: str) -> str:
        return key if key else t("rp_unnamed")

    def sales(
        key: str, section: str, kind: str, heading: str, rows: Sequence[SalesRow],
        name: Callable[[str], str] = named,
    ) -> Chart:  # fmt: skip
        return Chart(
            key, section, t(f"rp_chart_{key}"), kind, t(heading),
            tuple(name(row.key) for row in rows),
            (
                Series(t("rp_amount"), tuple(row.amount.yuan_text() for row in rows)),
                Series(t("rp_orders"), tuple(row.orders for row in rows), drawn=False),
                Series(t("rp_units"), tuple(row.units for row in rows), drawn=False),
            ),
        )  # fmt: skip

    segment_index = 0 if lang == "zh" else 1
    bands = analysis.price_bands
    return [
        sales("day", "sales", "line", "rp_day", sales_by["day"]),
        sales("hour", "sales", "bar", "rp_hour", sales_by["hour"]),
        sales("province", "sales", "bar", "rp_province", sales_by["province"]),
        sales(
            "platform",
            "sales",
            "pie",
            "rp_platform",
            sales_by["platform"],
            lambda code: label("platform", code) if code else t("rp_unnamed"),
        ),
        sales("store", "sales", "bar", "rp_store", sales_by["store"]),
        sales("category", "sales", "bar", "rp_category", sales_by["category"]),
        sales("top", "analysis", "bar", "rp_sku", document.top_skus),
        Chart(
            "falling",
            "analysis",
            t("rp_chart_falling"),
            "bar",
            t("rp_sku"),
            tuple(row.sku for row in analysis.falling_skus),
            (
                Series(
                    t("rp_units_before"), tuple(r.previous_units for r in analysis.falling_skus)
                ),
                Series(t("rp_units_now"), tuple(r.units for r in analysis.falling_skus)),
            ),
        ),
        Chart(
            "bands",
            "analysis",
            t("rp_chart_bands"),
            "bar",
            t("rp_band"),
            tuple(row.band for row in bands),
            (
                Series(t("rp_amount"), tuple(row.amount.yuan_text() for row in bands)),
                Series(t("rp_lines"), tuple(row.lines for row in bands), drawn=False),
                Series(t("rp_units"), tuple(row.units for row in bands), drawn=False),
            ),
        ),
        Chart(
            "checks",
            "analysis",
            t("rp_chart_checks"),
            "pie",
            t("rp_check"),
            tuple(t(f"rp_check_{row.check}") for row in analysis.violations),
            (
                Series(t("rp_lines"), tuple(row.lines for row in analysis.violations)),
                Series(t("rp_units"), tuple(r.units for r in analysis.violations), drawn=False),
                Series(
                    t("rp_amount"),
                    tuple(r.amount.yuan_text() for r in analysis.violations),
                    drawn=False,
                ),
            ),
        ),
        Chart(
            "return_reasons",
            "returns",
            t("rp_chart_return_reasons"),
            "bar",
            t("rp_reason"),
            tuple(named(row.reason) for row in returns.by_reason),
            (
                Series(t("rp_returns"), tuple(row.returns for row in returns.by_reason)),
                Series(t("rp_exchanges"), tuple(row.exchanges for row in returns.by_reason)),
            ),
            stacked=True,
        ),
        Chart(
            "return_skus",
            "returns",
            t("rp_chart_return_skus"),
            "bar",
            t("rp_sku"),
            tuple(row.sku or t("rp_whole_order") for row in returns.by_sku),
            (
                Series(t("rp_returns"), tuple(row.returns for row in returns.by_sku)),
                Series(t("rp_exchanges"), tuple(row.exchanges for row in returns.by_sku)),
                Series(
                    t("rp_lines_sold"), tuple(r.lines_sold for r in returns.by_sku), drawn=False
                ),
                Series(t("rp_rate"), tuple(_rate(row.rate) for row in returns.by_sku), drawn=False),
            ),
            stacked=True,
        ),
        Chart(
            "refund_reasons",
            "returns",
            t("rp_chart_refund_reasons"),
            "bar",
            t("rp_reason"),
            tuple(named(row.reason) for row in refunds.by_reason),
            (
                Series(t("rp_amount"), tuple(r.amount.yuan_text() for r in refunds.by_reason)),
                Series(t("rp_count"), tuple(row.count for row in refunds.by_reason), drawn=False),
            ),
        ),
        Chart(
            "customers",
            "customers",
            t("rp_chart_customers"),
            "pie",
            t("rp_buyer_kind"),
            (t("rp_new"), t("rp_repeat")),
            (Series(t("rp_buyers"), (customers.new, customers.repeat)),),
        ),
        Chart(
            "segments",
            "customers",
            t("rp_chart_segments"),
            "bar",
            t("rp_segment"),
            tuple(
                SEGMENT_NAMES.get(row.segment, (row.segment, row.segment))[segment_index]
                for row in customers.segments
            ),
            (
                Series(t("rp_buyers"), tuple(row.buyers for row in customers.segments)),
                Series(t("rp_orders"), tuple(r.orders for r in customers.segments), drawn=False),
                Series(
                    t("rp_amount"),
                    tuple(r.amount.yuan_text() for r in customers.segments),
                    drawn=False,
                ),
            ),
        ),
        Chart(
            "province_buyers",
            "customers",
            t("rp_chart_province_buyers"),
            "bar",
            t("rp_province"),
            tuple(named(key) for key, _ in customers.province_buyers),
            (Series(t("rp_buyers"), tuple(count for _, count in customers.province_buyers)),),
        ),
    ]


def _rate(rate: str | None) -> str:
    return "—" if rate is None else rate
