"""Fuzzing the catalogue reader (issue 16, point 14): whatever an upload's bytes and name,
read_catalog_upload gives entries and CatalogProblem values, never an exception.

Declared (catalog_file.py): none; a file that cannot be read at all is a problem of row 0, a
bad cell one of its row and column.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.adapters.catalog_file import CatalogProblem, read_catalog_upload
from daiyun.domain.catalog import CatalogEntry
from tests.fuzz.inputs import (
    ENCODINGS,
    broken_content_types,
    encoded,
    mutated,
    mutated_workbook,
    table_text,
    workbook_bytes,
    workbook_cell,
)
from tests.fuzz.profiles import fuzzing

pytestmark = pytest.mark.fuzz

HEADER_EN = ["sku", "name", "category", "guide_price", "effective_from", "fulfilment"]
HEADER_ZH = ["商家编码", "商品名称", "类目", "零售指导价", "生效时间", "履约方式"]
ROW = ["CHD-CREAM-50", "自然堂雪域精粹纯粹滋润霜50g", "美容护肤", "199.00", "2026-11-05", "实物"]
VALID_CSV = ("\r\n".join(",".join(row) for row in (HEADER_ZH, ROW)) + "\r\n").encode("gbk")
VALID_XLSX = workbook_bytes(HEADER_EN, [[*ROW[:3], 199.0, ROW[4], "physical"]])
NAMES = st.sampled_from(["catalog.csv", "catalog.xlsx", "价格.CSV", "catalog.txt", "catalog", ""])


def read_upload(name: str, data: bytes) -> None:
    """Read the upload; only entries and problems may come back."""
    entries, problems = read_catalog_upload(name, data)
    assert all(isinstance(entry, CatalogEntry) for entry in entries)
    assert all(isinstance(problem, CatalogProblem) for problem in problems)


def read_catalog_bytes(name: str, data: bytes) -> None:
    """Read the bytes every way an import does; only declared errors may pass."""
    read_upload(name, data)


@fuzzing()
@given(name=NAMES, data=st.one_of(mutated(VALID_CSV), st.binary(max_size=2048)))
def test_a_mutated_catalogue_csv_gives_only_entries_and_problems(name: str, data: bytes) -> None:
    read_catalog_bytes(name, data)


@fuzzing()
@given(
    text=st.one_of(table_text(HEADER_EN), table_text(HEADER_ZH)),
    encoding=st.sampled_from(ENCODINGS),
)
def test_a_catalogue_csv_of_random_cells_gives_only_entries_and_problems(
    text: str, encoding: str
) -> None:
    read_catalog_bytes("catalog.csv", encoded(text, encoding))


@fuzzing()
@given(
    data=st.one_of(
        mutated_workbook(VALID_XLSX),
        mutated(VALID_XLSX),
        st.builds(
            workbook_bytes,
            st.sampled_from([HEADER_EN, HEADER_ZH]),
            st.lists(st.lists(workbook_cell, max_size=8), max_size=4),
        ),
    )
)
def test_a_hostile_catalogue_workbook_gives_only_entries_and_problems(data: bytes) -> None:
    read_catalog_bytes("catalog.xlsx", data)


# --- undeclared exceptions the fuzzing found, now problems like any other -----------------------


def test_a_catalogue_workbook_with_a_broken_content_types_part_is_a_problem() -> None:
    read_upload("catalog.xlsx", broken_content_types(VALID_XLSX))
