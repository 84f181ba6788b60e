"""Page texts in Chinese (the default) and English; the choice is a cookie."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from fastapi import Request

from daiyun.entrypoints.web.brand_data_texts import BRAND_DATA_TEXTS
from daiyun.entrypoints.web.credential_texts import CREDENTIAL_TEXTS
from daiyun.entrypoints.web.desk_texts import DESK_TEXTS
from daiyun.entrypoints.web.fee_bill_texts import FEE_BILL_TEXTS
from daiyun.entrypoints.web.import_texts import IMPORT_TEXTS
from daiyun.entrypoints.web.lifecycle_texts import LIFECYCLE_TEXTS
from daiyun.entrypoints.web.notification_texts import NOTIFICATION_TEXTS
from daiyun.entrypoints.web.operations_texts import OPERATIONS_TEXTS
from daiyun.entrypoints.web.order_texts import ORDER_TEXTS
from daiyun.entrypoints.web.oversight_texts import OVERSIGHT_TEXTS
from daiyun.entrypoints.web.price_texts import PRICE_TEXTS
from daiyun.entrypoints.web.reconciliation_texts import RECONCILIATION_TEXTS
from daiyun.entrypoints.web.refusal_texts import chinese_refusal
from daiyun.entrypoints.web.report_texts import REPORT_TEXTS
from daiyun.entrypoints.web.shell_texts import SHELL_TEXTS
from daiyun.entrypoints.web.statement_texts import STATEMENT_TEXTS
from daiyun.entrypoints.web.user_texts import USER_TEXTS
from daiyun.entrypoints.web.value_texts import VALUE_TEXTS

__all__ = [
    "LANGUAGES",
    "LANG_COOKIE",
    "MISSING_LOG",
    "TEXT_TABLES",
    "labeller",
    "language_of",
    "speaker",
    "translator",
]

# A page showing a code without a name, or a message without its Chinese, says so here (a
# warning "no Chinese text for …"): tests/integration/test_chinese_everywhere.py fails on it.
MISSING_LOG = "daiyun.web.i18n"
_LOG = logging.getLogger(MISSING_LOG)
# A message already in Chinese (or in both languages) is the reader's; one without two
# letters in a row is no sentence at all (a number, a code).
_CHINESE = re.compile(r"[\u3400-\u9fff]")
_WORDS = re.compile(r"[A-Za-z]{2}")

LANG_COOKIE = "daiyun_lang"
LANGUAGES = ("zh", "en")

# key: (中文, English)
_TEXTS: dict[str, tuple[str, str]] = {
    "dashboard": ("工作台", "Dashboard"),
    "brands": ("品牌", "Brands"),
    "orders": ("订单", "Orders"),
    "users": ("用户", "Users"),
    "log_in": ("登录", "Log in"),
    "log_out": ("退出", "Log out"),
    "log_out_everywhere": ("退出所有设备", "Log out everywhere"),
    "login_name": ("用户名", "Login"),
    "password": ("密码", "Password"),
    "login_failed": ("用户名或密码错误", "Wrong login or password"),
    "login_throttled": (
        "登录失败次数过多，请15分钟后再试",
        "Too many failed logins: try again in 15 minutes",
    ),
    "login_expired": ("表单已过期，请重试", "The form expired: please try again"),
    "login_missing": ("请填写用户名和密码", "Enter your login and password"),
    "brand": ("品牌", "Brand"),
    "contract": ("合同", "Contract"),
    "contracts": ("合同", "Contracts"),
    "model": ("模式", "Model"),
    "effective": ("生效", "Effective"),
    "valid_until": ("有效至", "Valid until"),
    "platforms": ("平台", "Platforms"),
    "commission": ("佣金", "Commission"),
    "stores": ("店铺", "Stores"),
    "store": ("店铺", "Store"),
    "all": ("全部", "All"),
    "status": ("状态", "Status"),
    "paid_from": ("付款自", "Paid from"),
    "paid_to": ("付款至", "Paid to"),
    "order_no": ("订单号", "Order no."),
    "paid_at": ("付款时间", "Paid at"),
    "paid": ("实付", "Paid"),
    "refunded": ("退款", "Refunded"),
    "search": ("查询", "Search"),
    "previous": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "page": ("第 {} 页，共 {} 条", "Page {} of {} results"),
    "no_orders": ("没有符合条件的订单", "No orders match"),
    "role": ("角色", "Role"),
    "display_name": ("显示名", "Display name"),
    "active": ("启用", "Active"),
    "disabled": ("已停用", "Disabled"),
    "disable": ("停用", "Disable"),
    "enable": ("启用", "Enable"),
    "change_role": ("修改角色", "Change role"),
    "add_user": ("添加用户", "Add user"),
    "statements_waiting": ("待处理对账单", "Statements waiting"),
    "import_errors": ("导入错误", "Import errors"),
    "late_shipments": ("超时发货", "Late shipments"),
    "recent_imports": ("最近导入", "Recent imports"),
    "skus": ("SKU", "SKUs"),
    "language": ("English", "中文"),
    "no_brands": ("还没有客户。", "No brands yet."),
    "run": ("运行", "Run"),
    "or": ("或", "or"),
    "no_contract": ("无合同", "no contract"),
    "footer": (
        "电商代运营 · 金额以分计 · 时间为北京时间",
        "e-commerce operations · money in fen · times in Beijing time",
    ),
}
# Every table is its own: a key in two of them would show one page the other's words.
TEXT_TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "i18n": _TEXTS.copy(),
    "price_texts": PRICE_TEXTS,
    "desk_texts": DESK_TEXTS,
    "value_texts": VALUE_TEXTS,
    "shell_texts": SHELL_TEXTS,
    "import_texts": IMPORT_TEXTS,
    "order_texts": ORDER_TEXTS,
    "statement_texts": STATEMENT_TEXTS,
    "user_texts": USER_TEXTS,
    "oversight_texts": OVERSIGHT_TEXTS,
    "reconciliation_texts": RECONCILIATION_TEXTS,
    "fee_bill_texts": FEE_BILL_TEXTS,
    "lifecycle_texts": LIFECYCLE_TEXTS,  # issue 21: the contract page and its life
    "operations_texts": OPERATIONS_TEXTS,  # issue 19: the operations desk
    "report_texts": REPORT_TEXTS,  # issue 20: the reports and their charts
    "credential_texts": CREDENTIAL_TEXTS,  # issue 21: store credentials, outages
    "notification_texts": NOTIFICATION_TEXTS,  # issue 21: notifications, reminders, calendar
    "brand_data_texts": BRAND_DATA_TEXTS,  # issue 20 point 4: the brand's data export (R-R3)
}
for _table in list(TEXT_TABLES.values())[1:]:
    _TEXTS.update(_table)


def language_of(request: Request) -> str:
    """The reader's language: the cookie's, or Chinese."""
    chosen = request.cookies.get(LANG_COOKIE, "zh")
    return chosen if chosen in LANGUAGES else "zh"


def translator(language: str) -> Callable[..., str]:
    """`t("key", *values)`: the text in `language`, with {} filled in order."""
    index = LANGUAGES.index(language)

    def t(key: str, *values: object) -> str:
        text = _TEXTS[key][index]
        return text.format(*values) if values else text

    return t


def labeller(language: str) -> Callable[..., str]:
    """`label("role", user.role)`: the name of a code in `language` (key `role_admin`), with
    {} filled by any further values; the code itself when it has no name yet."""
    index = LANGUAGES.index(language)

    def label(kind: str, code: object, *values: object) -> str:
        texts = _TEXTS.get(f"{kind}_{code}")
        if texts is None:
            # A value already in Chinese (a category, a reason from a file) is the reader's.
            if code is not None and str(code) != "" and not _CHINESE.search(str(code)):
                _LOG.warning("no Chinese text for the code %s_%s", kind, code)
            return str(code)
        return texts[index].format(*values) if values else texts[index]

    return label


def speaker(language: str) -> Callable[[object], str]:
    """`say(message)`: a refusal or problem the services worded in English, in `language`;
    as it is when no template for it exists yet (refusal_texts.py), which is recorded."""
    if language == "en":
        return str
    label = labeller(language)

    def say(message: object) -> str:
        text = str(message)
        said = chinese_refusal(text, label)
        if said is not None:
            return said
        if _WORDS.search(text) and not _CHINESE.search(text):
            _LOG.warning("no Chinese text for the message %r", text)
        return text

    return say
