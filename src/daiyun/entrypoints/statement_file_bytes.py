"""A stored statement version as the bytes of its XLSX or PDF file, for downloads (R-S8)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from daiyun.domain.agency import User
from daiyun.domain.calendar import Month
from daiyun.domain.settlement.document import StatementDocument
from daiyun.services.errors import Refused
from daiyun.services.settlement import statement_desk
from daiyun.services.settlement.ports import PdfFontMissing, StatementFiles
from daiyun.services.settlement.statement_access import StatementView
from daiyun.services.settlement.statements import StatementForFiles
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["MadeFile", "statement_document", "statement_file"]

_MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class MadeFile:
    """A file to send: its name, media type and content."""

    name: str
    media_type: str
    content: bytes


def statement_document(view: StatementView, files: StatementForFiles) -> StatementDocument:
    """What the XLSX and PDF writers take: the version as shown, with every line."""
    return StatementDocument(
        statement=files.statement,
        contract_code=view.contract,
        brand_code=view.brand,
        brand_name=files.brand_name,
        version=view.version,
        status=view.status.value,
        issue_by=view.issue_by,
        confirm_by=view.confirm_by,
        payment_due=view.payment_due,
        penalty_accrued=view.penalty_accrued,
        days_late=view.days_late,
        days_excused=view.days_excused,
        excused_delays=view.excused_delays,
    )


def statement_file(
    uow: UnitOfWork,
    acting: User,
    *,
    contract: str,
    month: Month,
    version: int,
    kind: str,
    at: datetime,
    writers: StatementFiles,
) -> MadeFile:
    """The version's file of `kind` ("xlsx" or "pdf"), once the user may see the statement;
    `writers` make it (openpyxl and fpdf2 load only when a file is downloaded)."""
    page = statement_desk.statement_page(
        uow, acting, contract_code=contract, month=month, at=at, version=version
    )
    files = statement_desk.statement_files_as(
        uow, acting, contract_code=contract, month=month, version=version
    )
    view = page.view
    document = statement_document(page.view, files)
    name = f"{view.contract}-{view.month}-v{view.version}.{kind}"
    with tempfile.TemporaryDirectory(prefix="daiyun-statement-") as folder:
        path = Path(folder) / name
        if kind == "xlsx":
            writers.write_xlsx(document, path)
        else:
            try:
                writers.write_pdf(document, path)
            except PdfFontMissing as error:
                raise Refused(f"no PDF: {error}") from error
        return MadeFile(name, _MEDIA[kind], path.read_bytes())
