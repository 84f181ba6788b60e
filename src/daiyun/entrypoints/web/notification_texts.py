"""Page texts of notifications, reminders and the obligations' month calendar (issue 21 point
7, R-O1): (中文, English). Their keys start with `nt_` (and `done_nt_` for what a form did)."""

from __future__ import annotations

__all__ = ["NOTIFICATION_TEXTS"]

NOTIFICATION_TEXTS: dict[str, tuple[str, str]] = {
    # The layout's bell and the list
    "nt_bell": ("通知", "Notifications"),
    "nt_bell_unread": ("{} 条未读通知", "{} unread notification(s)"),
    "nt_title": ("通知", "Notifications"),
    "nt_none": ("没有通知。", "No notifications."),
    "nt_unread_only": ("只看未读", "Unread only"),
    "nt_show_all": ("全部通知", "All notifications"),
    "nt_mark_read": ("标为已读", "Mark read"),
    "nt_mark_all_read": ("全部标为已读", "Mark all read"),
    "nt_read": ("已读", "read"),
    "nt_unread": ("未读", "unread"),
    "nt_email": ("邮件", "Email"),
    "nt_email_none": ("—", "—"),
    "nt_email_pending": ("待发送", "to send"),
    "nt_email_sent": ("已发送", "sent"),
    "nt_email_failed": ("发送失败", "failed"),
    "nt_stage_days": ("还有 {} 天到期", "due in {} day(s)"),
    "nt_stage_today": ("今天到期", "due today"),
    "nt_stage_missed": ("已逾期 {} 天，仍未履行", "missed {} day(s) ago, still not done"),
    "nt_due": ("到期日 {}", "due {}"),
    "nt_list_link": ("查看履约事项", "See the obligations"),
    "done_nt_read": ("已标为已读：{} 条", "Marked read: {}"),
    # The month calendar of obligations
    "nt_calendar": ("履约日历", "Obligations calendar"),
    "nt_calendar_link": ("月历视图", "Month calendar"),
    "nt_list_view": ("列表视图", "List view"),
    "nt_month": ("月份", "Month"),
    "nt_previous_month": ("上个月", "Previous month"),
    "nt_next_month": ("下个月", "Next month"),
    "nt_month_title": ("{}年{}月", "{1:02d}/{0}"),
    "nt_holiday": ("法定节假日", "public holiday"),
    "nt_adjusted_working": ("调休上班", "worked weekend (调休)"),
    "nt_unknown_day": ("假期安排未知", "holidays not known"),
    "nt_legend": ("图例", "Legend"),
    "nt_today": ("今天", "today"),
    "nt_weekday_0": ("一", "Mon"),
    "nt_weekday_1": ("二", "Tue"),
    "nt_weekday_2": ("三", "Wed"),
    "nt_weekday_3": ("四", "Thu"),
    "nt_weekday_4": ("五", "Fri"),
    "nt_weekday_5": ("六", "Sat"),
    "nt_weekday_6": ("日", "Sun"),
    "nt_holiday_National Day": ("国庆节", "National Day"),
    "nt_holiday_New Year's Day": ("元旦", "New Year's Day"),
    "nt_holiday_Spring Festival": ("春节", "Spring Festival"),
    "nt_holiday_Tomb-sweeping Day": ("清明节", "Tomb-sweeping Day"),
    "nt_holiday_Labour Day": ("劳动节", "Labour Day"),
    "nt_holiday_Dragon Boat Festival": ("端午节", "Dragon Boat Festival"),
    "nt_holiday_Mid-autumn Festival": ("中秋节", "Mid-autumn Festival"),
    "nt_holiday_Anti-Fascist 70th Day": ("抗战胜利纪念日", "Anti-Fascist 70th Day"),
    # Filters the obligations list gained (issue 21 point 7)
    "nt_due_from": ("到期日自", "Due from"),
    "nt_due_to": ("到期日至", "Due to"),
}
