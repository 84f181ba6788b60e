"""What the fulfilment command groups (`stock`, `shipping`, `return`, `misship`) share: the
brand and store options, and moments and days as interfaces.md writes them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer

from daiyun.domain.calendar import SHANGHAI

__all__ = ["BrandOption", "StoreOption", "day_text", "iso"]

BrandOption = Annotated[str, typer.Option("--brand", help="The brand's code.")]
StoreOption = Annotated[str, typer.Option("--store", help="The store's code.")]


def iso(moment: datetime | None) -> str | None:
    """A moment as ISO 8601 in Beijing time, as interfaces.md writes them."""
    return None if moment is None else moment.astimezone(SHANGHAI).isoformat()


def day_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
