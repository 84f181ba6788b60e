"""Readers of platform order files; `read_order_files` detects, pairs and streams them all.

reading = read_order_files([Path("ExportOrderList202611051000.csv"), …], as_of=None)
for record in reading.records(): …       # each valid order once, streamed
reading.problems, reading.problem_count  # complete once records() is read to its end
"""

from daiyun.adapters.platforms.detect import FileFormat, UnknownLayout, detect_format
from daiyun.adapters.platforms.reading import (
    OrderFileInfo,
    OrderReading,
    export_time_in_name,
    read_order_files,
)

__all__ = [
    "FileFormat",
    "OrderFileInfo",
    "OrderReading",
    "UnknownLayout",
    "detect_format",
    "export_time_in_name",
    "read_order_files",
]
