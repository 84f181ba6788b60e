"""The report as a PDF (issue 20 point 3, R-R2): its figures and its charts, in Chinese and
English, with the embedded Chinese font (Noto Sans CJK, fonts.py).

The charts are drawn by matplotlib (Agg, no display) as PNG images and placed by fpdf2; the
same Noto Sans CJK file is given to matplotlib so Chinese labels are drawn, not boxes. Every
chart is drawn from the recorded document, as the web page's are; the XLSX holds the data
tables. The same document gives the same file (no wall-clock time inside)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from zoneinfo import ZoneInfo

from daiyun.adapters.exports.fonts import CjkFont, find_cjk_font
from daiyun.domain.money import Money
from daiyun.domain.reports.document import ReportDocument, SalesRow
from daiyun.domain.reports.segments import SEGMENT_NAMES

if TYPE_CHECKING:
    from fpdf import FPDF
    from matplotlib.font_manager import FontProperties

__all__ = ["report_pdf_bytes", "write_report_pdf"]

_BEIJING: Final = ZoneInfo("Asia/Shanghai")
_FAMILY: Final = "cjk"
_MARGIN: Final = 12.0
_CHART_W: Final = 90.0  # mm: two charts side by side on A4 portrait
_CHART_H: Final = 62.0
_GAP: Final = 6.0
_DPI: Final = 200
_COLORS: Final = ("#c23531", "#2f4554", "#61a0a8", "#d48265", "#91c7ae", "#749f83", "#ca8622")
_KINDS: Final = {"weekly": ("周报", "weekly report"), "monthly": ("月报", "monthly report"),
                 "yearly": ("年报", "yearly report")}  # fmt: skip
_PLATFORMS: Final = {"tmall": "天猫", "taobao": "淘宝", "jd": "京东", "pinduoduo": "拼多多",
                     "douyin": "抖音", "paipai": "拍拍", "own_site": "官网"}  # fmt: skip
_CHECKS: Final = {
    "within": "在限价内 within",
    "below_guide": "低于指导价 below guide",
    "above_cap": "高于上限 above cap",
    "no_guide_price": "无指导价 no guide",
}


@dataclass(frozen=True, slots=True)
class _Chart:
    title: str
    kind: str  # line, bar, barh, pie
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    stacked: bool = False


def write_report_pdf(document: ReportDocument, path: Path, *, font: CjkFont | None = None) -> None:
    """Write the report's PDF to `path`."""
    path.write_bytes(report_pdf_bytes(document, font=font))


