"""Every term of rules.md is data with its default, readable from and writable to text (R-C1)."""

import pytest

from daiyun.domain.contracts import ContractFileError, ContractTerms, Party
from daiyun.domain.money import Money, Rate

DEFAULTS = ContractTerms()


def test_commission_is_five_percent_of_the_settlement_price_r_s3() -> None:
    assert DEFAULTS.commission_rate == Rate.of("0.05")


def test_the_markup_cap_defaults_to_ten_percent_above_guide_r_p3() -> None:
    # R-P3 names no number; 0.10 is the default chosen for it.
    assert DEFAULTS.markup_cap == Rate.of("0.10")


def test_platform_fees_are_borne_by_the_operator_r_s5() -> None:
    assert DEFAULTS.platform_fees_borne_by is Party.OPERATOR


def test_shipping_income_goes_to_the_brand_which_ships_r_s6() -> None:
    assert DEFAULTS.shipping_income_to is Party.BRAND


def test_statements_are_issued_by_the_10th_confirmed_in_5_and_paid_from_the_15th_r_s6() -> None:
    assert DEFAULTS.statement_issue_day == 10
    assert DEFAULTS.confirm_working_days == 5
    assert DEFAULTS.payment_due_day == 15
    assert DEFAULTS.payment_working_days_after_confirmation == 3


def test_late_payment_costs_0_3_percent_a_day_and_15_days_give_a_termination_right_r_s7() -> None:
    assert DEFAULTS.late_penalty_per_day == Rate.of("0.003")
    assert DEFAULTS.termination_days_late == 15


def test_the_brand_ships_within_72_hours_r_f2() -> None:
    assert DEFAULTS.shipping_sla_hours == 72


def test_a_stockout_is_notified_within_1_day_and_replenished_within_7_r_f3() -> None:
    assert DEFAULTS.stockout_notice_days == 1
    assert DEFAULTS.replenish_days == 7


def test_returns_are_within_7_days_and_exchanges_within_15_r_f5() -> None:
    assert DEFAULTS.return_days == 7
    assert DEFAULTS.exchange_days == 15


def test_a_breach_is_cured_within_15_days_and_exit_duties_take_7_r_c6() -> None:
    assert DEFAULTS.breach_cure_days == 15
    assert DEFAULTS.exit_days == 7


def test_confidentiality_damages_are_10000_yuan_for_3_years_r_c8() -> None:
    assert DEFAULTS.confidentiality_damages == Money(1_000_000)
    assert DEFAULTS.confidentiality_years == 3


def test_the_service_fee_is_not_agreed_until_a_contract_says_so_r_b1() -> None:
    assert DEFAULTS.service_fee_annual == Money.zero()
    assert DEFAULTS.first_instalment_share == Rate.of("0.5")
    assert DEFAULTS.first_instalment_days == 3
    assert DEFAULTS.second_instalment_months == 5


def test_model_b_commission_is_issued_by_the_3rd_and_paid_by_the_5th_r_b2() -> None:
    assert DEFAULTS.model_b_commission_rate == Rate.of("0.05")
    assert DEFAULTS.commission_issue_day == 3
    assert DEFAULTS.commission_payment_day == 5


def test_vat_on_the_operators_fees_is_6_percent_r_b3() -> None:
    assert DEFAULTS.vat_rate == Rate.of("0.06")


def test_the_service_deposit_is_none_and_refunded_within_5_working_days_r_b4() -> None:
    assert DEFAULTS.service_deposit == Money.zero()
    assert DEFAULTS.deposit_refund_working_days == 5


def test_fees_10_days_overdue_give_a_termination_right_r_b5() -> None:
    assert DEFAULTS.fee_overdue_termination_days == 10


def test_the_ad_budget_is_10_to_20_percent_of_monthly_sales_r_b6() -> None:
    assert DEFAULTS.ad_budget_min_share == Rate.of("0.10")
    assert DEFAULTS.ad_budget_max_share == Rate.of("0.20")


def test_an_outage_over_2_hours_is_notified_r_b8() -> None:
    assert DEFAULTS.outage_notice_hours == 2


def test_reports_are_due_1_day_3_days_and_the_10th_after_their_period_r_r1() -> None:
    assert DEFAULTS.weekly_report_days == 1
    assert DEFAULTS.monthly_report_days == 3
    assert DEFAULTS.yearly_report_day == 10


def test_a_guide_price_change_is_applied_by_the_next_working_day_r_p5() -> None:
    assert DEFAULTS.price_change_working_days == 1


def test_buyer_data_is_kept_36_months_after_the_contract_ends_r_d1() -> None:
    assert DEFAULTS.buyer_data_retention_months == 36


def test_every_term_has_a_name_a_text_and_the_rule_that_sets_it_r_c1() -> None:
    names = ContractTerms.names()

    # 38, and issue 17's two annual fee refund thresholds (R-S5).
    assert len(names) == 40
    assert names[:3] == ("commission_rate", "markup_cap", "price_change_working_days")
    assert tuple(DEFAULTS.to_texts()) == names
    assert ContractTerms.rule_of("late_penalty_per_day") == "R-S7"
    rule_families = {ContractTerms.rule_of(name)[:3] for name in names}
    assert rule_families == {"R-B", "R-C", "R-D", "R-F", "R-P", "R-R", "R-S"}


