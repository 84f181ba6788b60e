"""The report's PDF (issue 20 point 3, R-R2): pypdf reads back its title, period and figures,
in Chinese and English, and finds its charts embedded as images (matplotlib's PNGs)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from daiyun.adapters.exports.report_pdf import report_pdf_bytes
from tests.report_sample import sample_document


def _text(reader: PdfReader, *pages: int) -> str:
    """The pages' text without spaces (fpdf2's CID font reads back with NULs between glyphs)."""
    chosen = pages or tuple(range(len(reader.pages)))
    return "".join(re.sub(r"[\s\x00]+", "", reader.pages[n].extract_text()) for n in chosen)


@pytest.fixture(scope="module")
def reader() -> PdfReader:
    return PdfReader(io.BytesIO(report_pdf_bytes(sample_document())))


def test_the_pdf_names_the_report_and_its_period(reader: PdfReader) -> None:
    first = _text(reader, 0)
    assert "经营报告" in first and "月报" in first and "Monthlyreport" in first
    assert "CHANDO-2026" in first and "2026-10" in first
    # Due 10-31 + 3 = 11-03; made 11-02 09:00 Beijing: on time (R-R1).
    assert "2026-10-01" in first and "2026-10-31" in first and "2026-11-03" in first
    assert "2026-11-0209:00" in first and "按时" in first
    assert reader.metadata is not None and reader.metadata.title == "CHANDO-2026 月报 2026-10"


def test_the_pdf_carries_the_figures_worked_by_hand(reader: PdfReader) -> None:
    first = _text(reader, 0)
    # 4 orders, 6 units; 597.00 + 89.50 + 179.00 = 865.50 excluding shipping; refund 89.50.
    for figure in ("¥865.50", "¥995.00", "¥89.50", "3(2/1)", "0.3333"):
        assert figure in first, figure
    # Markup: 865.50 - 840.00 = 25.50 over the guide price, 25.50 / 840.00 = 0.0304.
    assert "¥25.50(0.0304)" in first
    assert "CH-SERUM-30" in first and "¥597.00" in first
    text = _text(reader)
    assert "暂无浏览数据" in text and "Browsingdataisnotavailable" in text
    assert "在库onhand40" in text


def test_the_pdf_has_its_charts_as_images(reader: PdfReader) -> None:
    images = [image for page in reader.pages for image in page.images]
    # Sales 6, analysis 4, returns and refunds 2, customers 2.
    assert len(images) == 14
    assert all(image.image is not None and image.image.width > 500 for image in images)


def test_the_same_document_gives_the_same_file() -> None:
    assert report_pdf_bytes(sample_document()) == report_pdf_bytes(sample_document())
