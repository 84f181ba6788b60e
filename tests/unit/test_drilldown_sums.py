"""R-S8: every figure's drill-down adds up to the figure, for any statement the domain drafts.

Order lines, refunds and fee rates are made with the settlement builders, the month is drafted
by the domain itself (draft_statement), and each figure's drill-down (drilldown.drill_down, the
same recipes and derivation the lines page shows) must arrive at the figure to the fen: a sum
its column's total, the commission its base × the contract's rate rounded half-up once (R-S3),
the remittance its formula over the other figures (R-S6), each of which adds up in turn.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.contracts import ContractTerms, Party, Platform
from daiyun.domain.money import Money, Rate, round_half_up_to_fen
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.settlement import RefundRecord, SettlementLine, Statement
from daiyun.domain.settlement.drilldown import (
    FIGURE_COLUMNS,
    LINE_FIGURES,
    RECIPES,
    How,
    Recipe,
    drill_charges,
    drill_down,
)
from daiyun.domain.settlement.inputs import UnsettleableOrder
from daiyun.domain.settlement.platform_charges import ChargeKind, PlatformCharge
from tests.unit.settlement.settlement_builders import draft, sale

START = datetime(2026, 10, 1, tzinfo=SHANGHAI)
SPAN_MINUTES = 45 * 24 * 60  # October and half of November: some lines fall outside October
RATES = ("0.05", "0.045", "0.033", "0.0725", "0")


@st.composite
def statements(draw: st.DrawFn) -> Statement:
    """October drafted by the domain from generated lines, refunds and terms."""
    terms = ContractTerms(
        commission_rate=Rate.of(draw(st.sampled_from(RATES))),
        shipping_income_to=draw(st.sampled_from([Party.BRAND, Party.OPERATOR])),
        # R-S5 (issue 17): whoever bears the platform's fees.
        platform_fees_borne_by=draw(st.sampled_from([Party.BRAND, Party.OPERATOR])),
    )
    lines: list[SettlementLine] = []
    refunds: list[RefundRecord] = []
    for index in range(draw(st.integers(0, 10))):
        units = draw(st.integers(1, 4))
        guide = draw(st.integers(1, 80_000))
        actual = max(0, guide * units + draw(st.integers(-3_000, 9_000)))
        completed = START + timedelta(minutes=draw(st.integers(0, SPAN_MINUTES)))
        line = sale(
            f"T{index:03d}", units=units, actual=Money(actual).yuan_text(),
            guide=draw(st.sampled_from([Money(guide).yuan_text()] * 6 + [None])),
            sku=draw(st.sampled_from(["CH-CREAM-50"] * 6 + [None])), completed=None,
            category=draw(st.sampled_from(["美容护肤", "彩妆", None])),
            status=draw(st.sampled_from([OrderStatus.COMPLETED] * 4 + [OrderStatus.CLOSED])),
            shipping=Money(draw(st.sampled_from([0, 0, 800, 1_200]))).yuan_text(),
        )  # fmt: skip
        at = completed if line.status is OrderStatus.COMPLETED else None
        lines.append(replace(line, completed_at=at))
        for _ in range(draw(st.integers(0, 2))):
            refunds.append(
                RefundRecord(
                    line.order_no, 1, draw(st.integers(0, units)),
                    Money(draw(st.integers(1, max(1, actual)))),
                    draw(st.sampled_from([None, "quality", "价格保护"])),
                    completed + timedelta(minutes=draw(st.integers(-3_000, 20_000))),
                )
            )  # fmt: skip
    without_sku_lines = [
        UnsettleableOrder(f"X{index}", "order without SKU lines", START + timedelta(days=index))
        for index in range(draw(st.integers(0, 2)))
    ]
    # R-S5: the platform's deposit, annual fee or refund falling due in the month.
    charges = [
        PlatformCharge(
            f"platform-fee:C:S:{kind.value}:2026-10-0{index + 1}", "C", "S", Platform.TMALL,
            kind, date(2026, 10, index + 1), Money(amount), terms.platform_fees_borne_by, "",
        )
        for index, (kind, amount) in enumerate(
            draw(st.lists(st.sampled_from([
                (ChargeKind.DEPOSIT, 1_000_000), (ChargeKind.ANNUAL_FEE, 600_000),
                (ChargeKind.ANNUAL_FEE_REFUND, -300_000),
            ]), max_size=3, unique=True))
        )
    ]  # fmt: skip
    return draft(
        "2026-10", lines, refunds, terms=terms, without_sku_lines=without_sku_lines,
        charges=charges,
    )  # fmt: skip


def _value(statement: Statement, figure: str) -> int:
    value = getattr(statement.figures, figure)
    return value.fen if isinstance(value, Money) else int(value)


def mismatches(statement: Statement, recipes: dict[str, Recipe] = RECIPES) -> list[str]:
    """Every way a figure's drill-down fails to add up to the figure; [] when all do."""
    found = []
    for figure in LINE_FIGURES:
        drill = drill_down(statement, figure, recipes=recipes)
        derivation, stated = drill.derivation, _value(statement, figure)
        if not derivation.adds_up_to(statement.figures) or derivation.result != stated:
            found.append(f"{figure}: drill-down arrives at {derivation.result}, not {stated}")
        how = recipes[figure].how
        if how is How.SUM and sum(drill.shares) != derivation.column_total:
            found.append(f"{figure}: the listed lines' column does not add up to its total")
        if how is How.COUNT and len(drill.shares) != stated:
            found.append(f"{figure}: {len(drill.shares)} listed, {stated} stated")
        if how is How.RATE:
            # R-S3: the lines' exact shares add up to the base × rate, rounded once.
            exact = sum(drill.shares, Decimal(0))
            if exact != derivation.exact_fen or round_half_up_to_fen(exact).fen != stated:
                found.append(f"{figure}: the exact shares {exact} do not round to {stated}")
            if derivation.column_total != statement.figures.settlement_value.fen:
                found.append(f"{figure}: its base is not the settlement value")
        if how is How.FORMULA:
            for term, value in derivation.terms:
                if value != _value(statement, term.figure):
                    found.append(f"{figure}: its term {term.figure} is not that figure")
            # The per-line part (settlement + shipping − deductions) less the commission and
            # the platform fees the brand bears (R-S5: made of charges, not of line columns).
            before_commission = (
                sum(drill.shares)
                - statement.figures.commission.fen
                - statement.figures.platform_fees_borne.fen
            )
            if before_commission != stated:
                found.append(f"{figure}: its lines less the commission are {before_commission}")
    # R-S5: the charge figures open to the month's charges and who bears them.
    charges = drill_charges(statement)
    if not charges.adds_up_to(statement.figures):
        found.append(f"platform charges: the charges arrive at {charges}")
    return found


