"""A hostile XLSX file is refused within bounded memory, the limit it passed named (issue 16).

The bombs are made here. A 1 GiB part is deflated by compressing 1 MiB once and repeating the
result: after a full flush the compressor keeps nothing of what came before, so each copy
inflates to the same MiB. The archive is written by hand (zipfile would spend seconds deflating
1 GiB, and writes only honest headers); zipfile and openpyxl read the small ones back below.
"""

from __future__ import annotations

import random
import string
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from daiyun.adapters.catalog_file import read_catalog_file
from daiyun.adapters.text_files import UnreadableFile
from daiyun.adapters.workbooks import first_sheet_rows
from daiyun.adapters.xlsx_limits import (
    WorkbookLimits,
    WorkbookTooLarge,
    open_limited_archive,
)

MIB = 1 << 20
GIB = 1 << 30
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_TYPES = b"application/vnd.openxmlformats-officedocument.spreadsheetml"
_RELATIONS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Part:
    """One part of an archive: its deflated bytes, what they inflate to, what its header says."""

    name: str
    stream: bytes
    crc: int
    size: int
    declared: int


def part(name: str, *pieces: bytes | tuple[bytes, int], declared: int | None = None) -> Part:
    """A part made of these pieces in order, (piece, times) repeating one; `declared` lies."""
    blocks: list[bytes] = []
    crc = size = 0
    for piece in pieces:
        content, times = piece if isinstance(piece, tuple) else (piece, 1)
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        blocks.append((compressor.compress(content) + compressor.flush(zlib.Z_FULL_FLUSH)) * times)
        for _ in range(times):
            crc = zlib.crc32(content, crc)
        size += len(content) * times
    blocks.append(b"\x03\x00")  # an empty last block ends the stream
    return Part(name, b"".join(blocks), crc, size, size if declared is None else declared)


def write_archive(path: Path, parts: list[Part]) -> Path:
    """A zip archive of these deflated parts, each header saying what the part declares."""
    local = bytearray()
    central = bytearray()
    for each in parts:
        name = each.name.encode()
        sizes = (each.crc, len(each.stream), each.declared)
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, *sizes, len(name), 0, 0, 0, 0, 0,
            len(local),
        ) + name  # fmt: skip
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, *sizes, len(name), 0)
        local += name + each.stream
    count = len(parts)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def write_workbook(path: Path, sheet: Part, *others: Part) -> Path:
    """A minimal workbook: one sheet, shared strings when one of `others` is named so."""
    strings = any(other.name == STRINGS for other in others)
    types = (
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" ContentType="' + _TYPES + b'.sheet.main+xml"/>'
        b'<Override PartName="/' + SHEET.encode() + b'" ContentType="'
        + _TYPES + b'.worksheet+xml"/>'
        + (b'<Override PartName="/' + STRINGS.encode() + b'" ContentType="' + _TYPES
           + b'.sharedStrings+xml"/>' if strings else b"")
        + b"</Types>"
    )  # fmt: skip
    package = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    )
    relations = (
        package + b'<Relationship Id="rId1" Type="' + _RELATIONS + b'/worksheet" '
        b'Target="worksheets/sheet1.xml"/>'
        + (b'<Relationship Id="rId2" Type="' + _RELATIONS + b'/sharedStrings" '
           b'Target="sharedStrings.xml"/>' if strings else b"")
        + b"</Relationships>"
    )  # fmt: skip
    workbook = (
        b'<workbook xmlns="' + _MAIN + b'" xmlns:r="' + _RELATIONS + b'"><sheets>'
        b'<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    root = (
        package + b'<Relationship Id="rId1" Type="' + _RELATIONS + b'/officeDocument" '
        b'Target="xl/workbook.xml"/></Relationships>'
    )
    return write_archive(
        path,
        [
            part("[Content_Types].xml", types),
            part("_rels/.rels", root),
            part("xl/workbook.xml", workbook),
            part("xl/_rels/workbook.xml.rels", relations),
            sheet,
            *others,
        ],
    )


def sheet_part(
    *rows: bytes | tuple[bytes, int], declared: int | None = None, dimension: bytes = b""
) -> Part:
    """sheet1.xml with these rows (pieces of markup) in its sheetData, after `dimension`."""
    head = b'<worksheet xmlns="' + _MAIN + b'">' + dimension + b"<sheetData>"
    return part(SHEET, head, *rows, b"</sheetData></worksheet>", declared=declared)


