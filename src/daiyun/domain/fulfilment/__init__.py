"""Fulfilment duties: shipping within the contract's hours of payment (R-F2)."""

from daiyun.domain.fulfilment.shipping import LateShipment, late_shipment

__all__ = ["LateShipment", "late_shipment"]
