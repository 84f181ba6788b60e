"""Use cases: record and list custody losses (issue 19, R-F7) — goods of a brand lost or
damaged in the operator's custody, charged to the operator at the guide price in force at the
moment, owed to the brand on the model A statement of the loss's month (the statement reads
them when drafted: services/settlement/statements.py), and taken off the brand's stock (R-F1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.calendar import Month, business_date
from daiyun.domain.catalog import Fulfilment
from daiyun.domain.contracts.service_features import Feature
from daiyun.domain.fulfilment.custody import (
    CustodyLoss,
    LossKind,
    LossProblem,
    custody_loss,
    statement_contract,
)
from daiyun.services.contracts.service_gate import require_brand_service
from daiyun.services.errors import NotFound, Refused
from daiyun.services.fulfilment.ports import FulfilmentUnitOfWork

__all__ = ["LossRecorded", "list_custody_losses", "record_custody_loss"]


@dataclass(frozen=True)
class LossRecorded:
    """The loss as kept, and whether this call recorded it (False: recorded already)."""

    loss: CustodyLoss
    new: bool


def record_custody_loss(
    uow: FulfilmentUnitOfWork,
    *,
    brand_code: str,
    sku_code: str,
    warehouse: str,
    quantity: int,
    kind: LossKind,
    occurred_at: datetime,
    what: str,
    at: datetime,
    actor: str,
) -> LossRecorded:
    """Record a loss once (R-F7): the same goods, warehouse, kind and moment again is the same
    loss (new=False); with another quantity it is refused, a recorded loss is never changed.
    Refused (custody.py's LossProblem): a quantity not above zero, a future moment, a SKU
    without a guide price then, nothing said about what happened, digital goods, a brand
    without a model A contract in force that day."""
    with uow:
        if uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        require_brand_service(uow, brand_code, Feature.CUSTODY_LOSSES, at)  # R-C3
        sku = uow.catalog.get(brand_code, sku_code)
        if sku is None:
            raise NotFound(f"no SKU {sku_code!r} in brand {brand_code}'s catalogue")
        if sku.fulfilment == Fulfilment.DIGITAL:
            raise Refused(f"{sku_code} is digital goods, which are never in custody (R-F6)")
        try:
            contract = statement_contract(
                brand_code, uow.contracts.list_all(), business_date(occurred_at)
            )
            loss = custody_loss(
                brand=brand_code, contract=contract.code, sku=sku_code, warehouse=warehouse,
                quantity=quantity, kind=kind, occurred_at=occurred_at, what=what,
                guide_price=sku.guide_price_at(occurred_at), recorded_at=at, recorded_by=actor,
            )  # fmt: skip
        except LossProblem as problem:
            raise Refused(f"cannot record the loss of {sku_code}: {problem}") from problem
        kept = uow.custody.find(loss)
        if kept is not None:
            if not kept.same_loss(loss):
                raise Refused(
                    f"a {kind.value} loss of {sku_code} at {occurred_at.isoformat()} is recorded "
                    f"already with {kept.quantity} unit(s), not {quantity}; a recorded loss is "
                    "never changed"
                )
            return LossRecorded(kept, False)
        uow.custody.add(loss)
        uow.commit()
    return LossRecorded(loss, True)


def list_custody_losses(
    uow: FulfilmentUnitOfWork, *, brand_code: str, month: Month | None
) -> list[CustodyLoss]:
    """The brand's custody losses, oldest first; only those of `month` (Beijing) when given."""
    with uow:
        if uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        require_brand_service(uow, brand_code, Feature.CUSTODY_LOSSES)  # R-C3
        return uow.custody.of_brand(brand_code, None if month is None else month.period())
