"""R-F7: goods of the brand lost or damaged while in the operator's custody are the operator's
to bear (§2 ch.2 B.4). A loss is charged at the SKU's guide price in force at the moment of the
loss (R-P1) and owed to the brand on the model A statement of the loss's month (Beijing date),
as a figure of its own: `custody_losses`, which raises the remittance (R-S6).

A loss also takes its units off the brand's stock (R-F1: on hand = listed + received − sold +
returned − lost). Pure: the guide price and the clock come in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractModel, ContractSpec
from daiyun.domain.fulfilment.stock import MAX_WAREHOUSE
from daiyun.domain.money import Money

__all__ = [
    "MAX_LOSS_QUANTITY",
    "MAX_WHAT",
    "CustodyLoss",
    "LossKind",
    "LossProblem",
    "custody_loss",
    "losses_total",
    "statement_contract",
]

MAX_WHAT = 500  # what happened, in words
MAX_LOSS_QUANTITY = 100_000_000  # as a stock list's quantity (stock.MAX_QUANTITY): a typo beyond


class LossKind(StrEnum):
    """Lost (丢失) or damaged (货损) in the operator's custody."""

    LOST = "lost"
    DAMAGED = "damaged"


class LossProblem(ValueError):
    """A loss that cannot be charged as given: what is wrong, in words (R-F7)."""


@dataclass(frozen=True, slots=True)
class CustodyLoss:
    """Goods of a brand lost or damaged in the operator's custody, charged at the guide price
    in force at `occurred_at` (R-F7). `contract` is the brand's model A contract whose
    statement of the loss's month owes the amount to the brand."""

    brand: str
    contract: str
    sku: str
    warehouse: str  # "" when the store's stock is not in a named warehouse
    quantity: int
    kind: LossKind
    occurred_at: datetime
    what: str  # what happened
    guide_price: Money  # per unit, in force at occurred_at
    recorded_at: datetime
    recorded_by: str

    @property
    def amount(self) -> Money:
        """quantity × guide price, exact to the fen (R-F7)."""
        return Money(self.quantity * self.guide_price.fen)

    @property
    def month(self) -> Month:
        """The statement month: the loss's Beijing date's month (R-F7, R-S1)."""
        return Month.of(business_date(self.occurred_at))

    def same_loss(self, other: CustodyLoss) -> bool:
        """The same loss recorded again: the same goods, kind and moment, and the same units."""
        return (
            self.brand, self.sku, self.warehouse, self.kind, self.occurred_at, self.quantity,
        ) == (
            other.brand, other.sku, other.warehouse, other.kind, other.occurred_at, other.quantity,
        )  # fmt: skip


def custody_loss(
    *,
    brand: str,
    contract: str,
    sku: str,
    warehouse: str,
    quantity: int,
    kind: LossKind,
    occurred_at: datetime,
    what: str,
    guide_price: Money | None,
    recorded_at: datetime,
    recorded_by: str,
) -> CustodyLoss:
    """A loss to record, or LossProblem saying what is wrong: a quantity not above zero, a
    moment without a time zone or after it is recorded, no guide price in force at the moment,
    nothing said about what happened (R-F7)."""
    if occurred_at.tzinfo is None or recorded_at.tzinfo is None:
        raise LossProblem("the moment of the loss needs a time zone (e.g. +08:00)")
    if quantity <= 0:
        raise LossProblem(f"the quantity lost or damaged must be above zero, not {quantity}")
    if quantity > MAX_LOSS_QUANTITY:
        raise LossProblem(f"a quantity of {quantity} is beyond any stock: a typo?")
    if occurred_at > recorded_at:
        raise LossProblem(
            f"the loss at {occurred_at.isoformat()} is in the future: record what has happened"
        )
    if len(warehouse.strip()) > MAX_WAREHOUSE:
        raise LossProblem(f"a warehouse name has at most {MAX_WAREHOUSE} characters")
    said = what.strip()
    if not said:
        raise LossProblem("say what happened (--what)")
    if len(said) > MAX_WHAT:
        raise LossProblem(f"what happened is {len(said)} characters long; at most {MAX_WHAT}")
    if guide_price is None:
        raise LossProblem(
            f"SKU {sku} has no guide price in force at {occurred_at.isoformat()}: a loss is "
            "charged at the guide price (R-F7); add the SKU's guide price first"
        )
    return CustodyLoss(
        brand=brand, contract=contract, sku=sku, warehouse=warehouse.strip(), quantity=quantity,
        kind=kind, occurred_at=occurred_at, what=said, guide_price=guide_price,
        recorded_at=recorded_at, recorded_by=recorded_by,
    )  # fmt: skip


def losses_total(losses: Iterable[CustodyLoss]) -> Money:
    """What the losses owe the brand: the sum of their amounts, in fen (R-F7)."""
    return Money(sum(loss.amount.fen for loss in losses))


def statement_contract(brand: str, contracts: Iterable[ContractSpec], day: date) -> ContractSpec:
    """The brand's model A contract in force on `day` (R-C5), whose statement of the month owes
    the loss to the brand; the latest to take effect when several are. LossProblem when none
    is: only a model A statement owes money to the brand (R-F7, R-S6)."""
    in_force = [
        spec
        for spec in contracts
        if spec.brand_code == brand
        and spec.model is ContractModel.A
        and spec.effective_on <= day
        and (spec.auto_renew or day < spec.expires_on)
    ]
    if not in_force:
        raise LossProblem(
            f"brand {brand} has no model A contract in force on {day.isoformat()}: a custody "
            "loss is owed to the brand on a model A statement (R-F7)"
        )
    return max(in_force, key=lambda spec: (spec.effective_on, spec.code))
