"""Every text the pages show exists in Chinese and in English (issue 14): the tables of
entrypoints/web, the keys the templates ask for, and a name for every code a page shows."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import pytest

from daiyun.domain.agency import Role
from daiyun.domain.contracts import Party, Platform
from daiyun.domain.obligations import (
    CONSEQUENCE_TEXTS,
    Consequence,
    ObligationKind,
    ObligationStatus,
)
from daiyun.domain.orders import OrderStatus
from daiyun.domain.pricing.repricing import ListingStatus
from daiyun.domain.promotions.plan import PromotionStatus
from daiyun.domain.settlement.drafting import LINE_WITHOUT_SKU, NO_GUIDE_PRICE
from daiyun.domain.settlement.drilldown import LINE_FIGURES
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.domain.settlement.lines import LineKind
from daiyun.domain.settlement.records import Answer
from daiyun.entrypoints.web.i18n import TEXT_TABLES, labeller, translator

SRC = Path(__file__).resolve().parents[2] / "src" / "daiyun"
TEMPLATES = SRC / "entrypoints" / "web" / "templates"
EVERY = {key: texts for table in TEXT_TABLES.values() for key, texts in table.items()}
# Words the Chinese texts keep as they are: abbreviations, names of commands and file columns.
KEPT_IN_CHINESE = {
    "API", "SKU", "CSV", "XLSX", "SHA-", "R-S", "R-P", "English",
    "R-F", "PDF", "RFM", "YYYY-MM-DD",  # issues 19–21: rule ids, formats, RFM segments
    "Parquet",  # issue 20 point 4: the export's file format, like CSV and XLSX
    "daiyun", "calendar", "add", "chinesecalendar", "store", "sku", "price",
}  # fmt: skip


def test_no_key_is_in_two_tables_so_no_page_shows_another_pages_words() -> None:
    seen: dict[str, str] = {}
    twice = []
    for name, table in TEXT_TABLES.items():
        for key in table:
            if key in seen:
                twice.append((key, seen[key], name))
            seen[key] = name
    assert twice == []


def test_every_text_has_both_languages_with_the_same_blanks() -> None:
    for key, (chinese, english) in EVERY.items():
        assert chinese.strip() and english.strip(), key
        assert chinese.count("{") == english.count("{"), key
    english_words_in_chinese = {
        key: words
        for key, (chinese, _) in EVERY.items()
        if (words := set(re.findall(r"[A-Za-z][A-Za-z-]+", chinese)) - KEPT_IN_CHINESE)
    }
    assert english_words_in_chinese == {}


def test_every_key_a_template_names_exists() -> None:
    named = set()
    for template in TEMPLATES.glob("*.html"):
        named |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']\s*[,)]""", template.read_text()))
    assert len(named) > 150
    assert sorted(named - set(EVERY)) == []


# The keys the templates make from a code: prefix + the code's value.
CODED = [
    ("status_", StatementStatus),
    ("status_", PromotionStatus),
    ("ob_", ObligationStatus),
    ("kind_", ObligationKind),
    ("listing_", ListingStatus),
    ("answer_", Answer),
    ("order_", OrderStatus),
    ("role_", Role),
    ("party_", Party),
    ("funded_", Party),
    ("platform_", Platform),
    ("line_", LineKind),
    ("consequence_", Consequence),
]


@pytest.mark.parametrize(("prefix", "codes"), CODED, ids=[p + c.__name__ for p, c in CODED])
def test_every_code_a_page_shows_has_a_name_in_both_languages(
    prefix: str, codes: type[StrEnum]
) -> None:
    assert [code.value for code in codes if prefix + code.value not in EVERY] == []


def test_the_other_coded_texts_have_names_too() -> None:
    keys = [f"fig_{figure}" for figure in LINE_FIGURES]
    keys += [f"import_{state}" for state in ("running", "finished", "failed", "refused")]
    keys += [f"unsettleable_{reason}" for reason in (LINE_WITHOUT_SKU, NO_GUIDE_PRICE)]
    keys += [f"tile_{tile}{note}" for tile in ("due_today", "overdue") for note in ("", "_note")]
    assert [key for key in keys if key not in EVERY] == []


def test_every_audit_action_and_entity_the_services_record_has_a_name() -> None:
    # R-D3: the actions written as literals, and those made from the statement's verbs and the
    # holiday notice's outcomes.
    areas = (
        "brand|contract|store|user|token|catalog|guide_price|listing|ad_spend|statement|promotion"
    )
    source = "\n".join(path.read_text() for path in (SRC / "services").rglob("*.py"))
    source += (SRC / "domain" / "settlement" / "lifecycle.py").read_text()
    actions = set(re.findall(rf'"((?:{areas})\.[a-z_]+)"', source))
    actions |= {f"statement.{verb}" for verb in ("draft", "issue", "confirm", "dispute", "pay")}
    actions |= {"holiday_notice.recorded", "holiday_notice.replaced"}
    assert len(actions) >= 25
    assert sorted(a for a in actions if f"action_{a}" not in EVERY) == []
    entities = set(re.findall(r'entity="([a-z_]+)"', source)) | {"contract", "store"}
    assert sorted(e for e in entities if f"entity_{e}" not in EVERY) == []


def test_the_pages_names_agree_with_the_domains_own_words() -> None:
    assert {p.value: EVERY[f"platform_{p.value}"][0] for p in Platform} == {
        p.value: p.label_zh for p in Platform
    }
    # The English a page shows for a consequence is the CLI's and the JSON's, word for word.
    assert {c.value: EVERY[f"consequence_{c.value}"][1] for c in Consequence} == {
        c.value: text for c, text in CONSEQUENCE_TEXTS.items()
    }


def test_a_label_is_the_codes_name_in_the_language_or_the_code_itself() -> None:
    chinese, english = labeller("zh"), labeller("en")
    assert chinese("role", Role.BRAND_FINANCE) == "品牌方财务"
    assert english("role", Role.BRAND_FINANCE) == "brand finance"
    assert chinese("consequence", Consequence.LATE_PENALTY, "0.3%") == (
        "未付货款按每日 0.3% 计滞纳金"
    )
    assert english("consequence", Consequence.LATE_PENALTY, "0.3%") == (
        "late penalty of 0.3% a day on the unpaid remittance"
    )
    assert chinese("action", "statement.reopen") == "statement.reopen"  # not named yet
    assert translator("en")("tile_overdue") == "Overdue"
