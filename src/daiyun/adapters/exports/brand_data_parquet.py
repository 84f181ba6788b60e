"""The brand data export as Parquet (issue 20 point 4, R-R3): one row group per batch,
written with pyarrow.parquet.ParquetWriter as the batches come.

Types: texts string, counts int64, amounts decimal(18,2) in yuan — built straight from the
integer fen, which is a decimal's unscaled value at scale 2, so no float ever — moments
timestamp[us, Asia/Shanghai], days date32, flags bool.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from daiyun.domain.brand_data import ColumnKind, DataColumn

__all__ = ["ParquetDatasetWriter", "arrow_schema"]

Row = tuple[object, ...]
_MONEY = pa.decimal128(18, 2)
_TYPES: dict[ColumnKind, pa.DataType] = {
    ColumnKind.TEXT: pa.string(),
    ColumnKind.INTEGER: pa.int64(),
    ColumnKind.MONEY: _MONEY,
    ColumnKind.MOMENT: pa.timestamp("us", tz="Asia/Shanghai"),
    ColumnKind.DAY: pa.date32(),
    ColumnKind.FLAG: pa.bool_(),
}


def arrow_schema(columns: Sequence[DataColumn]) -> pa.Schema:
    return pa.schema([pa.field(column.name, _TYPES[column.kind]) for column in columns])


class ParquetDatasetWriter:
    def write(
        self,
        sink: BinaryIO,
        *,
        title: str,
        columns: Sequence[DataColumn],
        batches: Iterator[Sequence[Row]],
    ) -> int:
        schema = arrow_schema(columns)
        written = 0
        with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
            for batch in batches:
                if not batch:
                    continue
                arrays = [
                    _array(column.kind, [row[index] for row in batch])
                    for index, column in enumerate(columns)
                ]
                writer.write_batch(pa.record_batch(arrays, schema=schema))
                written += len(batch)
        return written


def _array(kind: ColumnKind, values: list[object]) -> pa.Array:
    if kind is ColumnKind.MONEY:
        return _money(values)
    return pa.array(values, type=_TYPES[kind])


def _money(values: list[object]) -> pa.Array:
    """decimal(18,2) from fen: each value's 16 bytes are the fen, sign-extended (little end)."""
    missing = np.array([value is None for value in values], dtype=bool)
    fen = np.array([0 if value is None else value for value in values], dtype=np.int64)
    words = np.empty((len(values), 2), dtype=np.int64)
    words[:, 0] = fen
    words[:, 1] = np.where(fen < 0, -1, 0)
    validity = pa.array(~missing).buffers()[1] if missing.any() else None
    return pa.Array.from_buffers(
        _MONEY, len(values), [validity, pa.py_buffer(words.tobytes())], null_count=-1
    )
