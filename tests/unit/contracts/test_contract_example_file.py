"""The contract file example of interfaces.md reads to exactly what it says (R-C1…R-C5, R-S5)."""

from datetime import date

from daiyun.domain.contracts import (
    BrandSpec,
    ContractFile,
    ContractModel,
    ContractSpec,
    ContractTerms,
    Platform,
    PlatformFeeSchedule,
    Service,
    StoreSpec,
    contract_file_to_toml,
    parse_contract_file,
)
from daiyun.domain.money import Money, Rate

# Copied from interfaces.md "Contract file (TOML)", comments and all.
INTERFACES_EXAMPLE = """\
[brand]
code = "chando"                # stable id used everywhere
name = "自然堂"

[contract]
code = "CHANDO-2026"
model = "A"                    # "A": operator collects and remits; "B": brand collects, pays fees
signed_on = 2026-01-05
effective_on = 2026-01-05
term_months = 12
auto_renew = true
renewal_notice_months = 1
platforms = ["tmall", "taobao"]
services = ["store_operation", "marketing", "customer_service", "it_systems"]

[contract.terms]               # every key optional; defaults are those of rules.md
commission_rate = "0.05"
markup_cap = "0.10"
shipping_income_to = "brand"   # or "operator"
platform_fees_borne_by = "operator"
late_penalty_per_day = "0.003"
# … every term named in rules.md, in snake_case

[[stores]]
code = "chando-tmall"
platform = "tmall"
name = "自然堂官方旗舰店"
go_live_on = 2026-02-01

[platform_fees.tmall]
deposit = "10000.00"
annual_fee = "6000.00"
category_rates = { "美容护肤" = "0.04", default = "0.05" }
"""

EXPECTED = ContractFile(
    brand=BrandSpec(code="chando", name="自然堂"),
    contract=ContractSpec(
        code="CHANDO-2026",
        brand_code="chando",
        model=ContractModel.A,
        signed_on=date(2026, 1, 5),
        effective_on=date(2026, 1, 5),
        term_months=12,
        auto_renew=True,
        renewal_notice_months=1,
        platforms=(Platform.TMALL, Platform.TAOBAO),
        # R-C3: customer service is part of store operation, so it is not listed twice.
        services=(Service.STORE_OPERATION, Service.MARKETING, Service.IT_SYSTEMS),
        territory="mainland China",
        terms=ContractTerms(),
    ),
    stores=(
        StoreSpec(
            code="chando-tmall",
            platform=Platform.TMALL,
            name="自然堂官方旗舰店",
            go_live_on=date(2026, 2, 1),
        ),
    ),
    platform_fees=(
        PlatformFeeSchedule(
            platform=Platform.TMALL,
            deposit=Money(1_000_000),
            annual_fee=Money(600_000),
            category_rates={"美容护肤": Rate.of("0.04")},
            default_rate=Rate.of("0.05"),
        ),
    ),
)


def test_the_interfaces_example_reads_to_exactly_what_it_says() -> None:
    contract_file = parse_contract_file(INTERFACES_EXAMPLE, "contracts/chando.toml")

    assert contract_file == EXPECTED


def test_the_example_terms_it_writes_are_the_rules_defaults_as_exact_decimals() -> None:
    terms = parse_contract_file(INTERFACES_EXAMPLE, "contracts/chando.toml").contract.terms

    assert terms.commission_rate.value.as_tuple() == Rate.of("0.05").value.as_tuple()
    assert terms.late_penalty_per_day == Rate.of("0.003")
    assert terms.markup_cap == Rate.of("0.10")


def test_the_example_written_back_reads_back_equal() -> None:
    written = contract_file_to_toml(EXPECTED)

    assert parse_contract_file(written, "written.toml") == EXPECTED


def test_the_example_is_written_with_every_term_and_its_rule() -> None:
    written = contract_file_to_toml(EXPECTED)

    assert written == WRITTEN_EXAMPLE


def test_a_categorys_own_rate_applies_and_every_other_category_pays_the_default_r_s5() -> None:
    fees = EXPECTED.platform_fees[0]

    assert fees.rate_for("美容护肤") == Rate.of("0.04")
    assert fees.rate_for("彩妆") == Rate.of("0.05")
    assert fees.rate_for(None) == Rate.of("0.05")


def test_a_platform_without_its_own_fee_table_gets_the_source_defaults_r_s5() -> None:
    fees = EXPECTED.fee_schedule_for(Platform.TAOBAO)

    assert fees == PlatformFeeSchedule(
        platform=Platform.TAOBAO,
        deposit=Money.of_yuan("10000.00"),
        annual_fee=Money.of_yuan("6000.00"),
        category_rates={},
        default_rate=Rate.of("0.05"),
    )
    assert EXPECTED.fee_schedule_for(Platform.TMALL) is EXPECTED.platform_fees[0]


def test_a_contract_file_is_immutable_and_hashable() -> None:
    same = parse_contract_file(INTERFACES_EXAMPLE, "contracts/chando.toml")

    assert hash(same) == hash(EXPECTED)
    assert len({same, EXPECTED}) == 1


WRITTEN_EXAMPLE = """\
[brand]
code = "chando"
name = "自然堂"

[contract]
code = "CHANDO-2026"
model = "A"
signed_on = 2026-01-05
effective_on = 2026-01-05
term_months = 12
auto_renew = true
renewal_notice_months = 1
platforms = ["tmall", "taobao"]
services = ["store_operation", "marketing", "it_systems"]
territory = "mainland China"

[contract.terms]
commission_rate = "0.05"  # R-S3
markup_cap = "0.1"  # R-P3
price_change_working_days = 1  # R-P5
shipping_income_to = "brand"  # R-S6
platform_fees_borne_by = "operator"  # R-S5
annual_fee_refund_half_from = "0.00"  # R-S5
annual_fee_refund_full_from = "0.00"  # R-S5
statement_issue_day = 10  # R-S6
confirm_working_days = 5  # R-S6
payment_due_day = 15  # R-S6
payment_working_days_after_confirmation = 3  # R-S6
late_penalty_per_day = "0.003"  # R-S7
termination_days_late = 15  # R-S7
shipping_sla_hours = 72  # R-F2
stockout_notice_days = 1  # R-F3
replenish_days = 7  # R-F3
return_days = 7  # R-F5
exchange_days = 15  # R-F5
breach_cure_days = 15  # R-C6
exit_days = 7  # R-C6
confidentiality_damages = "10000.00"  # R-C8
confidentiality_years = 3  # R-C8
service_fee_annual = "0.00"  # R-B1
first_instalment_share = "0.5"  # R-B1
first_instalment_days = 3  # R-B1
second_instalment_months = 5  # R-B1
model_b_commission_rate = "0.05"  # R-B2
commission_issue_day = 3  # R-B2
commission_payment_day = 5  # R-B2
vat_rate = "0.06"  # R-B3
service_deposit = "0.00"  # R-B4
deposit_refund_working_days = 5  # R-B4
fee_overdue_termination_days = 10  # R-B5
ad_budget_min_share = "0.1"  # R-B6
ad_budget_max_share = "0.2"  # R-B6
outage_notice_hours = 2  # R-B8
weekly_report_days = 1  # R-R1
monthly_report_days = 3  # R-R1
yearly_report_day = 10  # R-R1
buyer_data_retention_months = 36  # R-D1

[[stores]]
code = "chando-tmall"
platform = "tmall"
name = "自然堂官方旗舰店"
go_live_on = 2026-02-01

[platform_fees.tmall]
deposit = "10000.00"
annual_fee = "6000.00"
category_rates = { "美容护肤" = "0.04", default = "0.05" }
"""
