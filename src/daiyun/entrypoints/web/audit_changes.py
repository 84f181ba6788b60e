"""An audit record's before and after as a reader reads a change (R-D3): "状态：草稿 → 已出具",
one line a field that changed, each value in words — not the JSON the services store."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import InvalidOperation

from daiyun.domain.agency import AuditEntry
from daiyun.domain.money import Money

__all__ = ["Change", "audit_change", "describe_change"]

Label = Callable[..., str]

# A field whose value is a code: the label kind that names it, per entity or for any.
_CODE_KINDS: Mapping[tuple[str | None, str], str] = {
    ("statement", "status"): "status",
    ("fee_bill", "status"): "bill_status",  # issue 18
    ("promotion", "status"): "promotion_state",
    (None, "role"): "role",
    (None, "platform"): "platform",
    (None, "platforms"): "platform",
    (None, "funded_by"): "party",
}
# Fields holding an amount in yuan as text ("139.00"): shown as money, ¥139.00.
_MONEY = frozenset({
    "amount", "price", "guide_price", "penalty_accrued", "penalty_paid", "penalty_owed",
    "remittance", "budget",
})  # fmt: skip
_BOOLEAN_KIND = {"is_active": "state"}  # True/False as label(state, enabled/disabled)


@dataclass(frozen=True)
class Change:
    """One field: its name in words and its value before and after ("—" when none)."""

    field: str
    before: str
    after: str


def audit_change(entry: AuditEntry, label: Label) -> list[Change]:
    """The changes one audit record states, in the reader's words (`label` is theirs)."""
    return describe_change(entry.entity, entry.before, entry.after, label)


def describe_change(
    entity: str, before: str | None, after: str | None, label: Label
) -> list[Change]:
    """Every field that differs between `before` and `after` (JSON objects as the services
    store them), in their order: a field only after was set, only before was cleared. A record
    that is not a JSON object is shown as it is, whole."""
    old, new = _object(before), _object(after)
    if old is None or new is None:
        return [Change("", before or "—", after or "—")]
    changes = []
    for key in [*old, *(key for key in new if key not in old)]:
        was, now = old.get(key), new.get(key)
        if key in old and key in new and was == now:
            continue
        name = label("audit_field", key)
        changes.append(
            Change(
                name,
                _value(entity, key, was, label) if key in old else "—",
                _value(entity, key, now, label) if key in new else "—",
            )
        )
    return changes


def _object(text: str | None) -> dict[str, object] | None:
    if text is None or not text.strip():
        return {}
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _value(entity: str, key: str, value: object, label: Label) -> str:
    """A stored value in words: a code by its name, an amount as money, a list joined."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        kind = _BOOLEAN_KIND.get(key)
        if kind is not None:
            return label(kind, "enabled" if value else "disabled")
        return label("audit_bool", str(value).lower())
    kind = _CODE_KINDS.get((entity, key)) or _CODE_KINDS.get((None, key))
    if isinstance(value, list):
        joined = label("audit", "separator").join(_value(entity, key, v, label) for v in value)
        return joined or "—"
    if isinstance(value, dict):
        if {"name", "first_day", "last_day"} <= value.keys():  # a holiday of a notice
            return f"{value['name']} {value['first_day']} … {value['last_day']}"
        parts = (
            f"{label('audit_field', k)} {_value(entity, k, v, label)}" for k, v in value.items()
        )
        return label("audit", "separator").join(parts)
    if kind is not None:
        return label(kind, value)
    if key in _MONEY and isinstance(value, str):
        try:
            return Money.of_yuan(value).display()
        except (ValueError, InvalidOperation):
            return value
    return str(value)
