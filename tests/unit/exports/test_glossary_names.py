"""One name per amount (issue 15): the web page, the PDF and the XLSX take every figure's name
from the glossary (domain/settlement/glossary.py), the source document's words."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from daiyun.adapters.exports import FIGURE_LABELS, statement_pdf_bytes, statement_xlsx_bytes
from daiyun.domain.settlement import StatementFigures
from daiyun.domain.settlement.glossary import GLOSSARY
from daiyun.entrypoints.web.i18n import translator
from tests.unit.exports.export_builders import document

# The names that differed before (web / PDF): 应付货款 / 应汇品牌款, 价差 / 销售差额,
# 结算货值 / 结算价值, 实际销售额 / 销售额（实付）; now each is the glossary's one.
CHOSEN = {
    "remittance": "应汇货款",  # §2 ch.3 art.4.5: 汇入上月的货款
    "spread": "销售差额",  # §2 ch.3 art.3.2, rules.md's glossary
    "settlement_value": "结算金额",  # §2 ch.3 art.4.5: 结算金额对帐通知单
    "sales_amount": "成交额",  # §2 ch.3 art.4.4.1: 成交额（不含邮费）
    "commission": "佣金",  # §2 ch.3 art.3.1
}
FIGURES = list(StatementFigures.__dataclass_fields__)


def test_every_figure_has_one_name_and_the_web_uses_it() -> None:
    chinese, english = translator("zh"), translator("en")
    for figure in FIGURES:
        name = GLOSSARY[figure]
        assert (chinese(f"fig_{figure}"), english(f"fig_{figure}")) == (name.zh, name.en)
    assert {key: GLOSSARY[key].zh for key in CHOSEN} == CHOSEN
    # One name for one amount: no two amounts share a name.
    assert len({name.zh for name in GLOSSARY.values()}) == len(GLOSSARY)


def test_the_files_label_the_figures_with_the_glossarys_names() -> None:
    labels = {label.key: (label.zh, label.en) for label in FIGURE_LABELS}
    assert all(labels[figure] == (GLOSSARY[figure].zh, GLOSSARY[figure].en) for figure in FIGURES)
    workbook = load_workbook(io.BytesIO(statement_xlsx_bytes(document())), read_only=True)
    summary, lines = workbook.worksheets
    named = {row[3]: row[0] for row in summary.iter_rows(values_only=True) if len(row) > 3}
    assert all(named[figure] == GLOSSARY[figure].zh for figure in FIGURES)
    header = next(lines.iter_rows(values_only=True))
    for key in ("sales_amount", "settlement_value", "spread", "platform_fees"):
        assert f"{GLOSSARY[key].zh} {GLOSSARY[key].en}" in header, key


@pytest.mark.parametrize("old", ["应汇品牌款", "结算价值", "销售额（实付）", "实付金额"])
def test_the_pdf_no_longer_uses_the_old_names(old: str) -> None:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(
        statement_pdf_bytes(document())
    )).pages)  # fmt: skip
    text = re.sub(r"[\s\x00]+", "", text)
    assert old not in text
    assert all(CHOSEN[key] in text for key in CHOSEN)
