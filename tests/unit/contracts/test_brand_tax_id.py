"""The brand's tax id (统一社会信用代码, GB 32100-2015) in the contract file's [brand] table: the
纳税人识别号 of the VAT invoice request of model B's fees (R-B3, issue 18)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.contracts import (
    BrandSpec,
    ContractFileError,
    contract_file_to_toml,
    parse_contract_file,
)
from daiyun.domain.contracts.tax_id import (
    TAX_ID_CHARACTERS,
    tax_id_check_character,
    tax_id_problem,
)
from tests.builders import contract_toml

# The worked example (GB 32100-2015's weights 3^(i-1) mod 31 = 1, 3, 9, 27, 19, 26, 16, 17, 20,
# 29, 25, 13, 8, 24, 10, 30, 28):
#   9×1 + 1×3 + 3×9 + 5×27 + 0×19 + 1×26 + 0×16 + 0×17 + M(21)×20 + 0×29 + 0×25 + 0×13 + 1×8
#   + 0×24 + 0×10 + Y(30)×30 + 4×28
#   = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 = 52×31 + 28; 31 − 28 = 3.
VALID = "91350100M000100Y43"


def _with_tax_id(line: str) -> str:
    """The builders' contract file with a line added to its [brand] table."""
    text = contract_toml()
    return text.replace('name = "自然堂"\n', f'name = "自然堂"\n{line}\n', 1)


def test_the_worked_check_character() -> None:
    assert tax_id_check_character("91350100M000100Y4") == "3"
    assert tax_id_problem(VALID) is None


def test_a_remainder_of_zero_makes_the_check_character_zero() -> None:
    # A(10)×1 + 7×3 = 31 ≡ 0 (mod 31): 31 − 0 = 31, written 0.
    assert tax_id_check_character("A7000000000000000") == "0"


@pytest.mark.parametrize(
    ("tax_id", "words"),
    [
        ("91350100M000100Y4", "has 17 characters, not 18"),
        ("91350100M000100Y433", "has 19 characters, not 18"),
        ("91350100M000100Y44", "the last to be '3', not '4'"),
        ("91350100N000100Y43", "the last to be"),  # one character mistyped
        ("91350100m000100y43", "write it in capitals: '91350100M000100Y43'"),
        ("91350100O000100Y43", "has 'O', which no tax id has"),
        ("9135010IS000100Y43", "has 'I', 'S', which no tax id has"),
        ("91350100Z000100V43", "has 'V', 'Z', which no tax id has"),
        ("91350100-000100Y43", "has '-', which no tax id has"),
        (913501001000100143, "is not text"),
    ],
)
def test_what_is_not_a_tax_id_is_refused_saying_why(tax_id: object, words: str) -> None:
    problem = tax_id_problem(tax_id)
    assert problem is not None and words in problem


@given(st.text(alphabet=TAX_ID_CHARACTERS, min_size=17, max_size=17))
def test_every_first_17_has_exactly_one_check_character(first_17: str) -> None:
    right = tax_id_check_character(first_17)
    assert tax_id_problem(first_17 + right) is None
    for other in TAX_ID_CHARACTERS.replace(right, ""):
        assert tax_id_problem(first_17 + other) is not None


def test_the_contract_file_gives_the_tax_id_in_its_brand_table() -> None:
    contract_file = parse_contract_file(_with_tax_id(f'tax_id = "{VALID}"'), "chando.toml")
    assert contract_file.brand == BrandSpec("chando", "自然堂", VALID)


def test_without_a_tax_id_the_brand_has_none() -> None:
    assert parse_contract_file(contract_toml(), "chando.toml").brand.tax_id is None


def test_a_bad_tax_id_is_a_problem_naming_the_key_and_line() -> None:
    text = _with_tax_id('tax_id = "91350100M000100Y44"')
    with pytest.raises(ContractFileError) as raised:
        parse_contract_file(text, "chando.toml")
    [problem] = raised.value.problems
    assert problem.field == "brand.tax_id"
    assert problem.line == 4  # [brand], code, name, tax_id
    assert "'3', not '4'" in problem.message


def test_a_tax_id_written_as_a_number_is_refused() -> None:
    with pytest.raises(ContractFileError) as raised:
        parse_contract_file(_with_tax_id("tax_id = 913501001000100143"), "chando.toml")
    [problem] = raised.value.problems
    assert problem.field == "brand.tax_id" and "write it in quotes" in problem.message


def test_the_writer_writes_the_tax_id_and_reads_back_the_same() -> None:
    contract_file = parse_contract_file(_with_tax_id(f'tax_id = "{VALID}"'), "chando.toml")
    written = contract_file_to_toml(contract_file)
    assert f'tax_id = "{VALID}"' in written
    assert parse_contract_file(written, "written.toml") == contract_file


def test_a_brand_spec_made_in_code_checks_the_tax_id_too() -> None:
    with pytest.raises(ContractFileError, match="tax_id"):
        BrandSpec("chando", "自然堂", "91350100M000100Y44")
