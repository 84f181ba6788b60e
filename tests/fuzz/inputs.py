"""Hostile inputs for the readers: valid files mutated, arbitrary bytes, right headers over
random cells in random encodings, workbooks with random cells or a mutated part."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone

from hypothesis import strategies as st
from openpyxl import Workbook

__all__ = [
    "CELL_TEXTS",
    "ENCODINGS",
    "broken_content_types",
    "cell_text",
    "encoded",
    "mutated",
    "mutated_text",
    "mutated_workbook",
    "table_text",
    "workbook_bytes",
    "workbook_cell",
]

# What breaks readers: huge numbers, times out of range, control characters, CSV and Excel
# marks, empty and blank cells, the encodings' lookalikes.
CELL_TEXTS = (
    "",
    " ",
    "\t",
    "0",
    "-0",
    "-1",
    "1",
    "00",
    "1e999",
    "-1e999",
    "nan",
    "NaN",
    "inf",
    "-Infinity",
    "1.005",
    "0.001",
    "199.00",
    "99999999999999999999",
    "99999999999999999.99",
    "9" * 400,
    "1.7976931348623157e308",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01 00:00:00",
    "1970-01-01",
    "2026-02-30 10:00:00",
    "2026-11-05 25:61:61",
    "2026-11-05T10:00:00+99:00",
    "2026/11/05",
    "45000",
    "45000.5",
    '="1930679858170647"',
    '="',
    "'13812345678",
    "1.93068E+15",
    "SO-20261001-0001",
    "\x00",
    "a\x00b",
    "\u202e",
    "\ufeff",
    "\u3000",
    "\U0001f600",
    "浙江省 杭州市 西湖区 文三路",
    "浙江",
    "交易成功",
    "交易关闭",
    "完成",
    "completed",
    "refunded",
    "实物",
    "虚拟",
    '"',
    '""',
    ",",
    "\r",
    "\n",
    "\r\n",
    "=1+1",
    "省" * 200,
)
ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "shift_jis", "latin-1")

cell_text = st.one_of(st.sampled_from(CELL_TEXTS), st.text(max_size=30))


def encoded(text: str, encoding: str) -> bytes:
    """The text in the encoding; characters it cannot hold become '?'."""
    return text.encode(encoding, errors="replace")


@st.composite
def mutated(draw: st.DrawFn, valid: bytes, tokens: Sequence[bytes] = ()) -> bytes:
    """A valid file's bytes with a few random edits: bytes flipped, inserted, removed,
    repeated, cut, or a hostile token spliced in."""
    data = bytearray(valid)
    pieces = [*tokens, *(text.encode("utf-8") for text in CELL_TEXTS[:40]), b"\xff\xfe", b"\x80"]
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(("flip", "insert", "delete", "repeat", "cut", "token")))
        if edit == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif edit == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif edit == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif edit == "repeat":
            end = at + draw(st.integers(1, 256))
            data[at:at] = data[at:end] * draw(st.integers(1, 4))
        elif edit == "cut":
            del data[at:]
        else:
            data[at:at] = draw(st.sampled_from(pieces))
    return bytes(data)


@st.composite
def mutated_text(draw: st.DrawFn, valid: str, tokens: Sequence[str] = ()) -> str:
    """A valid text with a few random edits, as `mutated` makes them on bytes."""
    text = valid
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(("insert", "delete", "repeat", "cut", "token")))
        if edit == "insert":
            text = text[:at] + draw(st.text(min_size=1, max_size=8)) + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 64)) :]
        elif edit == "repeat":
            end = at + draw(st.integers(1, 256))
            text = text[:at] + text[at:end] * draw(st.integers(1, 4)) + text[at:]
        elif edit == "cut":
            text = text[:at]
        else:
            text = text[:at] + draw(st.sampled_from([*tokens, *CELL_TEXTS])) + text[at:]
    return text


@st.composite
def table_text(
    draw: st.DrawFn, header: Sequence[str], rows: st.SearchStrategy[dict[str, str]] | None = None
) -> str:
    """CSV text: the right header (columns maybe dropped, repeated or shuffled), then rows of
    random cells, some quoted, some not, lines ended as any program ends them."""
    names = list(header)
    if draw(st.booleans()):
        names = draw(st.permutations(names))
    if draw(st.booleans()):
        names = [name for name in names if draw(st.integers(0, 9))]  # about a tenth dropped
    if draw(st.booleans()):
        names.append(draw(st.sampled_from(header)))
    end = draw(st.sampled_from(("\r\n", "\n", "\r")))
    lines = [",".join(names)]
    for _ in range(draw(st.integers(0, 6))):
        cells = [draw(cell_text) for _ in range(draw(st.integers(0, len(names) + 2)))]
        lines.append(",".join(_csv_cell(cell, draw(st.booleans())) for cell in cells))
    return end.join(lines) + draw(st.sampled_from(("", end)))


def _csv_cell(text: str, quoted: bool) -> str:
    return '"' + text.replace('"', '""') + '"' if quoted else text


workbook_cell = st.one_of(
    st.none(),
    st.sampled_from(CELL_TEXTS).filter(lambda text: "\x00" not in text),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),  # noqa: DTZ001 (a workbook's times are naive)
    st.times(),
    st.timedeltas(min_value=timedelta(days=-1000), max_value=timedelta(days=1000)),
)


def workbook_bytes(header: Sequence[object], rows: Sequence[Sequence[object]]) -> bytes:
    """An XLSX workbook of one sheet: the header row, then the rows, cells typed as given."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (header, *rows):
        sheet.append([_storable(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _storable(cell: object) -> object:
    # openpyxl refuses control characters in text; a workbook cannot hold them either.
    if isinstance(cell, str):
        return "".join(ch for ch in cell if ch.isprintable() or ch in "\t\n")
    return cell


@st.composite
def mutated_workbook(draw: st.DrawFn, valid: bytes) -> bytes:
    """A valid workbook with one of its parts (the sheet, shared strings, styles …) mutated
    and the archive written again, so that openpyxl reads the broken XML, not a broken zip."""
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = draw(st.sampled_from(sorted(parts)))
    tokens = [b'<c r="A1" t="s"><v>999</v></c>', b'<row r="0">', b"&#0;", b"<v>1e999</v>"]
    parts[name] = draw(mutated(parts[name], tokens))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return buffer.getvalue()


def broken_content_types(valid: bytes) -> bytes:
    """The workbook with one attribute of its [Content_Types].xml misspelt (ontentType=): a
    minimal input that openpyxl meets with a TypeError."""
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "[Content_Types].xml"
    parts[name] = parts[name].replace(b" ContentType=", b" ontentType=", 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return buffer.getvalue()


# --- TOML ------------------------------------------------------------------------------------

toml_scalar = st.one_of(
    st.sampled_from(CELL_TEXTS),
    st.text(max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.sampled_from([0, -1, 1, 12, 2026, 2**63 - 1, -(2**63)]),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=8))])),
    st.times(),
)
toml_value: st.SearchStrategy[object] = st.recursive(
    toml_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from([*CELL_TEXTS[:10], "name", "x"]), inner, max_size=3),
    ),
    max_leaves=8,
)


