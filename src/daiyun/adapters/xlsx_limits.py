"""How much of an XLSX workbook daiyun reads at most, checked before and while openpyxl reads it.

An XLSX file is a zip archive of XML parts, and its size says little about what reading it costs:
deflate packs up to 1,032 bytes into one, so a 1 MB file can hold a 1 GB cell (issue 16: one
catalogue import grew to 7.5 GB). So before anything is parsed, the archive's directory is
checked — how many parts, the size each declares, their total, how tightly each is packed — and
then every part is counted as it inflates, whatever its header says, so that a header that lies
is caught at the byte where it is proven wrong. No real workbook comes near these limits.
"""

from __future__ import annotations

import copy
import io
import struct
import weakref
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal, cast

from daiyun.adapters.text_files import UnreadableFile

__all__ = ["MB", "LimitedArchive", "WorkbookLimits", "WorkbookTooLarge", "open_limited_archive"]

MB = 1_000_000


@dataclass(frozen=True, slots=True)
class WorkbookLimits:
    """The most daiyun reads of one workbook; past any of them the file is refused."""

    parts: int = 10_000  # Excel writes a dozen; one per sheet, picture, comment…
    # The sheet, read row by row as a stream: little of it is in memory at once. A catalogue
    # of 100,000 SKUs saved by openpyxl (strings inline) has a 53 MB sheet.
    sheet_bytes: int = 100 * MB
    # While openpyxl opens a workbook it holds each part it reads whole (shared strings, styles,
    # the workbook, relationships): 100 MB of shared strings cost it 740 MB and 110 s. Excel
    # would keep the names and SKUs of those 100,000 rows in some 12 MB of shared strings.
    opening_part_bytes: int = 20 * MB
    total_bytes: int = 200 * MB  # every part, every time it is inflated
    packing: int = 100  # inflated bytes per compressed byte: that sheet packs 8 to 1…
    packing_from_bytes: int = 1 * MB  # …but a small part of repeated markup packs tighter
    # Text or markup between two '<', which no text or attribute may hold unescaped: a cell
    # holds at most 32,767 characters, at most 10 bytes each even written as &#x10FFFF;, so a
    # longer piece is never a cell. It bounds what the XML parser holds at once, before the
    # length of a cell can be counted.
    piece_bytes: int = 1 * MB
    rows: int = 1_048_576  # rows holding a value: Excel's own limit
    columns: int = 256  # Excel 2003's last column, IV; JD's export, the widest, has 30
    cell_characters: int = 32_767  # Excel's own limit for one cell


class WorkbookTooLarge(UnreadableFile):
    """The workbook is past one of the limits; the message names the part and the limit."""


def open_limited_archive(path: Path, limits: WorkbookLimits) -> LimitedArchive:
    """The workbook's archive, its directory checked against `limits`; UnreadableFile if not."""
    try:
        with path.open("rb") as file:
            directory_bytes = _directory_bytes(file)
        if directory_bytes is not None and directory_bytes > limits.parts * _ENTRY_BYTES:
            raise WorkbookTooLarge(
                f"its list of parts takes {directory_bytes:,} bytes, more than "
                f"{limits.parts:,} parts need; daiyun reads at most {limits.parts:,} parts"
            )
        archive = LimitedArchive(path, limits)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error):
        raise UnreadableFile("cannot be opened as an XLSX workbook") from None
    try:
        _check_declared_sizes(archive.infolist(), limits)
    except WorkbookTooLarge:
        archive.close()
        raise
    return archive


class LimitedArchive(zipfile.ZipFile):
    """A zip archive whose parts are counted as they inflate, each stopped past its limit.

    openpyxl reads every part through `open` (ZipFile.read calls it too)."""

    def __init__(self, path: Path, limits: WorkbookLimits) -> None:
        self._open_parts: weakref.WeakSet[_CountedPart] = weakref.WeakSet()  # before close()
        self.limits = limits
        self.part_bytes = limits.opening_part_bytes
        self.part_role = "one part while a workbook is opened"
        self.inflated = 0
        super().__init__(path)

    def read_sheet_rows(self) -> None:
        """From now on a part is the sheet read as a stream, and may be up to sheet_bytes."""
        self.part_bytes = self.limits.sheet_bytes
        self.part_role = "one sheet"

    def open(
        self,
        name: str | zipfile.ZipInfo,
        mode: Literal["r", "w"] = "r",
        pwd: bytes | None = None,
        *,
        force_zip64: bool = False,
    ) -> IO[bytes]:
        """The part as a stream that refuses, mid-read, to give more than its limits allow."""
        if mode != "r":
            return super().open(name, mode, pwd, force_zip64=force_zip64)
        declared = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        # zipfile stops a part at the size its header declares (and then finds its CRC wrong):
        # past it, the part's own stream is counted, so that a header that lies is caught in
        # the act rather than trusted.
        beyond = copy.copy(declared)
        beyond.file_size = _UNDECLARED
        stream = super().open(beyond, "r", pwd)
        counted = _CountedPart(stream, declared, self)
        self._open_parts.add(counted)
        return cast(IO[bytes], counted)

    def close(self) -> None:
        """Close the parts a refusal left open too (openpyxl does not close them then)."""
        for counted in list(self._open_parts):
            counted.close()
        super().close()


_PIECE = 1 << 16  # what is inflated at a time: far less than piece_bytes
_UNDECLARED = 1 << 62  # a size no stream reaches: zipfile reads on until the stream ends
_ENTRY_BYTES = 300  # the most one part's directory entry takes (46 bytes, a name, extras)