def text(reference: str, value: str) -> bytes:
    """An inline text cell."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{reference}" t="inlineStr"><is><t>{escaped}</t></is></c>'.encode()


def row(number: int, *values: str) -> bytes:
    """A row of text cells from column A on."""
    cells = b"".join(text(f"{chr(65 + at)}{number}", value) for at, value in enumerate(values))
    return f'<row r="{number}">'.encode() + cells + b"</row>"


HEADER = row(1, "sku", "name", "category", "guide_price")


def sheet_bomb(mib: int, *, declared: int | None = None) -> Part:
    """A catalogue sheet whose row 2 names its SKU with `mib` MiB of 'A'."""
    start = b'<row r="2">' + text("A2", "CHD-1") + b'<c r="B2" t="inlineStr"><is><t>'
    end = b"</t></is></c>" + text("C2", "面霜") + b'<c r="D2"><v>199</v></c></row>'
    return sheet_part(HEADER, start, (b"A" * MIB, mib), end, declared=declared)


def strings_bomb(mib: int, *, declared: int | None = None) -> tuple[Part, Part]:
    """A catalogue sheet of shared strings, and the strings: the SKU's name is `mib` MiB."""
    cells = [
        b"".join(
            f'<c r="{chr(65 + at)}{number}" t="s"><v>{index}</v></c>'.encode()
            for at, index in enumerate(indexes)
        )
        for number, indexes in ((1, (0, 1, 2, 3)), (2, (4, 5, 6)))
    ]
    sheet = sheet_part(
        b'<row r="1">'
        + cells[0]
        + b'</row><row r="2">'
        + cells[1]
        + b'<c r="D2"><v>199</v></c></row>'
    )
    start = (
        b'<sst xmlns="'
        + _MAIN
        + b'">'
        + b"".join(
            b"<si><t>" + word.encode() + b"</t></si>"
            for word in ("sku", "name", "category", "guide_price", "CHD-1")
        )
    )
    strings = part(
        STRINGS,
        start + b"<si><t>",
        (b"A" * MIB, mib),
        "</t></si><si><t>面霜</t></si></sst>".encode(),
        declared=declared,
    )
    return sheet, strings


def problems(path: Path) -> list[str]:
    """What reading `path` as a catalogue says, as the clerk reads it."""
    entries, found = read_catalog_file(path)
    assert entries == []
    return [str(problem) for problem in found]


# --- the bombs are workbooks ------------------------------------------------------------------


def test_a_small_bomb_is_a_workbook_openpyxl_and_zipfile_read_whole(tmp_path: Path) -> None:
    sheet_path = write_workbook(tmp_path / "sheet.xlsx", sheet_bomb(2))
    sheet, strings = strings_bomb(2)
    strings_path = write_workbook(tmp_path / "strings.xlsx", sheet, strings)

    for path in (sheet_path, strings_path):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None  # every part inflates to its CRC
        workbook = load_workbook(path, read_only=True)
        rows = list(workbook.worksheets[0].values)
        workbook.close()
        assert rows == [
            ("sku", "name", "category", "guide_price"),
            ("CHD-1", "A" * 2 * MIB, "面霜", 199),
        ]


