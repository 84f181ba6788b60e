"""Page texts of reconciliation (issue 17, R-X1): a store's month of orders matched with its
Alipay lines and the platform's fees, each cause's lines, the differences' workbook, and the
upload of an Alipay statement.

Also the names of the causes (`label("rec_cause", code)`, domain/reconciliation Cause) and of
the permission to import Alipay statements (`label("permission", "import_alipay")`).
"""

from __future__ import annotations

__all__ = ["RECONCILIATION_TEXTS"]

RECONCILIATION_TEXTS: dict[str, tuple[str, str]] = {
    # Choosing a store and a month
    "rec_title": ("收款对账", "Reconciliation"),
    "rec_intro": (
        "每月把店铺的已完成订单、支付宝账务明细里实际到账的钱和平台扣的技术服务费逐笔核对，"
        "列出每一处不符及其原因。",
        "Each month, a store's completed orders are matched with the money that reached its "
        "Alipay account and the technical service fees the platform charged; every amount "
        "that does not match is listed with its cause.",
    ),
    "rec_choose": ("选择店铺和月份", "Choose a store and a month"),
    "rec_month": ("月份", "Month"),
    "rec_open": ("查看对账", "Reconcile"),
    "rec_no_stores": (
        "没有货款经支付宝到账的店铺（天猫、淘宝）可对账。",
        "No store whose money arrives in Alipay (Tmall, Taobao) to reconcile.",
    ),
    "rec_store_option": ("{}（{}）", "{} ({})"),
    "rec_recent_months": ("最近几个月", "Recent months"),
    # A store's month
    "rec_heading": ("收款对账 · {} · {}", "Reconciliation · {} · {}"),
    "rec_previous_month": ("上个月", "Previous month"),
    "rec_next_month": ("下个月", "Next month"),
    "rec_orders_completed": ("本月完成订单", "Orders completed"),
    "rec_matched": ("已匹配（无差异）", "Matched (no difference)"),
    "rec_differences_count": ("差异", "Differences"),
    "rec_figures": ("金额", "Amounts"),
    "rec_expected": ("应得", "Expected"),
    "rec_alipay": ("支付宝", "Alipay"),
    "rec_gap": ("差额", "Difference"),
    "rec_income": ("到账", "Income"),
    "rec_fees": ("技术服务费", "Technical service fee"),
    "rec_refunds": ("退款", "Refunds paid out"),
    "rec_fees_returned": ("退回费用（未比对）", "Fees given back (not compared)"),
    "rec_other_charges": ("其他扣费（未比对）", "Other charges (not compared)"),
    "rec_figures_note": (
        "差额 = 支付宝 − 应得：为负表示到账少于应得。其他扣费（淘宝客、花呗、积分、赔付红包、"
        "公益宝贝）合同未约定应扣金额，只列合计。",
        "Difference = Alipay − expected: negative when less money came than expected. Other "
        "charges (淘宝客, 花呗, points, compensation red packets, 公益宝贝) have no expected "
        "amount in the contract: only their total is shown.",
    ),
    "rec_causes": ("差异原因", "Causes"),
    "rec_cause_hint": ("点击数字查看该原因的明细", "a count opens its lines"),
    "rec_all_differences": ("全部差异", "All differences"),
    "rec_cause_missing_receipt": ("缺少到账", "Missing receipt"),
    "rec_cause_missing_order": ("缺少订单", "Missing order"),
    "rec_cause_amount_differs": ("金额不符", "Amount differs"),
    "rec_cause_fee_differs": ("费用不符", "Fee differs"),
    "rec_cause_refund_unmatched": ("退款未匹配", "Refund unmatched"),
    "rec_why_missing_receipt": (
        "订单已完成，支付宝没有它的到账。",
        "A completed order with no income line in Alipay.",
    ),
    "rec_why_missing_order": (
        "支付宝有到账，daiyun 没有这笔已完成的订单（请导入更新的订单）。",
        "Money arrived for an order daiyun does not have as completed (import newer orders).",
    ),
    "rec_why_amount_differs": (
        "订单的到账金额与应得金额不同。",
        "The order's income lines differ from its expected income.",
    ),
    "rec_why_fee_differs": (
        "扣的技术服务费与合同费率算出的不同（R-S5）。",
        "The fee charged differs from the fee the contract's rates give (R-S5).",
    ),
    "rec_why_refund_unmatched": (
        "支付宝的退款与 daiyun 记录的退款对不上（有一边没有，或金额不同）。",
        "A refund paid out in Alipay and the refunds daiyun recorded do not pair (one side "
        "has none, or the amounts differ).",
    ),
    "rec_differences": ("差异明细", "Differences"),
    "rec_differences_of": ("差异明细 · {}", "Differences · {}"),
    "rec_cause": ("原因", "Cause"),
    "rec_actual": ("实际", "Actual"),
    "rec_entries": ("支付宝账务流水号", "Alipay 账务流水号"),
    "rec_no_differences": (
        "本月没有差异：每笔订单都已匹配。",
        "No differences: every order matched.",
    ),
    "rec_none_of_cause": ("没有此原因的差异。", "No difference of this cause."),
    "rec_shown": ("第 {} 页，共 {} 条", "Page {} of {} differences"),
    "rec_download": ("下载差异明细（XLSX）", "Download the differences (XLSX)"),
    "rec_download_note": (
        "工作簿含全部差异和本月汇总，金额以元计，订单号为文本。",
        "The workbook holds every difference and the month's figures; amounts in yuan, order "
        "numbers as text.",
    ),
    "rec_late_fee_note": (
        "月底几天完成的订单，其技术服务费常在下个月扣：导入下个月的账务明细后再看，"
        "这些订单的“费用不符”会消失。",
        "A fee of an order completed in the month's last days is often charged next month: "
        "import the next month's statement too, and their 'fee differs' goes.",
    ),
    # The upload of an Alipay statement
    "rec_import_title": ("导入支付宝账务明细", "Import an Alipay statement"),
    "rec_import_note": (
        "从支付宝商家中心 → 账务明细下载的压缩包或其中的 CSV 文件，可一次选多个。"
        "每行按账务流水号只导入一次；任何一行有问题则全部不导入。",
        "The ZIP as downloaded from Alipay (商家中心 → 账务明细), or the CSV in it; several at "
        "once. Each line is kept once by its 账务流水号; any problem and nothing is imported.",
    ),
    "rec_import_file": ("账务明细文件", "Statement files"),
    "rec_import_button": ("导入", "Import"),
    "rec_import_failed": (
        "发现 {} 个问题，未导入任何内容（请修正文件或重新下载）：",
        "{} problem(s); nothing was imported (fix the file, or download it again):",
    ),
    "rec_import_refused": ("未导入：", "Not imported:"),
    "rec_problem_file": ("文件", "File"),
    "rec_problem_row": ("行", "Row"),
    "rec_problem_column": ("列", "Column"),
    "rec_problem_value": ("内容", "Value"),
    "rec_problem_message": ("问题", "Problem"),
    "rec_problems_more": ("另有 {} 个问题未列出。", "{} more problems not listed."),
    "done_rec_imported": (
        "已导入支付宝账务明细：新增 {} 行，已有 {} 行未变。",
        "Alipay statement imported: {} new line(s), {} unchanged.",
    ),
    # The permission (domain/permissions.py), as a refusal names it
    "permission_import_alipay": ("导入支付宝账务明细", "import Alipay statements"),
}
