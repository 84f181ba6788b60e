"""Page texts of the users page."""

from __future__ import annotations

__all__ = ["USER_TEXTS"]

USER_TEXTS: dict[str, tuple[str, str]] = {
    # — issue 15: the users page (point 12) and its confirmations (point 5) —
    "users_agency_roles": ("代运营方", "The agency"),
    "users_brand_roles": ("品牌方", "A brand"),
    "users_choose_brand": ("选择品牌", "Choose a brand"),
    "users_brand_hint": ("品牌方角色须选择所属品牌", "A brand role needs its brand"),
    "users_role_hint": (
        "默认为权限最小的角色（品牌方查看者），需要时再选更大的权限。",
        "The least privilege (brand viewer) is chosen first; choose more only when needed.",
    ),
    "users_error_login": ("用户名：必填", "Login: required"),
    "users_error_password": ("密码：必填", "Password: required"),
    "users_error_brand": ("品牌：品牌方角色须选择所属品牌", "Brand: a brand role needs its brand"),
    "users_fix_errors": (
        "有 {} 处需要修改，见各字段旁的说明；未添加用户。",
        "{} field(s) need fixing, each said next to it; no user was added.",
    ),
    "users_confirm_disable": (
        "停用用户 {0}（{1}）？其所有会话立即结束，API 令牌全部作废；重新启用后令牌也不会恢复。",
        "Disable user {0} ({1})? Every session of theirs ends now and every API token is"
        " revoked; enabling them again brings no token back.",
    ),
    "users_confirm_role": (
        "把用户 {0}（{1}）的角色改为所选角色？",
        "Change the role of user {0} ({1}) to the one chosen?",
    ),
    "done_user_added": ("已添加用户 {}，角色：{}", "User {} added as {}"),
    "done_user_disabled": (
        "已停用用户 {}：其会话已结束，API 令牌已作废",
        "User {} disabled: their sessions ended and their API tokens are revoked",
    ),
    "done_user_enabled": ("已启用用户 {}", "User {} enabled"),
    "done_user_role": ("用户 {} 的角色已改为{}", "User {} is now {}"),
}
