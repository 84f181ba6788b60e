"""Read any set of order files: tell each one's format, pair Taobao exports, stream the records.

Every problem, from a file that cannot be opened to a cell that is not an amount, comes out as
an ImportProblem (row 0 is the file as a whole, row 1 its header), never as an exception, so
that the caller can list them all.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from daiyun.adapters.platforms.daiyun_orders import read_daiyun_orders
from daiyun.adapters.platforms.detect import (
    FileFormat,
    UnknownLayout,
    format_of_header,
    header_of,
    is_workbook,
    jd_reader,
)
from daiyun.adapters.platforms.problems import ProblemLog
from daiyun.adapters.platforms.taobao import TaobaoExport, read_taobao_export
from daiyun.adapters.platforms.tmall_report import read_tmall_report
from daiyun.adapters.text_files import FileDigest, UnreadableFile, sniff_text_file
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.orders.bounds import EARLIEST_MOMENT, LATEST_AS_OF
from daiyun.domain.orders.records import ImportProblem, OrderRecord

if TYPE_CHECKING:  # numpy and pyarrow load only for an import that reads columns
    from daiyun.domain.orders.columns import OrderColumns

__all__ = ["OrderFileInfo", "OrderReading", "export_time_in_name", "read_order_files"]

# The export time in a seller-centre file name: ExportOrderList202611051000.csv.
_EXPORT_TIME = re.compile(r"(?<!\d)(\d{12})(?!\d)")
# Worded for a page as for the command line, which adds its flag (cli/order_import.py).
_NO_AS_OF = "says nothing of when it was exported; give the export time"
_NOT_CSV = "an XLSX workbook; import this export as the CSV file the platform gives"
_AS_OF_OUT_OF_RANGE = (
    f"an export time from {EARLIEST_MOMENT:%Y-%m-%d} until {LATEST_AS_OF:%Y-%m-%d} is needed "
    "(check the export time given or the time in the file name)"
)

_Step = Callable[[ProblemLog], Iterator[OrderRecord]]


@dataclass(frozen=True, slots=True)
class OrderFileInfo:
    """One file of a reading: its name, its format, the SHA-256 of its bytes, and its path.

    The hash of a large text file is worked out while the file is read (FileDigest): `sha256`
    waits for it."""

    name: str
    format: FileFormat
    digest: FileDigest | str = field(repr=False, compare=False)
    path: Path

    @property
    def sha256(self) -> str:
        return self.digest if isinstance(self.digest, str) else self.digest.hexdigest()


@dataclass(frozen=True, slots=True)
class _Opened:
    info: OrderFileInfo
    encoding: str | None  # None for a workbook


class OrderReading:
    """Files whose format is known, and their records streamed; problems fill up as they go.

    `problems` and `problem_count` are complete once records() has been read to its end; each
    call of records() reads the files again from the start.
    """

    def __init__(
        self,
        files: list[OrderFileInfo],
        steps: list[_Step],
        found: ProblemLog,
        export: TaobaoExport | None = None,
    ):
        self.files = files
        self._steps = steps
        self._found_before = found  # problems of detection and pairing, before any row is read
        self._log = _copy(found)
        self._export = export  # the one Taobao export pair the files are, if they are one

    @property
    def problems(self) -> list[ImportProblem]:
        """The problems found so far: the first 10,000 of them."""
        return self._log.kept

    @property
    def problem_count(self) -> int:
        """How many problems were found so far, kept or not."""
        return self._log.count

    def records(self) -> Iterator[OrderRecord]:
        """Every order of the files that has no problem, each once, as the files are read."""
        self._log = _copy(self._found_before)
        for step in self._steps:
            yield from step(self._log)

    def column_batches(self, batch_orders: int) -> Iterator[OrderColumns] | None:
        """The orders column by column, when the files are one Taobao export pair; else None.

        The batches raise OutsidePattern, possibly after some of them, for an export that only
        records() reads (later layouts, problems, orders listed twice …): read that instead.
        """
        if self._export is None or self._found_before.count:
            return None
        from daiyun.adapters.platforms.taobao_columns import read_export_columns

        return read_export_columns(self._export, batch_orders)


def read_order_files(paths: Sequence[Path], *, as_of: datetime | None) -> OrderReading:
    """A reading of these files; `as_of` (aware) overrides the export time in file names."""
    if as_of is not None and as_of.tzinfo is None:
        raise ValueError("as_of needs a time zone")
    found = ProblemLog()
    opened = [file for file in (_open(path, found) for path in paths) if file is not None]
    exports = _taobao_exports(opened, as_of, found)
    steps: list[_Step] = []
    for file in opened:
        step = _step(file, exports, as_of, found)
        if step is not None:
            steps.append(step)
    single = next(iter(exports.values())) if len(exports) == 1 and len(opened) == 2 else None
    return OrderReading([file.info for file in opened], steps, found, single)


def _copy(log: ProblemLog) -> ProblemLog:
    copy = ProblemLog(log.cap)
    for problem in log.kept:
        copy.take(problem)
    copy.count = log.count
    return copy


def _open(path: Path, found: ProblemLog) -> _Opened | None:
    """The file with its format and hash; None (and a problem) when it is no order file."""
    try:
        digest: FileDigest | str
        if is_workbook(path):
            encoding, digest = None, _sha256(path)
        else:
            text = sniff_text_file(path)
            encoding, digest = text.encoding, text.digest
        file_format = format_of_header(path.name, header_of(path, encoding))
    except UnreadableFile as unreadable:
        found.add(path.name, unreadable.row, "", "", str(unreadable))
        return None
    except UnknownLayout as unknown:
        found.add(path.name, 1, "", "", unknown.explanation)
        return None
    if encoding is None and file_format is not FileFormat.JD_ORDERS:
        found.add(path.name, 0, "", "", _NOT_CSV)
        return None
    return _Opened(OrderFileInfo(path.name, file_format, digest, path), encoding)


def _sha256(path: Path) -> str:
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError as error:
        raise UnreadableFile(f"cannot be read: {error.strerror or error}") from None


def _step(
    file: _Opened, exports: dict[str, TaobaoExport], as_of: datetime | None, found: ProblemLog
) -> _Step | None:
    """How to read this file's records; None when another step reads it, or nothing can."""
    info, encoding = file.info, file.encoding or ""
    if info.format is FileFormat.TAOBAO_ORDERS and info.name in exports:
        export = exports[info.name]
        return lambda log: read_taobao_export(export, log)
    if info.format in (FileFormat.TAOBAO_ORDERS, FileFormat.TAOBAO_ITEMS):
        return None
    # Without --as-of, a file is as of the export time its name carries, as a Taobao pair is.
    as_of = as_of or _export_time(info.name)
    if as_of is None:
        found.add(info.name, 0, "", "", _NO_AS_OF)
        return None
    if not _is_sane(as_of, info.name, found):
        return None
    if info.format is FileFormat.TMALL_ORDER_REPORT:
        return lambda log: read_tmall_report(info.path, encoding, as_of, log)
    if info.format is FileFormat.DAIYUN_ORDERS:
        return lambda log: read_daiyun_orders(info.path, encoding, as_of, log)
    return lambda log: _read_jd(info.path, as_of, log)


