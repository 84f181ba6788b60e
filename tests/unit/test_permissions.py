"""The permission table: roles allow actions, brand users only on their brand (R-D2)."""

from __future__ import annotations

import pytest

from daiyun.domain.agency import Role, User
from daiyun.domain.permissions import PERMISSIONS, AccessRefused, Permission, can, require


def user(role: Role, brand: str | None = None, *, active: bool = True) -> User:
    """A user of `role`, tied to `brand` for brand roles."""
    return User(f"{role.value}.user", role.value, role, brand, active)


def test_every_role_has_a_row_in_the_table() -> None:
    assert set(PERMISSIONS) == set(Role)


def test_a_brand_finance_user_answers_only_their_own_brands_statements() -> None:
    li_na = user(Role.BRAND_FINANCE, "chando")
    assert can(li_na, Permission.ANSWER_STATEMENTS, "chando")
    assert not can(li_na, Permission.ANSWER_STATEMENTS, "pechoin")
    assert not can(li_na, Permission.ANSWER_STATEMENTS, None)  # nothing agency-wide (R-D2)
    with pytest.raises(
        AccessRefused, match=r"^user brand_finance\.user acts only for brand chando$"
    ):
        require(li_na, Permission.VIEW_ORDERS, "pechoin")


def test_only_brand_roles_answer_statements_and_approve_promotions() -> None:
    # R-S6, R-C7: the brand's answer and approval cannot be given by agency staff.
    for role in Role:
        brand = "chando" if role.is_brand_role else None
        answers = can(user(role, brand), Permission.ANSWER_STATEMENTS, "chando")
        approves = can(user(role, brand), Permission.APPROVE_PROMOTIONS, "chando")
        assert answers == (role in {Role.BRAND_ADMIN, Role.BRAND_FINANCE})
        assert approves == (role is Role.BRAND_ADMIN)


def test_only_operator_roles_draft_statements_and_promotions() -> None:
    for role in Role:
        if role.is_brand_role:
            brand_user = user(role, "chando")
            assert not can(brand_user, Permission.DRAFT_STATEMENTS, "chando")
            assert not can(brand_user, Permission.DRAFT_PROMOTIONS, "chando")
    assert can(user(Role.FINANCE), Permission.DRAFT_STATEMENTS, "chando")
    assert can(user(Role.STORE_OPERATIONS), Permission.DRAFT_PROMOTIONS, "chando")


def test_a_role_without_the_permission_is_told_what_it_may_not_do() -> None:
    with pytest.raises(AccessRefused, match=r"\(customer_service\) may not record payments$"):
        require(user(Role.CUSTOMER_SERVICE), Permission.RECORD_PAYMENTS, "chando")


def test_a_disabled_user_may_do_nothing() -> None:
    disabled = user(Role.ADMIN, active=False)
    assert not any(can(disabled, permission, "chando") for permission in Permission)
    with pytest.raises(AccessRefused, match="is disabled"):
        require(disabled, Permission.VIEW_BRAND, "chando")
