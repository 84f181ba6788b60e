"""A contract file with problems is refused naming the file, line and key of each (R-C1)."""

import pytest

from daiyun.domain.contracts import ContractFileError, ContractProblem, parse_contract_file

SOURCE = "contracts/chando.toml"

# Lines 1–9; the tests below add their own lines from 10 on.
MINIMAL = """\
[brand]
code = "chando"
name = "自然堂"

[contract]
code = "CHANDO-2026"
model = "A"
signed_on = 2026-01-05
platforms = ["tmall", "taobao"]
"""


def problems_of(text: str) -> list[str]:
    """The problems the file has, as a clerk reads them."""
    with pytest.raises(ContractFileError) as refused:
        parse_contract_file(text, SOURCE)
    return [str(problem) for problem in refused.value.problems]


def test_the_minimal_file_has_no_problems() -> None:
    assert parse_contract_file(MINIMAL, SOURCE).contract.code == "CHANDO-2026"


def test_a_rate_outside_0_to_1_is_refused_r_c1() -> None:
    text = MINIMAL + '\n[contract.terms]\ncommission_rate = "1.5"\n'

    assert problems_of(text) == [f"{SOURCE}:12: contract.terms.commission_rate: 1.5 is outside 0–1"]


def test_a_negative_day_count_is_refused_r_f5() -> None:
    text = MINIMAL + "\n[contract.terms]\nreturn_days = -1\n"

    assert problems_of(text) == [
        f"{SOURCE}:12: contract.terms.return_days: -1 is negative;"
        " write a whole number of days, 0 or more"
    ]


def test_a_day_of_the_month_past_31_is_refused_r_s6() -> None:
    text = MINIMAL + "\n[contract.terms]\nstatement_issue_day = 32\n"

    assert problems_of(text) == [
        f"{SOURCE}:12: contract.terms.statement_issue_day: 32 is not a day of the month (1–31)"
    ]


def test_an_unknown_term_is_refused_suggesting_the_closest_known_one() -> None:
    text = MINIMAL + '\n[contract.terms]\ncomission_rate = "0.06"\n'

    assert problems_of(text) == [
        f"{SOURCE}:12: contract.terms.comission_rate: unknown key; did you mean commission_rate?"
    ]


def test_an_unknown_key_with_no_close_match_lists_the_keys_of_its_table() -> None:
    text = MINIMAL.replace('name = "自然堂"\n', 'name = "自然堂"\nslogan = "本来就美"\n')

    assert problems_of(text) == [
        f"{SOURCE}:4: brand.slogan: unknown key; expected one of code, name, tax_id"
    ]


def test_an_unknown_table_is_refused() -> None:
    text = MINIMAL + '\n[contracts]\ncode = "X"\n'

    assert problems_of(text) == [f"{SOURCE}:11: contracts: unknown key; did you mean contract?"]


def test_an_unknown_key_in_a_store_is_refused_naming_the_store_entry() -> None:
    text = (
        MINIMAL
        + '\n[[stores]]\ncode = "chando-tmall"\nplatform = "tmall"\nname = "旗舰店"\nurl = "x"\n'
    )

    assert problems_of(text) == [
        f"{SOURCE}:15: stores[1].url: unknown key; expected one of code, platform, name, go_live_on"
    ]


def test_a_platform_not_in_the_list_is_refused_suggesting_the_closest_r_c4() -> None:
    text = MINIMAL.replace('platforms = ["tmall", "taobao"]', 'platforms = ["tmall", "tmal"]')

    assert problems_of(text) == [
        f"{SOURCE}:9: contract.platforms[2]: 'tmal' is not a platform"
        " (tmall, taobao, jd, paipai, pinduoduo, douyin, own_site); did you mean 'tmall'?"
    ]


def test_a_contract_without_platforms_is_refused_r_c4() -> None:
    text = MINIMAL.replace('platforms = ["tmall", "taobao"]', "platforms = []")

    assert problems_of(text) == [f"{SOURCE}:9: contract.platforms: no platforms; list at least one"]


def test_a_service_not_in_the_list_is_refused_r_c3() -> None:
    text = MINIMAL + 'services = ["store_operation", "live_streaming"]\n'

    assert problems_of(text) == [
        f"{SOURCE}:10: contract.services[2]: 'live_streaming' is not a service"
        " (it_systems, store_operation, marketing, market_research, warehousing_logistics,"
        " quality_insurance, whole_outsourcing)"
    ]


def test_a_store_on_a_platform_the_contract_does_not_authorise_is_refused_r_c4() -> None:
    text = MINIMAL + '\n[[stores]]\ncode = "chando-jd"\nplatform = "jd"\nname = "自然堂京东自营"\n'

    assert problems_of(text) == [
        f"{SOURCE}:13: stores[1].platform: store chando-jd is on jd,"
        " which the contract does not authorise (tmall, taobao)"
    ]


