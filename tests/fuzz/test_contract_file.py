"""Fuzzing the contract file reader (issue 16, point 14): whatever the text, parse_contract_file
gives a ContractFile or raises ContractFileError listing the problems, nothing else.
"""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.contracts import ContractFile, ContractFileError, parse_contract_file
from tests.fuzz.inputs import ENCODINGS, edited_document, encoded, mutated_text, toml_text
from tests.fuzz.profiles import fuzzing
from tests.unit.contracts.test_contract_example_file import INTERFACES_EXAMPLE

pytestmark = pytest.mark.fuzz

TOKENS = ("[", "]]", "[[stores]]", "=", '"', "'''", "\\u0000", "9999-12-31", "0000-00-00", "#")


def parse(text: str) -> None:
    """Parse the text; only a ContractFile or a ContractFileError with problems may come out."""
    try:
        contract_file: ContractFile | None = parse_contract_file(text, "contract.toml")
    except ContractFileError as error:
        refusal: ContractFileError | None = error
        contract_file = None
    else:
        refusal = None
    if refusal is not None:
        assert refusal.problems
        assert all(str(problem) for problem in refusal.problems)
    else:
        assert isinstance(contract_file, ContractFile)


@fuzzing()
@given(text=mutated_text(INTERFACES_EXAMPLE, TOKENS))
def test_a_mutated_contract_file_is_read_or_refused_with_its_problems(text: str) -> None:
    parse(text)


@fuzzing()
@given(document=edited_document(tomllib.loads(INTERFACES_EXAMPLE)))
def test_a_contract_file_of_random_values_is_read_or_refused_with_its_problems(
    document: dict[str, object],
) -> None:
    parse(toml_text(document))


@fuzzing()
@given(
    data=st.one_of(
        st.binary(max_size=1024),
        st.builds(encoded, mutated_text(INTERFACES_EXAMPLE), st.sampled_from(ENCODINGS)),
    )
)
def test_any_bytes_as_text_are_read_or_refused_with_their_problems(data: bytes) -> None:
    parse(data.decode("utf-8", errors="replace"))
