"""A catalogue file's problems stay small however large the file (issue 16, point 6): a header
of a million columns or a cell of 100,000 characters is shown by its start and its size."""

from __future__ import annotations

from daiyun.adapters.catalog_file import read_catalog_upload


def test_a_header_of_a_million_columns_gives_a_problem_of_a_few_hundred_characters() -> None:
    header = ",".join(f"c{number}" for number in range(1_000_000))  # 6.9 MB, no known column
    entries, problems = read_catalog_upload("wide.csv", (header + "\n").encode())
    assert entries == []
    said = "\n".join(str(problem) for problem in problems)
    # Four problems (the four required columns), each naming the first five columns and a count.
    assert len(problems) == 4
    assert "c0, c1, c2, c3, c4 … and 999995 more" in said
    assert len(said.encode()) < 10_000


def test_a_cell_of_100_000_characters_is_shown_by_its_start_and_its_length() -> None:
    price = "9" * 100_000  # under the CSV reader's field limit (131,072)
    text = f"sku,name,category,guide_price\nCD-1,面霜,面霜,{price}\n"
    entries, problems = read_catalog_upload("long.csv", text.encode())
    assert entries == []
    assert [(p.row, p.column) for p in problems] == [(2, "guide_price")]
    assert problems[0].value == "9" * 100 + "… (100000 characters)"
    assert len(str(problems[0]).encode()) < 1_000
