"""The agency's parties as stored: brands, their stores, users, and audit entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

__all__ = ["AuditEntry", "Brand", "Role", "RoleMismatch", "Store", "User", "check_role_fits_brand"]


@dataclass(frozen=True)
class Brand:
    """A client company whose stores the agency operates (甲方)."""

    code: str
    name: str
    is_active: bool = True
    # The taxpayer id (统一社会信用代码) of its VAT invoices (R-B3); None until a contract
    # file gives it.
    tax_id: str | None = None


@dataclass(frozen=True)
class Store:
    """One shop of one brand on one platform, authorised by a contract (R-C4)."""

    code: str
    brand_code: str
    contract_code: str
    platform: str
    name: str
    go_live_on: date | None


class Role(StrEnum):
    """Who a user is: agency staff (the contract's project team) or a brand's people."""

    ADMIN = "admin"
    PROJECT_MANAGER = "project_manager"
    STORE_OPERATIONS = "store_operations"
    CUSTOMER_SERVICE = "customer_service"
    FINANCE = "finance"
    BRAND_ADMIN = "brand_admin"
    BRAND_FINANCE = "brand_finance"
    BRAND_VIEWER = "brand_viewer"

    @property
    def is_brand_role(self) -> bool:
        """True for a brand's own people, who see only their brand (R-D2)."""
        return self.value.startswith("brand_")


class RoleMismatch(ValueError):
    """A brand role without a brand, or an agency role tied to a brand."""


def check_role_fits_brand(role: Role, brand_code: str | None) -> None:
    """R-D2: brand roles belong to exactly one brand; agency roles to none."""
    if role.is_brand_role and not brand_code:
        raise RoleMismatch(f"role {role.value} is a brand role: name the brand")
    if not role.is_brand_role and brand_code:
        raise RoleMismatch(f"role {role.value} is an agency role: it cannot belong to a brand")


@dataclass(frozen=True)
class User:
    """Somebody who logs in: agency staff, or a brand user tied to one brand."""

    login: str
    display_name: str
    role: Role
    brand_code: str | None
    is_active: bool = True


@dataclass(frozen=True)
class AuditEntry:
    """R-D3: who did what, when, to which record, with the state before and after."""

    at: datetime
    actor: str
    action: str
    entity: str
    entity_key: str
    brand_code: str | None = None
    before: str | None = None
    after: str | None = None
    reason: str | None = None
