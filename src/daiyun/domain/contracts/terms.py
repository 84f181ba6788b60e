"""The terms of a contract: every number of rules.md, with its default, settable per contract."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Any, cast

from daiyun.domain.contracts.choices import Party
from daiyun.domain.contracts.problems import (
    ContractFileError,
    ContractProblem,
    unknown_key_message,
)
from daiyun.domain.contracts.term_values import (
    TermKind,
    TermValue,
    TermValueError,
    check_term_value,
    read_term_value,
    term_value_text,
)
from daiyun.domain.money import Money, Rate

__all__ = ["ContractTerms", "TermProblem", "read_contract_terms"]

# A problem with one term: the term's name and what is wrong.
TermProblem = tuple[str, str]


def _about(rule: str, kind: TermKind) -> dict[str, str]:
    """What a term's field records besides its default: the rule that sets it and its kind."""
    return {"rule": rule, "kind": kind}


@dataclass(frozen=True)
class ContractTerms:
    """Every term of a contract, defaulting to rules.md (R-C1: terms are data)."""

    # R-S3: commission on the settlement price of recognised units (model A).
    commission_rate: Rate = field(default=Rate.of("0.05"), metadata=_about("R-S3", "rate"))
    # R-P3: rules.md names no default cap; 10% above guide is a common ceiling in 代运营 contracts.
    markup_cap: Rate = field(default=Rate.of("0.10"), metadata=_about("R-P3", "rate"))
    # R-P5: the brand's price changes are applied "in time" (及时, §4 art.4(一)4); rules.md names
    # no deadline, so by the end of the next working day.
    price_change_working_days: int = field(default=1, metadata=_about("R-P5", "working_days"))
    # R-S6: the brand ships and pays the carrier (§2 ch.3 art.4.1), so the postage buyers pay is
    # the brand's and is remitted with the goods.
    shipping_income_to: Party = field(default=Party.BRAND, metadata=_about("R-S6", "party"))
    platform_fees_borne_by: Party = field(default=Party.OPERATOR, metadata=_about("R-S5", "party"))
    # R-S5 (formats.md "Tmall fees"): the platform refunds half of a service year's annual fee
    # once the store's sales of that year reach the first threshold, all of it at the second.
    # 0.00 means the contract names no such threshold (no refund).
    annual_fee_refund_half_from: Money = field(
        default=Money.zero(), metadata=_about("R-S5", "amount")
    )
    annual_fee_refund_full_from: Money = field(
        default=Money.zero(), metadata=_about("R-S5", "amount")
    )
    statement_issue_day: int = field(default=10, metadata=_about("R-S6", "day_of_month"))
    confirm_working_days: int = field(default=5, metadata=_about("R-S6", "working_days"))
    payment_due_day: int = field(default=15, metadata=_about("R-S6", "day_of_month"))
    payment_working_days_after_confirmation: int = field(
        default=3, metadata=_about("R-S6", "working_days")
    )
    late_penalty_per_day: Rate = field(default=Rate.of("0.003"), metadata=_about("R-S7", "rate"))
    termination_days_late: int = field(default=15, metadata=_about("R-S7", "days"))
    shipping_sla_hours: int = field(default=72, metadata=_about("R-F2", "hours"))
    stockout_notice_days: int = field(default=1, metadata=_about("R-F3", "days"))
    replenish_days: int = field(default=7, metadata=_about("R-F3", "days"))
    return_days: int = field(default=7, metadata=_about("R-F5", "days"))
    exchange_days: int = field(default=15, metadata=_about("R-F5", "days"))
    breach_cure_days: int = field(default=15, metadata=_about("R-C6", "days"))
    exit_days: int = field(default=7, metadata=_about("R-C6", "days"))
    confidentiality_damages: Money = field(
        default=Money.of_yuan("10000.00"), metadata=_about("R-C8", "amount")
    )
    confidentiality_years: int = field(default=3, metadata=_about("R-C8", "years"))
    # R-B1: the source leaves the fee blank; 0.00 means "not agreed" (no instalments fall due).
    service_fee_annual: Money = field(default=Money.zero(), metadata=_about("R-B1", "amount"))
    # R-B1: the source has two instalments with blank amounts; the first is this share of the
    # annual fee, the second the rest. Half and half unless the contract says otherwise.
    first_instalment_share: Rate = field(default=Rate.of("0.5"), metadata=_about("R-B1", "rate"))
    first_instalment_days: int = field(default=3, metadata=_about("R-B1", "days"))
    second_instalment_months: int = field(default=5, metadata=_about("R-B1", "months"))
    # R-B2: the source leaves the rate blank; 5% is the only commission rate in the source (§2).
    model_b_commission_rate: Rate = field(default=Rate.of("0.05"), metadata=_about("R-B2", "rate"))
    commission_issue_day: int = field(default=3, metadata=_about("R-B2", "day_of_month"))
    commission_payment_day: int = field(default=5, metadata=_about("R-B2", "day_of_month"))
    # R-B3: the operator's fees are modern services (现代服务), VAT 6% for a general taxpayer.
    vat_rate: Rate = field(default=Rate.of("0.06"), metadata=_about("R-B3", "rate"))
    # R-B4: the source leaves the deposit blank; 0.00 means none is held.
    service_deposit: Money = field(default=Money.zero(), metadata=_about("R-B4", "amount"))
    deposit_refund_working_days: int = field(default=5, metadata=_about("R-B4", "working_days"))
    fee_overdue_termination_days: int = field(default=10, metadata=_about("R-B5", "days"))
    ad_budget_min_share: Rate = field(default=Rate.of("0.10"), metadata=_about("R-B6", "rate"))
    ad_budget_max_share: Rate = field(default=Rate.of("0.20"), metadata=_about("R-B6", "rate"))
    outage_notice_hours: int = field(default=2, metadata=_about("R-B8", "hours"))
    weekly_report_days: int = field(default=1, metadata=_about("R-R1", "days"))
    monthly_report_days: int = field(default=3, metadata=_about("R-R1", "days"))
    yearly_report_day: int = field(default=10, metadata=_about("R-R1", "day_of_month"))
    # R-D1: rules.md names no retention period; the E-commerce Law (art. 31) keeps transaction
    # records at least three years after the transaction, so buyer data is kept 36 months.
    buyer_data_retention_months: int = field(default=36, metadata=_about("R-D1", "months"))

    def __post_init__(self) -> None:
        values = {name: getattr(self, name) for name in _KINDS}
        problems = _value_problems(values) or _relation_problems(values)
        if problems:
            raise _terms_error(problems, "contract terms")

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every term's name, in the order contract files list them."""
        return tuple(_KINDS)

    @classmethod
    def rule_of(cls, name: str) -> str:
        """The rules.md id that sets the term `name` (for traceability, R-S8)."""
        return _RULES[name]

    def to_texts(self) -> dict[str, str]:
        """Every term as stable text: rates "0.05", amounts "10000.00", counts "15", "brand"."""
        return {name: term_value_text(getattr(self, name)) for name in _KINDS}

    @classmethod
    def from_texts(cls, texts: Mapping[str, str], source: str = "contract terms") -> ContractTerms:
        """The terms written as texts; missing ones take their defaults; all problems raised.
        The same texts give the same terms, read and checked once (`_terms_of_texts`)."""
        terms = _terms_of_texts(tuple(sorted(texts.items())))
        if terms is None:
            _, problems = read_contract_terms(texts)
            raise _terms_error(problems, source)
        return terms


