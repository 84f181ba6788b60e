"""Uploaded order files kept for an import: each in one folder of the import's own, a ZIP of
them unpacked there (a Taobao export pair is two files; people zip them to send them on).

What cannot be kept is a problem of the import, named by the file, as the readers name theirs:
the import then stores nothing and lists them, and its history keeps them.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

__all__ = ["MAX_FILES", "MAX_UNPACKED", "KeptUpload", "keep_uploads", "safe_file_name"]

MAX_FILES = 20  # files in one import, a ZIP's included
MAX_UNPACKED = 200 * 1024 * 1024  # bytes a ZIP may unpack to, all its files together
_CHUNK = 1024 * 1024
_JUNK = ("__MACOSX/", ".")  # what archivers add beside the files: not the person's files


def safe_file_name(name: str) -> str:
    """The uploaded file's own name without any folder; the readers read formats from it."""
    base = Path(name.replace("\\", "/")).name.strip() or "upload.csv"
    return "".join(ch for ch in base if ch.isprintable() and ch not in '/:*?"<>|')[:120]


@dataclass
class KeptUpload:
    """The files kept for one import, in a folder of their own, and what could not be kept."""

    folder: Path
    paths: list[Path] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)

    def problem(self, name: str, message: str) -> None:
        """A file that cannot be kept, as an import summary's error (row 0: the whole file)."""
        self.problems.append(
            {"file": name, "row": 0, "column": "", "value": "", "message": message}
        )

    def discard(self) -> None:
        """Remove the folder and everything in it."""
        shutil.rmtree(self.folder, ignore_errors=True)


def keep_uploads(uploads: list[tuple[str, Callable[[], bytes]]]) -> KeptUpload:
    """Write each uploaded (name, read a chunk) into a new folder; a `.zip` is unpacked."""
    kept = KeptUpload(Path(tempfile.mkdtemp(prefix="daiyun-upload-")))
    for name, chunks in uploads:
        path = _free_path(kept, safe_file_name(name))
        if path is None:
            continue
        with path.open("wb") as out:
            while chunk := chunks():
                out.write(chunk)
        if path.suffix.lower() == ".zip":
            _unpack(path, kept)
            path.unlink(missing_ok=True)
        else:
            kept.paths.append(path)
    if len(kept.paths) > MAX_FILES:
        kept.problem(kept.paths[MAX_FILES].name, f"more than {MAX_FILES} files in one import")
    return kept


def _free_path(kept: KeptUpload, name: str) -> Path | None:
    path = kept.folder / name
    if path.exists() or any(p.name == name for p in kept.paths):
        kept.problem(name, "given twice: give each file once")
        return None
    return path


def _unpack(archive: Path, kept: KeptUpload) -> None:
    """The ZIP's files beside the others, each counted against MAX_UNPACKED as it is written
    (a ZIP's own sizes can lie)."""
    try:
        with zipfile.ZipFile(archive) as opened:
            members = [m for m in opened.infolist() if not m.is_dir() and not _is_junk(m)]
            if not members:
                kept.problem(archive.name, "the ZIP holds no file")
            if len(members) > MAX_FILES:
                kept.problem(archive.name, f"more than {MAX_FILES} files in one import")
                return
            written = 0
            for member in members:
                if member.flag_bits & 0x1:
                    kept.problem(archive.name, "the ZIP is encrypted: give it without a password")
                    return
                path = _free_path(kept, safe_file_name(_name_of(member)))
                if path is None:
                    continue
                with opened.open(member) as source, path.open("wb") as out:
                    written = _copy(source, out, written)
                if written > MAX_UNPACKED:
                    kept.problem(archive.name, "the ZIP unpacks to more than 200 MB")
                    return
                kept.paths.append(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        kept.problem(archive.name, "cannot be opened as a ZIP file")


def _name_of(member: zipfile.ZipInfo) -> str:
    """The member's name; one not marked UTF-8 was most likely written in GBK (Windows in
    China), which zipfile reads as CP437."""
    if member.flag_bits & 0x800:
        return member.filename
    try:
        return member.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return member.filename


def _is_junk(member: zipfile.ZipInfo) -> bool:
    name = member.filename.replace("\\", "/")
    return name.startswith(_JUNK) or Path(name).name.startswith(".")


def _copy(source: IO[bytes], out: IO[bytes], written: int) -> int:
    """Copy until MAX_UNPACKED is passed; the bytes written so far, all members together."""
    while written <= MAX_UNPACKED and (chunk := source.read(_CHUNK)):
        out.write(chunk)
        written += len(chunk)
    return written
