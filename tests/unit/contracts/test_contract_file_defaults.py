"""What a contract file leaves out takes the defaults of rules.md (R-C1, R-C3–R-C5)."""

from datetime import date

from daiyun.domain.contracts import (
    ContractModel,
    ContractTerms,
    Party,
    Service,
    parse_contract_file,
)
from daiyun.domain.money import Money, Rate

MODEL_B = """\
[brand]
code = "proya"
name = "珀莱雅"

[contract]
code = "PROYA-B-2026"
model = "B"
signed_on = "2026-03-02"
platforms = ["tmall", "jd", "douyin"]

[contract.terms]
service_fee_annual = 120000
service_deposit = "20,000.00"
model_b_commission_rate = "3%"
shipping_income_to = "operator"
"""


def test_a_file_without_term_dates_runs_one_year_from_signing_and_renews_r_c5() -> None:
    contract = parse_contract_file(MODEL_B, "contracts/proya.toml").contract

    # R-C5: a model B file without effective_on is read as effective on signing.
    assert contract.effective_on == date(2026, 3, 2)
    assert contract.term_months == 12
    assert contract.auto_renew is True
    assert contract.renewal_notice_months == 1
    assert contract.expires_on == date(2027, 3, 2)
    # R-C5: the last day 2027-03-01 less one month.
    assert contract.renewal_notice_by == date(2027, 2, 1)


def test_a_file_without_services_buys_store_operation_r_c3() -> None:
    contract = parse_contract_file(MODEL_B, "contracts/proya.toml").contract

    assert contract.services == (Service.STORE_OPERATION,)


def test_a_file_without_territory_sells_in_mainland_china_r_c4() -> None:
    contract = parse_contract_file(MODEL_B, "contracts/proya.toml").contract

    assert contract.territory == "mainland China"


def test_a_file_keeps_the_terms_it_sets_and_defaults_the_rest_r_c1() -> None:
    contract = parse_contract_file(MODEL_B, "contracts/proya.toml").contract

    assert contract.model is ContractModel.B
    assert contract.terms == ContractTerms(
        service_fee_annual=Money(12_000_000),
        service_deposit=Money(2_000_000),
        model_b_commission_rate=Rate.of("0.03"),
        shipping_income_to=Party.OPERATOR,
    )
    assert contract.terms.to_texts()["service_fee_annual"] == "120000.00"
    assert contract.terms.to_texts()["model_b_commission_rate"] == "0.03"


def test_a_file_without_stores_or_fees_has_none() -> None:
    contract_file = parse_contract_file(MODEL_B, "contracts/proya.toml")

    assert contract_file.stores == ()
    assert contract_file.platform_fees == ()


def test_a_file_saved_with_a_byte_order_mark_reads_the_same() -> None:
    with_mark = parse_contract_file("\ufeff" + MODEL_B, "contracts/proya.toml")

    assert with_mark == parse_contract_file(MODEL_B, "contracts/proya.toml")


def test_a_territory_and_services_written_in_the_file_are_kept_r_c3_r_c4() -> None:
    text = MODEL_B.replace(
        "[contract.terms]",
        'territory = "mainland China, Hong Kong"\n'
        'services = ["marketing", "warehousing_logistics"]\n\n[contract.terms]',
    )

    contract = parse_contract_file(text, "contracts/proya.toml").contract

    assert contract.territory == "mainland China, Hong Kong"
    assert contract.services == (Service.MARKETING, Service.WAREHOUSING_LOGISTICS)
