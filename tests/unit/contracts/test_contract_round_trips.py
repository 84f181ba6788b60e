"""Terms and contract files written out read back equal, whatever their values (R-C1)."""

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.contracts import (
    BrandSpec,
    ContractFile,
    ContractModel,
    ContractSpec,
    ContractTerms,
    Party,
    Platform,
    PlatformFeeSchedule,
    Service,
    StoreSpec,
    contract_file_to_toml,
    parse_contract_file,
)
from daiyun.domain.contracts.tax_id import TAX_ID_CHARACTERS, tax_id_check_character
from daiyun.domain.money import Money, Rate

DEFAULTS = ContractTerms()

rates = st.decimals(min_value=0, max_value=1, places=6).map(Rate)
amounts = st.integers(min_value=0, max_value=10**13).map(Money)
# Any text a person could type: every character but lone surrogates, which no file can hold.
texts = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30)
names = texts.filter(str.strip)
lowercase_codes = st.from_regex(r"[a-z0-9][a-z0-9_-]{1,39}", fullmatch=True)
# R-B3: a brand's tax id, its check character computed (GB 32100-2015), or none given.
tax_ids = st.none() | st.text(alphabet=TAX_ID_CHARACTERS, min_size=17, max_size=17).map(
    lambda first_17: first_17 + tax_id_check_character(first_17)
)


def term_values(name: str) -> st.SearchStrategy[Any]:
    """Values a term can take, judged by its default: rate, amount, party or whole number."""
    default = getattr(DEFAULTS, name)
    if isinstance(default, Rate):
        return rates
    if isinstance(default, Money):
        return amounts
    if isinstance(default, Party):
        return st.sampled_from(Party)
    if name.endswith("_day"):  # a day of the month: statement_issue_day, payment_due_day, …
        return st.integers(min_value=1, max_value=31)
    return st.integers(min_value=0, max_value=10_000)


@st.composite
def contract_terms(draw: st.DrawFn) -> ContractTerms:
    """Any valid terms; the ad budget floor is never above its ceiling (R-B6)."""
    values = {name: draw(term_values(name)) for name in ContractTerms.names()}
    floor, ceiling = sorted([values["ad_budget_min_share"], values["ad_budget_max_share"]])
    return ContractTerms(**{**values, "ad_budget_min_share": floor, "ad_budget_max_share": ceiling})


@st.composite
def contracts(draw: st.DrawFn, brand_code: str) -> ContractSpec:
    """Any valid contract of the brand."""
    term_months = draw(st.integers(min_value=1, max_value=120))
    return ContractSpec(
        code=draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{1,39}", fullmatch=True)),
        brand_code=brand_code,
        model=draw(st.sampled_from(ContractModel)),
        signed_on=draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))),
        effective_on=draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))),
        term_months=term_months,
        auto_renew=draw(st.booleans()),
        renewal_notice_months=draw(st.integers(min_value=0, max_value=term_months)),
        platforms=tuple(draw(st.lists(st.sampled_from(Platform), min_size=1, unique=True))),
        services=tuple(draw(st.lists(st.sampled_from(Service), min_size=1, unique=True))),
        territory=draw(names),
        terms=draw(contract_terms()),
    )


@st.composite
def fee_schedules(draw: st.DrawFn, platform: Platform) -> PlatformFeeSchedule:
    """Any valid fee schedule of the platform, its categories named in any text."""
    categories = names.filter(lambda name: name != "default")
    return PlatformFeeSchedule(
        platform=platform,
        deposit=draw(amounts),
        annual_fee=draw(amounts),
        category_rates=draw(st.dictionaries(categories, rates, max_size=4)),
        default_rate=draw(rates),
    )


@st.composite
def contract_files(draw: st.DrawFn) -> ContractFile:
    """Any valid contract file: stores and fees only on the contract's platforms (R-C4)."""
    brand = BrandSpec(code=draw(lowercase_codes), name=draw(names), tax_id=draw(tax_ids))
    contract = draw(contracts(brand.code))
    store_codes = draw(st.lists(lowercase_codes, max_size=4, unique=True))
    stores = tuple(
        StoreSpec(
            code=code,
            platform=draw(st.sampled_from(contract.platforms)),
            name=draw(names),
            go_live_on=draw(st.none() | st.dates()),
        )
        for code in store_codes
    )
    fee_platforms = draw(st.lists(st.sampled_from(contract.platforms), unique=True))
    fees = tuple(draw(fee_schedules(platform)) for platform in fee_platforms)
    return ContractFile(brand=brand, contract=contract, stores=stores, platform_fees=fees)


@given(contract_terms())
def test_terms_read_back_from_their_texts_are_equal(terms: ContractTerms) -> None:
    assert ContractTerms.from_texts(terms.to_texts()) == terms


@given(contract_terms())
def test_term_texts_are_stable_through_a_round_trip(terms: ContractTerms) -> None:
    texts = terms.to_texts()

    assert ContractTerms.from_texts(texts).to_texts() == texts


@given(contract_files())
def test_a_contract_file_written_as_toml_reads_back_equal(contract_file: ContractFile) -> None:
    written = contract_file_to_toml(contract_file)

    assert parse_contract_file(written, "generated.toml") == contract_file


@given(contract_files())
def test_a_contract_file_written_twice_is_written_the_same(contract_file: ContractFile) -> None:
    written = contract_file_to_toml(contract_file)

    assert contract_file_to_toml(parse_contract_file(written, "generated.toml")) == written


def test_a_rate_with_many_decimals_keeps_them_all() -> None:
    terms = ContractTerms(late_penalty_per_day=Rate(Decimal("0.0003333333")))

    assert ContractTerms.from_texts(terms.to_texts()).late_penalty_per_day.value == Decimal(
        "0.0003333333"
    )
