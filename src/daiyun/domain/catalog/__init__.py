"""The brands' catalog: SKUs, guide prices with their effective-from time, categories."""

from daiyun.domain.catalog.category import CATEGORY_KEYWORDS, OTHER, infer_category
from daiyun.domain.catalog.entry import (
    SKU_MAX_LENGTH,
    CatalogEntry,
    EntryProblem,
    Fulfilment,
    entry_problems,
    sku_problem,
)

__all__ = [
    "CATEGORY_KEYWORDS",
    "OTHER",
    "SKU_MAX_LENGTH",
    "CatalogEntry",
    "EntryProblem",
    "Fulfilment",
    "entry_problems",
    "infer_category",
    "sku_problem",
]
