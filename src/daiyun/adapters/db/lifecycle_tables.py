"""Tables of the contract's life (issue 21: objections, renewals, endings, exit duties)."""

from __future__ import annotations

from daiyun.adapters.db.metadata import metadata

__all__ = ["metadata"]