def report_pdf_bytes(document: ReportDocument, *, font: CjkFont | None = None) -> bytes:
    """The report's PDF; CjkFontMissing when no Chinese font is installed."""
    chosen = font or find_cjk_font()
    pdf = _report_pdf(document, chosen)
    properties = _matplotlib_font(chosen)
    _summary(pdf, document)
    for heading, charts in _sections(document):
        _charts(pdf, heading, charts, properties)
    _closing(pdf, document)
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def _report_pdf(document: ReportDocument, font: CjkFont) -> FPDF:
    from fpdf import FPDF

    identity = f"{document.contract} · {document.kind.value} {document.period}"

    class ReportPdf(FPDF):
        def footer(self) -> None:
            self.set_y(-9)
            self.set_font(_FAMILY, size=6.5)
            self.set_text_color(90)
            self.cell(0, 4, f"{identity} · 内容哈希 Content hash {document.content_hash()}")
            self.set_x(_MARGIN)
            self.cell(0, 4, f"第 {self.page_no()} 页 Page", align="R")
            self.set_text_color(0)

    pdf = ReportPdf(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_font(_FAMILY, fname=font.regular, collection_font_number=font.regular_index)
    bold, index = (font.bold, font.bold_index) if font.bold else (font.regular, font.regular_index)
    pdf.add_font(_FAMILY, style="B", fname=bold, collection_font_number=index)
    zh, en = _KINDS[document.kind.value]
    pdf.set_title(f"{document.contract} {zh} {document.period}")
    pdf.set_subject(f"{en} {document.period}; content hash {document.content_hash()}")
    pdf.set_creator("daiyun")
    pdf.set_lang("zh-CN")
    pdf.set_creation_date(datetime(2000, 1, 1, tzinfo=UTC))
    return pdf


def _matplotlib_font(font: CjkFont) -> FontProperties:
    """matplotlib (Agg) set to draw with the same Noto Sans CJK file: Chinese, not boxes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, rcParams

    font_manager.fontManager.addfont(str(font.regular))
    properties = font_manager.FontProperties(fname=str(font.regular))
    rcParams["font.family"] = "sans-serif"
    rcParams["font.sans-serif"] = [properties.get_name(), *rcParams["font.sans-serif"]]
    rcParams["axes.unicode_minus"] = False
    rcParams["svg.hashsalt"] = "daiyun"
    return properties


def _summary(pdf: FPDF, document: ReportDocument) -> None:
    zh, en = _KINDS[document.kind.value]
    pdf.add_page()
    pdf.set_font(_FAMILY, style="B", size=16)
    pdf.cell(0, 9, f"经营报告 {zh} · {en.capitalize()}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILY, size=11)
    pdf.cell(0, 7, f"{document.contract} · {document.brand} · {document.period}",
             new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.set_font(_FAMILY, size=9)
    on_time = "按时 on time" if document.on_time else "逾期 late"
    made = document.made_at.astimezone(_BEIJING).strftime("%Y-%m-%d %H:%M")
    pdf.cell(0, 6, f"期间 Period {document.start.isoformat()} – {document.end.isoformat()} · "
             f"截止 Due {document.due.isoformat()} · 制作 Made {made} · {on_time}",
             new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.ln(3)
    sales, customers, refunds = document.sales, document.customers, document.refunds
    analysis = document.analysis
    rows = (
        ("订单数", "Orders", f"{sales.orders:,}"),
        ("件数", "Units", f"{sales.units:,}"),
        ("销售额（不含运费）", "Amount, shipping excluded", _yuan(sales.amount)),
        ("上期", f"Previous period {analysis.previous_period}", _yuan(analysis.previous.amount)),
        ("去年同期", f"A year before {analysis.year_before_period}",
         _yuan(analysis.year_before.amount)),
        ("完成退款", "Refunds completed", f"{refunds.count:,} · {_yuan(refunds.amount)}"),
        ("买家 新/老", "Buyers new/repeat",
         f"{customers.buyers:,} ({customers.new:,} / {customers.repeat:,})"),
        ("复购率", "Repeat rate", customers.repeat_rate or "—"),
        ("加价（对指导价）", "Markup over guide price",
         f"{_yuan(analysis.markup)} ({analysis.markup_rate or '—'})"),
    )  # fmt: skip
    pdf.set_font(_FAMILY, style="B", size=11)
    pdf.cell(0, 7, "概览 Summary", new_x="LMARGIN", new_y="NEXT")
    for zh_label, en_label, value in rows:
        pdf.set_font(_FAMILY, size=9.5)
        pdf.cell(38, 6, zh_label)
        pdf.set_text_color(90)
        pdf.cell(70, 6, en_label)
        pdf.set_text_color(0)
        pdf.cell(50, 6, value, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    if document.top_skus:
        pdf.set_font(_FAMILY, style="B", size=11)
        pdf.cell(0, 7, "热销 SKU Top SKUs", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(_FAMILY, size=8.5)
        for row in document.top_skus:
            pdf.cell(70, 5, row.key)
            pdf.cell(30, 5, f"{row.units:,} 件 units", align="R")
            pdf.cell(40, 5, _yuan(row.amount), align="R", new_x="LMARGIN", new_y="NEXT")


def _sections(document: ReportDocument) -> list[tuple[str, list[_Chart]]]:
    by, analysis, customers = document.sales_by, document.analysis, document.customers
    returns, refunds = document.returns, document.refunds
    names = {key: f"{zh} {en}" for key, (zh, en) in SEGMENT_NAMES.items()}
    return [
        ("销售 Sales", [
            _sales("每日销售额（元） Sales by day", "line", _every_day(document),
                   lambda k: k[5:] if document.kind.value != "yearly" else k),
            _sales("各时段销售额（元） Sales by hour", "bar", _every_hour(by["hour"])),
            _sales("各省销售额（元） Sales by province", "barh", by["province"]),
            _sales("各平台销售额（元） By platform", "pie", by["platform"],
                   lambda k: _PLATFORMS.get(k, k)),
            _sales("各店铺销售额（元） By store", "barh", by["store"]),
            _sales("各类目销售额（元） By category", "barh", by["category"]),
        ]),
        ("销售分析 Sales analysis", [
            _sales("热销 SKU（元） Top SKUs", "barh", document.top_skus),
            _Chart("下滑 SKU（件） Falling SKUs", "barh",
                   tuple(r.sku for r in analysis.falling_skus),
                   (("上期 before", tuple(float(r.previous_units) for r in analysis.falling_skus)),
                    ("本期 now", tuple(float(r.units) for r in analysis.falling_skus)))),
            _Chart("价格带（元） Price bands", "bar",
                   tuple(r.band for r in analysis.price_bands),
                   (("金额 amount", tuple(_float(r.amount) for r in analysis.price_bands)),)),
            _Chart("价格检查（行） Price checks", "pie",
                   tuple(_CHECKS.get(r.check, r.check) for r in analysis.violations),
                   (("行 lines", tuple(float(r.lines) for r in analysis.violations)),)),
        ]),
        ("退换货与退款 Returns and refunds", [
            _Chart("退换货原因 Returns by reason", "barh",
                   tuple(r.reason or "（未注明）" for r in returns.by_reason),
                   (("退货 returns", tuple(float(r.returns) for r in returns.by_reason)),
                    ("换货 exchanges", tuple(float(r.exchanges) for r in returns.by_reason))),
                   stacked=True),
            _Chart("退款原因（元） Refunds by reason", "barh",
                   tuple(r.reason or "（未注明）" for r in refunds.by_reason),
                   (("金额 amount", tuple(_float(r.amount) for r in refunds.by_reason)),)),
        ]),
        ("客户 Customers", [
            _Chart("新客与老客 New and repeat", "pie", ("新客 new", "老客 repeat"),
                   (("买家 buyers", (float(customers.new), float(customers.repeat))),)),
            _Chart("RFM 客户分层 RFM segments", "barh",
                   tuple(names.get(r.segment, r.segment) for r in customers.segments),
                   (("买家 buyers", tuple(float(r.buyers) for r in customers.segments)),)),
        ]),
    ]  # fmt: skip


def _every_day(document: ReportDocument) -> list[SalesRow]:
    """Every day of the period, those without a sale at 0 (a line across the whole period)."""
    found = {row.key: row for row in document.sales_by["day"]}
    days = (document.end - document.start).days + 1
    keys = [(document.start + timedelta(days=n)).isoformat() for n in range(days)]
    return [found.get(key, SalesRow(key, 0, 0, Money.zero())) for key in keys]


def _every_hour(rows: Sequence[SalesRow]) -> list[SalesRow]:
    found = {row.key: row for row in rows}
    keys = [f"{hour:02d}" for hour in range(24)]
    return [found.get(key, SalesRow(key, 0, 0, Money.zero())) for key in keys]


def _sales(title: str, kind: str, rows: Sequence[SalesRow], name: Any = None) -> _Chart:
    label = name or (lambda key: key or "（未注明）")
    return _Chart(
        title, kind, tuple(label(row.key) for row in rows),
        (("金额 amount", tuple(_float(row.amount) for row in rows)),),
    )  # fmt: skip


def _charts(pdf: FPDF, heading: str, charts: list[_Chart], font: FontProperties) -> None:
    if pdf.get_y() + 10 + _CHART_H > pdf.h - 16:
        pdf.add_page()
    else:
        pdf.ln(4)
    pdf.set_font(_FAMILY, style="B", size=13)
    pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 1
    for index, chart in enumerate(charts):
        column, row = index % 2, index // 2
        y = top + row * (_CHART_H + _GAP)
        if y + _CHART_H > pdf.h - 16:
            pdf.add_page()
            top, y = _MARGIN - row * (_CHART_H + _GAP), _MARGIN
        x = _MARGIN + column * (_CHART_W + _GAP)
        pdf.image(_png(chart, font), x=x, y=y, w=_CHART_W, h=_CHART_H)
    pdf.set_y(top + ((len(charts) + 1) // 2) * (_CHART_H + _GAP))


def _png(chart: _Chart, font: FontProperties) -> io.BytesIO:
    """The chart drawn by matplotlib as a PNG, its values written on it."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(_CHART_W / 25.4, _CHART_H / 25.4), dpi=_DPI)
    axes = figure.add_subplot()
    axes.set_title(chart.title, fontproperties=font, fontsize=8)
    if not chart.labels:
        axes.axis("off")
        axes.text(0.5, 0.5, "本期无数据 Nothing in this period", ha="center", va="center",
                  fontproperties=font, fontsize=8, transform=axes.transAxes)  # fmt: skip
    elif chart.kind == "pie":
        _, values = chart.series[0]
        shown = [(label, value) for label, value in zip(chart.labels, values, strict=True) if value]
        if shown:
            small = font.copy()
            small.set_size(6)
            axes.pie([v for _, v in shown], labels=[f"{k}\n{_number(v)}" for k, v in shown],
                     colors=_COLORS, textprops={"fontproperties": small},
                     wedgeprops={"width": 0.45}, startangle=90, counterclock=False)  # fmt: skip
        else:
            axes.axis("off")
        axes.set_aspect("equal")
    else:
        _axes_chart(axes, chart, font)
    figure.tight_layout(pad=0.4)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    buffer.seek(0)
    return buffer


def _axes_chart(axes: Any, chart: _Chart, font: FontProperties) -> None:
    labels = chart.labels[:15] if chart.kind == "barh" else chart.labels
    positions = list(range(len(labels)))
    count = len(chart.series)
    width = 0.8 if chart.stacked or count == 1 else 0.8 / count
    base = [0.0] * len(labels)
    for number, (name, all_values) in enumerate(chart.series):
        values = list(all_values[: len(labels)])
        color = _COLORS[number % len(_COLORS)]
        if chart.kind == "line":
            axes.plot(positions, values, marker="o", markersize=2, color=color, linewidth=1)
            axes.fill_between(positions, values, alpha=0.15, color=color)
            continue
        offset = 0.0 if chart.stacked or count == 1 else (number - (count - 1) / 2) * width
        where = [p + offset for p in positions]
        if chart.kind == "barh":
            bars = axes.barh(where, values, height=width, left=base, color=color, label=name)
        else:
            bars = axes.bar(where, values, width=width, bottom=base, color=color, label=name)
        if not chart.stacked:
            axes.bar_label(
                bars, labels=[_number(v) if v else "" for v in values], fontsize=5, padding=1
            )
        if chart.stacked:
            base = [b + v for b, v in zip(base, values, strict=True)]
    slots = max(len(labels), 5) - 0.5  # a bar or two: not as wide as the chart
    if chart.kind == "barh":
        axes.set_yticks(positions, labels, fontproperties=font, fontsize=5.5)
        axes.set_ylim(-0.5, slots)
        axes.invert_yaxis()
        axes.tick_params(axis="x", labelsize=5.5)
        axes.margins(x=0.18)
    else:
        if chart.kind == "bar":
            axes.set_xlim(-0.5, slots)
        step = max(1, len(labels) // 12)
        axes.set_xticks(positions[::step], labels[::step], fontproperties=font, fontsize=5.5,
                        rotation=45 if len(labels) > 8 else 0)  # fmt: skip
        axes.tick_params(axis="y", labelsize=5.5)
    if count > 1:
        legend_font = font.copy()
        legend_font.set_size(5.5)
        axes.legend(prop=legend_font)
    axes.spines[["top", "right"]].set_visible(False)


def _closing(pdf: FPDF, document: ReportDocument) -> None:
    if pdf.get_y() + 40 > pdf.h - 16:
        pdf.add_page()
    pdf.set_font(_FAMILY, style="B", size=13)
    pdf.cell(0, 8, "库存 Inventory", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILY, size=9)
    inventory = document.inventory
    if not inventory.available:
        pdf.multi_cell(0, 5, "暂无库存数据（不做估计）。No stock data (no guess is made).",
                       new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    else:
        for row in inventory.rows[:60]:
            cover = "—" if row.days_of_cover is None else str(row.days_of_cover)
            pdf.cell(70, 5, row.sku)
            pdf.cell(40, 5, f"在库 on hand {row.on_hand:,}", align="R")
            pdf.cell(50, 5, f"可售天数 days of cover {cover}", align="R",
                     new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.ln(4)
    pdf.set_font(_FAMILY, style="B", size=13)
    pdf.cell(0, 8, "浏览数据 Browsing", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILY, size=9)
    pdf.multi_cell(0, 5, document.browsing.note_zh, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, document.browsing.note_en, new_x="LMARGIN", new_y="NEXT")


def _yuan(amount: Money) -> str:
    return f"¥{amount.yuan_text()}"


def _float(amount: Money) -> float:
    """Yuan as a chart's bar length (drawing only: every figure written is Money's text)."""
    return amount.fen / 100


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
