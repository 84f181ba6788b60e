"""Scratch folders for a running job's files: a fresh temporary folder, removed afterwards."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["TemporaryFolders"]


class _Folder:
    def __init__(self, path: Path) -> None:
        self._path = path

    def write(self, name: str, parts: Iterable[bytes]) -> Path:
        # The name was made safe when the file was kept (import_uploads.safe_file_name); only
        # its last part is used all the same.
        path = self._path / Path(name).name
        with path.open("wb") as out:
            for part in parts:
                out.write(part)
        return path


class TemporaryFolders:
    """ScratchFolders (services/jobs/ports.py) in the system's temporary directory."""

    @contextmanager
    def new(self) -> Iterator[_Folder]:
        path = Path(tempfile.mkdtemp(prefix="daiyun-job-"))
        try:
            yield _Folder(path)
        finally:
            shutil.rmtree(path, ignore_errors=True)
