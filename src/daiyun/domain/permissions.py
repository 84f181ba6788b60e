"""Who may do what: the permission table of roles, in one place (R-D2, issue 5)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from daiyun.domain.agency import Role, User

__all__ = ["PERMISSIONS", "AccessRefused", "Permission", "can", "require"]


class AccessRefused(PermissionError):
    """A user asked for something their role or their brand does not allow."""


class Permission(StrEnum):
    """One thing a user can do; pages, API and CLI ask for these, never for roles."""

    VIEW_BRAND = "view_brand"  # a brand's contract, stores, SKUs, dashboard
    MANAGE_CONTRACTS = "manage_contracts"
    VIEW_ORDERS = "view_orders"
    IMPORT_ORDERS = "import_orders"
    VIEW_STATEMENTS = "view_statements"
    DRAFT_STATEMENTS = "draft_statements"  # draft and issue (the operator's side)
    ANSWER_STATEMENTS = "answer_statements"  # confirm or dispute (the brand's side, R-S6)
    RECORD_PAYMENTS = "record_payments"
    VIEW_OBLIGATIONS = "view_obligations"
    SET_LISTING_PRICES = "set_listing_prices"  # R-P2, R-P3
    EDIT_GUIDE_PRICES = "edit_guide_prices"  # R-P5: the brand's own catalogue
    DRAFT_PROMOTIONS = "draft_promotions"  # R-P4: the operator drafts and submits
    APPROVE_PROMOTIONS = "approve_promotions"  # R-C7: the brand's written approval
    ENTER_AD_SPEND = "enter_ad_spend"
    MANAGE_USERS = "manage_users"  # agency admin: everyone; brand admin: their brand's users
    VIEW_AUDIT_LOG = "view_audit_log"
    IMPORT_ALIPAY = "import_alipay"  # R-X1: a store's Alipay statements (finance's)
    HANDLE_RETURNS = "handle_returns"  # R-F5: buyers' returns and exchanges (after-sales)
    HANDLE_STOCKOUTS = "handle_stockouts"  # R-F3: the off-sale task past the brand's days
    MAKE_REPORTS = "make_reports"  # R-R1: make a contract's reports (issue 20)
    # Issue 21, R-B7: the store credentials a brand hands over — record and hand back, and
    # reveal a secret (with a reason, logged): the agency's store operators and admins only.
    MANAGE_CREDENTIALS = "manage_credentials"
    REVEAL_CREDENTIALS = "reveal_credentials"
    RECORD_OUTAGES = "record_outages"  # R-B8: a service outage, noticed to the brand
    # Issue 21, R-C5, R-C6: a contract's end, breach notices and cures, exit duties' evidence
    # (finance and admins); a written objection to renewal (they, and a brand's admin for it).
    RECORD_CONTRACT_LIFE = "record_contract_life"
    OBJECT_TO_RENEWAL = "object_to_renewal"


_P = Permission
_READ = frozenset(
    {_P.VIEW_BRAND, _P.VIEW_ORDERS, _P.VIEW_STATEMENTS, _P.VIEW_OBLIGATIONS, _P.VIEW_AUDIT_LOG}
)

# The contract's project team (§2 ch.4 art.2) and the brand's people. Finance drafts and
# issues statements and records remittances; only brand admin and brand finance answer them.
PERMISSIONS: Mapping[Role, frozenset[Permission]] = MappingProxyType(
    {
        Role.ADMIN: frozenset(Permission) - {_P.ANSWER_STATEMENTS, _P.APPROVE_PROMOTIONS},
        Role.PROJECT_MANAGER: _READ
        | {_P.MAKE_REPORTS}  # issue 20 (R-R1)
        | {_P.MANAGE_CONTRACTS, _P.IMPORT_ORDERS, _P.SET_LISTING_PRICES, _P.DRAFT_PROMOTIONS}
        | {_P.ENTER_AD_SPEND, _P.HANDLE_RETURNS}
        | {_P.RECORD_OUTAGES}  # issue 21 (R-B8)
        | {_P.HANDLE_STOCKOUTS},  # issue 19 (R-F3)
        Role.STORE_OPERATIONS: _READ
        | {_P.MAKE_REPORTS}  # issue 20 (R-R1)
        | {_P.IMPORT_ORDERS, _P.SET_LISTING_PRICES, _P.DRAFT_PROMOTIONS, _P.ENTER_AD_SPEND}
        | {_P.HANDLE_RETURNS}
        | {_P.MANAGE_CREDENTIALS, _P.REVEAL_CREDENTIALS, _P.RECORD_OUTAGES}  # issue 21
        | {_P.HANDLE_STOCKOUTS},  # issue 19 (R-F3)
        Role.CUSTOMER_SERVICE: frozenset(
            {_P.VIEW_BRAND, _P.VIEW_ORDERS, _P.VIEW_OBLIGATIONS, _P.HANDLE_RETURNS}
        ),
        Role.FINANCE: _READ
        | {_P.MAKE_REPORTS}  # issue 20 (R-R1)
        | {_P.IMPORT_ORDERS, _P.DRAFT_STATEMENTS, _P.RECORD_PAYMENTS, _P.IMPORT_ALIPAY}
        | {_P.RECORD_CONTRACT_LIFE, _P.OBJECT_TO_RENEWAL},  # issue 21 (R-C5, R-C6)
        Role.BRAND_ADMIN: _READ
        | {_P.ANSWER_STATEMENTS, _P.APPROVE_PROMOTIONS, _P.EDIT_GUIDE_PRICES, _P.MANAGE_USERS}
        | {_P.OBJECT_TO_RENEWAL},  # issue 21 (R-C5): for the brand
        Role.BRAND_FINANCE: _READ | {_P.ANSWER_STATEMENTS},
        Role.BRAND_VIEWER: _READ,
    }
)


def can(user: User, permission: Permission, brand_code: str | None) -> bool:
    """True when the user's role allows `permission` on `brand_code` (None: agency-wide).

    R-D2: a brand user acts only on their own brand, never agency-wide; a disabled user on
    nothing.
    """
    if not user.is_active or permission not in PERMISSIONS[user.role]:
        return False
    if user.role.is_brand_role:
        return brand_code is not None and brand_code == user.brand_code
    return True


def require(user: User, permission: Permission, brand_code: str | None) -> None:
    """Raise AccessRefused, saying what was refused, unless `can` allows it."""
    if can(user, permission, brand_code):
        return
    if not user.is_active:
        raise AccessRefused(f"user {user.login} is disabled")
    if permission not in PERMISSIONS[user.role]:
        raise AccessRefused(
            f"user {user.login} ({user.role.value}) may not {permission.value.replace('_', ' ')}"
        )
    # Never name the other brand back to a brand user: its existence is brand data too.
    raise AccessRefused(f"user {user.login} acts only for brand {user.brand_code}")
