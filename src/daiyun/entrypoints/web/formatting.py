"""How pages show money, rates and dates: ¥1,234.50, 5%, Beijing time."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from jinja2 import Environment

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money, Rate
from daiyun.entrypoints.web.audit_changes import audit_change

__all__ = ["lateness", "register_filters"]


def register_filters(environment: Environment) -> None:
    """Add the display filters to a Jinja environment."""
    environment.filters["money"] = _money
    environment.filters["fen"] = _fen
    environment.filters["rate"] = _rate
    environment.filters["day"] = _day
    environment.filters["day_before"] = _day_before
    environment.filters["beijing"] = _beijing
    environment.filters["lateness"] = lateness
    # R-D3: an audit record's change in words, as `audit_change(entry, label)`.
    environment.globals["audit_change"] = audit_change


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


def lateness(hours: int, language: str = "zh") -> str:
    """Whole hours late in days and hours (R-F2): 53 → "2 天 5 小时" or "2 d 5 h"; a part
    left out when it is nought ("3 小时", "2 天")."""
    days, rest = divmod(max(0, int(hours)), 24)
    day_unit, hour_unit = (" 天", " 小时") if language == "zh" else (" d", " h")
    parts = [f"{days:,}{day_unit}"] if days else []
    if rest or not days:
        parts.append(f"{rest}{hour_unit}")
    return " ".join(parts)
