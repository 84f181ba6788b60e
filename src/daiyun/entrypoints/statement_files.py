"""The seam to the statement files (adapters/exports): XLSX and PDF of a stored version."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from daiyun.bootstrap import Daiyun
from daiyun.services.errors import Refused
from daiyun.services.statement_access import StatementView
from daiyun.services.statements import statement_for_files

__all__ = ["write_statement_files"]

_EXPORTS = "daiyun.adapters.exports"
_WRITERS = {
    "xlsx": (f"{_EXPORTS}.statement_xlsx", "write_statement_xlsx"),
    "pdf": (f"{_EXPORTS}.statement_pdf", "write_statement_pdf"),
}


def _find(module_name: str, name: str) -> Callable[..., Any] | None:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    found = getattr(module, name, None)
    return found if callable(found) else None


def write_statement_files(
    application: Daiyun, view: StatementView, *, xlsx: Path | None, pdf: Path | None
) -> list[Path]:
    """Write the requested files; refused, writing none, when a writer is not there yet."""
    wanted = [(kind, path) for kind, path in (("xlsx", xlsx), ("pdf", pdf)) if path is not None]
    if not wanted:
        return []
    document_type = _find(f"{_EXPORTS}.document", "StatementDocument")
    writers = {kind: _find(*_WRITERS[kind]) for kind, _ in wanted}
    missing = [kind for kind, writer in writers.items() if writer is None or document_type is None]
    if missing:
        raise Refused(
            "statement "
            + " and ".join(kind.upper() for kind in missing)
            + " files are not available yet in this version of daiyun; nothing was written"
        )
    assert document_type is not None
    files = statement_for_files(
        application.unit_of_work(),
        contract_code=view.contract,
        month=view.month,
        version=view.version,
    )
    document = document_type(
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
    )
    written = []
    for kind, path in wanted:
        writer = writers[kind]
        assert writer is not None
        writer(document, path)
        written.append(path)
    return written
