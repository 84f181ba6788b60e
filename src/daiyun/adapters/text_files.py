"""CSV text files as clerks and platforms save them: encoding found, rows streamed and numbered."""

from __future__ import annotations

import codecs
import csv
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "TextFile",
    "UnreadableFile",
    "csv_encoding",
    "header_names",
    "inspect_text_file",
    "numbered_rows",
    "sniff_text_file",
]

_CHUNK_BYTES = 1 << 16
_BOM_AND_SPACE = " \t\r\n\u3000\ufeff"


class UnreadableFile(Exception):
    """The file cannot be read at all (row 0), or not beyond `row`."""

    def __init__(self, message: str, row: int = 0) -> None:
        super().__init__(message)
        self.row = row


@dataclass(frozen=True, slots=True)
class TextFile:
    """What one read of a text file found: the encoding its text is in and its bytes' SHA-256."""

    encoding: str
    sha256: str


def inspect_text_file(path: Path) -> TextFile:
    """The file's encoding (utf-8-sig after a BOM, else utf-8, else GB18030) and its SHA-256."""
    try:
        with path.open("rb") as file:
            has_bom = file.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
    except OSError as error:
        raise UnreadableFile(f"cannot be opened: {error.strerror or error}") from None
    bad_line: int | None = None
    for encoding in ("utf-8-sig",) if has_bom else ("utf-8", "gb18030"):
        bad_line, sha256 = _decode_check(path, encoding)
        if bad_line is None:
            return TextFile(encoding, sha256)
    raise UnreadableFile(f"line {bad_line} is not text in UTF-8 or GBK; save the file as CSV UTF-8")


def sniff_text_file(path: Path) -> TextFile:
    """Like inspect_text_file, but the encoding is told from the file's first 64 KiB of text.

    Meant for large exports: bytes further on that are not text in that encoding surface while
    the rows are read (numbered_rows names the row). A start without any non-ASCII character
    tells nothing, and the whole file is checked.
    """
    try:
        with path.open("rb") as file:
            start = file.read(_CHUNK_BYTES)
            file.seek(0)
            sha256 = hashlib.file_digest(file, "sha256").hexdigest()
    except OSError as error:
        raise UnreadableFile(f"cannot be opened: {error.strerror or error}") from None
    if start.startswith(codecs.BOM_UTF8):
        return TextFile("utf-8-sig", sha256)
    if start.isascii():
        return inspect_text_file(path)
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(start)
        except UnicodeDecodeError:
            continue
        return TextFile(encoding, sha256)
    return inspect_text_file(path)  # names the line that is not text


def csv_encoding(path: Path) -> str:
    """utf-8-sig after a BOM; utf-8 when every byte is UTF-8; otherwise GB18030 (GBK's superset)."""
    return inspect_text_file(path).encoding


def _decode_check(path: Path, encoding: str) -> tuple[int | None, str]:
    """The line of the first bytes not text in `encoding` (None when all are) and the SHA-256."""
    decoder = codecs.getincrementaldecoder(encoding)()
    digest = hashlib.sha256()
    line = 1
    try:
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK_BYTES):
                digest.update(chunk)
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as error:
                    return line + chunk.count(b"\n", 0, max(error.start, 0)), ""
                line += chunk.count(b"\n")
    except OSError as error:
        raise UnreadableFile(f"cannot be read: {error.strerror or error}") from None
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return line, ""
    return None, digest.hexdigest()


def numbered_rows(
    path: Path, encoding: str, *, skip_blank: bool = False
) -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with its number as a spreadsheet shows it (1 is the first line).

    A quoted cell that spans lines is still one row. With `skip_blank`, rows without any text
    are left out (their numbers are skipped, so the others keep theirs). Bytes that are not
    text in `encoding` stop the reading with UnreadableFile naming their line.
    """
    number = 0
    try:
        with path.open(encoding=encoding, errors="strict", newline="") as file:
            for number, cells in enumerate(csv.reader(file), start=1):
                if skip_blank and not any(cells):
                    continue
                yield number, cells
    except csv.Error as error:
        message = f"cannot be read on from here as CSV ({error})"
        raise UnreadableFile(message, number + 1) from None
    except UnicodeDecodeError:
        # Text is decoded ahead of the rows: find the line the bad bytes are really on.
        bad_line, _ = _decode_check(path, encoding)
        shown = "GBK" if encoding == "gb18030" else "UTF-8"
        message = f"is not text in {shown} from this line on; save the file as CSV UTF-8"
        raise UnreadableFile(message, bad_line or number + 1) from None
    except OSError as error:
        raise UnreadableFile(f"cannot be read: {error.strerror or error}", number + 1) from None


def header_names(cells: Sequence[str]) -> list[str]:
    """Header cells as names: surrounding spaces and a byte-order mark taken off."""
    return [cell.strip(_BOM_AND_SPACE) for cell in cells]
