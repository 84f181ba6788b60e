"""Page texts of a statement's actions, their confirmations and what they did.

The amounts' names (`fig_<key>`) are the glossary's (domain/settlement/glossary.py), the same
names the statement's PDF and XLSX print.
"""

from __future__ import annotations

from daiyun.domain.settlement.glossary import GLOSSARY

__all__ = ["STATEMENT_TEXTS"]

STATEMENT_TEXTS: dict[str, tuple[str, str]] = {
    **{f"fig_{key}": (name.zh, name.en) for key, name in GLOSSARY.items()},
    # Confirmations: what the action does, restated with the amounts (data-confirm)
    "confirm_issue": (
        "将 {} {} 第 {} 版对账单出具给品牌方 {}？应汇货款 {}。出具后此版本不能再修改，"
        "品牌方收到后须在期限内确认或提出异议。",
        "Issue version {2} of statement {0} {1} to brand {3}? Remittance {4}. Once issued "
        "this version can no longer change; the brand confirms or disputes it in time.",
    ),
    "confirm_confirm": (
        "书面确认 {} {} 第 {} 版对账单？应汇货款 {}。"
        "确认后不能撤回，代运营商须在付款截止日前付款。",
        "Confirm version {2} of statement {0} {1} in writing? Remittance {3}. A confirmation "
        "cannot be withdrawn; the operator then owes the payment by its due day.",
    ),
    "confirm_dispute": (
        "对 {} {} 第 {} 版对账单提出异议？代运营商将生成并出具新版本。",
        "Dispute version {2} of statement {0} {1}? The operator then drafts and issues a new "
        "version.",
    ),
    "confirm_pay": (
        "登记 {} {} 的付款 {{0}} 元？应汇货款 {}，已付 {}，尚欠 {}；登记后尚欠 {{1}}。"
        "付款登记后不能删除。",
        "Record a payment of {{0}} yuan for {0} {1}? Remittance {2}, paid {3}, "
        "outstanding {4}; {{1}} outstanding after it. A payment cannot be removed.",
    ),
    "confirm_pay_penalty": (
        "登记向品牌方支付 {} {} 的滞纳金 {{0}} 元？已入账 {}，尚欠 {}；登记后尚欠 {{1}}。",
        "Record paying the brand {{0}} yuan of the late penalty of {0} {1}? Posted {2}, "
        "owed {3}; {{1}} owed after it.",
    ),
    "confirm_excuse": (
        "登记品牌方原因造成的付款延误？这些日期将不计逾期、不收滞纳金，登记后不能删除。",
        "Record a delay the brand caused? Those days are neither counted late nor charged; "
        "a record cannot be removed.",
    ),
    # What an action did (done(...), shown once on the page it leads to)
    "done_drafted": (
        "已生成 {} {} 第 {} 版草稿：应汇货款 {}。请复核后出具给品牌方。",
        "Drafted version {2} of {0} {1}: remittance {3}. Review it, then issue it to the brand.",
    ),
    "done_draft_unchanged": (
        "草稿未变：{} {} 的订单与已存草稿相同，应汇货款 {}。",
        "The draft is unchanged: {0} {1}'s orders give the same figures, remittance {2}.",
    ),
    "done_issued": (
        "已将 {} {} 第 {} 版出具给品牌方：应汇货款 {}；品牌方须在 {} 前确认或提出异议。",
        "Issued version {2} of {0} {1} to the brand: remittance {3}; the brand confirms or "
        "disputes by {4}.",
    ),
    "done_confirmed": (
        "已书面确认 {} {} 第 {} 版：应汇货款 {}，付款截止 {}。",
        "Confirmed version {2} of {0} {1} in writing: remittance {3}, payment due {4}.",
    ),
    "done_disputed": (
        "已对 {} {} 第 {} 版提出异议：代运营商将生成并出具新版本。",
        "Disputed version {2} of {0} {1}: the operator drafts and issues a new version.",
    ),
    "done_paid_part": (
        "已登记付款 {}（{}）：已付 {}，尚欠货款 {}。",
        "Recorded a payment of {0} ({1}): {2} paid, {3} outstanding.",
    ),
    "done_paid_in_full": (
        "已登记付款 {}（{}）：应汇货款 {} 已全部付清，对账单已结清。",
        "Recorded a payment of {0} ({1}): the remittance of {2} is paid in full; settled.",
    ),
    "done_penalty_paid": (
        "已登记支付滞纳金 {}（{}）：尚欠滞纳金 {}。",
        "Recorded paying {0} of the late penalty ({1}): {2} still owed.",
    ),
    "done_excused": (
        "已登记品牌方原因延误 {} 至 {}（{} 天）：滞纳金由 {} 变为 {}。",
        "Recorded the delay the brand caused from {0} to {1} ({2} days): late penalty {3} now {4}.",
    ),
    # The statement page
    "outstanding_note": ("已付 {}，尚欠 {}", "{} paid, {} outstanding"),
    "dispute_reason": ("异议理由", "Why the statement is wrong"),
    "dispute_hint": (
        "写明哪一项金额或哪些订单不对，代运营商据此生成新版本",
        "say which amount or which orders are wrong; the operator drafts the new version from it",
    ),
    "confirm_reason": ("备注（可选）", "Note (optional)"),
    "changes_title": ("第 {} 版与第 {} 版相比", "Version {} compared with version {}"),
    "changes_note": (
        "第 {} 版因品牌方异议而生成；下表列出有变化的项目，其余未变。",
        "Version {} was drafted after the brand's dispute; the figures that changed are below, "
        "the others did not.",
    ),
    "changes_none": (
        "与上一版相比，各项金额都没有变化。",
        "No figure changed from the version before.",
    ),
    "change_before": ("第 {} 版", "Version {}"),
    "change_difference": ("差额", "Difference"),
    "disputed_because": ("品牌方异议：", "The brand's dispute: "),
    # A month with no statement yet (a duty's link leads there)
    "not_drafted": ("尚未生成", "not drafted yet"),
    "not_drafted_note": (
        "{} {}年{}月的对账单还没有生成草稿。按合同，应在 {} 前出具给品牌方（R-S6）。",
        "{0}'s statement of {1}-{2:02d} has not been drafted yet. The contract has it issued "
        "to the brand by {3} (R-S6).",
    ),
    "not_drafted_outside": (
        "{} {}年{}月的对账单没有生成，这个月份不在合同期内。",
        "{0}'s statement of {1}-{2:02d} has not been drafted: the month is outside the "
        "contract's term.",
    ),
    "not_drafted_late": ("出具期限已过 {} 天。", "The day to issue it passed {} days ago."),
    "not_drafted_may": (
        "生成草稿后可先复核，再出具给品牌方。",
        "A draft can be reviewed before it is issued to the brand.",
    ),
    "not_drafted_why_not": ("不能生成草稿：", "It cannot be drafted: "),
    "not_drafted_not_yours": (
        "只有代运营方的财务人员和管理员可以生成对账单，请联系他们。",
        "Only the agency's finance people and admins draft statements: ask one of them.",
    ),
    "not_drafted_others": ("{}的全部对账单", "All of {}'s statements"),
    # The list of statements
    "statements_found": ("共 {} 张对账单", "{} statements"),
    "all_brands": ("全部品牌", "All brands"),
    "all_statuses": ("全部状态", "Every status"),
    "draft_month_hint": (
        "只能对已结束、且在合同期内的月份生成草稿",
        "only a month that is over and within the contract's term can be drafted",
    ),
    # The drill-down (R-S8)
    "drill_adds_up": ("合计等于对账单上的{}", "adds up to the statement's {}"),
    "drill_how": ("计算方法", "How it is made"),
    "drill_sum": ("{} 行的“{}”之和 = {}", "the sum of “{1}” over {0} lines = {2}"),
    "drill_count": ("{} 行", "{} lines"),
    "drill_count_orders": ("{} 个订单", "{} orders"),
    "drill_rate": (
        "{} {} × {} {} = {}，四舍五入到分（只在整张对账单上舍入一次，R-S3）= {}",
        "{0} {1} × {2} {3} = {4}, rounded half up to the fen once for the statement (R-S3) = {5}",
    ),
    "drill_formula": ("{} =", "{} ="),
    "drill_filtered": (
        "只列出规则 {} 的行：合计不是整项金额",
        "only the lines of rule {} are listed: the total is not the whole figure",
    ),
    "drill_mismatch": (
        "明细合计与对账单金额不符，请联系管理员",
        "the lines do not add up to the figure: tell an administrator",
    ),
    "drill_total_row": ("合计（全部 {} 行）", "Total (all {} lines)"),
    "commission_exact": ("佣金（精确，未舍入）", "Commission (exact, unrounded)"),
    "line_net_units": ("净件数", "Net units"),
    "refund_reason": ("退款原因", "Refund reason"),
}
