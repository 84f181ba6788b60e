"""Small uploaded files (guide prices, listing prices) read into memory, up to a cap.

A catalogue or price file of 100,000 rows is a few MB; anything past the cap is refused with
413 before it is read whole, so a wrong file (or a hostile one) cannot fill the server's
memory. Order files go to disk instead and have their own cap (oversight._UPLOAD_LIMIT).
"""

from __future__ import annotations

from fastapi import HTTPException, UploadFile

__all__ = ["SMALL_UPLOAD_LIMIT", "read_small_upload"]

SMALL_UPLOAD_LIMIT = 20 * 1024 * 1024  # bytes


def read_small_upload(upload: UploadFile, what: str) -> bytes:
    """The whole file, or 413 naming the file and the cap when it is larger than the cap."""
    limit = SMALL_UPLOAD_LIMIT
    content = upload.file.read(limit + 1)
    if len(content) > limit:
        raise HTTPException(
            413,
            f"{upload.filename or 'the file'} is larger than {_size(limit)}, "
            f"the most a {what} file may be; nothing was changed",
        )
    return content


def _size(limit: int) -> str:
    mib = 1024 * 1024
    return f"{limit // mib} MB" if limit % mib == 0 else f"{limit:,} bytes"
