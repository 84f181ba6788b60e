"""Brands, contracts, stores and fee schedules refuse what a contract does not allow (R-C2–R-C4)."""

from dataclasses import replace
from datetime import date

import pytest

from daiyun.domain.contracts import (
    BrandSpec,
    ContractFile,
    ContractFileError,
    ContractModel,
    ContractSpec,
    ContractTerms,
    Platform,
    PlatformFeeSchedule,
    Service,
    StoreSpec,
)
from daiyun.domain.money import Money, Rate

BRAND = BrandSpec(code="chando", name="自然堂")
CONTRACT = ContractSpec(
    code="CHANDO-2026",
    brand_code="chando",
    model=ContractModel.B,
    signed_on=date(2026, 1, 5),
    effective_on=date(2026, 1, 7),
    term_months=12,
    auto_renew=False,
    renewal_notice_months=1,
    platforms=(Platform.TMALL, Platform.JD),
    services=(Service.WHOLE_OUTSOURCING,),
    territory="mainland China",
    terms=ContractTerms(),
)
TMALL_STORE = StoreSpec(
    code="chando-tmall", platform=Platform.TMALL, name="旗舰店", go_live_on=None
)


def test_the_platforms_are_the_ones_of_rules_md_with_their_chinese_names_r_c4() -> None:
    labels = {platform.value: platform.label_zh for platform in Platform}

    assert labels == {
        "tmall": "天猫",
        "taobao": "淘宝",
        "jd": "京东",
        "paipai": "拍拍",
        "pinduoduo": "拼多多",
        "douyin": "抖音",
        "own_site": "品牌官网",
    }


def test_the_services_are_the_provider_categories_of_article_1_r_c3() -> None:
    labels = {service.value: service.label_zh for service in Service}

    assert labels == {
        "it_systems": "IT技术",
        "store_operation": "运营服务",
        "marketing": "营销推广",
        "market_research": "市场研究",
        "warehousing_logistics": "仓储物流",
        "quality_insurance": "品控保险",
        "whole_outsourcing": "电商整包",
    }


def test_a_contract_is_model_a_or_model_b_r_c2() -> None:
    assert [model.value for model in ContractModel] == ["A", "B"]


@pytest.mark.parametrize("code", ["Chando", "c", "-chando", "chando brand", "x" * 41])
def test_a_brand_code_is_lowercase_letters_digits_dashes_and_underscores(code: str) -> None:
    with pytest.raises(ContractFileError) as refused:
        BrandSpec(code=code, name="自然堂")

    assert str(refused.value) == (
        f"brand: code: {code!r} is not a brand code (lowercase letters, digits, '-' and '_',"
        " 2–40 characters, starting with a letter or digit)"
    )


def test_a_brand_needs_a_name() -> None:
    with pytest.raises(ContractFileError) as refused:
        BrandSpec(code="chando", name=" ")

    assert str(refused.value) == "brand: name: ' ' is not a name; write the name people see"


def test_a_contract_listing_a_platform_twice_cannot_be_made_r_c4() -> None:
    with pytest.raises(ContractFileError) as refused:
        replace(CONTRACT, platforms=(Platform.TMALL, Platform.TMALL))

    assert str(refused.value) == "contract: platforms: tmall listed more than once"


def test_a_contract_made_with_plain_texts_holds_the_enum_members() -> None:
    contract = replace(CONTRACT, platforms=("tmall",), services=("marketing",))  # type: ignore[arg-type]

    assert contract.platforms == (Platform.TMALL,)
    assert contract.services == (Service.MARKETING,)


def test_a_file_with_a_store_on_an_unauthorised_platform_cannot_be_made_r_c4() -> None:
    douyin_store = replace(TMALL_STORE, code="chando-douyin", platform=Platform.DOUYIN)

    with pytest.raises(ContractFileError) as refused:
        ContractFile(BRAND, CONTRACT, stores=(TMALL_STORE, douyin_store), platform_fees=())

    assert str(refused.value) == (
        "contract file: stores[2].platform: store chando-douyin is on douyin,"
        " which the contract does not authorise (tmall, jd)"
    )


def test_a_file_with_a_store_code_twice_or_fees_for_a_platform_twice_cannot_be_made() -> None:
    tmall_fees = PlatformFeeSchedule(Platform.TMALL)

    with pytest.raises(ContractFileError) as refused:
        ContractFile(BRAND, CONTRACT, (TMALL_STORE, TMALL_STORE), (tmall_fees, tmall_fees))

    assert str(refused.value) == (
        "contract file: stores[2].code: store chando-tmall is given more than once\n"
        "contract file: platform_fees.tmall: fees for tmall are given more than once"
    )


def test_a_file_whose_contract_is_for_another_brand_cannot_be_made() -> None:
    with pytest.raises(ContractFileError) as refused:
        ContractFile(BrandSpec("proya", "珀莱雅"), CONTRACT, stores=(), platform_fees=())

    assert str(refused.value) == (
        "contract file: contract.brand_code: contract is for chando, not proya"
    )


def test_a_fee_schedule_refuses_a_category_named_default_r_s5() -> None:
    with pytest.raises(ContractFileError) as refused:
        PlatformFeeSchedule(Platform.TMALL, category_rates={"default": Rate.of("0.02")})

    assert str(refused.value) == (
        "platform fees: category_rates.default: 'default' cannot name a category"
    )


def test_a_fee_schedule_refuses_negative_fees_and_rates_above_1_r_s5() -> None:
    with pytest.raises(ContractFileError) as refused:
        PlatformFeeSchedule(
            Platform.TMALL, annual_fee=Money(-100), category_rates={"彩妆": Rate.of("2")}
        )

    assert str(refused.value) == (
        "platform fees: annual_fee: -1.00 is negative\n"
        "platform fees: category_rates.彩妆: 2 is outside 0–1"
    )


def test_fee_schedules_with_the_same_rates_are_equal_and_hash_alike_r_s5() -> None:
    first = PlatformFeeSchedule(
        Platform.JD, category_rates={"a": Rate.of("0.02"), "b": Rate.of("0.03")}
    )
    second = PlatformFeeSchedule(
        Platform.JD, category_rates={"b": Rate.of("0.030"), "a": Rate.of("0.02")}
    )

    assert first == second
    assert hash(first) == hash(second)


def test_a_fee_schedules_rates_cannot_be_changed_after_it_is_made_r_s5() -> None:
    rates = {"美容护肤": Rate.of("0.04")}
    fees = PlatformFeeSchedule(Platform.TMALL, category_rates=rates)
    rates["美容护肤"] = Rate.of("0.5")

    assert fees.rate_for("美容护肤") == Rate.of("0.04")
    with pytest.raises(TypeError):
        fees.category_rates["彩妆"] = Rate.of("0.02")  # type: ignore[index]
