"""A catalog entry: a SKU's guide price from a moment on (R-P1) and its fulfilment (R-F6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from daiyun.domain.money import Money

__all__ = [
    "SKU_MAX_LENGTH",
    "CatalogEntry",
    "EntryProblem",
    "Fulfilment",
    "entry_problems",
    "sku_problem",
]

SKU_MAX_LENGTH = 64


class Fulfilment(StrEnum):
    """How a SKU reaches the buyer: shipped goods, or digital goods with no shipment (R-F6)."""

    PHYSICAL = "physical"
    DIGITAL = "digital"


@dataclass(frozen=True)
class CatalogEntry:
    """A SKU's name, category and guide price in force from `effective_from` on (R-P1)."""

    sku: str
    name: str
    category: str
    guide_price: Money
    # None when the file gave no time: the importer fills in its --at time. Aware otherwise.
    # Nothing is checked on construction; entry_problems() says what is wrong, field by field.
    effective_from: datetime | None
    fulfilment: Fulfilment


@dataclass(frozen=True)
class EntryProblem:
    """Why one field of a catalog entry cannot be accepted, in words for a clerk."""

    field: str
    message: str


def sku_problem(sku: str) -> str | None:
    """Why `sku` is not a usable SKU code, or None when it is."""
    if not sku:
        return "empty; every row needs a SKU code"
    if len(sku) > SKU_MAX_LENGTH:
        return f"{len(sku)} characters long; a SKU code has at most {SKU_MAX_LENGTH}"
    if any(character.isspace() for character in sku):
        return "has a space inside; a SKU code is one word without spaces"
    return None


def entry_problems(entry: CatalogEntry) -> list[EntryProblem]:
    """Everything wrong with `entry`, field by field; empty when it can be accepted."""
    problems: list[EntryProblem] = []
    sku_message = sku_problem(entry.sku)
    if sku_message is not None:
        problems.append(EntryProblem("sku", sku_message))
    if not entry.name.strip():
        problems.append(EntryProblem("name", "empty; every SKU needs a name"))
    if not entry.category.strip():
        problems.append(EntryProblem("category", "empty; every SKU needs a category"))
    # R-P1, R-P2: the guide price is the floor of every sale, so it must be a real price.
    if entry.guide_price.fen <= 0:
        problems.append(EntryProblem("guide_price", "a guide price must be more than zero"))
    moment = entry.effective_from
    if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
        problems.append(EntryProblem("effective_from", "has no time zone"))
    return problems