def test_fees_for_a_platform_the_contract_does_not_authorise_are_refused_r_c4() -> None:
    text = MINIMAL + '\n[platform_fees.jd]\ndeposit = "10000.00"\n'

    assert problems_of(text) == [
        f"{SOURCE}:11: platform_fees.jd: fees for jd, which the contract does not authorise"
        " (tmall, taobao)"
    ]


def test_an_amount_with_more_than_two_decimals_is_refused_r_c8() -> None:
    text = MINIMAL + '\n[contract.terms]\nconfidentiality_damages = "12.345"\n'

    assert problems_of(text) == [
        f"{SOURCE}:12: contract.terms.confidentiality_damages:"
        " '12.345' is not an amount in yuan with at most two decimals"
    ]


def test_an_unquoted_decimal_amount_is_refused_asking_to_quote_it_r_s5() -> None:
    text = MINIMAL + "\n[platform_fees.tmall]\ndeposit = 10000.5\n"

    assert problems_of(text) == [
        f"{SOURCE}:12: platform_fees.tmall.deposit: 10000.5 is an unquoted decimal number;"
        ' write amounts with decimals quoted, as "10000.5"'
    ]


def test_an_unquoted_whole_amount_is_read_as_yuan_r_s5() -> None:
    text = MINIMAL + "\n[platform_fees.tmall]\ndeposit = 50000\n"

    fees = parse_contract_file(text, SOURCE).platform_fees[0]

    assert fees.deposit.yuan_text() == "50000.00"


def test_an_unquoted_rate_is_refused_asking_to_quote_it_r_s7() -> None:
    text = MINIMAL + "\n[contract.terms]\nlate_penalty_per_day = 0.003\n"

    assert problems_of(text) == [
        f"{SOURCE}:12: contract.terms.late_penalty_per_day: 0.003 is an unquoted number;"
        ' write rates quoted, as "0.003"'
    ]


def test_a_category_rate_outside_0_to_1_is_refused_naming_the_category_r_s5() -> None:
    text = MINIMAL + '\n[platform_fees.tmall]\ncategory_rates = { "美容护肤" = "4" }\n'

    assert problems_of(text) == [
        f"{SOURCE}:12: platform_fees.tmall.category_rates.美容护肤: 4 is outside 0–1"
    ]


def test_a_missing_required_key_is_refused_at_its_table() -> None:
    text = MINIMAL.replace("signed_on = 2026-01-05\n", "")

    assert problems_of(text) == [f"{SOURCE}:5: contract.signed_on: missing; this key is required"]


def test_a_missing_required_table_is_refused() -> None:
    text = MINIMAL.partition("\n[contract]")[0]

    assert problems_of(text) == [f"{SOURCE}: contract: missing; write a [contract] table"]


def test_a_toml_syntax_error_is_refused_at_the_line_toml_reports() -> None:
    text = MINIMAL.replace('model = "A"', "model = A")

    assert problems_of(text) == [f"{SOURCE}:7: not valid TOML: Invalid value (column 9)"]


def test_a_toml_syntax_error_at_the_end_is_placed_on_the_last_line() -> None:
    text = MINIMAL + 'territory = "mainland China'

    assert problems_of(text) == [
        f"{SOURCE}:10: not valid TOML: Unterminated string at the end of the file"
    ]


def test_a_date_not_on_the_calendar_is_refused() -> None:
    text = MINIMAL.replace("signed_on = 2026-01-05", 'signed_on = "2026-02-30"')

    assert problems_of(text) == [
        f"{SOURCE}:8: contract.signed_on: '2026-02-30' is not a date on the calendar"
    ]


def test_a_date_in_another_format_is_refused_showing_the_format() -> None:
    text = MINIMAL.replace("signed_on = 2026-01-05", 'signed_on = "05/01/2026"')

    assert problems_of(text) == [
        f"{SOURCE}:8: contract.signed_on: '05/01/2026' is not a date;"
        " write it as YYYY-MM-DD, e.g. 2026-01-05"
    ]


def test_a_date_with_a_time_of_day_is_refused() -> None:
    text = MINIMAL.replace("signed_on = 2026-01-05", "signed_on = 2026-01-05T10:30:00")

    assert problems_of(text) == [
        f"{SOURCE}:8: contract.signed_on: 2026-01-05 10:30:00 has a time of day;"
        " write the date alone: 2026-01-05"
    ]


def test_a_date_written_as_text_is_read_as_that_date() -> None:
    text = MINIMAL.replace("signed_on = 2026-01-05", 'signed_on = "2026-01-05"')

    assert parse_contract_file(text, SOURCE).contract.signed_on.isoformat() == "2026-01-05"


def test_a_code_with_other_characters_is_refused() -> None:
    text = MINIMAL.replace('code = "chando"', 'code = "Chando!"')

    assert problems_of(text) == [
        f"{SOURCE}:2: brand.code: 'Chando!' is not a brand code (lowercase letters, digits,"
        " '-' and '_', 2–40 characters, starting with a letter or digit)"
    ]


