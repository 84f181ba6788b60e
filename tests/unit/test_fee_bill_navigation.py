"""Model B's pages in the navigation and their codes' names (issue 18): the agency's people who
draft and record (finance, admin) are led to the fee bills, a brand's people to theirs; an
instalment's status and the deposit's state, which the services give as text, each have a
name in both languages."""

from __future__ import annotations

import re

import pytest

from daiyun.domain.agency import Role, User
from daiyun.domain.permissions import PERMISSIONS, Permission
from daiyun.entrypoints.web.i18n import TEXT_TABLES, labeller
from daiyun.entrypoints.web.navigation import navigation

EVERY = {key for table in TEXT_TABLES.values() for key in table}
# services/fee_bills/service_fee.py: InstalmentView.status and DepositView.state.
INSTALMENT_STATUSES = ("due", "part_paid", "overdue", "paid")
DEPOSIT_STATES = ("none", "not_received", "held", "refund_due", "refunded", "forfeited")


def _hrefs(role: Role, path: str = "/") -> list[str]:
    user = User("someone", "Someone", role, "inoherb" if role.is_brand_role else None)
    return [item.href for item in navigation(user, path)]


@pytest.mark.parametrize("role", list(Role))
def test_those_who_draft_bills_and_every_brand_user_are_led_to_the_fee_bills(role: Role) -> None:
    drafts = Permission.DRAFT_STATEMENTS in PERMISSIONS[role]
    assert ("/fee-bills" in _hrefs(role)) == (role.is_brand_role or drafts)


@pytest.mark.parametrize(
    "path", ["/fee-bills", "/fee-bills/INOHERB-2026/2026-10", "/service-fees/INOHERB-2026"]
)
@pytest.mark.parametrize("role", [Role.FINANCE, Role.BRAND_FINANCE])
def test_a_bill_and_a_service_fee_page_mark_the_fee_bills_link_current(
    role: Role, path: str
) -> None:
    user = User("someone", "Someone", role, "inoherb" if role.is_brand_role else None)
    assert [item.href for item in navigation(user, path) if item.current] == ["/fee-bills"]


@pytest.mark.parametrize(
    ("kind", "codes"), [("instalment", INSTALMENT_STATUSES), ("deposit_state", DEPOSIT_STATES)]
)
def test_every_instalment_status_and_deposit_state_has_a_name(
    kind: str, codes: tuple[str, ...]
) -> None:
    chinese = labeller("zh")
    assert [code for code in codes if f"{kind}_{code}" not in EVERY] == []
    assert [code for code in codes if not re.search(r"[\u4e00-\u9fff]", chinese(kind, code))] == []
