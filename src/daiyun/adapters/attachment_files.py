"""Files kept with a record (R-F4's mis-shipment attachments) on disk under the data directory:
DAIYUN_SHARED_DATA_DIR when set, else a `data` folder beside the SQLite database, else ./data.
Each file is kept once by its SHA-256 (`attachments/ab/abcd…`), written to a temporary name and
renamed into place, so a file half-written is never kept and the same file twice is one."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from daiyun.config import Settings

__all__ = ["AttachmentFiles", "data_directory"]


def data_directory(settings: Settings) -> Path:
    """Where daiyun keeps the files of its records."""
    if settings.shared_data_dir is not None:
        return settings.shared_data_dir
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).resolve().parent / "data"
    return Path("data").resolve()


class AttachmentFiles:
    """Keeps files by their content under `root`/attachments."""

    def __init__(self, root: Path) -> None:
        self.root = root / "attachments"

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def keep(self, content: bytes) -> str:
        """Keep the file; its SHA-256."""
        sha256 = hashlib.sha256(content).hexdigest()
        target = self.path_of(sha256)
        if target.is_file():
            return sha256
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return sha256

    def read(self, sha256: str) -> bytes:
        return self.path_of(sha256).read_bytes()