def test_a_renewal_notice_longer_than_the_term_is_refused_r_c5() -> None:
    text = MINIMAL + "term_months = 6\nrenewal_notice_months = 7\n"

    assert problems_of(text) == [
        f"{SOURCE}:11: contract.renewal_notice_months: 7 is not a notice period;"
        " write whole months, 0 to 6"
    ]


def test_a_store_code_given_twice_is_refused() -> None:
    store = '\n[[stores]]\ncode = "chando-tmall"\nplatform = "tmall"\nname = "旗舰店"\n'

    assert problems_of(MINIMAL + store + store) == [
        f"{SOURCE}:17: stores[2].code: store chando-tmall is given more than once"
    ]


def test_every_problem_is_reported_together_in_file_order() -> None:
    text = """\
[brand]
code = "chando"

[contract]
code = "CHANDO-2026"
model = "C"
signed_on = 2026-01-05
platforms = ["tmall"]
auto_renew = "yes"

[contract.terms]
commission_rate = 0.05
exit_days = -7

[[stores]]
code = "chando-pdd"
platform = "pinduoduo"
name = "自然堂拼多多店"
"""

    with pytest.raises(ContractFileError) as refused:
        parse_contract_file(text, SOURCE)

    assert refused.value.problems == (
        ContractProblem(SOURCE, 1, "brand.name", "missing; this key is required"),
        ContractProblem(SOURCE, 6, "contract.model", "'C' is not a contract model (A, B)"),
        ContractProblem(SOURCE, 9, "contract.auto_renew", "'yes' is not true or false"),
        ContractProblem(
            SOURCE,
            12,
            "contract.terms.commission_rate",
            '0.05 is an unquoted number; write rates quoted, as "0.05"',
        ),
        ContractProblem(
            SOURCE,
            13,
            "contract.terms.exit_days",
            "-7 is negative; write a whole number of days, 0 or more",
        ),
        ContractProblem(
            SOURCE,
            17,
            "stores[1].platform",
            "store chando-pdd is on pinduoduo, which the contract does not authorise (tmall)",
        ),
    )
    assert str(refused.value).count("\n") == 5


def test_problems_are_listed_in_file_order_whatever_order_they_are_checked_in() -> None:
    text = MINIMAL.replace('model = "A"', 'model = "a"').replace('"taobao"]', '"tiktok"]')

    assert problems_of(text) == [
        f"{SOURCE}:7: contract.model: 'a' is not a contract model (A, B); did you mean 'A'?",
        f"{SOURCE}:9: contract.platforms[2]: 'tiktok' is not a platform"
        " (tmall, taobao, jd, paipai, pinduoduo, douyin, own_site)",
    ]


def test_fees_for_an_unknown_platform_are_refused_suggesting_the_closest() -> None:
    text = MINIMAL + '\n[platform_fees.taobo]\ndeposit = "1000.00"\n'

    assert problems_of(text) == [
        f"{SOURCE}:11: platform_fees.taobo: 'taobo' is not a platform"
        " (tmall, taobao, jd, paipai, pinduoduo, douyin, own_site); did you mean 'taobao'?"
    ]


def test_a_fee_table_with_an_unknown_key_is_refused() -> None:
    text = MINIMAL + '\n[platform_fees.tmall]\nannual_fees = "6000.00"\n'

    assert problems_of(text) == [
        f"{SOURCE}:12: platform_fees.tmall.annual_fees: unknown key; did you mean annual_fee?"
    ]


def test_stores_written_as_one_table_are_refused() -> None:
    text = MINIMAL + '\n[stores]\ncode = "chando-tmall"\n'

    assert problems_of(text) == [
        f"{SOURCE}:11: stores: not a list of stores; write each store as a [[stores]] table"
    ]


def test_a_name_that_is_not_text_is_refused() -> None:
    text = MINIMAL.replace('name = "自然堂"', "name = 42")

    assert problems_of(text) == [f"{SOURCE}:3: brand.name: 42 is not text; write it in quotes"]


def test_terms_that_are_not_a_table_are_refused() -> None:
    text = MINIMAL + 'terms = "standard"\n'

    assert problems_of(text) == [f"{SOURCE}:10: contract.terms: 'standard' is not a table"]


def test_platforms_written_as_one_text_are_refused() -> None:
    text = MINIMAL.replace('platforms = ["tmall", "taobao"]', 'platforms = "tmall"')

    assert problems_of(text) == [
        f'{SOURCE}:9: contract.platforms: \'tmall\' is not a list; write ["…", "…"]'
    ]


def test_a_whole_number_term_written_as_true_is_refused() -> None:
    text = MINIMAL + "\n[contract.terms]\nexit_days = true\n"

    assert problems_of(text) == [
        f"{SOURCE}:12: contract.terms.exit_days: true is not a whole number of days"
    ]


def test_a_who_bears_term_naming_a_third_party_is_refused_r_s5() -> None:
    text = MINIMAL + '\n[contract.terms]\nplatform_fees_borne_by = "both"\n'

    assert problems_of(text) == [
        f"{SOURCE}:12: contract.terms.platform_fees_borne_by:"
        " 'both' is not a party (brand, operator)"
    ]
