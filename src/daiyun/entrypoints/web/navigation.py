"""The navigation every page shows, by role (issue 15, point 9): the agency's people see the
agency's pages their permissions open, and an administrator the calendar's holiday notices
too; a brand's people see only what the brand uses — its home, statements, fee bills (model
B, issue 18), orders, promotions to approve, and (a brand admin) its guide prices and users —
never imports, the audit log, listings, price violations or the API (R-D2). A brand's people
do not see the links of features its contracts did not buy (R-C3, docs/services.md); the
agency's people see them all, and the pages refuse per brand."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import User
from daiyun.domain.contracts.service_features import Feature
from daiyun.domain.permissions import PERMISSIONS, Permission
from daiyun.services.calendar.holiday_notices import may_record_notices
from daiyun.services.contracts.service_gate import open_features

__all__ = ["NAV_KEYS", "NavItem", "brand_navigation", "navigation"]


@dataclass(frozen=True)
class NavItem:
    """One link of the navigation: where it goes, its text key, and whether it is this page."""

    href: str
    key: str
    current: bool = False


@dataclass(frozen=True)
class _Entry:
    href: str
    key: str
    needs: Permission | None = None
    # Pages reached from this one that count as it (the link is marked as the current page).
    also: tuple[str, ...] = ()
    # Who sees the link besides the permission, for a page that is a role's own.
    only: Callable[[User], bool] | None = None
    # R-C3: the feature the page belongs to, shown to a brand only when its contracts bought it.
    feature: Feature | None = None


_P = Permission
_AGENCY = (
    _Entry("/", "nav_dashboard"),
    _Entry("/brands", "nav_brands", _P.VIEW_BRAND),
    _Entry("/orders", "nav_orders", _P.VIEW_ORDERS),
    _Entry("/statements", "nav_statements", _P.VIEW_STATEMENTS),
    _Entry("/reconciliation", "nav_reconciliation", _P.IMPORT_ALIPAY),  # finance's (R-X1)
    # Issue 18: model B's fee bills, service fee and deposit, which finance drafts and records.
    _Entry("/fee-bills", "nav_fee_bills", _P.DRAFT_STATEMENTS, also=("/service-fees",)),
    _Entry("/imports", "nav_imports", _P.IMPORT_ORDERS),
    _Entry("/obligations", "nav_obligations", _P.VIEW_OBLIGATIONS),
    _Entry("/operations", "nav_operations", _P.VIEW_ORDERS),  # issue 19: R-F2–R-F5
    _Entry("/reports", "nav_reports", _P.VIEW_BRAND),  # issue 20: R-R1, R-R2
    _Entry("/data-export", "nav_data_export", _P.VIEW_ORDERS),  # issue 20 point 4: R-R3
    _Entry("/listings", "nav_listings", _P.VIEW_BRAND, also=("/repricing-tasks", "/ad-spend")),
    _Entry("/promotions", "nav_promotions", _P.VIEW_BRAND),
    _Entry("/price-violations", "nav_price_violations", _P.VIEW_ORDERS),
    _Entry("/audit", "nav_audit_log", _P.VIEW_AUDIT_LOG),
    _Entry("/admin/users", "nav_users", _P.MANAGE_USERS),
    # R-O1: the holiday notices, which administrators record; everyone else reads the
    # dashboard's sentence about a missing year and asks one of them.
    _Entry("/calendar", "nav_calendar", only=may_record_notices),
    _Entry("/api/docs", "nav_api"),
)
_BRAND = (
    _Entry("/", "nav_portal_home"),
    _Entry("/statements", "nav_statements", _P.VIEW_STATEMENTS),
    # Issue 18: a model B brand's fee bills, to confirm or dispute, and its service fee.
    _Entry("/fee-bills", "nav_fee_bills", _P.VIEW_STATEMENTS, also=("/service-fees",)),
    _Entry("/orders", "nav_orders", _P.VIEW_ORDERS),
    _Entry("/operations", "nav_goods", _P.VIEW_ORDERS),  # issue 19: its own goods (R-D2)
    _Entry("/reports", "nav_reports", _P.VIEW_BRAND),  # issue 20: its own reports (R-D2)
    _Entry("/data-export", "nav_data_export", _P.VIEW_ORDERS),  # issue 20 point 4: its own data
    _Entry("/promotions", "nav_promotion_approvals", _P.VIEW_BRAND, feature=Feature.PROMOTIONS),
    _Entry("/reconciliation", "nav_reconciliation", _P.ANSWER_STATEMENTS),  # R-D2: own stores
    _Entry("/brands/{brand}/guide-prices", "nav_guide_prices", _P.EDIT_GUIDE_PRICES),
    # Issue 21: the store credentials it handed over and their reveal log (R-B7), outages (R-B8).
    _Entry("/brands/{brand}/credentials", "nav_credentials", _P.VIEW_BRAND),
    _Entry("/outages", "nav_outages", _P.VIEW_BRAND),
    _Entry("/admin/users", "nav_users", _P.MANAGE_USERS),
)
# Every text key the navigation names (they live in shell_texts.py).
NAV_KEYS = frozenset(entry.key for entry in (*_AGENCY, *_BRAND))


def _is_at(path: str, href: str) -> bool:
    if href == "/":
        return path == "/"
    return path == href or path.startswith(href + "/")


def navigation(
    user: User | None, path: str, features: Collection[Feature] | None = None
) -> list[NavItem]:
    """The links `user` sees, in order, the one for `path` marked current; none logged out.
    `features`: those the brand's contracts bought (R-C3); None shows every link."""
    if user is None:
        return []
    allowed = PERMISSIONS[user.role]
    entries = _BRAND if user.role.is_brand_role else _AGENCY
    items = []
    for entry in entries:
        if entry.needs is not None and entry.needs not in allowed:
            continue
        if entry.only is not None and not entry.only(user):
            continue
        if entry.feature is not None and features is not None and entry.feature not in features:
            continue
        href = entry.href.replace("{brand}", quote(user.brand_code or "", safe=""))
        current = any(_is_at(path, each) for each in (href, *entry.also))
        items.append(NavItem(href, entry.key, current))
    return items


def brand_navigation(
    daiyun: Daiyun, clock: Callable[[], datetime]
) -> Callable[[User | None, str], list[NavItem]]:
    """`navigation` for base.html: a brand user's links follow the features its contracts in
    force bought (R-C3), read when the page is drawn; the agency's people see every link."""

    def links(user: User | None, path: str) -> list[NavItem]:
        if user is None or not user.role.is_brand_role or user.brand_code is None:
            return navigation(user, path)
        bought = open_features(daiyun.unit_of_work(), user.brand_code, clock())
        return navigation(user, path, bought)

    return links
