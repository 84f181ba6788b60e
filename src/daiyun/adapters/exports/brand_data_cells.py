"""Cells of the brand data export shared by its CSV and XLSX writers (issue 20 point 4)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from daiyun.domain.brand_data import ColumnKind
from daiyun.domain.calendar import SHANGHAI

__all__ = ["FORMULA_STARTS", "TIME_FORMAT", "beijing", "csv_text", "yuan"]

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# A text a spreadsheet would read as a formula: kept as text (CSV: a leading apostrophe).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CENT = Decimal("0.01")


def beijing(moment: datetime) -> datetime:
    """The moment in Beijing time, naive (what a spreadsheet shows)."""
    return moment.astimezone(SHANGHAI).replace(tzinfo=None)


def yuan(fen: int) -> Decimal:
    """Integer fen as yuan with two decimals, exactly."""
    return (Decimal(fen) * _CENT).quantize(_CENT)


def csv_text(kind: ColumnKind, value: object) -> str:
    """One value as the CSV writes it: yuan '12.34', Beijing time, ISO day, true/false."""
    if value is None:
        return ""
    if kind is ColumnKind.MONEY:
        fen = int(value)  # type: ignore[call-overload]
        sign = "-" if fen < 0 else ""
        whole, cents = divmod(abs(fen), 100)
        return f"{sign}{whole}.{cents:02d}"
    if kind is ColumnKind.MOMENT:
        assert isinstance(value, datetime)
        return beijing(value).strftime(TIME_FORMAT)
    if kind is ColumnKind.DAY:
        assert isinstance(value, date)
        return value.isoformat()
    if kind is ColumnKind.FLAG:
        return "true" if value else "false"
    if kind is ColumnKind.INTEGER:
        return str(int(value))  # type: ignore[call-overload]
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
