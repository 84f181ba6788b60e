"""The brand data export as a stream of bytes for a streamed HTTP answer (issue 20 point 4,
R-R3), shared by the API and the portal.

The export runs in a thread of its own writing into a bounded queue; the answer's body takes
the chunks as they come. So the rows go out while the later ones are still being read, and no
more than the queue's few chunks wait in memory. Whether the user may have the brand's data is
decided before (`authorise_export`): another brand's is 404 before any byte (R-D2).
"""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO, cast
from urllib.parse import quote

from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import User
from daiyun.domain.brand_data import Dataset, ExportFormat, file_name
from daiyun.services.brand_data.exporting import authorise_export, export_brand_data

__all__ = ["MEDIA_TYPES", "content_disposition", "export_stream"]

MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.PARQUET: "application/vnd.apache.parquet",
}
_CHUNKS = 16  # chunks waiting at most
_PATIENCE = 300.0  # seconds a chunk waits for the reader before the export gives up
_END = object()


class _Abandoned(Exception):
    """The reader went away."""


class _QueueSink(io.RawIOBase):
    def __init__(self, chunks: queue.Queue[object]) -> None:
        super().__init__()
        self._chunks = chunks

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if data:
            try:
                self._chunks.put(bytes(data), timeout=_PATIENCE)
            except queue.Full:
                raise _Abandoned from None
        return len(data)


def content_disposition(brand_code: str, dataset: Dataset, export_format: ExportFormat) -> str:
    """attachment with an ASCII fallback and the UTF-8 name (RFC 6266), safe for any code."""
    name = file_name(brand_code, dataset, export_format)
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


def export_stream(
    application: Daiyun,
    acting: User,
    *,
    brand_code: str,
    dataset: Dataset,
    export_format: ExportFormat,
    paid_from: date | None,
    paid_to: date | None,
) -> Iterator[bytes]:
    """Check the request (NotFound, BadExportRange raised here, before any byte), then the
    file's bytes as they are written."""
    authorise_export(
        application.brand_data_unit_of_work(), acting, brand_code=brand_code, dataset=dataset,
        paid_from=paid_from, paid_to=paid_to,
    )  # fmt: skip
    chunks: queue.Queue[object] = queue.Queue(maxsize=_CHUNKS)

    def run() -> None:
        try:
            export_brand_data(
                application.brand_data_unit_of_work(), application.brand_data_writers, acting,
                cast(BinaryIO, _QueueSink(chunks)), brand_code=brand_code, dataset=dataset,
                export_format=export_format, paid_from=paid_from, paid_to=paid_to,
            )  # fmt: skip
        except _Abandoned:
            return
        except Exception as error:  # handed to the reader, which raises it
            chunks.put(error)
            return
        chunks.put(_END)

    return _chunks_of(threading.Thread(target=run, daemon=True), chunks)


def _chunks_of(worker: threading.Thread, chunks: queue.Queue[object]) -> Iterator[bytes]:
    worker.start()
    while True:
        item = chunks.get()
        if item is _END:
            return
        if isinstance(item, Exception):
            raise item
        assert isinstance(item, bytes)
        yield item
