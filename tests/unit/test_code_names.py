"""Every code of the domain a page may show has a name in both languages (issue 15, point 3),
besides those tests/unit/test_page_texts.py checks: a contract's model and services, a SKU's
fulfilment, the ledger's accounts and entries, why a drafted month is empty. A name already in
the domain's own Chinese is the same word."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest

from daiyun.domain.catalog.entry import Fulfilment
from daiyun.domain.contracts import Platform
from daiyun.domain.contracts.choices import ContractModel, Service
from daiyun.domain.fee_bills.lifecycle import BillStatus
from daiyun.domain.fee_bills.records import DepositEventKind
from daiyun.domain.ledger.accounts import Account
from daiyun.domain.ledger.entries import EntryKind
from daiyun.domain.settlement.statement import EmptyReason
from daiyun.entrypoints.web.i18n import TEXT_TABLES, labeller

EVERY = {key for table in TEXT_TABLES.values() for key in table}
CODED = [
    ("model", ContractModel),
    ("service", Service),
    ("fulfilment", Fulfilment),
    ("account", Account),
    ("entry", EntryKind),
    ("empty", EmptyReason),
    ("bill_status", BillStatus),  # issue 18: model B's fee bills and deposit
    ("deposit_event", DepositEventKind),
]


@pytest.mark.parametrize(("kind", "codes"), CODED, ids=[kind for kind, _ in CODED])
def test_every_code_has_a_name_in_both_languages(kind: str, codes: type[StrEnum]) -> None:
    assert [code.value for code in codes if f"{kind}_{code.value}" not in EVERY] == []
    chinese = labeller("zh")
    assert [
        code.value for code in codes if not re.search(r"[\u4e00-\u9fff]", chinese(kind, code))
    ] == []


def test_the_names_agree_with_the_domains_chinese() -> None:
    chinese = labeller("zh")
    assert {s: chinese("service", s.value) for s in Service if s is not Service.IT_SYSTEMS} == {
        s: s.label_zh for s in Service if s is not Service.IT_SYSTEMS
    }
    assert {p: chinese("platform", p.value) for p in Platform} == {p: p.label_zh for p in Platform}
    assert chinese("fulfilment", Fulfilment.PHYSICAL) == "实物"
