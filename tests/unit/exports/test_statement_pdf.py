"""The statement as PDF (issue 4 item 5, R-S8): Chinese text in an embedded font, identity on
every page, the lines paginated up to a limit.

The text is read back with pypdf. pypdf reads the two-byte glyph codes of fpdf2's embedded
Identity CMap one byte at a time, so each character comes out behind a NUL, and it spaces some
glyphs apart: the checks compare text with NULs and whitespace removed.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from daiyun.adapters.exports import (
    CJK_FONT_PACKAGE,
    CjkFontMissing,
    find_cjk_font,
    statement_pdf_bytes,
    write_statement_pdf,
)
from tests.unit.exports.export_builders import document, late_document, many_lines


def _pages(data: bytes) -> list[str]:
    """Each page's text with NULs and whitespace removed."""
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"[\s\x00]+", "", page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def plain_pdf() -> bytes:
    """The hand-worked October as a PDF (the font is loaded once for the module)."""
    return statement_pdf_bytes(document())


def test_the_summary_page_shows_the_figures_with_chinese_and_english_labels(
    plain_pdf: bytes,
) -> None:
    """R-S8: labels in both languages, amounts as ¥ with two decimals, exact to the fen."""
    summary = _pages(plain_pdf)[0]
    for label, amount in [
        ("结算金额Settlementvalue", "¥724.70"),
        ("佣金Commission", "¥36.24"),
        ("销售差额Spread", "¥16.00"),
        ("品牌承担扣款Branddeductions", "¥15.00"),
        ("平台技术服务费Platformfees", "¥32.39"),
        ("应汇货款Remittance", "¥681.46"),
    ]:
        assert label + amount in summary
    assert "对账单Statement" in summary
    assert "自然堂(chando)" in summary
    assert "状态Status已出具issued" in summary
    assert "确认截止Confirmby2026-11-17" in summary


def test_the_chinese_font_is_embedded_not_borrowed_from_the_readers_machine(
    plain_pdf: bytes,
) -> None:
    """A brand's reader without CJK fonts still sees Chinese: the font's subset is inside."""
    page = PdfReader(io.BytesIO(plain_pdf)).pages[0]
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        assert font["/Subtype"] == "/Type0"
        assert "NotoSansCJKSC" in font["/BaseFont"]
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile3" in descriptor  # the CFF outlines, embedded
        assert "/ToUnicode" in font  # so the text can be searched and copied


def test_every_page_carries_the_version_and_the_content_hash() -> None:
    """R-S8: any printed page can be matched to its statement version."""
    statement = many_lines(100)
    pages = _pages(statement_pdf_bytes(document(statement, version=3)))
    assert len(pages) == 1 + 3  # the summary, then 38 + 38 + 24 lines
    for number, text in enumerate(pages, start=1):
        assert f"版本Version3·内容哈希Contenthash{statement.content_hash}" in text
        assert f"第{number}/{len(pages)}页" in text


def test_the_lines_follow_the_summary_with_their_rule_and_source(plain_pdf: bytes) -> None:
    """R-S8: each line with its rule id, order number, line number and amounts."""
    pages = _pages(plain_pdf)
    lines = "".join(pages[1:])
    # kind, rule, order no, line no, SKU, category, units, returned units, sales, returned,
    # concession, brand deduction (quality: the brand's), settlement value, spread, platform fee
    assert "concessionR-S9T10021CH-SERUM美容护肤000.000.0015.0015.000.000.000.00" in lines
    assert "saleR-S1T10031CH-LIP彩妆30275.70" in lines
    assert "共4行，全部列于后页" in pages[0]


def test_a_long_statement_lists_the_first_lines_and_says_where_the_rest_are() -> None:
    """A 30-line statement with max_lines=10: T000010 is shown, T000011 is not."""
    pages = _pages(statement_pdf_bytes(document(many_lines(30)), max_lines=10))
    assert "共30行，本文件列出前10行；全部明细见XLSX对账单" in pages[0]
    lines = "".join(pages[1:])
    assert "T000010" in lines
    assert "T000011" not in lines


def test_the_same_statement_gives_the_same_file_byte_for_byte(plain_pdf: bytes) -> None:
    """R-S8: re-running gives the same file; no clock inside it."""
    assert statement_pdf_bytes(document()) == plain_pdf


def test_the_pdf_can_be_written_to_a_path(tmp_path: Path, plain_pdf: bytes) -> None:
    """The command line's `--pdf PATH`."""
    path = tmp_path / "对账单.pdf"
    write_statement_pdf(document(), path)
    assert path.read_bytes() == plain_pdf


def test_a_missing_chinese_font_is_refused_naming_the_package_to_install(tmp_path: Path) -> None:
    """No font, no PDF of boxes: the message names Debian's fonts-noto-cjk."""
    with pytest.raises(CjkFontMissing, match=f"apt-get install {CJK_FONT_PACKAGE}"):
        find_cjk_font([tmp_path])


def test_the_installed_font_is_noto_sans_cjk_simplified_chinese() -> None:
    """Face 2 of Debian's NotoSansCJK-Regular.ttc is the SC (Simplified Chinese) face."""
    font = find_cjk_font()
    assert font.regular.name == "NotoSansCJK-Regular.ttc"
    assert font.regular_index == 2


def test_a_late_statement_shows_the_days_its_penalty_counts_and_the_brands_delays() -> None:
    """R-S7, R-S8: the penalty's days can be checked from the file: 10 days late less the 3 the
    brand caused (18–20 November) are the 7 counted for 9.71 (export_builders.late_document)."""
    summary = _pages(statement_pdf_bytes(late_document()))[0]
    assert "累计滞纳金Penaltyaccrued¥9.71" in summary
    assert "逾期天数Dayslate(counted):7" in summary
    assert "免计天数Daysexcused:3" in summary
    assert (
        "品牌原因延误Delaythebrandcaused:2026-11-18–2026-11-20(3d):"
        "品牌方更换收款账户thebrandchangeditsreceivingaccount"
    ) in summary


def test_a_statement_not_late_has_no_penalty_days(plain_pdf: bytes) -> None:
    assert "逾期天数" not in _pages(plain_pdf)[0]