_KINDS: Mapping[str, TermKind] = {
    term.name: cast(TermKind, term.metadata["kind"]) for term in fields(ContractTerms)
}
_RULES: Mapping[str, str] = {
    term.name: str(term.metadata["rule"]) for term in fields(ContractTerms)
}


def read_contract_terms(
    values: Mapping[str, object],
) -> tuple[ContractTerms | None, list[TermProblem]]:
    """Terms from file values or texts, or None and every problem found."""
    problems: list[TermProblem] = []
    chosen: dict[str, TermValue] = {}
    for name, raw in values.items():
        kind = _KINDS.get(name)
        if kind is None:
            problems.append((name, unknown_key_message(name, tuple(_KINDS))))
            continue
        try:
            chosen[name] = read_term_value(kind, raw)
        except TermValueError as error:
            problems.append((name, str(error)))
    if problems:
        return None, problems
    problems = _relation_problems({**_defaults(), **chosen})
    if problems:
        return None, problems
    return replace(_DEFAULTS, **cast(dict[str, Any], chosen)), []


# Distinct sets of term texts kept read: far more contracts than an agency has.
_TEXTS_KEPT = 4096


@lru_cache(maxsize=_TEXTS_KEPT)
def _terms_of_texts(texts: tuple[tuple[str, str], ...]) -> ContractTerms | None:
    """The terms of these (name, text) pairs, or None when they have problems. ContractTerms
    is immutable and reading is a pure function of the texts, so each distinct set is read
    once per process: a page listing every area's duties reads every contract once per area,
    and reading and checking their terms was most of what the dashboard cost (issue 22)."""
    terms, _ = read_contract_terms(dict(texts))
    return terms


def _defaults() -> dict[str, object]:
    return {name: getattr(_DEFAULTS, name) for name in _KINDS}


def _value_problems(values: Mapping[str, object]) -> list[TermProblem]:
    problems = ((name, check_term_value(kind, values[name])) for name, kind in _KINDS.items())
    return [(name, message) for name, message in problems if message is not None]


def _relation_problems(values: Mapping[str, object]) -> list[TermProblem]:
    # R-B6: the advertising budget is a band of monthly sales; its floor cannot exceed its ceiling.
    floor, ceiling = values["ad_budget_min_share"], values["ad_budget_max_share"]
    if isinstance(floor, Rate) and isinstance(ceiling, Rate) and floor.value > ceiling.value:
        message = f"{floor.text()} is above ad_budget_max_share {ceiling.text()}"
        return [("ad_budget_min_share", message)]
    return []


def _terms_error(problems: list[TermProblem], source: str) -> ContractFileError:
    return ContractFileError(
        ContractProblem(source, None, name, message) for name, message in problems
    )


_DEFAULTS = ContractTerms()  # built once every check above is defined
