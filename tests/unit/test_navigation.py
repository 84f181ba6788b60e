"""The navigation by role (issue 15, point 9): the agency's people see the agency's pages their
permissions open; a brand's people only what the brand uses, never the agency's kitchen."""

from __future__ import annotations

import pytest

from daiyun.domain.agency import Role, User
from daiyun.domain.permissions import PERMISSIONS, Permission
from daiyun.entrypoints.web.navigation import NAV_KEYS, navigation
from daiyun.entrypoints.web.shell_texts import SHELL_TEXTS

# The agency's own pages, which a brand's people never see in their navigation (R-D2).
KITCHEN = {
    "/imports", "/audit", "/listings", "/price-violations", "/api/docs", "/brands", "/calendar",
}  # fmt: skip


def _user(role: Role) -> User:
    return User("someone", "Someone", role, "chando" if role.is_brand_role else None)


def _hrefs(role: Role, path: str = "/") -> list[str]:
    return [item.href for item in navigation(_user(role), path)]


def test_every_link_has_its_words_in_the_shell_table() -> None:
    assert sorted(NAV_KEYS - set(SHELL_TEXTS)) == []


def test_logged_out_there_are_no_links() -> None:
    assert navigation(None, "/") == []


@pytest.mark.parametrize("role", [role for role in Role if role.is_brand_role])
def test_a_brand_user_sees_the_brand_pages_only(role: Role) -> None:
    hrefs = _hrefs(role)
    assert hrefs[0] == "/"  # the portal's home, what needs them first
    assert {"/statements", "/orders", "/promotions", "/reports"} <= set(hrefs)  # issue 20
    assert "/data-export" in hrefs  # issue 20 point 4: its own data (R-R3)
    assert not set(hrefs) & KITCHEN
    assert ("/admin/users" in hrefs) == (role is Role.BRAND_ADMIN)
    assert ("/brands/chando/guide-prices" in hrefs) == (role is Role.BRAND_ADMIN)


def test_the_agency_admin_sees_every_agency_page() -> None:
    assert _hrefs(Role.ADMIN) == [
        "/", "/brands", "/orders", "/statements", "/reconciliation", "/fee-bills", "/imports",
        "/obligations", "/operations", "/reports", "/data-export", "/listings", "/promotions",
        "/price-violations", "/audit",
        "/admin/users",
        "/calendar", "/api/docs",
    ]  # fmt: skip


@pytest.mark.parametrize("role", list(Role))
def test_the_finance_people_are_led_to_reconciliation(role: Role) -> None:
    # Issue 17: the agency's finance and administrators, who import the Alipay statements, and
    # a brand's finance and admin, for their own stores (R-D2).
    finance = {Role.ADMIN, Role.FINANCE, Role.BRAND_ADMIN, Role.BRAND_FINANCE}
    assert ("/reconciliation" in _hrefs(role)) == (role in finance)


@pytest.mark.parametrize("role", list(Role))
def test_only_an_administrator_is_led_to_the_holiday_notices(role: Role) -> None:
    # R-O1: administrators record a year's notice; the others read the dashboard's sentence.
    assert ("/calendar" in _hrefs(role)) == (role is Role.ADMIN)


def test_a_disabled_administrator_is_not_led_to_the_holiday_notices() -> None:
    gone = User("someone", "Someone", Role.ADMIN, None, is_active=False)
    assert "/calendar" not in [item.href for item in navigation(gone, "/")]


@pytest.mark.parametrize("role", [role for role in Role if not role.is_brand_role])
def test_an_agency_user_sees_a_link_only_where_the_role_may_go(role: Role) -> None:
    hrefs = set(_hrefs(role))
    allowed = PERMISSIONS[role]
    assert ("/imports" in hrefs) == (Permission.IMPORT_ORDERS in allowed)
    assert ("/statements" in hrefs) == (Permission.VIEW_STATEMENTS in allowed)
    assert ("/audit" in hrefs) == (Permission.VIEW_AUDIT_LOG in allowed)
    assert ("/admin/users" in hrefs) == (Permission.MANAGE_USERS in allowed)
    assert "/brands/chando/guide-prices" not in hrefs


def test_customer_service_sees_no_statements_imports_or_audit_log() -> None:
    hrefs = set(_hrefs(Role.CUSTOMER_SERVICE))
    assert {"/", "/orders", "/obligations"} <= hrefs
    assert not hrefs & {"/statements", "/imports", "/audit", "/admin/users"}


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", "/"),
        ("/orders", "/orders"),
        ("/statements/CHANDO-2026/2026-11", "/statements"),
        ("/imports/jobs/7", "/imports"),
        ("/calendar", "/calendar"),
        ("/repricing-tasks", "/listings"),
        ("/ad-spend", "/listings"),
        ("/statementsx", None),  # a prefix of the address is not the page
        ("/nope", None),
    ],
)
def test_the_link_of_the_page_shown_is_marked_current(path: str, current: str | None) -> None:
    marked = [item.href for item in navigation(_user(Role.ADMIN), path) if item.current]
    assert marked == ([] if current is None else [current])
