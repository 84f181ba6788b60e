"""Page texts of the frame every page shares: navigation by role, notices, error pages."""

from __future__ import annotations

__all__ = ["SHELL_TEXTS"]

SHELL_TEXTS: dict[str, tuple[str, str]] = {
    # The navigation (navigation.py names these keys).
    "nav_label": ("主导航", "Main navigation"),
    "nav_menu": ("菜单", "Menu"),
    "nav_dashboard": ("工作台", "Dashboard"),
    "nav_portal_home": ("首页", "Home"),
    "nav_brands": ("品牌", "Brands"),
    "nav_orders": ("订单", "Orders"),
    "nav_statements": ("对账单", "Statements"),
    "nav_reconciliation": ("收款对账", "Reconciliation"),
    "nav_fee_bills": ("服务费账单", "Fee bills"),  # issue 18: model B
    "nav_imports": ("导入", "Imports"),
    "nav_obligations": ("履约事项", "Obligations"),
    "nav_operations": ("运营工作台", "Operations"),  # issue 19: the operations desk
    "nav_goods": ("货品与售后", "Goods"),  # issue 19: the brand's view of its goods
    "nav_reports": ("经营报告", "Reports"),  # issue 20: weekly, monthly, yearly reports
    "nav_data_export": ("数据导出", "Data export"),  # issue 20 point 4: the brand's data (R-R3)
    "nav_listings": ("商品价格", "Listings"),
    "nav_promotions": ("促销", "Promotions"),
    "nav_promotion_approvals": ("促销审批", "Promotion approvals"),
    "nav_price_violations": ("价格违规", "Price violations"),
    "nav_guide_prices": ("指导价", "Guide prices"),
    "nav_audit_log": ("审计日志", "Audit log"),
    "nav_users": ("用户", "Users"),
    "nav_calendar": ("工作日历", "Calendar"),
    "nav_credentials": ("店铺账号", "Credentials"),  # issue 21 (R-B7)
    "nav_outages": ("服务中断", "Outages"),  # issue 21 (R-B8)
    "nav_api": ("API", "API"),
    "nav_signed_in_as": ("当前用户", "Signed in as"),
    "confirm_log_out_everywhere": (
        "退出所有设备？您在其他电脑和手机上的登录也会失效，需要重新登录。",
        "Log out everywhere? Your sessions on other computers and phones end too, and you "
        "will have to log in again.",
    ),
    # Error pages: a heading in words for each status, and ways back.
    "error_400": ("请求有误", "Bad request"),
    "error_401": ("请先登录", "Please log in"),
    "error_403": ("无权查看", "Not allowed"),
    "error_404": ("页面不存在", "Page not found"),
    "error_405": ("不能这样打开此页面", "This page cannot be opened this way"),
    "error_409": ("无法完成", "Could not be done"),
    "error_413": ("文件太大", "File too large"),
    "error_422": ("输入有误", "Check what you entered"),
    "error_429": ("操作太频繁", "Too many requests"),
    "error_500": ("系统出错", "Something went wrong on our side"),
    "error_503": ("系统繁忙，请稍后再试", "Busy: try again in a moment"),
    "error_other": ("出错了", "Something went wrong"),
    "error_hint_403": (
        "您的账号没有查看此页面的权限。如需访问，请联系管理员。",
        "Your account may not see this page. Ask an administrator if you need it.",
    ),
    "error_hint_404": (
        "地址可能有误，或该记录已不存在。",
        "The address may be wrong, or the record no longer exists.",
    ),
    "error_hint_405": (
        "表单提交后的地址不能直接刷新或打开，请返回上一页重新操作。",
        "The address a form was sent to cannot be reloaded or opened: go back and try again.",
    ),
    "error_hint_409": (
        "当前状态不允许此操作，数据未作任何更改。",
        "This cannot be done in the current state; nothing was changed.",
    ),
    "error_hint_422": (
        "请返回上一页，按提示修改后再提交，数据未作任何更改。",
        "Go back, correct what is shown and send it again; nothing was changed.",
    ),
    "error_back": ("返回上一页", "Go back"),
    "error_home": ("返回工作台", "Back to the dashboard"),
    "error_portal_home": ("返回首页", "Back to the home page"),
}
