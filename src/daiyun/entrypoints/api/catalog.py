"""/api/brands/{brand}/catalog: the brand uploads its SKUs and guide prices (issue 6, R-P5).

The same file and the same answer as `daiyun catalog import --json`; a file with problems
answers 422 listing every one (row, column) and changes nothing.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from daiyun.domain.catalog.problem import CatalogProblem
from daiyun.entrypoints.api.auth import Acting, App, Now, Uow
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.api.uploads import read_small_upload
from daiyun.services.pricing.catalog import CatalogImportOutcome
from daiyun.services.pricing.guide_prices import edit_guide_prices, require_guide_price_editor

__all__ = ["CatalogImportPublic", "catalog_problem_detail", "router"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["brands"])


class SkuCountsPublic(BaseModel):
    new: int
    updated: int
    unchanged: int


class CatalogImportPublic(BaseModel):
    """What the import changed; `repricing_tasks`: listings now out of bounds (R-P5)."""

    brand: str
    skus: SkuCountsPublic
    guide_prices_added: int
    repricing_tasks: int

    @classmethod
    def of(cls, outcome: CatalogImportOutcome) -> CatalogImportPublic:
        counts = SkuCountsPublic(
            new=outcome.skus_added, updated=outcome.skus_updated, unchanged=outcome.unchanged
        )
        return cls(
            brand=outcome.brand,
            skus=counts,
            guide_prices_added=outcome.guide_prices_added,
            repricing_tasks=outcome.repricing_tasks,
        )


def catalog_problem_detail(problem: CatalogProblem) -> dict[str, Any]:
    """One problem in the shape of FastAPI's own 422 items, placed by row and column."""
    place: list[str | int] = ["body", "file", problem.row]
    if problem.column:
        place.append(problem.column)
    return {"loc": place, "msg": str(problem), "type": "value_error"}


@router.post("/brands/{brand}/catalog", response_model=CatalogImportPublic)
def catalog_import(
    brand: str,
    file: Annotated[
        UploadFile, File(description="CSV (UTF-8 or GBK) or XLSX: sku,name,category,guide_price")
    ],
    uow: Uow,
    acting: Acting,
    now: Now,
    application: App,
) -> CatalogImportPublic | JSONResponse:
    """Add or update the brand's SKUs and guide prices; all or nothing (brand admin, agency)."""
    require_guide_price_editor(acting, brand)  # refused before the file is even read
    content = read_small_upload(file, "catalogue")
    entries, problems = application.catalog_files.read_upload(file.filename or "", content)
    if problems:
        detail = [catalog_problem_detail(problem) for problem in problems]
        return JSONResponse({"detail": detail}, status_code=422)
    outcome = edit_guide_prices(uow, acting, brand_code=brand, entries=entries, at=now)
    return CatalogImportPublic.of(outcome)
