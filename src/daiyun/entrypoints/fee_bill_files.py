"""A fee bill version's files, XLSX and PDF (issue 18): written where `daiyun bill show --xlsx
--pdf` says, or as bytes for a page's download. Both show the bill's figures and how they are
made, its payments and dates, the VAT invoice request with the brand's tax id (R-B2, R-B3,
R-B5), and the Alipay lines the bill counts.

The caller has the version as shown (`show_bill`, or a page's own use case that checked who may
see it); these functions only make its files, reading nothing but the brand's name and tax id
and the month's Alipay lines.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final

from daiyun.bootstrap import Daiyun
from daiyun.domain.fee_bills.bill_file import FeeBillDocument
from daiyun.domain.reconciliation import AlipayEntry
from daiyun.services.errors import NotFound, Refused
from daiyun.services.fee_bills.bill_access import BillView
from daiyun.services.fee_bills.bill_files import bill_document
from daiyun.services.fee_bills.bill_lines import counted_lines
from daiyun.services.fee_bills.ports import PdfFontMissing

__all__ = [
    "FEE_BILL_MEDIA_TYPES",
    "fee_bill_file_bytes",
    "fee_bill_file_name",
    "write_fee_bill_files",
]

FEE_BILL_MEDIA_TYPES: Final[dict[str, str]] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}

_Writer = Callable[[FeeBillDocument, Iterable[AlipayEntry], Path], None]


def fee_bill_file_name(view: BillView, kind: str) -> str:
    """INOHERB-2026-2026-10-fee-bill-v1.pdf"""
    return f"{view.contract}-{view.month}-fee-bill-v{view.version}.{kind}"


def _writer(application: Daiyun, kind: str) -> _Writer:
    writers = application.fee_bill_files  # openpyxl and fpdf2 load only when files are made
    if kind == "xlsx":
        return writers.write_xlsx
    if kind == "pdf":
        return writers.write_pdf
    raise NotFound(f"no {kind!r} file of a fee bill: there are xlsx and pdf")


def _write(
    application: Daiyun,
    view: BillView,
    document: FeeBillDocument,
    kind: str,
    path: Path,
    *,
    no_pdf: str,
) -> None:
    """One file, with the month's counted lines streamed afresh from the database; `no_pdf`
    starts the refusal when no Chinese font is installed (as the statement's files word it)."""
    lines = counted_lines(
        application.fee_bill_unit_of_work(), contract_code=view.contract, month=view.month
    )
    try:
        _writer(application, kind)(document, lines, path)
    except PdfFontMissing as error:
        raise Refused(f"{no_pdf}: {error}") from error
    finally:
        lines.close()  # ends the read, should the writer stop early


def write_fee_bill_files(
    application: Daiyun, view: BillView, *, xlsx: Path | None = None, pdf: Path | None = None
) -> list[Path]:
    """Write the requested files of the shown version; the paths written.

    Each file is made beside its target under a temporary name and moved into place only once
    every requested file is made: a refusal (no Chinese font for the PDF) leaves neither.
    """
    wanted = [(kind, path) for kind, path in (("xlsx", xlsx), ("pdf", pdf)) if path is not None]
    if not wanted:
        return []
    document = bill_document(application.fee_bill_unit_of_work(), view)
    made: list[tuple[Path, Path]] = []
    try:
        for kind, path in wanted:
            handle, name = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".part", dir=path.parent
            )
            os.close(handle)
            made.append((Path(name), path))
            _write(application, view, document, kind, Path(name), no_pdf=f"--{kind}")
    except BaseException:
        for temporary, _ in made:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in made:
        temporary.replace(path)
    return [path for _, path in made]


def fee_bill_file_bytes(application: Daiyun, view: BillView, kind: str) -> tuple[bytes, str, str]:
    """The shown version's file of `kind` ("xlsx" or "pdf") for a download: its bytes, its file
    name and its media type. NotFound for another kind; Refused when no Chinese font is
    installed for the PDF."""
    if kind not in FEE_BILL_MEDIA_TYPES:
        raise NotFound(f"no {kind!r} file of a fee bill: there are xlsx and pdf")
    document = bill_document(application.fee_bill_unit_of_work(), view)
    name = fee_bill_file_name(view, kind)
    with tempfile.TemporaryDirectory(prefix="daiyun-fee-bill-") as folder:
        path = Path(folder) / name
        _write(application, view, document, kind, path, no_pdf="no PDF")
        return path.read_bytes(), name, FEE_BILL_MEDIA_TYPES[kind]