@settings(max_examples=150, deadline=None)
@given(statements())
def test_every_figures_drill_down_adds_up_to_the_figure(statement: Statement) -> None:
    """R-S8: from any drafted statement, each figure's lines arrive at the figure exactly."""
    assert mismatches(statement) == []


# October by hand: 2 × ¥139.00 and 1 × ¥145.00 (guide ¥139.00) at 4.5%:
# settlement value 3 × 13,900 = 41,700 fen; 41,700 × 0.045 = 1,876.5 fen → 1,877 fen (half up).
HAND = draft(
    "2026-10",
    [
        sale("2001", units=2, actual="278.00", guide="139.00"),
        sale("2002", units=1, actual="145.00", guide="139.00"),
    ],
    terms=ContractTerms(commission_rate=Rate.of("0.045")),
)


def test_the_commission_is_its_base_times_the_rate_rounded_half_up_once() -> None:
    """R-S3, R-S8: 计佣基数 ¥417.00 × 4.5% = ¥18.765 → ¥18.77; the base is the settlement value."""
    drill = drill_down(HAND, "commission")
    assert drill.derivation.column_total == 41_700
    assert drill.derivation.exact_fen == Decimal("1876.5")
    assert drill.derivation.result == HAND.figures.commission.fen == 1_877
    # Each line's exact share: 27,800 × 0.045 = 1,251 fen; 13,900 × 0.045 = 625.5 fen.
    assert drill.shares == (Decimal("1251.000"), Decimal("625.500"))
    # Remittance: 41,700 + 0 − 1,877 − 0 = 39,823 fen.
    remittance = drill_down(HAND, "remittance").derivation
    assert [(t.sign, t.figure, v) for t, v in remittance.terms] == [
        (1, "settlement_value", 41_700),
        (1, "shipping_income", 0),
        (-1, "commission", 1_877),
        (-1, "brand_deductions", 0),
        (-1, "platform_fees_borne", 0),  # R-S5: the operator bears them (the default)
        (1, "custody_losses", 0),  # R-F7: nothing lost in custody
    ]
    assert remittance.result == HAND.figures.remittance.fen == 39_823


BROKEN = {**RECIPES, "commission": Recipe("commission", How.SUM, "settlement_value_fen")}


def test_a_drill_down_that_sums_the_settlement_value_for_the_commission_fails() -> None:
    """The property catches the old page: commission's lines summing to the settlement value
    ("共 58 行 · 合计 ¥14,893.00" under a ¥670.19 commission)."""
    assert mismatches(HAND) == []
    assert mismatches(HAND, BROKEN) == ["commission: drill-down arrives at 41700, not 1877"]


@settings(max_examples=60, deadline=None)
@given(statements())
def test_the_property_fails_a_broken_drill_down_whenever_there_is_a_settlement_value(
    statement: Statement,
) -> None:
    """With the broken recipe the property fails for every statement whose settlement value is
    not zero: no contract's rate is 100%."""
    broken = mismatches(statement, BROKEN)
    if statement.figures.settlement_value.fen != 0:
        assert broken and broken[0].startswith("commission: drill-down arrives at")
    else:
        assert broken == []


def test_the_pages_line_selection_lists_the_lines_the_recipes_sum() -> None:
    """The lines page selects in SQL by FIGURE_COLUMNS (a column not zero; sale lines for the
    count; every line for the remittance): the same lines the recipes sum here."""
    for figure, recipe in RECIPES.items():
        selected = FIGURE_COLUMNS.get(figure)
        if recipe.how is How.COUNT and figure != "unsettleable_orders":
            assert selected == "kind", figure
        elif recipe.how is How.FORMULA:
            assert selected is None, figure
        elif figure != "unsettleable_orders":
            assert selected == recipe.column, figure
        assert (
            recipe.how is How.FORMULA
            or not recipe.shown
            or recipe.shown[-1] in (recipe.column, "units", "commission")
        ), figure  # the column that adds up to the figure is the last one shown
    assert set(RECIPES) == set(LINE_FIGURES)
