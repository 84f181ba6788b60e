"""The words of a reminder's email (issue 21 point 7, R-O1): subject and body in Chinese, then
English. Apart from the pages' text tables (entrypoints/web), which the hourly job cannot reach
without a circle between the entrypoints (web → import_jobs → jobs): the duties' names here are
the obligations page's (desk_texts.py `kind_…`), and a duty named in neither is written as its
code in words."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from daiyun.domain.notifications import Notification
from daiyun.domain.obligations.reminders import ReminderStage
from daiyun.services.notifications.ports import MailText

__all__ = ["DUTY_NAMES", "MAIL_TEXTS", "reminder_mail"]

# The duties' names, as the obligations page gives them.
DUTY_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "issue_statement": ("出具对账单", "Issue the statement"),
        "answer_statement": ("确认或异议", "Answer the statement"),
        "pay_remittance": ("支付货款", "Pay the remittance"),
        "pay_before_termination": ("解约前付款", "Pay before termination"),
        "issue_fee_bill": ("出具佣金账单", "Issue the fee bill"),
        "pay_fee_bill": ("支付佣金账单", "Pay the fee bill"),
        "pay_service_fee": ("支付年度服务费", "Pay the service fee"),
        "pay_fee_before_termination": ("解约前付清费用", "Pay fees before termination"),
        "refund_deposit": ("退还服务保证金", "Refund the deposit"),
    }
)
_PARTIES = {"brand": ("品牌方", "the brand"), "operator": ("代运营方", "the operator")}

MAIL_TEXTS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "subject": ("【代运提醒】{0}：{1}", "[daiyun reminder] {0}: {1}"),
        "greeting": ("您好，{}：", "Hello {},"),
        "days": ("还有 {} 天到期", "due in {} day(s)"),
        "today": ("今天到期", "due today"),
        "missed": ("已逾期 {} 天，仍未履行", "missed {} day(s) ago, still not done"),
        "duty": ("事项：{}", "Duty: {}"),
        "about": ("对象：{}", "Subject: {}"),
        "brand": ("品牌：{}", "Brand: {}"),
        "party": ("责任方：{}", "Party: {}"),
        "due": ("到期日：{}", "Due on: {}"),
        "rule": ("依据：{}", "Rule: {}"),
        "footer": (
            "此邮件由代运系统自动发送；请登录系统查看并处理。",
            "Sent by daiyun; sign in to see and handle it.",
        ),
    }
)


def _say(key: str, index: int, *values: object) -> str:
    return MAIL_TEXTS[key][index].format(*values)


def _duty(kind: str) -> tuple[str, str]:
    words = kind.replace("_", " ")
    return DUTY_NAMES.get(kind, (words, words[:1].upper() + words[1:]))


def _stage(notification: Notification, index: int) -> str:
    if notification.stage == ReminderStage.MISSED.value:
        return _say("missed", index, -notification.days_left)
    if notification.stage == ReminderStage.ON_THE_DAY.value:
        return _say("today", index)
    return _say("days", index, notification.days_left)


def reminder_mail(notification: Notification) -> MailText:
    """The reminder's email: subject and body, each in Chinese then English."""
    duty = _duty(notification.kind)
    party = _PARTIES.get(notification.party.value, (notification.party.value,) * 2)
    subjects = [_say("subject", i, duty[i], _stage(notification, i)) for i in (0, 1)]
    lines: list[str] = []
    for i in (0, 1):
        lines += [
            _say("greeting", i, notification.login),
            "",
            _stage(notification, i),
            _say("duty", i, duty[i]),
            _say("about", i, notification.subject),
            _say("brand", i, notification.brand_code),
            _say("party", i, party[i]),
            _say("due", i, notification.due_on.isoformat()),
            _say("rule", i, notification.rule),
            "",
            _say("footer", i),
            "",
        ]
        if i == 0:
            lines += ["————————————————", ""]
    return MailText(" / ".join(subjects), "\n".join(lines).rstrip() + "\n")
