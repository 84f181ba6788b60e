"""What the portal's export form offers (issue 20 point 4, R-R3, R-D2): the brands the reader
may choose, and for the chosen one the datasets they may export.

A brand's people never choose: their own brand is the only one, and naming another is told it
does not exist, as for an unknown code (R-D2). A dataset is offered when the reader's role
opens it (orders, lines and refunds `view_orders`; statements and fee bills `view_statements`,
as `authorise_export` checks) and the brand has that kind of settlement: statements are model
A's and fee bills model B's (R-C2), so a brand sees the one its contracts — in force or ended —
produce, never an empty file of the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from daiyun.domain.agency import Brand, User
from daiyun.domain.brand_data import Dataset
from daiyun.domain.contracts.choices import ContractModel
from daiyun.domain.permissions import Permission, can
from daiyun.services.brand_data.exporting import export_permission
from daiyun.services.contracts.brand_views import list_brands, list_contracts
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["ExportChoices", "export_choices"]

# The settlement each model produces (R-C2): the other's dataset is never offered.
_MODEL_OF = {Dataset.STATEMENTS: ContractModel.A, Dataset.BILLS: ContractModel.B}


@dataclass(frozen=True)
class ExportChoices:
    """The brands the reader may choose (a brand's people: their own), the chosen one (None
    when the reader sees no brand), and the datasets offered for it, in the domain's order."""

    brands: tuple[Brand, ...]
    chosen: str | None
    datasets: tuple[Dataset, ...]


def export_choices(uow: UnitOfWork, acting: User, brand_code: str | None) -> ExportChoices:
    """The form's choices for `brand_code` (None: the reader's own brand, or the first they
    see). Another brand's or an unknown code is NotFound with the same message (R-D2)."""
    missing = f"no brand with code {brand_code!r}"
    if brand_code is not None:
        require_on_brand(acting, Permission.VIEW_BRAND, brand_code, missing=missing)
    brands = tuple(list_brands(uow, acting))
    codes = [brand.code for brand in brands]
    if brand_code is not None and brand_code not in codes:
        raise NotFound(missing)
    chosen = brand_code or acting.brand_code or (codes[0] if codes else None)
    if chosen is None:
        return ExportChoices(brands, None, ())
    models = {contract.model for contract in list_contracts(uow, acting, chosen)}
    datasets = tuple(
        dataset
        for dataset in Dataset
        if can(acting, export_permission(dataset), chosen)
        and (dataset not in _MODEL_OF or _MODEL_OF[dataset] in models)
    )
    return ExportChoices(brands, chosen, datasets)