class _CountedPart(io.RawIOBase):
    """One part as it inflates: its bytes counted, its pieces of text measured."""

    def __init__(self, stream: IO[bytes], declared: zipfile.ZipInfo, archive: LimitedArchive):
        super().__init__()
        self._stream = stream
        self._declared = declared
        self._archive = archive
        self._size = 0
        self._piece = 0  # bytes since the last '<'

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        """Up to `size` bytes (all that is left when negative), inflated 64 KiB at a time."""
        wanted = None if size is None or size < 0 else size
        pieces: list[bytes] = []
        got = 0
        while wanted is None or got < wanted:
            piece = self._stream.read(_PIECE if wanted is None else min(_PIECE, wanted - got))
            if not piece:
                break
            self._count(piece)
            pieces.append(piece)
            got += len(piece)
        return b"".join(pieces)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()

    def _count(self, data: bytes) -> None:
        name = _shown(self._declared.filename)
        if self._size == 0 and (data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" in data[:4]):
            # UTF-16 could hide '<' inside other characters; Excel writes only UTF-8.
            raise UnreadableFile(f"its part {name} is not XML in UTF-8 as Excel writes it")
        self._size += len(data)
        self._archive.inflated += len(data)
        limits = self._archive.limits
        if self._size > self._declared.file_size:
            raise WorkbookTooLarge(
                f"its part {name} inflates past the {self._declared.file_size:,} bytes its "
                "header declares: a forged or damaged file"
            )
        if self._size > self._archive.part_bytes:
            raise WorkbookTooLarge(
                f"its part {name} inflates past {_mb(self._archive.part_bytes)}, the most "
                f"daiyun reads of {self._archive.part_role}"
            )
        if self._archive.inflated > limits.total_bytes:
            raise WorkbookTooLarge(
                f"its parts inflate past {_mb(limits.total_bytes)} in all, the most daiyun "
                "reads of one workbook"
            )
        self._measure_pieces(data, name)

    def _measure_pieces(self, data: bytes, name: str) -> None:
        """Refuse the part once a piece without '<' grows past piece_bytes."""
        limits = self._archive.limits
        first = data.find(b"<")
        if first < 0:
            self._piece += len(data)
            longest = self._piece
        else:
            # Pieces within `data` are shorter than _PIECE, far less than the limit.
            longest = self._piece + first
            self._piece = len(data) - 1 - data.rfind(b"<")
        if longest > limits.piece_bytes:
            raise WorkbookTooLarge(
                f"its part {name} holds more than {_mb(limits.piece_bytes)} of text or markup "
                f"in one piece; a cell holds at most {limits.cell_characters:,} characters"
            )


def _check_declared_sizes(parts: list[zipfile.ZipInfo], limits: WorkbookLimits) -> None:
    """Refuse, before any part is inflated, what the directory itself says is too much."""
    if len(parts) > limits.parts:
        raise WorkbookTooLarge(
            f"has {len(parts):,} parts, more than the {limits.parts:,} daiyun reads of a workbook"
        )
    total = 0
    for part in parts:
        name = _shown(part.filename)
        if part.file_size > limits.sheet_bytes:
            raise WorkbookTooLarge(
                f"its part {name} would inflate to {_mb(part.file_size)}, more than the "
                f"{_mb(limits.sheet_bytes)} daiyun reads of one part; nothing of it was read"
            )
        packed = max(part.compress_size, 1)
        if part.file_size > limits.packing_from_bytes and part.file_size > limits.packing * packed:
            raise WorkbookTooLarge(
                f"its part {name} is packed {part.file_size // packed:,} to 1, more than the "
                f"{limits.packing} to 1 of any real workbook: a decompression bomb"
            )
        total += part.file_size
    if total > limits.total_bytes:
        raise WorkbookTooLarge(
            f"its parts would inflate to {_mb(total)} in all, more than the "
            f"{_mb(limits.total_bytes)} daiyun reads of one workbook; nothing of it was read"
        )


_END = b"PK\x05\x06"  # the end of the central directory
_END_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_ZIP64_END = b"PK\x06\x06"
_ZIP64_END_SIZE = 56


def _directory_bytes(file: IO[bytes]) -> int | None:
    """The size of the central directory zipfile would parse; None where zipfile finds none.

    zipfile makes an object of every entry of the directory before anything can be checked,
    so its size is read first, from the end records, found where zipfile finds them."""
    file.seek(0, io.SEEK_END)
    size = file.tell()
    if size < _END_SIZE:
        return None
    start = max(0, size - _END_SIZE - (1 << 16))  # the end record and a comment, as zipfile
    file.seek(start)
    tail = file.read()
    at = len(tail) - _END_SIZE
    if not (tail[at : at + 4] == _END and tail[-2:] == b"\0\0"):
        at = tail.rfind(_END)
        if at < 0 or at + _END_SIZE > len(tail):
            return None
    directory_bytes: int = struct.unpack_from("<L", tail, at + 12)[0]
    # A zip64 end record lies just before its locator, just before the end record.
    locator = start + at - _ZIP64_LOCATOR_SIZE
    if locator - _ZIP64_END_SIZE < 0:
        return directory_bytes
    file.seek(locator - _ZIP64_END_SIZE)
    records = file.read(_ZIP64_END_SIZE + _ZIP64_LOCATOR_SIZE)
    if records[:4] == _ZIP64_END and records[_ZIP64_END_SIZE:][:4] == _ZIP64_LOCATOR:
        directory_bytes = struct.unpack_from("<Q", records, 40)[0]
    return directory_bytes


def _mb(size: int) -> str:
    return f"{size / MB:,.0f} MB" if size >= MB else f"{size:,} bytes"


def _shown(name: str) -> str:
    """A part's name as a message shows it: printable, and not too long."""
    printable = "".join(character if character.isprintable() else "?" for character in name)
    return printable if len(printable) <= 80 else printable[:77] + "..."
