"""A drafted month's statement lines kept on disk between drafting and storing (issue 22).

The content hash covers the figures before the lines (R-S8), and the stored draft is replaced
only when the hash changed, so a month's lines are needed twice after they are all made: once
to hash them, once to store them. Ten million lines do not stay in memory for that: each batch
is appended to an anonymous temporary file as an Arrow IPC stream, read back a batch at a time,
and the file goes when the spool is closed (uncompressed: some 250 bytes a line on disk, where
LZ4 would cost a third of a second of processor time per million lines).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from types import TracebackType
from typing import Self

import pyarrow as pa

from daiyun.domain.settlement.month_columns import STATEMENT_SCHEMA

__all__ = ["StatementLineSpool"]

_OPTIONS = pa.ipc.IpcWriteOptions(compression="lz4" if pa.Codec.is_available("lz4") else None)


class StatementLineSpool:
    """Batches of statement lines (STATEMENT_SCHEMA): `add` them in order, then read them back
    in that order as often as needed; `close` (or leaving the `with`) deletes them."""

    def __init__(self) -> None:
        # Closed by close(), which the `with` calls: the spool outlives this method.
        self._file = tempfile.TemporaryFile(prefix="daiyun-statement-lines-")  # noqa: SIM115
        self._sink = pa.PythonFile(self._file, mode="w")
        self._writer: pa.ipc.RecordBatchStreamWriter | None = pa.ipc.new_stream(
            self._sink, STATEMENT_SCHEMA, options=_OPTIONS
        )

    def add(self, lines: pa.RecordBatch) -> None:
        if self._writer is None:
            raise ValueError("statement lines added after they were read back")
        if len(lines):
            self._writer.write_batch(lines)

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._file.flush()
        self._file.seek(0)
        yield from pa.ipc.open_stream(pa.PythonFile(self._file, mode="r"))

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
