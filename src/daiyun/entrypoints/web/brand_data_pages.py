"""The brand's own data export from the portal (issue 20 point 4, R-R3, R-D2): `/data-export`
is a form — the data (those the reader's role opens and the brand's contracts produce), the
format (CSV, XLSX, Parquet), from and to (Beijing paid days) — whose download is
`/data-export/{code}/{dataset}.{format}?from=&to=`, streamed through the same `export_stream`
as GET /api/brands/{code}/export/{dataset}, with the same Content-Disposition, signed in by the
session cookie.

The agency's people choose a brand among those they see; a brand's people never choose:
another brand's code, on the form or in the download's address, is answered exactly as an
unknown brand (404) before any byte. A day that is not YYYY-MM-DD or a range ending before it
starts is said beside the form (422), in the reader's language; nothing is written.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from daiyun.domain.brand_data import Dataset, ExportFormat
from daiyun.entrypoints.api.auth import Principal, Uow, current_principal, daiyun_of
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.brand_data_stream import MEDIA_TYPES, content_disposition, export_stream
from daiyun.entrypoints.web.i18n import language_of, translator
from daiyun.entrypoints.web.rendering import render
from daiyun.services.brand_data.choices import export_choices
from daiyun.services.brand_data.exporting import authorise_export

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
Word = Annotated[str | None, Query(max_length=40, pattern=NO_NUL)]
From = Annotated[str | None, Query(alias="from", max_length=20, pattern=NO_NUL)]
To = Annotated[str | None, Query(alias="to", max_length=20, pattern=NO_NUL)]
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A problem beside the form: the text's key and the values it names.
Problem = tuple[str, tuple[str, ...]]


def _days(paid_from: str | None, paid_to: str | None) -> tuple[date | None, date | None]:
    """The range's days (None for an empty end), or ValueError holding the Problem."""
    found: list[date | None] = []
    for key, text in (("dx_from", paid_from), ("dx_to", paid_to)):
        text = (text or "").strip()
        if not text:
            found.append(None)
            continue
        try:
            if not _DAY.fullmatch(text):
                raise ValueError(text)
            found.append(date.fromisoformat(text))
        except ValueError:
            raise ValueError(("dx_bad_day", (key, text))) from None
    first, last = found
    if first is not None and last is not None and first > last:
        raise ValueError(("dx_bad_range", (str(first), str(last))))
    return first, last


def _page(
    request: Request,
    principal: Principal,
    uow: Uow,
    brand: str | None,
    *,
    entered: dict[str, str] | None = None,
    problem: Problem | None = None,
) -> HTMLResponse:
    choices = export_choices(uow, principal.user, brand)
    said = None
    if problem is not None:
        t = translator(language_of(request))
        key, values = problem
        # A bad day names its field (the form's own label) and what was typed.
        said = t(key, t(values[0]), values[1]) if key == "dx_bad_day" else t(key, *values)
    context = {
        "choices": choices,
        "brand_view": principal.user.role.is_brand_role,
        "formats": [each.value for each in ExportFormat],
        "models_apply": any(d in choices.datasets for d in (Dataset.STATEMENTS, Dataset.BILLS)),
        "entered": entered or {},
        "problem": said,
    }
    status = 200 if problem is None else 422
    return render(request, "data_export.html", principal, context, status_code=status)


def _address(
    code: str, dataset: str, export_format: str, first: date | None, last: date | None
) -> str:
    query = {key: str(day) for key, day in (("from", first), ("to", last)) if day is not None}
    path = f"/data-export/{quote(code, safe='')}/{dataset}.{export_format}"
    return path + (f"?{urlencode(query)}" if query else "")


@router.get("/data-export", response_class=HTMLResponse)
def data_export_page(
    request: Request,
    principal: Signed,
    uow: Uow,
    brand: Word = None,
    dataset: Word = None,
    export_format: Annotated[str | None, Query(alias="format", max_length=20)] = None,
    paid_from: From = None,
    paid_to: To = None,
) -> Response:
    """The form; sent (with a dataset), checked here and on to the download's address."""
    chosen = brand or None
    if dataset is None:
        return _page(request, principal, uow, chosen)
    choices = export_choices(uow, principal.user, chosen)
    entered = {
        "dataset": dataset, "format": export_format or "", "from": paid_from or "",
        "to": paid_to or "",
    }  # fmt: skip
    try:
        if dataset not in {each.value for each in choices.datasets}:
            raise ValueError(("dx_bad_dataset", ()))
        if export_format not in {each.value for each in ExportFormat}:
            raise ValueError(("dx_bad_format", ()))
        first, last = _days(paid_from, paid_to)
    except ValueError as error:
        return _page(request, principal, uow, chosen, entered=entered, problem=error.args[0])
    assert choices.chosen is not None  # a dataset was offered, so a brand was chosen
    target = _address(choices.chosen, dataset, export_format, first, last)
    return RedirectResponse(target, status_code=303)


@router.get("/data-export/{code}/{dataset}.{file_format}")
def data_export_file(
    request: Request,
    principal: Signed,
    uow: Uow,
    code: Annotated[str, Path(max_length=40)],
    dataset: Dataset,
    file_format: ExportFormat,
    paid_from: From = None,
    paid_to: To = None,
) -> Response:
    """The brand's dataset streamed as it is read (R-R3): another brand's or an unknown code
    404 and a role without the dataset's permission 403, before any byte (R-D2)."""
    application = daiyun_of(request)
    acting = principal.user
    authorise_export(
        application.brand_data_unit_of_work(), acting, brand_code=code, dataset=dataset,
        paid_from=None, paid_to=None,
    )  # fmt: skip
    try:
        first, last = _days(paid_from, paid_to)
    except ValueError as error:
        entered = {
            "dataset": dataset.value, "format": file_format.value, "from": paid_from or "",
            "to": paid_to or "",
        }  # fmt: skip
        return _page(request, principal, uow, code, entered=entered, problem=error.args[0])
    body = export_stream(
        application, acting, brand_code=code, dataset=dataset, export_format=file_format,
        paid_from=first, paid_to=last,
    )  # fmt: skip
    return StreamingResponse(
        body,
        media_type=MEDIA_TYPES[file_format],
        headers={"Content-Disposition": content_disposition(code, dataset, file_format)},
    )
