"""The lines JSON of a figure's drill-down (R-S8): the lines, what they add up to, and how.

`GET /api/statements/{contract}/{month}/versions/{v}/lines` keeps every key it had (figure,
rule, page, size, total, column_sum, lines, unsettleable) and adds, as the statement's lines
page shows them: the figure as the statement states it (`stated`), how the lines make it
(`derivation`, with its words in English and Chinese), each line's share of the figure
(`share`: for the commission its exact, unrounded share) and the store of each line's order.

`column_sum` is what the figure's lines add up to: a column's total for a sum; the number of
lines (or orders) for a count; for the commission (R-S3) the rate × its base, the settlement
value, rounded half-up once — the commission, not its base; null for the remittance, which is
other figures added and taken away (R-S6, `derivation.terms`) and for every line.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from daiyun.domain.money import Money
from daiyun.domain.settlement import StatementLine
from daiyun.domain.settlement.drilldown import (
    RECIPES,
    Derivation,
    How,
    LinesPage,
    line_share,
)
from daiyun.domain.settlement.glossary import GLOSSARY
from daiyun.entrypoints.api.statement_schemas import StatementLinePublic, UnsettleablePublic

__all__ = ["DerivationPublic", "DrillLinePublic", "FigureLinesPublic", "TermPublic"]


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def exact_yuan(fen: Decimal) -> str:
    """An exact amount of fen in yuan with every decimal it has, at least two: "6.255"."""
    yuan = fen / 100
    places = max(2, -int(yuan.normalize().as_tuple().exponent))
    return f"{yuan:.{places}f}"


def _is_money(figure: str) -> bool:
    return GLOSSARY[figure].is_money


def _amount(figure: str, value: int) -> str | int:
    """A figure's value as the Statement JSON writes it: money in yuan, counts as numbers."""
    return _yuan(value) if _is_money(figure) else value


class TermPublic(BaseModel):
    """A figure a formula adds (sign 1) or takes away (sign -1), with its value (R-S6)."""

    figure: str
    sign: int
    amount: str


class DerivationPublic(BaseModel):
    """How the figure's lines make it (R-S8): `how` is sum, count, rate or formula."""

    how: str
    result: str | int = Field(description="what the lines arrive at, as the figure is written")
    adds_up: bool = Field(description="whether `result` is the figure the statement states")
    base: str | None = Field(
        default=None, description="rate: the commission base (计佣基数), the settlement value"
    )
    rate: str | None = Field(default=None, description="rate: the contract's commission rate")
    exact: str | None = Field(default=None, description="rate: base × rate, before rounding")
    terms: list[TermPublic] = Field(default_factory=list, description="formula: its figures")
    text: str = Field(description="how, in words (English)")
    text_zh: str = Field(description="how, in words (Chinese)")


class DrillLinePublic(StatementLinePublic):
    """A line, its order's store, and what it adds to the figure asked for."""

    store: str | None = Field(description="the store of the line's order; null if unknown")
    share: str | int | None = Field(
        description="what the line adds to the figure: its column in yuan (exact, unrounded "
        "for the commission), 1 for a count; null for every line or the remittance"
    )


class FigureLinesPublic(BaseModel):
    """A page of a version's lines making one figure, what they add up to, and how."""

    figure: str | None
    rule: str | None
    page: int
    size: int
    total: int
    column_sum: str | int | None
    stated: str | int | None = Field(description="the figure as the statement states it")
    derivation: DerivationPublic | None
    lines: list[DrillLinePublic]
    unsettleable: list[UnsettleablePublic]

    @classmethod
    def of(
        cls, found: LinesPage, derivation: Derivation | None, stated: int | None, *,
        figure: str | None, rule: str | None, page: int, size: int, stores: dict[str, str],
    ) -> FigureLinesPublic:  # fmt: skip
        column_sum: str | int | None = None
        if figure is not None and derivation is not None and derivation.how is not How.FORMULA:
            column_sum = _amount(figure, derivation.result)
        lines = [
            DrillLinePublic(
                **StatementLinePublic.of(line).model_dump(),
                store=stores.get(line.order_no),
                share=_share(figure, line, found),
            )
            for line in found.lines
        ]
        return cls(
            figure=figure,
            rule=rule,
            page=page,
            size=size,
            total=found.total,
            column_sum=column_sum,
            stated=None if figure is None or stated is None else _amount(figure, stated),
            derivation=None if derivation is None else _derivation(derivation, stated),
            lines=lines,
            unsettleable=[
                UnsettleablePublic(
                    order_no=order.order_no, reason=order.reason, completed_at=order.completed_at
                )
                for order in found.unsettleable
            ],
        )


def _share(figure: str | None, line: StatementLine, found: LinesPage) -> str | int | None:
    recipe = None if figure is None else RECIPES.get(figure)
    if figure is None or recipe is None or recipe.how is How.FORMULA:
        return None
    share = line_share(recipe, line, found.commission_rate)
    if isinstance(share, Decimal):  # R-S3: the commission's exact share
        return exact_yuan(share)
    return _amount(figure, share) if recipe.how is How.SUM else share


def _shown(figure: str, value: int) -> str:
    """A figure's value for people: ¥417.00, −¥3.50, 1,234."""
    if not _is_money(figure):
        return f"{value:,}"
    return ("-" if value < 0 else "") + f"¥{_yuan(abs(value))}"


def _derivation(derivation: Derivation, stated: int | None) -> DerivationPublic:
    figure, how = derivation.figure, derivation.how
    name = GLOSSARY[figure]
    result = _amount(figure, derivation.result)
    shown = _shown(figure, derivation.result)
    public = DerivationPublic(
        how=how.value, result=result, adds_up=derivation.result == stated, text="", text_zh=""
    )
    if how is How.SUM:
        public.text = f"the sum of {name.en.lower()} over its lines = {shown}"
        public.text_zh = f"各行{name.zh}之和 = {shown}"
    elif how is How.COUNT:
        public.text = f"{derivation.result:,} {'orders' if figure.endswith('orders') else 'lines'}"
        public.text_zh = f"{derivation.result:,} {'个订单' if figure.endswith('orders') else '行'}"
    elif how is How.RATE and derivation.rate is not None and derivation.exact_fen is not None:
        base = Money(derivation.column_total or 0)
        exact = exact_yuan(derivation.exact_fen)
        percent = derivation.rate.percent_text()
        public.base, public.rate, public.exact = base.yuan_text(), derivation.rate.text(), exact
        public.text = (
            f"commission base ¥{base.yuan_text()} × commission rate {percent} = ¥{exact}, "
            f"rounded half up to the fen once for the statement (R-S3) = {shown}"
        )
        public.text_zh = (
            f"计佣基数 ¥{base.yuan_text()} × 佣金比例 {percent} = ¥{exact}，"
            f"四舍五入到分（只在整张对账单上舍入一次，R-S3）= {shown}"
        )
    elif how is How.FORMULA:
        public.terms = [
            TermPublic(figure=term.figure, sign=term.sign, amount=_yuan(value))
            for term, value in derivation.terms
        ]
        en, zh = [name.en], [name.zh]
        for index, (term, value) in enumerate(derivation.terms):
            sign = "−" if term.sign < 0 else ("=" if index == 0 else "+")
            each = GLOSSARY[term.figure]
            en.append(f"{sign} {each.en.lower()} {_shown(term.figure, value)}")
            zh.append(f"{sign} {each.zh} {_shown(term.figure, value)}")
        public.text = " ".join([*en, f"= {shown} (R-S6)"])
        public.text_zh = " ".join([*zh, f"= {shown}（R-S6）"])
    return public
