"""How pages show money, rates and dates: ¥1,234.50, 5%, Beijing time."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from jinja2 import Environment

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money, Rate

__all__ = ["register_filters"]


def register_filters(environment: Environment) -> None:
    """Add the display filters to a Jinja environment."""
    environment.filters["money"] = _money
    environment.filters["fen"] = _fen
    environment.filters["rate"] = _rate
    environment.filters["day"] = _day
    environment.filters["day_before"] = _day_before
    environment.filters["beijing"] = _beijing


def _money(amount: Money) -> str:
    return amount.display()


def _fen(fen: int) -> str:
    return Money(fen).display()


def _rate(rate: Rate) -> str:
    return rate.percent_text()


def _day(day: date | None) -> str:
    return "—" if day is None else day.isoformat()


def _day_before(day: date | None) -> str:
    # A contract's end is half-open (the first day not covered); people read the last day.
    return "—" if day is None else (day - timedelta(days=1)).isoformat()


def _beijing(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