def test_terms_are_written_as_stable_texts() -> None:
    texts = DEFAULTS.to_texts()

    assert texts["commission_rate"] == "0.05"
    assert texts["late_penalty_per_day"] == "0.003"
    assert texts["confidentiality_damages"] == "10000.00"
    assert texts["service_fee_annual"] == "0.00"
    assert texts["shipping_income_to"] == "brand"
    assert texts["shipping_sla_hours"] == "72"


def test_terms_read_from_texts_take_defaults_for_the_missing_ones() -> None:
    terms = ContractTerms.from_texts(
        {
            "commission_rate": "6%",
            "service_fee_annual": "120,000.00",
            "platform_fees_borne_by": "brand",
        }
    )

    assert terms == ContractTerms(
        commission_rate=Rate.of("0.06"),
        service_fee_annual=Money(12_000_000),
        platform_fees_borne_by=Party.BRAND,
    )


def test_terms_read_from_their_own_texts_are_equal() -> None:
    terms = ContractTerms(markup_cap=Rate.of("0.15"), exit_days=10, vat_rate=Rate.of("0.13"))

    assert ContractTerms.from_texts(terms.to_texts()) == terms


def test_texts_with_problems_are_refused_with_every_problem_named() -> None:
    texts = {
        "commission_rate": "1.5",
        "return_day": "7",
        "exit_days": "-2",
        "payment_due_day": "32",
    }

    with pytest.raises(ContractFileError) as refused:
        ContractTerms.from_texts(texts, source="contract CHANDO-2026")

    assert str(refused.value) == (
        "contract CHANDO-2026: commission_rate: 1.5 is outside 0–1\n"
        "contract CHANDO-2026: return_day: unknown key; did you mean return_days?\n"
        "contract CHANDO-2026: exit_days: -2 is negative; write a whole number of days, 0 or more\n"
        "contract CHANDO-2026: payment_due_day: 32 is not a day of the month (1–31)"
    )


def test_texts_that_are_not_numbers_are_refused_naming_the_term() -> None:
    texts = {"vat_rate": "six percent", "exit_days": "7.5", "service_deposit": "12.345"}

    with pytest.raises(ContractFileError) as refused:
        ContractTerms.from_texts(texts)

    assert [str(problem) for problem in refused.value.problems] == [
        "contract terms: vat_rate: 'six percent' is not a rate",
        "contract terms: exit_days: '7.5' is not a whole number of days",
        "contract terms: service_deposit:"
        " '12.345' is not an amount in yuan with at most two decimals",
    ]


def test_an_ad_budget_floor_above_its_ceiling_is_refused_r_b6() -> None:
    with pytest.raises(ContractFileError) as refused:
        ContractTerms.from_texts({"ad_budget_min_share": "0.30"})

    assert str(refused.value) == (
        "contract terms: ad_budget_min_share: 0.3 is above ad_budget_max_share 0.2"
    )


def test_terms_made_in_code_are_checked_like_terms_read_from_a_file() -> None:
    with pytest.raises(ContractFileError) as refused:
        ContractTerms(commission_rate=Rate.of("-0.01"), service_deposit=Money(-1))

    assert [str(problem) for problem in refused.value.problems] == [
        "contract terms: commission_rate: -0.01 is outside 0–1",
        "contract terms: service_deposit: -0.01 is negative",
    ]


def test_the_annual_fee_refund_thresholds_are_optional_terms_r_s5() -> None:
    # R-S5: no threshold unless the contract names one; an old file's terms read unchanged.
    assert DEFAULTS.annual_fee_refund_half_from == Money.zero()
    assert DEFAULTS.annual_fee_refund_full_from == Money.zero()
    terms = ContractTerms.from_texts(
        {"annual_fee_refund_half_from": "1000000.00", "annual_fee_refund_full_from": "3000000.00"}
    )
    assert terms.annual_fee_refund_half_from == Money.of_yuan("1000000.00")
    assert terms.annual_fee_refund_full_from == Money.of_yuan("3000000.00")
    assert ContractTerms.rule_of("annual_fee_refund_full_from") == "R-S5"


def test_the_same_texts_give_the_same_terms_read_once_and_bad_texts_are_refused_each_time() -> None:
    # Issue 22: terms are read once per distinct set of texts (a page reads every contract once
    # per area); the immutable result is shared, and problems are raised every time, naming
    # the source given.
    texts = {"commission_rate": "0.07", "statement_issue_day": "12"}
    first = ContractTerms.from_texts(texts)
    assert ContractTerms.from_texts(dict(reversed(texts.items()))) is first
    assert first.commission_rate == Rate.of("0.07") and first.statement_issue_day == 12
    for source in ("contract A", "contract B"):
        with pytest.raises(ContractFileError, match=source):
            ContractTerms.from_texts({"commission_rate": "seven"}, source)
