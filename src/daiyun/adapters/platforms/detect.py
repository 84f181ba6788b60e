"""Which order file a file is, told from the names in its header row."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import ModuleType

from daiyun.adapters.text_files import UnreadableFile, csv_encoding, header_names, numbered_rows
from daiyun.adapters.workbooks import first_sheet_rows
from daiyun.domain.orders.shown import shown_names

__all__ = [
    "FileFormat",
    "UnknownLayout",
    "detect_format",
    "format_of_header",
    "header_of",
    "is_workbook",
    "jd_reader",
]

_WORKBOOK_START = b"PK\x03\x04"  # an XLSX workbook is a zip archive
_JD_MODULE = "daiyun.adapters.platforms.jd"


class FileFormat(StrEnum):
    """The order files daiyun reads, by the names the import summary gives them."""

    TAOBAO_ORDERS = "taobao-orders"  # ExportOrderList…csv: one row per order
    TAOBAO_ITEMS = "taobao-items"  # ExportOrderDetailList…csv: one row per item line
    TMALL_ORDER_REPORT = "tmall-order-report"  # order level only, no SKU lines
    DAIYUN_ORDERS = "daiyun-orders"  # interfaces.md "daiyun order file"
    JD_ORDERS = "jd-orders"  # JD seller-centre order export


@dataclass(frozen=True, slots=True)
class _Layout:
    """A layout: the columns it must have (in the order messages list them), and must not."""

    format: FileFormat
    needs: tuple[str, ...]
    refuses: frozenset[str] = frozenset()
    variant: str = ""  # which of a format's layouts, in messages

    def fits(self, names: frozenset[str]) -> bool:
        """True when a header with these names is this layout."""
        return names.issuperset(self.needs) and not names & self.refuses


# First fit wins; a Taobao order file of a later layout also has every column of the Tmall
# order report, so the report comes after it and refuses 订单状态, which it never has.
_LAYOUTS = (
    _Layout(
        FileFormat.DAIYUN_ORDERS,
        ("order_no", "line_no", "sku", "units", "unit_price", "line_amount", "status"),
    ),
    _Layout(
        FileFormat.TAOBAO_ITEMS,
        ("子订单编号", "主订单编号", "商品标题", "商品价格", "购买数量", "商家编码"),
        variant=" (per-sub-order layout)",
    ),
    _Layout(
        FileFormat.TAOBAO_ITEMS,
        ("订单编号", "标题", "价格", "购买数量", "商家编码"),
        variant=" (2016 layout)",
    ),
    _Layout(
        FileFormat.TAOBAO_ORDERS,
        (
            "订单编号",
            "订单状态",
            "买家应付货款",
            "买家应付邮费",
            "总金额",
            "买家实际支付金额",
            "订单创建时间",
            "订单付款时间",
        ),
    ),
    _Layout(
        FileFormat.TMALL_ORDER_REPORT,
        (
            "订单编号",
            "总金额",
            "买家实际支付金额",
            "收货地址",
            "订单创建时间",
            "订单付款时间",
            "退款金额",
        ),
        refuses=frozenset({"订单状态", "买家应付货款"}),
    ),
)


class UnknownLayout(ValueError):
    """A header row that is no order file daiyun reads; the message says what each one needs."""

    def __init__(self, file: str, found: Sequence[str]) -> None:
        self.file = file
        self.found = tuple(found)
        self.explanation = _explanation(self.found)
        super().__init__(f"{file}: {self.explanation}")


def detect_format(path: Path) -> FileFormat:
    """The file's format, from its header row; UnknownLayout (or UnreadableFile) otherwise."""
    encoding = None if is_workbook(path) else csv_encoding(path)
    return format_of_header(path.name, header_of(path, encoding))


def format_of_header(file: str, names: Sequence[str]) -> FileFormat:
    """The format whose layout these header names (already cleaned) are; UnknownLayout if none."""
    found = frozenset(names)
    for layout in _layouts():
        if layout.fits(found):
            return layout.format
    raise UnknownLayout(file, [name for name in names if name])


def header_of(path: Path, encoding: str | None) -> list[str]:
    """The names in the file's header row, cleaned; a workbook when `encoding` is None."""
    if encoding is None:
        return _workbook_header(path)
    for _, cells in numbered_rows(path, encoding):
        return header_names(cells)
    raise UnreadableFile("the file is empty; an order file starts with a header row")


def is_workbook(path: Path) -> bool:
    """True when the file is an XLSX workbook (a zip archive), not text."""
    try:
        with path.open("rb") as file:
            return file.read(len(_WORKBOOK_START)) == _WORKBOOK_START
    except OSError as error:
        raise UnreadableFile(f"cannot be opened: {error.strerror or error}") from None


def jd_reader() -> ModuleType | None:
    """The JD reader's module, when it is installed; imported only when needed."""
    try:
        return importlib.import_module(_JD_MODULE)
    except ModuleNotFoundError as missing:
        if missing.name != _JD_MODULE:
            raise
        return None


def _layouts() -> tuple[_Layout, ...]:
    jd = jd_reader()
    if jd is None:
        return _LAYOUTS
    needs = tuple(sorted(jd.JD_REQUIRED_COLUMNS))
    return (*_LAYOUTS[:-1], _Layout(FileFormat.JD_ORDERS, needs), _LAYOUTS[-1])


def _workbook_header(path: Path) -> list[str]:
    for cells in first_sheet_rows(path, max_row=1):
        return header_names(["" if cell is None else str(cell) for cell in cells])
    raise UnreadableFile("the workbook is empty; an order file starts with a header row")


def _explanation(found: Sequence[str]) -> str:
    names = frozenset(found)
    needs = []
    for layout in _layouts():
        missing = [name for name in layout.needs if name not in names]
        also = (
            f" (missing here: {', '.join(missing)})" if 0 < len(missing) < len(layout.needs) else ""
        )
        refused = sorted(names & layout.refuses)
        also += f" (and no {', '.join(refused)})" if refused else ""
        needs.append(f"{layout.format}{layout.variant} needs {', '.join(layout.needs)}{also}")
    # Issue 16, point 6: a header of a million names is shown as its first few and a count.
    listed = shown_names(found) if found else "no names at all"
    return (
        "the header row is no order file layout daiyun reads. "
        + "; ".join(needs)
        + f". The header row has: {listed}"
    )
