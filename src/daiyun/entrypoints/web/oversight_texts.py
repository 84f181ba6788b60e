"""Page texts of the dashboard, the brand portal, obligations, the audit log and the calendar."""

from __future__ import annotations

__all__ = ["OVERSIGHT_TEXTS"]

OVERSIGHT_TEXTS: dict[str, tuple[str, str]] = {
    # The working-day calendar (R-O1): /calendar, and the dashboard's warning
    "calendar_title": ("工作日历与节假日通知", "Working days and holiday notices"),
    "calendar_nav": ("工作日历", "Calendar"),
    "calendar_intro": (
        "以工作日计算的期限（确认、付款、调价）需要当年国务院办公厅的节假日安排通知。"
        "chinesecalendar 尚未包含的年份，由管理员在此上传通知文件。",
        "Deadlines counted in working days (confirming, paying, repricing) need the year's "
        "holiday notice of the State Council. For a year chinesecalendar does not know yet, "
        "an administrator uploads the notice file here.",
    ),
    "calendar_gap": (
        "{0}年的节假日安排尚未录入（chinesecalendar 也不包含{0}年）：落在{0}年的工作日期限"
        "无法计算，相关操作会被拒绝。",
        "The PRC holiday notice for {0} is not recorded, and chinesecalendar does not know {0}: "
        "deadlines in working days that fall in {0} cannot be counted, and what needs them is "
        "refused.",
    ),
    "calendar_gap_admin": (
        "请在“工作日历”页上传国务院办公厅的{0}年节假日安排通知。",
        "Upload the State Council's holiday notice for {0} on the calendar page.",
    ),
    "calendar_gap_ask": (
        "请联系系统管理员录入国务院办公厅的{0}年节假日安排通知。",
        "Ask an administrator to record the State Council's holiday notice for {0}.",
    ),
    "calendar_ask_admin": (
        "只有管理员可以录入节假日通知。国务院办公厅发布新一年的通知后，请联系系统管理员录入。",
        "Only an administrator records a holiday notice: once the State Council publishes the "
        "next year's, ask an administrator to record it.",
    ),
    "calendar_upload": ("上传节假日通知", "Upload a holiday notice"),
    "calendar_upload_hint": (
        "通知文件为 TOML 格式：年份、通知标题与文号，每个节日一节（放假首日、末日、调休上班日）。",
        "The notice file is TOML: the year, the notice's title and number, and one table per "
        "holiday (first and last day off, weekend days worked instead).",
    ),
    "calendar_example": ("通知文件示例", "An example notice file"),
    "calendar_file": ("通知文件（.toml）", "Notice file (.toml)"),
    "calendar_replace": (
        "更正：替换该年已录入的通知（原通知保留在审计日志中）",
        "Correction: replace the notice recorded for the year (the earlier one stays in the "
        "audit log)",
    ),
    "calendar_record": ("录入", "Record"),
    "calendar_recorded": ("已录入的通知", "Notices recorded"),
    "calendar_none": (
        "尚未录入任何通知：使用 chinesecalendar 已包含的年份。",
        "No notice recorded: the years chinesecalendar knows are used.",
    ),
    "calendar_year": ("年份", "Year"),
    "calendar_source": ("通知", "Notice"),
    "calendar_holidays": ("节日", "Holidays"),
    "calendar_decides": ("采用", "Decides"),
    "calendar_recorded_by": ("录入人", "Recorded by"),
    "calendar_days_off": ("放假 {} 天", "{} day(s) off"),
    "calendar_worked": ("调休上班：", "worked instead:"),
    "calendar_in_use": ("本通知决定该年的工作日", "this notice decides the year"),
    "calendar_superseded": (
        "已由 chinesecalendar 决定，与本通知一致",
        "chinesecalendar decides the year now, and agrees",
    ),
    "calendar_superseded_differs": (
        "已由 chinesecalendar 决定，与本通知有 {} 天不同",
        "chinesecalendar decides the year now, and disagrees on {} day(s)",
    ),
    "calendar_refused": ("未录入：", "Nothing was recorded:"),
    "calendar_file_problem": ("{0}：{1}", "{0}: {1}"),
    "calendar_not_a_notice_file": (
        "{0} 不是通知文件：须为 UTF-8 编码的文本，且不超过 {1} KB。",
        "{0} is not a notice file: it must be UTF-8 text of at most {1} KB.",
    ),
    "calendar_differs": (
        "{0}年已录入另一份通知（{1}，由 {2} 于 {3} 录入）：{4}。"
        "如确需更正，请勾选“更正”后重新上传。",
        "A different notice for {0} is recorded already ({1}, by {2} on {3}): {4}. To correct "
        "it, tick “Correction” and upload it again.",
    ),
    "done_notice_recorded": (
        "已录入{0}年的节假日通知：放假 {1} 天，调休上班 {2} 天。",
        "The holiday notice for {0} is recorded: {1} day(s) off, {2} weekend day(s) worked.",
    ),
    "done_notice_unchanged": (
        "{0}年的这份通知已录入过，未作任何更改。",
        "This notice for {0} was recorded already: nothing changed.",
    ),
    "done_notice_replaced": (
        "已更正{0}年的节假日通知：放假 {1} 天，调休上班 {2} 天（原通知保留在审计日志中）。",
        "The holiday notice for {0} is corrected: {1} day(s) off, {2} weekend day(s) worked "
        "(the earlier one stays in the audit log).",
    ),
    "permission_record_holiday_notices": ("录入节假日通知", "record holiday notices"),
    # What a recorded notice and a new one say of a day (the refusal of a different notice)
    "notice_day_a_working_day": ("工作日", "a working day"),
    "notice_day_a_day_off": ("休息日", "a day off"),
    "weekday_Monday": ("星期一", "Monday"),
    "weekday_Tuesday": ("星期二", "Tuesday"),
    "weekday_Wednesday": ("星期三", "Wednesday"),
    "weekday_Thursday": ("星期四", "Thursday"),
    "weekday_Friday": ("星期五", "Friday"),
}