@st.composite
def edited_document(draw: st.DrawFn, valid: dict[str, object]) -> dict[str, object]:
    """A valid document (as tomllib reads it) with a few values replaced by any TOML value,
    keys taken away or added: the right shape, wrong contents."""
    document = _copied(valid)
    for _ in range(draw(st.integers(1, 4))):
        table, key = draw(_place_in(document))
        edit = draw(st.sampled_from(("replace", "delete", "add")))
        if edit == "delete" and key in table:
            del table[key]
        elif edit == "add":
            table[draw(st.sampled_from(["extra", "name", "year", *map(str, table)]))] = draw(
                toml_value
            )
        else:
            table[key] = draw(toml_value)
    return document


def _copied(value: object) -> object:
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


@st.composite
def _place_in(draw: st.DrawFn, document: dict[str, object]) -> tuple[dict[str, object], str]:
    """A table of the document (the top, or one nested in it) and a key of it."""
    table = document
    while True:
        inner = [
            item
            for value in table.values()
            for item in (value if isinstance(value, list) else [value])
            if isinstance(item, dict)
        ]
        if not inner or not draw(st.booleans()):
            break
        table = draw(st.sampled_from(inner))
    keys = sorted(table) or ["name"]
    return table, draw(st.sampled_from(keys))


def toml_text(document: dict[str, object]) -> str:
    """The document as TOML, every table inline: `key = value` lines at the top."""
    return "".join(f"{_toml_key(key)} = {_toml(value)}\n" for key, value in document.items())


def _toml_key(key: str) -> str:
    return _toml(key)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = "".join(
            f"\\u{ord(ch):04x}" if ch < " " or ch in '"\\\x7f' else ch for ch in value
        )
        return f'"{escaped}"'
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{_toml_key(key)} = {_toml(item)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    return str(value)