def test_a_gib_bomb_packs_into_about_a_megabyte(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bomb.xlsx", sheet_bomb(1024))

    with zipfile.ZipFile(path) as archive:
        bomb = archive.getinfo(SHEET)
    assert bomb.file_size > GIB
    assert 1_000_000 < path.stat().st_size < 1_200_000


# --- refused before anything is inflated ------------------------------------------------------


def test_a_sheet_that_declares_a_gib_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bomb.xlsx", sheet_bomb(1024))

    assert problems(path) == [
        "bomb.xlsx: its part xl/worksheets/sheet1.xml would inflate to 1,074 MB, more than the "
        "100 MB daiyun reads of one part; nothing of it was read"
    ]


def test_shared_strings_that_declare_a_gib_are_refused_before_they_are_inflated(
    tmp_path: Path,
) -> None:
    path = write_workbook(tmp_path / "bomb.xlsx", *strings_bomb(1024))

    assert problems(path) == [
        "bomb.xlsx: its part xl/sharedStrings.xml would inflate to 1,074 MB, more than the "
        "100 MB daiyun reads of one part; nothing of it was read"
    ]


def test_a_part_packed_tighter_than_a_workbook_ever_is_a_bomb(tmp_path: Path) -> None:
    # 50 MiB in about 50 KB: under the 100 MB a part may hold, but a thousand to one.
    path = write_workbook(tmp_path / "bomb.xlsx", sheet_bomb(50))
    with zipfile.ZipFile(path) as archive:
        bomb = archive.getinfo(SHEET)
    ratio = bomb.file_size // bomb.compress_size
    assert 1_000 < ratio < 1_010

    assert problems(path) == [
        f"bomb.xlsx: its part xl/worksheets/sheet1.xml is packed {ratio:,} to 1, more than the "
        "100 to 1 of any real workbook: a decompression bomb"
    ]


def test_parts_that_declare_more_than_the_total_together_are_refused(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "catalog.xlsx", sheet_part(HEADER, (row(2, "x"), 30)))
    with zipfile.ZipFile(path) as archive:
        total = sum(part.file_size for part in archive.infolist())
    assert 1_000 < total < 10_000

    with pytest.raises(WorkbookTooLarge) as refused:
        open_limited_archive(path, WorkbookLimits(total_bytes=1_000))

    assert str(refused.value) == (
        f"its parts would inflate to {total:,} bytes in all, more than the 1,000 bytes daiyun "
        "reads of one workbook; nothing of it was read"
    )


def test_more_parts_than_a_workbook_has_are_refused_and_a_long_list_is_not_even_parsed(
    tmp_path: Path,
) -> None:
    path = write_workbook(tmp_path / "catalog.xlsx", sheet_part(HEADER))  # 5 parts

    with pytest.raises(WorkbookTooLarge) as too_many:
        open_limited_archive(path, WorkbookLimits(parts=4))
    with pytest.raises(WorkbookTooLarge) as too_long:
        open_limited_archive(path, WorkbookLimits(parts=1))

    assert str(too_many.value) == "has 5 parts, more than the 4 daiyun reads of a workbook"
    assert str(too_long.value).startswith("its list of parts takes ")
    assert str(too_long.value).endswith(
        "bytes, more than 1 parts need; daiyun reads at most 1 parts"
    )


# --- caught while inflating: a header that lies is not trusted ---------------------------------


@pytest.mark.parametrize("declared", [1_000, 99_000_000])
def test_a_sheet_that_lies_about_its_size_is_caught_as_it_inflates(
    tmp_path: Path, declared: int
) -> None:
    # The header says `declared`; the stream inflates to a GiB (ratio and sizes look sound).
    path = write_workbook(tmp_path / "bomb.xlsx", sheet_bomb(1024, declared=declared))

    with open_limited_archive(path, WorkbookLimits()) as archive:
        with pytest.raises(WorkbookTooLarge) as caught, archive.open(SHEET) as stream:
            stream.read()
        inflated = archive.inflated

    # Refused within a MB of the first limit the stream crossed, not after a GiB.
    if declared == 1_000:
        assert str(caught.value) == (
            "its part xl/worksheets/sheet1.xml inflates past the 1,000 bytes its header "
            "declares: a forged or damaged file"
        )
        assert inflated <= declared + (1 << 16)
    else:
        assert str(caught.value) == (
            "its part xl/worksheets/sheet1.xml holds more than 1 MB of text or markup in one "
            "piece; a cell holds at most 32,767 characters"
        )
        assert inflated <= 1_000_000 + 2 * (1 << 16)


@pytest.mark.parametrize(
    ("dimension", "message"),
    [
        # openpyxl reads a sheet without its size through once while it opens the workbook…
        (b"", "inflates past 1 MB, the most daiyun reads of one part while a workbook is opened"),
        # …and one with it only up to there; row by row, a sheet may be larger than that, but
        # never larger than its header says.
        (
            b'<dimension ref="A1:D2"/>',
            "inflates past the 1,900,000 bytes its header declares: a forged or damaged file",
        ),
    ],
)
def test_a_lying_sheet_of_many_small_rows_is_stopped_at_a_limit_as_it_inflates(
    tmp_path: Path, dimension: bytes, message: str
) -> None:
    # A GiB of rows declared as 1.9 MB, under the limits; no piece of it is long.
    rows = (row(2, "CHD-1", "霜", "面霜", "1") * 3000, 3000)
    sheet = sheet_part(HEADER, rows, declared=1_900_000, dimension=dimension)
    path = write_workbook(tmp_path / "bomb.xlsx", sheet)
    limits = WorkbookLimits(opening_part_bytes=1_000_000)

    with pytest.raises(WorkbookTooLarge) as refused:
        list(first_sheet_rows(path, limits=limits))

    assert str(refused.value) == f"its part xl/worksheets/sheet1.xml {message}"


def test_lying_shared_strings_are_caught_as_they_inflate(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bomb.xlsx", *strings_bomb(1024, declared=5_000))

    assert problems(path) == [
        "bomb.xlsx: its part xl/sharedStrings.xml inflates past the 5,000 bytes its header "
        "declares: a forged or damaged file"
    ]


def test_order_files_read_as_workbooks_are_refused_alike(tmp_path: Path) -> None:
    # JD's export and the header check of every order workbook read through first_sheet_rows.
    path = write_workbook(tmp_path / "jd.xlsx", sheet_bomb(1024, declared=1_000))

    for max_row in (None, 1):
        with pytest.raises(UnreadableFile, match="inflates past the 1,000 bytes its header"):
            list(first_sheet_rows(path, max_row=max_row))


# --- cells, rows and columns -------------------------------------------------------------------


def test_text_longer_than_a_cell_can_hold_is_refused_by_its_row_and_column(tmp_path: Path) -> None:
    name = "".join(random.Random(16).choices(string.ascii_letters, k=40_000))
    path = write_workbook(tmp_path / "catalog.xlsx", sheet_part(HEADER, row(2, "CHD-1", name)))

    assert problems(path) == [
        "catalog.xlsx row 2: column B holds 40,000 characters, more than the 32,767 a cell may hold"
    ]


def test_a_megabyte_of_text_in_one_piece_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    # Random letters: packed less than 2 to 1, so only the length of the piece gives it away.
    name = "".join(random.Random(16).choices(string.ascii_letters, k=1_500_000))
    path = write_workbook(tmp_path / "catalog.xlsx", sheet_part(HEADER, row(2, "CHD-1", name)))

    assert problems(path) == [
        "catalog.xlsx: its part xl/worksheets/sheet1.xml holds more than 1 MB of text or markup "
        "in one piece; a cell holds at most 32,767 characters"
    ]


def test_a_part_in_utf16_is_refused(tmp_path: Path) -> None:
    sheet = sheet_part(HEADER)
    utf16 = part(SHEET, zlib.decompress(sheet.stream, -15).decode().encode("utf-16"))
    path = write_workbook(tmp_path / "catalog.xlsx", utf16)

    assert problems(path) == [
        "catalog.xlsx: its part xl/worksheets/sheet1.xml is not XML in UTF-8 as Excel writes it"
    ]


def test_rows_past_the_limit_are_refused_and_blank_rows_do_not_count(tmp_path: Path) -> None:
    rows = [row(number, f"CHD-{number}", "霜", "面霜", "1") for number in range(2, 6)]
    path = write_workbook(tmp_path / "catalog.xlsx", sheet_part(HEADER, *rows, b'<row r="90"/>'))

    read = list(first_sheet_rows(path, limits=WorkbookLimits(rows=5)))
    with pytest.raises(UnreadableFile) as refused:
        list(first_sheet_rows(path, limits=WorkbookLimits(rows=4)))

    assert len(read) == 90  # the blank rows 6 to 90 as well
    assert (refused.value.row, str(refused.value)) == (
        5,
        "has more than 4 rows, the most daiyun reads",
    )


def test_a_row_numbered_past_excels_last_is_refused(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "catalog.xlsx", sheet_part(HEADER, row(1_048_577, "x")))

    with pytest.raises(UnreadableFile) as refused:
        list(first_sheet_rows(path))

    assert (refused.value.row, str(refused.value)) == (
        1_048_577,
        "has a row past row 1,048,576, Excel's last",
    )


def test_a_value_past_the_last_column_is_refused_but_empty_cells_there_are_dropped(
    tmp_path: Path,
) -> None:
    formatted = b'<row r="2">' + text("A2", "CHD-1") + b'<c r="XFD2" s="1"/></row>'
    valued = b'<row r="3">' + text("IW3", "x") + b"</row>"
    path = write_workbook(tmp_path / "catalog.xlsx", sheet_part(HEADER, formatted, valued))

    rows = first_sheet_rows(path)
    assert next(rows) == ("sku", "name", "category", "guide_price")
    assert next(rows) == ("CHD-1", *[None] * 255)
    with pytest.raises(UnreadableFile) as refused:
        next(rows)

    assert (refused.value.row, str(refused.value)) == (
        3,
        "has a value past column IV: daiyun reads 256 columns",
    )


def test_a_workbook_as_excel_saves_it_is_read_as_before(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["sku", "name", "category", "guide_price"])
    sheet.append(["CHD-1", "自然堂面霜", "面霜", 199.9])
    workbook.save(tmp_path / "catalog.xlsx")

    entries, found = read_catalog_file(tmp_path / "catalog.xlsx")

    assert (found, [(entry.sku, entry.guide_price.fen) for entry in entries]) == (
        [],
        [("CHD-1", 19990)],
    )
