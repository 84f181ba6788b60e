"""Page texts of the dashboard, the brand portal, obligations, the audit log and the calendar."""

from __future__ import annotations

__all__ = ["OVERSIGHT_TEXTS"]

OVERSIGHT_TEXTS: dict[str, tuple[str, str]] = {
    # The working-day calendar (R-O1): /calendar, and the dashboard's warning
    "calendar_title": ("工作日历与节假日通知", "Working days and holiday notices"),
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
        "通知文件为纯文本：年份、通知标题与文号，每个节日一节（放假首日、末日、调休上班日），格式见下面的示例。",
        "The notice file is TOML: the year, the notice's title and number, and one table per "
        "holiday (first and last day off, weekend days worked instead).",
    ),
    "calendar_example": ("通知文件示例", "An example notice file"),
    "calendar_file": ("通知文件", "Notice file (.toml)"),
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
        "{0} 不是通知文件：须为纯文本文件，且不超过 {1} 千字节。",
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
    # The dashboard and obligations (R-O1): what each concerns, in words
    "subject_statement": ("{0} {1}年{2}月对账单", "{0}'s statement for {1}-{2:02d}"),
    # Model B (issue 18): a month's fee bill, an instalment of the service fee, the deposit
    "subject_fee_bill": ("{0} {1}年{2}月佣金账单", "{0}'s fee bill for {1}-{2:02d}"),
    "subject_service_fee": ("{0} 年度服务费第 {1} 期", "{0}'s service fee, instalment {1}"),
    "subject_deposit": ("{0} 服务保证金", "{0}'s service deposit"),
    # Issue 20: a contract's report for a period (R-R1)
    "subject_report_weekly": ("{0} {1} 周报", "{0}'s weekly report {1}"),
    "subject_report_monthly": ("{0} {1} 月报", "{0}'s monthly report {1}"),
    "subject_report_yearly": ("{0} {1} 年报", "{0}'s yearly report {1}"),
    "ob_who_what": ("{0}：{1}", "{0}: {1}"),
    "ship_by_at": ("应于 {} 前发货", "ship by {}"),
    "late_by": ("超时 {}", "{} late"),
    "not_shipped_yet": ("尚未发货", "not shipped yet"),
    "as_of_day": ("截至 {}", "as of {}"),
    "ob_status_filter": ("状态", "Status"),
    "ob_choice_open": ("待办", "Open"),
    "ob_choice_due_today": ("今日到期", "Due today"),
    "ob_choice_overdue": ("逾期未办", "Overdue"),
    "ob_choice_missed": ("已逾期（含逾期后完成）", "Missed (late or not done)"),
    "ob_choice_met": ("已按时履行", "Met"),
    "ob_found": ("共 {} 项", "{} obligation(s)"),
    "clear_filters": ("清除筛选", "Clear filters"),
    "pages_nav": ("分页", "Pages"),
    "page_of": ("第 {} 页，共 {} 页", "page {} of {}"),
    "page_n": ("第 {} 页", "page {}"),
    # The brand portal: what the brand itself has to do (R-S6, R-C7)
    "your_tasks": ("需要您处理", "Waiting for you"),
    "your_tasks_none": ("目前没有需要您处理的事项。", "Nothing is waiting for you."),
    "task_answer_statement": (
        "确认或对 {0} {1}年{2}月对账单提出异议",
        "Confirm or dispute {0}'s statement for {1}-{2:02d}",
    ),
    "task_by": ("截止 {}", "by {}"),
    "task_approve_promotion": ("审批促销“{}”", "Answer the promotion “{}”"),
    "task_before_start": ("须在 {} 开始前批准", "to approve before it starts on {}"),
    "task_overdue": ("已过期限", "past its day"),
    "task_ask_answer_statement": (
        "您的角色只能查看：请由品牌方管理员或品牌方财务确认",
        "your role may only look: a brand admin or brand finance answers it",
    ),
    "task_ask_approve_promotion": (
        "须由品牌方管理员批准",
        "a brand admin approves it",
    ),
    "portal_fee_bills": (
        "贵品牌的合同为 B 模式（服务费模式）：代运营方每月出具的是服务费账单，而非货款对账单。"
        "请在“服务费账单”页查看、确认或提出异议，并查看年服务费分期与保证金。",
        "Your contract is model B (a service fee): the operator bills you a monthly fee rather "
        "than a statement of remittance. See, confirm or dispute your bills on the fee bills "
        "page, with the annual service fee's instalments and the deposit.",
    ),
    "portal_fee_bills_short": (
        "B 模式合同：请查看服务费账单",
        "model B: see your fee bills",
    ),
    "portal_fee_bills_link": ("服务费账单 →", "Fee bills →"),
    # The audit log (R-D3): a record's change in words
    "audit_none": ("没有符合条件的记录", "No records match"),
    "audit_change": ("变更", "Change"),
    "audit_change_line": ("{0}：{1} → {2}", "{0}: {1} → {2}"),
    "audit_change_whole": ("{0} → {1}", "{0} → {1}"),
    "audit_separator": ("、", ", "),
    "audit_bool_true": ("是", "yes"),
    "audit_bool_false": ("否", "no"),
    "promotion_state_draft": ("草稿", "draft"),
    "promotion_state_submitted": ("待品牌方审批", "awaiting the brand"),
    "promotion_state_approved": ("已批准", "approved"),
    "promotion_state_rejected": ("已驳回", "rejected"),
    "audit_field_status": ("状态", "status"),
    "audit_field_version": ("版本", "version"),
    "audit_field_confirm_by": ("确认截止", "confirm by"),
    "audit_field_payment_due": ("付款截止", "payment due"),
    "audit_field_late_after": ("逾期答复（截止日）", "answered late (due)"),
    "audit_field_amount": ("金额", "amount"),
    "audit_field_paid_on": ("付款日期", "paid on"),
    "audit_field_role": ("角色", "role"),
    "audit_field_brand": ("品牌", "brand"),
    "audit_field_is_active": ("状态", "state"),
    "audit_field_token": ("令牌", "token"),
    "audit_field_name": ("名称", "name"),
    "audit_field_guide_price": ("指导价", "guide price"),
    "audit_field_effective_from": ("生效时间", "effective from"),
    "audit_field_price": ("价格", "price"),
    "audit_field_source": ("来源", "source"),
    "audit_field_promotion": ("促销", "promotion"),
    "audit_field_skus_added": ("新增商品", "SKUs added"),
    "audit_field_skus_updated": ("更新商品", "SKUs updated"),
    "audit_field_guide_prices_added": ("新增指导价", "guide prices added"),
    "audit_field_fingerprint": ("条款指纹", "terms' fingerprint"),
    "audit_field_excused_delays": ("品牌方原因延误", "delays the brand caused"),
    "audit_field_days_late": ("逾期天数", "days late"),
    "audit_field_penalty_accrued": ("滞纳金", "late penalty"),
    "audit_field_penalty_paid": ("已付滞纳金", "penalty paid"),
    "audit_field_penalty_owed": ("尚欠滞纳金", "penalty owed"),
    "audit_field_from": ("起始日", "from"),
    "audit_field_to": ("截止日", "to"),
    "audit_field_year": ("年份", "year"),
    "audit_field_holidays": ("节日", "holidays"),
    "audit_field_model": ("模式", "model"),
    "audit_field_signed_on": ("签约日", "signed on"),
    "audit_field_effective_on": ("生效日", "effective on"),
    "audit_field_term_months": ("期限（月）", "term (months)"),
    "audit_field_auto_renew": ("自动续约", "renews itself"),
    "audit_field_renewal_notice_months": ("续约通知期（月）", "renewal notice (months)"),
    "audit_field_territory": ("地域", "territory"),
    "audit_field_platforms": ("平台", "platforms"),
    "audit_field_services": ("服务", "services"),
    "audit_field_terms": ("条款", "terms"),
    "audit_field_platform_fees": ("平台费率", "platform fees"),
    "audit_field_platform": ("平台", "platform"),
    "audit_field_go_live_on": ("上线日", "live from"),
    # A contract's terms, as its file names them (interfaces.md, rules.md)
    "audit_field_deposit": ("平台保证金", "platform deposit"),
    "audit_field_annual_fee": ("平台年费", "platform annual fee"),
    "audit_field_annual_fee_refund_half_from": (
        "年费退还一半的年销售额门槛",
        "yearly sales for half the annual fee back",
    ),
    "audit_field_annual_fee_refund_full_from": (
        "年费全额退还的年销售额门槛",
        "yearly sales for the whole annual fee back",
    ),
    "audit_field_default_rate": ("默认技术服务费率", "default technical service rate"),
    "audit_field_category_rates": ("类目技术服务费率", "category service rates"),
    "audit_field_commission_rate": ("佣金比例", "commission rate"),
    "audit_field_markup_cap": ("加价上限", "markup cap"),
    "audit_field_price_change_working_days": ("调价期限（工作日）", "repricing (working days)"),
    "audit_field_shipping_income_to": ("运费收入归属", "shipping income goes to"),
    "audit_field_platform_fees_borne_by": ("平台费用承担方", "platform fees borne by"),
    "audit_field_statement_issue_day": ("对账单出具日", "statement issue day"),
    "audit_field_confirm_working_days": ("确认期限（工作日）", "confirmation (working days)"),
    "audit_field_payment_due_day": ("付款日", "payment day"),
    "audit_field_payment_working_days_after_confirmation": (
        "确认后付款期限（工作日）",
        "payment after confirmation (working days)",
    ),
    "audit_field_late_penalty_per_day": ("每日滞纳金比例", "late penalty a day"),
    "audit_field_termination_days_late": ("逾期解约天数", "days late to terminate"),
    "audit_field_shipping_sla_hours": ("发货时限（小时）", "shipping within (hours)"),
    "audit_field_stockout_notice_days": ("缺货通知期（天）", "stock-out notice (days)"),
    "audit_field_replenish_days": ("补货期限（天）", "replenish within (days)"),
    "audit_field_return_days": ("退货期（天）", "returns within (days)"),
    "audit_field_exchange_days": ("换货期（天）", "exchanges within (days)"),
    "audit_field_breach_cure_days": ("违约纠正期（天）", "breach cure (days)"),
    "audit_field_exit_days": ("退出交接期（天）", "exit handover (days)"),
    "audit_field_confidentiality_damages": ("保密违约金", "confidentiality damages"),
    "audit_field_confidentiality_years": ("保密期（年）", "confidentiality (years)"),
    "audit_field_service_fee_annual": ("年服务费", "annual service fee"),
    "audit_field_first_instalment_share": ("首期服务费比例", "first instalment share"),
    "audit_field_first_instalment_days": ("首期付款期限（天）", "first instalment within (days)"),
    "audit_field_second_instalment_months": ("第二期付款（月）", "second instalment (months)"),
    "audit_field_model_b_commission_rate": ("B 模式提成比例", "model B commission rate"),
    "audit_field_commission_issue_day": ("提成账单出具日", "commission bill day"),
    "audit_field_commission_payment_day": ("提成付款日", "commission payment day"),
    "audit_field_vat_rate": ("增值税率", "VAT rate"),
    "audit_field_service_deposit": ("服务保证金", "service deposit"),
    "audit_field_deposit_refund_working_days": (
        "保证金退还期限（工作日）",
        "deposit refund (working days)",
    ),
    "audit_field_fee_overdue_termination_days": (
        "服务费逾期解约天数",
        "fee overdue days to terminate",
    ),
    "audit_field_ad_budget_min_share": ("推广预算下限比例", "ad budget, least share"),
    "audit_field_ad_budget_max_share": ("推广预算上限比例", "ad budget, most share"),
    "audit_field_outage_notice_hours": ("故障通知时限（小时）", "outage notice (hours)"),
    "audit_field_weekly_report_days": ("周报期限（天）", "weekly report within (days)"),
    "audit_field_monthly_report_days": ("月报期限（天）", "monthly report within (days)"),
    "audit_field_yearly_report_day": ("年报日", "yearly report day"),
    "audit_field_buyer_data_retention_months": (
        "买家数据保留期（月）",
        "buyer data kept (months)",
    ),
}
