"""CSV text files as clerks and platforms save them: encoding found, rows streamed and numbered."""

from __future__ import annotations

import codecs
import csv
import hashlib
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from threading import Thread
from typing import Any

__all__ = [
    "FileDigest",
    "SniffedTextFile",
    "TextCheck",
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


class FileDigest:
    """The SHA-256 of a file's bytes, worked out in a thread of its own from the moment this is
    made (hashlib lets go of the interpreter lock while it hashes): the file can be read
    meanwhile, and `hexdigest` waits for the hash. A large export is hashed while its first
    orders are stored instead of before."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._hexdigest: str | None = None
        self._error: OSError | None = None
        self._thread = Thread(target=self._hash, name=f"sha256 {path.name}", daemon=True)
        self._thread.start()

    def hexdigest(self) -> str:
        """The hash; UnreadableFile when the file could not be read to its end."""
        self._thread.join()
        if self._hexdigest is None:
            reason = self._error.strerror if self._error is not None else None
            raise UnreadableFile(f"{self._path.name} cannot be read: {reason or self._error}")
        return self._hexdigest

    def _hash(self) -> None:
        try:
            with self._path.open("rb") as file:
                self._hexdigest = hashlib.file_digest(file, "sha256").hexdigest()
        except OSError as error:
            self._error = error


@dataclass(frozen=True, slots=True)
class SniffedTextFile:
    """The encoding told from a file's start, and its SHA-256 (being worked out, or known)."""

    encoding: str
    digest: FileDigest | str


def sniff_text_file(path: Path) -> SniffedTextFile:
    """Like inspect_text_file, but the encoding is told from the file's first 64 KiB of text
    and the hash is worked out in a thread (FileDigest) while the file is read.

    Meant for large exports: bytes further on that are not text in that encoding surface while
    the rows are read (numbered_rows names the row). A start without any non-ASCII character
    tells nothing, and the whole file is checked.
    """
    try:
        with path.open("rb") as file:
            start = file.read(_CHUNK_BYTES)
    except OSError as error:
        raise UnreadableFile(f"cannot be opened: {error.strerror or error}") from None
    if start.startswith(codecs.BOM_UTF8):
        return SniffedTextFile("utf-8-sig", FileDigest(path))
    if not start.isascii():
        for encoding in ("utf-8", "gb18030"):
            try:
                codecs.getincrementaldecoder(encoding)().decode(start)
            except UnicodeDecodeError:
                continue
            return SniffedTextFile(encoding, FileDigest(path))
    checked = inspect_text_file(path)  # names the line that is not text
    return SniffedTextFile(checked.encoding, checked.sha256)


class TextCheck:
    """Whether every byte of a file is text in an encoding, told by a Python process of its own
    while this one reads the file. Decoding holds the interpreter lock: a large export's would
    take this process 1.5 s per 334 MB that another core can spend instead."""

    def __init__(self, path: Path, encoding: str) -> None:
        self._path = path
        self._process = subprocess.Popen(
            [sys.executable, "-m", "daiyun.adapters.text_files", str(path), encoding],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def bad_line(self) -> int | None:
        """The line where the bytes stop being text in the encoding, None when every byte is
        text (waits for the check); UnreadableFile when the check could not tell."""
        out, err = self._process.communicate()
        verdict = out.decode(errors="replace").strip()
        if self._process.returncode != 0 or not (verdict == "text" or verdict.isdigit()):
            said = err.decode(errors="replace").strip().splitlines()[-1:] or ["no word"]
            raise UnreadableFile(f"{self._path.name}: its text could not be checked: {said[0]}")
        return None if verdict == "text" else int(verdict)

    def stop(self) -> None:
        """End the check, finished or not."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.communicate()


def csv_encoding(path: Path) -> str:
    """utf-8-sig after a BOM; utf-8 when every byte is UTF-8; otherwise GB18030 (GBK's superset)."""
    return inspect_text_file(path).encoding


def _decode_check(path: Path, encoding: str, digest: Any = None) -> tuple[int | None, str]:
    """The line of the first bytes not text in `encoding` (None when all are) and the SHA-256
    (of a hashlib object given, else worked out here)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    digest = hashlib.sha256() if digest is None else digest
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


class _NoDigest:
    def update(self, data: bytes) -> None:
        return None

    def hexdigest(self) -> str:
        return ""


def _main(arguments: Sequence[str]) -> None:
    """TextCheck's process: prints "text", or the line where the bytes stop being text."""
    path, encoding = Path(arguments[0]), arguments[1]
    bad_line, _ = _decode_check(path, encoding, _NoDigest())
    print("text" if bad_line is None else bad_line)


if __name__ == "__main__":
    _main(sys.argv[1:])
