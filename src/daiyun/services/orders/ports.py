"""The port through which order imports read platform order files; bootstrap wires in the
readers of adapters/platforms."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from daiyun.services.orders.importing import OrderSource

__all__ = ["OrderFiles"]


class OrderFiles(Protocol):
    """Detects, pairs and streams platform order files (formats.md)."""

    def read(self, paths: Sequence[Path], *, as_of: datetime | None) -> OrderSource:
        """The files' orders as of the snapshot time `as_of` (None: from the file names)."""
        ...

    def export_time_in_name(self, name: str) -> datetime | None:
        """The export time a seller-centre file name carries (Beijing time), or None."""
        ...