def _read_jd(path: Path, as_of: datetime, log: ProblemLog) -> Iterator[OrderRecord]:
    """JD's reader (jd.py), its problems passed on as they come."""
    jd = jd_reader()
    if jd is None:  # detection names JD only when its reader is there
        return
    reading = jd.read_jd_orders(path, as_of=as_of)
    records: Iterator[OrderRecord] = reading.records()
    yield from records
    problems: list[ImportProblem] = reading.problems
    for problem in problems:
        log.take(problem)


def _taobao_exports(
    opened: Sequence[_Opened], as_of: datetime | None, found: ProblemLog
) -> dict[str, TaobaoExport]:
    """Each order file's export, by the file's name; files without a partner are problems.

    The two files of an export carry the same time in their names; given exactly one order
    file and one item file, they are one export unless their names carry different times.
    """
    orders = [file for file in opened if file.info.format is FileFormat.TAOBAO_ORDERS]
    items = [file for file in opened if file.info.format is FileFormat.TAOBAO_ITEMS]
    if len(orders) == 1 and len(items) == 1 and _may_be_one_export(orders[0], items[0]):
        pairs = [(orders[0], items[0])]
    else:
        pairs = _pairs_by_export_time(orders, items, found)
    exports: dict[str, TaobaoExport] = {}
    for order_file, item_file in pairs:
        export_time = (
            as_of or _export_time(order_file.info.name) or _export_time(item_file.info.name)
        )
        if export_time is None:
            found.add(order_file.info.name, 0, "", "", _NO_AS_OF)
            continue
        if not _is_sane(export_time, order_file.info.name, found):
            continue
        exports[order_file.info.name] = TaobaoExport(
            order_file.info.path,
            order_file.encoding or "",
            item_file.info.path,
            item_file.encoding or "",
            export_time,
        )
    return exports


def _is_sane(as_of: datetime, name: str, found: ProblemLog) -> bool:
    """True when an as-of time is one an export can have (domain/orders/bounds.py); else a
    problem, and the file is not read: its times are bounded by it."""
    if EARLIEST_MOMENT <= as_of < LATEST_AS_OF:
        return True
    found.add(name, 0, "", as_of.isoformat(), _AS_OF_OUT_OF_RANGE)
    return False


def _may_be_one_export(order_file: _Opened, item_file: _Opened) -> bool:
    stamps = {_stamp(order_file.info.name), _stamp(item_file.info.name)}
    return len(stamps - {None}) <= 1


def _pairs_by_export_time(
    orders: Sequence[_Opened], items: Sequence[_Opened], found: ProblemLog
) -> list[tuple[_Opened, _Opened]]:
    items_left = list(items)
    pairs: list[tuple[_Opened, _Opened]] = []
    for order_file in orders:
        stamp = _stamp(order_file.info.name)
        partner = next(
            (item for item in items_left if stamp and _stamp(item.info.name) == stamp), None
        )
        if partner is None:
            wanted = f"ExportOrderDetailList{stamp}.csv" if stamp else "ExportOrderDetailList…csv"
            message = f"its item file {wanted} is not among the files given; give both together"
            found.add(order_file.info.name, 0, "", "", message)
            continue
        items_left.remove(partner)
        pairs.append((order_file, partner))
    for item_file in items_left:
        stamp = _stamp(item_file.info.name)
        wanted = f"ExportOrderList{stamp}.csv" if stamp else "ExportOrderList…csv"
        message = f"its order file {wanted} is not among the files given; give both together"
        found.add(item_file.info.name, 0, "", "", message)
    return pairs


def _stamp(name: str) -> str | None:
    """The yyyyMMddHHmm in a seller-centre file name."""
    match = _EXPORT_TIME.search(name)
    return None if match is None else match.group(1)


def export_time_in_name(name: str) -> datetime | None:
    """The export time a seller-centre file name carries (Beijing time), or None."""
    return _export_time(name)


def _export_time(name: str) -> datetime | None:
    """The export time in a seller-centre file name, Beijing time (formats.md)."""
    stamp = _stamp(name)
    if stamp is None:
        return None
    try:
        return datetime.strptime(stamp, "%Y%m%d%H%M").replace(tzinfo=SHANGHAI)
    except ValueError:
        return None
