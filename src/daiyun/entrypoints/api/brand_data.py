"""GET /api/brands/{code}/export/{dataset}: the brand's own operating data as a streamed file
(issue 20 point 4, R-R3) — orders, lines, refunds, statements or bills as CSV, XLSX or Parquet,
`from`/`to` the paid days (Beijing). A brand's token asking for another brand's data gets 404,
as for an unknown brand (R-D2); a range ending before it starts is 422."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse

from daiyun.domain.brand_data import Dataset, ExportFormat
from daiyun.entrypoints.api.auth import Acting, App
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.brand_data_stream import MEDIA_TYPES, content_disposition, export_stream
from daiyun.services.brand_data.exporting import BadExportRange

__all__ = ["router"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["brand data"])


@router.get("/brands/{code}/export/{dataset}")
def export_dataset(
    code: Annotated[str, Path(max_length=40)],
    dataset: Dataset,
    app: App,
    acting: Acting,
    export_format: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.CSV,
    paid_from: Annotated[date | None, Query(alias="from")] = None,
    paid_to: Annotated[date | None, Query(alias="to")] = None,
) -> StreamingResponse:
    """The brand's `dataset` streamed as it is read (R-R3)."""
    try:
        body = export_stream(
            app, acting, brand_code=code, dataset=dataset, export_format=export_format,
            paid_from=paid_from, paid_to=paid_to,
        )  # fmt: skip
    except BadExportRange as error:
        raise RequestValidationError(
            [{"loc": ("query", "to"), "msg": str(error), "type": "value_error"}]
        ) from None
    return StreamingResponse(
        body,
        media_type=MEDIA_TYPES[export_format],
        headers={"Content-Disposition": content_disposition(code, dataset, export_format)},
    )
