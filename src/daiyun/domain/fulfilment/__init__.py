"""Fulfilment and after-sales: the brand's consigned stock (R-F1), shipping within the
contract's hours of payment (R-F2, R-F6), returns and exchanges (R-F5)."""

from daiyun.domain.fulfilment.shipping import (
    LateShipment,
    PaidOrder,
    ShippingMonth,
    judge_month,
    late_shipment,
)

__all__ = ["LateShipment", "PaidOrder", "ShippingMonth", "judge_month", "late_shipment"]
