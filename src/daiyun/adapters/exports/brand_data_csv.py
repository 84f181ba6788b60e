"""The brand data export as CSV (issue 20 point 4, R-R3): UTF-8 with a BOM (Excel reads the
Chinese then), a header of the columns' keys, one line per row, written to the sink batch by
batch — nothing but the current batch in memory."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from daiyun.adapters.exports.brand_data_cells import csv_text
from daiyun.domain.brand_data import DataColumn

__all__ = ["CsvDatasetWriter"]

Row = tuple[object, ...]


class CsvDatasetWriter:
    def write(
        self,
        sink: BinaryIO,
        *,
        title: str,
        columns: Sequence[DataColumn],
        batches: Iterator[Sequence[Row]],
    ) -> int:
        kinds = [column.kind for column in columns]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([column.name for column in columns])
        sink.write(("\ufeff" + buffer.getvalue()).encode("utf-8"))
        written = 0
        for batch in batches:
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(
                [csv_text(kind, value) for kind, value in zip(kinds, row, strict=True)]
                for row in batch
            )
            sink.write(buffer.getvalue().encode("utf-8"))
            written += len(batch)
        sink.flush()
        return written
