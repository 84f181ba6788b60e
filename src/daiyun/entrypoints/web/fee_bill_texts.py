"""Page texts of model B's fee bills, service fee and deposit (issue 18): (中文, English).

Their keys start with `fb_` (and `done_fb_` for what a form did), so that none is another
page's. The names of the codes (a bill's status, an instalment's, the deposit's) are in
value_texts.py.
"""

from __future__ import annotations

__all__ = ["FEE_BILL_TEXTS"]

FEE_BILL_TEXTS: dict[str, tuple[str, str]] = {
    # The list
    "fb_title": ("服务费账单", "Fee bills"),
    "fb_model_b": ("B 模式：品牌方收款", "model B: the brand collects"),
    "fb_found": ("共 {} 张账单", "{} bills"),
    "fb_none": ("没有符合条件的服务费账单", "No fee bills match"),
    "fb_none_model_a": (
        "贵品牌的合同为 A 模式：代运营方收款并按月出具货款对账单，没有服务费账单。"
        "请在“对账单”页查看。",
        "Your contracts are model A: the operator collects and sends you a monthly statement, "
        "there are no fee bills. See the statements page.",
    ),
    "fb_draft_month_hint": (
        "只能对已结束、在合同期内、且已导入支付宝账单的月份生成草稿；各月按顺序出具",
        "only a month that is over, within the term and whose Alipay statement is imported; "
        "months are billed in order",
    ),
    "fb_standing": ("逾期情况", "Standing"),
    "fb_overdue_days": ("逾期 {} 天", "{} day(s) overdue"),
    "fb_owing": ("尚欠 {}", "{} owing"),
    "fb_paid_late": ("逾期 {} 天后付清", "paid in full {} day(s) late"),
    "fb_termination_right_short": ("可解约", "termination right"),
    "fb_service_fees": ("年服务费与保证金", "Service fee and deposit"),
    "fb_service_fee_of": ("{} · {} 的年服务费与保证金", "{} · {}'s service fee and deposit"),
    "fb_all_of": ("{}的全部服务费账单", "All of {}'s fee bills"),
    # The bill
    "fb_bill": ("服务费账单", "Fee bill"),
    "fb_amount_due": ("应付金额", "Amount due"),
    "fb_paid": ("已付", "Paid"),
    "fb_outstanding": ("尚欠", "Outstanding"),
    "fb_issued_on": ("于 {} 出具", "issued on {}"),
    "fb_termination_right_from": ("解约权起始日", "Termination right from"),
    "fb_termination_right": (
        "品牌方逾期付款已 {} 天、未全额付清：自 {} 起代运营方有权解除合同。",
        "The brand is {} day(s) late and has not paid in full: from {} the operator may "
        "terminate the contract.",
    ),
    "fb_termination_right_paid_late": (
        "品牌方逾期 {} 天后才全额付清：自 {} 起至付清前，代运营方有权解除合同。",
        "The brand paid in full {} day(s) late: from {} until then the operator had the right "
        "to terminate the contract.",
    ),
    "fb_next_in_preparation": (
        "您对第 {} 版提出了异议，代运营方正在准备新版本；新版本出具后会在此显示。",
        "You disputed version {}; the operator is preparing the next version, which shows "
        "here once issued.",
    ),
    "fb_figures": ("金额及其计算", "Figures and how they are made"),
    "fb_figures_note": (
        "自上而下逐行计算，每项只舍入一次",
        "worked top to bottom, each figure rounded once",
    ),
    "fb_trade_income": ("交易收入（{} 笔）", "Trade income ({} lines)"),
    "fb_refunds_paid_out": (
        "减：已付出的交易退款（{} 笔）",
        "less trade refunds paid out ({} lines)",
    ),
    "fb_receipts": ("= 本月实收", "= Receipts of the month"),
    "fb_carried_in": ("加：上月结转的退款超额", "plus refunds beyond receipts carried in"),
    "fb_commission_base": ("= 计佣基数（不低于零）", "= Commission base (never below zero)"),
    "fb_commission": (
        "佣金：× 提成比例 {} = {}，四舍五入到分",
        "Commission: × rate {} = {}, rounded half up to the fen",
    ),
    "fb_vat": (
        "增值税：佣金 × 税率 {} = {}，四舍五入到分",
        "VAT: commission × rate {} = {}, rounded half up to the fen",
    ),
    "fb_amount_due_sum": ("= 应付金额（佣金 + 增值税）", "= Amount due (commission + VAT)"),
    "fb_carried_out": (
        "结转下月：退款超过实收的部分，从下月实收中扣除",
        "Carried to next month: refunds beyond receipts, taken off next month's receipts",
    ),
    "fb_receipts_note": (
        "实收 = 品牌方支付宝账户本月实际收到的交易款项减去付出的交易退款；"
        "手续费、提现和转账不计入。",
        "Receipts are the trade income that reached the brand's Alipay account in the month "
        "less the trade refunds paid out of it; fees, withdrawals and transfers do not count.",
    ),
    "fb_dates_note": (
        "按合同应在 {} 前出具、{} 前付款（自然日）；{} 起仍未全额付清，代运营方有权解除合同。",
        "The contract has it issued by {} and paid by {} (calendar days); still not paid in "
        "full on {}, the operator may terminate the contract.",
    ),
    "fb_confirm": ("确认账单", "Confirm the bill"),
    "fb_confirm_note": (
        "确认即为书面认可该版本账单，将记录确认人、时间与版本；付款截止日不因确认而改变。",
        "Confirming is your written approval of this version; who, when and which version "
        "are recorded. The payment day stays as it is.",
    ),
    "fb_dispute_reason": ("异议理由", "Why the bill is wrong"),
    "fb_dispute_hint": (
        "写明哪一项金额不对，代运营方据此生成新版本",
        "say which amount is wrong; the operator drafts the next version from it",
    ),
    "fb_answer_not_yours": (
        "您的角色只能查看：请由品牌方管理员或品牌方财务确认或提出异议。",
        "Your role may only look: a brand admin or brand finance confirms or disputes it.",
    ),
    "fb_pay_note": ("已付 {}，尚欠 {}", "{} paid, {} outstanding"),
    "fb_download_note": (
        "含计算过程、付款、增值税发票开具信息（含纳税人识别号）和计入的支付宝明细",
        "with how it is made, the payments, the VAT invoice request (with the tax id) and the "
        "Alipay lines counted",
    ),
    # Confirmations: what the action does, restated with the amounts (data-confirm)
    "fb_confirm_issue": (
        "将 {} {} 第 {} 版服务费账单出具给品牌方 {}？应付金额 {}（佣金 {} + 增值税 {}），"
        "付款截止 {}。出具后此版本不能再修改。",
        "Issue version {2} of fee bill {0} {1} to brand {3}? Amount due {4} (commission {5} "
        "+ VAT {6}), payment due {7}. Once issued this version can no longer change.",
    ),
    "fb_confirm_confirm": (
        "书面确认 {} {} 第 {} 版服务费账单？应付金额 {}，付款截止 {}。确认后不能撤回。",
        "Confirm version {2} of fee bill {0} {1} in writing? Amount due {3}, payment due {4}. "
        "A confirmation cannot be withdrawn.",
    ),
    "fb_confirm_dispute": (
        "对 {} {} 第 {} 版服务费账单提出异议？代运营方将生成并出具新版本。",
        "Dispute version {2} of fee bill {0} {1}? The operator then drafts and issues a new "
        "version.",
    ),
    "fb_confirm_pay": (
        "登记 {} {} 服务费账单的付款 {{0}} 元？应付金额 {}，已付 {}，尚欠 {}；登记后尚欠 {{1}}。"
        "付款登记后不能删除。",
        "Record a payment of {{0}} yuan for fee bill {0} {1}? Amount due {2}, paid {3}, "
        "outstanding {4}; {{1}} outstanding after it. A payment cannot be removed.",
    ),
    "fb_confirm_pay_instalment": (
        "登记第 {} 期服务费（合同 {}）的付款 {{0}} 元？含税应付 {}，已付 {}，尚欠 {}；"
        "登记后尚欠 {{1}}。付款登记后不能删除。",
        "Record a payment of {{0}} yuan for instalment {0} of contract {1}? Due with VAT {2}, "
        "paid {3}, outstanding {4}; {{1}} outstanding after it. A payment cannot be removed.",
    ),
    "fb_confirm_receive_deposit": (
        "登记合同 {} 的服务保证金 {} 已收到？保证金在合同期内由代运营方持有。",
        "Record contract {}'s service deposit of {} as received? The operator holds it for "
        "the term.",
    ),
    "fb_confirm_refund_deposit": (
        "登记已将合同 {} 的服务保证金 {} 退还品牌方？登记后不能撤回。",
        "Record contract {}'s service deposit of {} as refunded to the brand? This cannot be "
        "undone.",
    ),
    "fb_confirm_forfeit_deposit": (
        "因品牌方违约或单方解约，没收合同 {} 的服务保证金 {}？登记后不能撤回。",
        "Forfeit contract {}'s service deposit of {} for the brand's breach or unilateral "
        "termination? This cannot be undone.",
    ),
    # What an action did (done(...), shown once on the page it leads to)
    "done_fb_drafted": (
        "已生成 {} {} 第 {} 版服务费账单草稿：应付金额 {}。请复核后出具给品牌方。",
        "Drafted version {2} of fee bill {0} {1}: amount due {3}. Review it, then issue it "
        "to the brand.",
    ),
    "done_fb_draft_unchanged": (
        "草稿未变：{} {} 的支付宝明细与已存草稿相同，应付金额 {}。",
        "The draft is unchanged: {0} {1}'s Alipay lines give the same figures, amount due {2}.",
    ),
    "done_fb_issued": (
        "已将 {} {} 第 {} 版服务费账单出具给品牌方：应付金额 {}，付款截止 {}。",
        "Issued version {2} of fee bill {0} {1} to the brand: amount due {3}, payment due {4}.",
    ),
    "done_fb_confirmed": (
        "已书面确认 {} {} 第 {} 版服务费账单：应付金额 {}，付款截止 {}。",
        "Confirmed version {2} of fee bill {0} {1} in writing: amount due {3}, payment due {4}.",
    ),
    "done_fb_disputed": (
        "已对 {} {} 第 {} 版服务费账单提出异议：代运营方将生成并出具新版本。",
        "Disputed version {2} of fee bill {0} {1}: the operator drafts and issues a new version.",
    ),
    "done_fb_paid_part": (
        "已登记付款 {}（{}）：已付 {}，尚欠 {}。",
        "Recorded a payment of {0} ({1}): {2} paid, {3} outstanding.",
    ),
    "done_fb_paid_in_full": (
        "已登记付款 {}（{}）：应付金额 {} 已全部付清，账单已结清。",
        "Recorded a payment of {0} ({1}): the amount due of {2} is paid in full; settled.",
    ),
    "done_fb_instalment_paid": (
        "已登记付款 {}（第 {} 期，{}）：该期已付 {}，尚欠 {}。",
        "Recorded a payment of {0} (instalment {1}, {2}): {3} paid of it, {4} outstanding.",
    ),
    "done_fb_deposit_received": (
        "已登记收到服务保证金 {}（{}）。",
        "Recorded the service deposit of {} as received ({}).",
    ),
    "done_fb_deposit_refunded": (
        "已登记退还服务保证金 {}（{}）。",
        "Recorded the service deposit of {} as refunded ({}).",
    ),
    "done_fb_deposit_forfeited": (
        "已登记没收服务保证金 {}（{}）。",
        "Recorded the service deposit of {} as forfeited ({}).",
    ),
    # A month with no bill yet
    "fb_not_drafted_note": (
        "{} {}年{}月的服务费账单还没有生成草稿。按合同，应在 {} 前出具给品牌方。",
        "{0}'s fee bill of {1}-{2:02d} has not been drafted yet. The contract has it issued "
        "to the brand by {3}.",
    ),
    "fb_not_drafted_outside": (
        "{} {}年{}月的服务费账单没有生成，这个月份不在合同期内。",
        "{0}'s fee bill of {1}-{2:02d} has not been drafted: the month is outside the "
        "contract's term.",
    ),
    "fb_not_drafted_may": (
        "生成草稿后可先复核，再出具给品牌方。",
        "A draft can be reviewed before it is issued to the brand.",
    ),
    "fb_not_drafted_not_yours": (
        "只有代运营方的财务人员和管理员可以生成服务费账单，请联系他们。",
        "Only the agency's finance people and admins draft fee bills: ask one of them.",
    ),
    # The service fee and the deposit
    "fb_service_fee_title": ("年服务费与保证金", "Service fee and deposit"),
    "fb_annual_fee": ("年服务费", "Annual service fee"),
    "fb_before_vat": ("不含税", "before VAT"),
    "fb_vat_rate": ("增值税率", "VAT rate"),
    "fb_effective_on": ("合同生效日", "Effective on"),
    "fb_instalments": ("分期", "Instalments"),
    "fb_instalments_note": (
        "首期在签约后规定天数内支付，第二期在生效日后规定月数支付；服务开始后不退",
        "the first due within the agreed days of signing, the second the agreed months after "
        "the effective date; not refundable once service starts",
    ),
    "fb_no_instalments": (
        "合同未约定年服务费：没有分期。",
        "The contract agrees no annual service fee: no instalments.",
    ),
    "fb_instalment": ("期数", "Instalment"),
    "fb_instalment_n": ("第 {} 期", "Instalment {}"),
    "fb_instalment_amount": ("金额（不含税）", "Amount before VAT"),
    "fb_vat_amount": ("增值税", "VAT"),
    "fb_pay_instalment": ("登记第 {} 期付款", "Record a payment of instalment {}"),
    "fb_deposit": ("服务保证金", "Service deposit"),
    "fb_deposit_note": (
        "合同期内由代运营方持有；品牌方违约或单方解约时没收，否则期满且费用结清后按约定工作日内退还",
        "held for the term; forfeited on the brand's breach or unilateral termination, "
        "otherwise refunded within the agreed working days once the term is over and all "
        "is settled",
    ),
    "fb_deposit_says_none": ("合同未约定服务保证金。", "The contract agrees no service deposit."),
    "fb_deposit_says_not_received": (
        "约定保证金 {}，尚未收到。",
        "The agreed deposit of {} has not been received.",
    ),
    "fb_deposit_says_held": ("保证金 {} 由代运营方持有。", "The deposit of {} is held."),
    "fb_deposit_says_refund_due": (
        "合同已期满且费用已结清：保证金 {} 应退还品牌方。",
        "The term is over and all is settled: the deposit of {} is to be refunded.",
    ),
    "fb_deposit_says_refunded": ("保证金 {} 已退还品牌方。", "The deposit of {} was refunded."),
    "fb_deposit_says_forfeited": ("保证金 {} 已没收。", "The deposit of {} was forfeited."),
    "fb_deposit_received_on": ("收到日期 {}。", "Received on {}."),
    "fb_deposit_refund_due": ("应在 {} 前退还。", "To be refunded by {}."),
    "fb_deposit_event": ("事项", "Event"),
    "fb_on": ("日期", "On"),
    "fb_received_on": ("收到日期", "Received on"),
    "fb_refunded_on": ("退还日期", "Refunded on"),
    "fb_forfeited_on": ("没收日期", "Forfeited on"),
    "fb_receive_deposit": ("登记收到保证金", "Record the deposit received"),
    "fb_refund_deposit": ("登记退还保证金", "Record the deposit refunded"),
    "fb_forfeit_deposit": ("没收保证金", "Forfeit the deposit"),
    "fb_note_optional": ("备注（可选）", "Note (optional)"),
    "fb_forfeit_reason": ("没收理由", "Why it is forfeited"),
    "fb_forfeit_hint": (
        "品牌方违约或单方解约的事实",
        "the brand's breach or unilateral termination",
    ),
    # The audit's field of an instalment payment or a deposit event (service_fee.py's "on")
    "audit_field_on": ("日期", "on"),
    # A form's fields in their errors (money_field.py), and what is wrong with them
    "fb_field_amount": ("金额", "Amount"),
    "fb_field_paid_on": ("付款日期", "Paid on"),
    "fb_field_on": ("日期", "Day"),
    "fb_day_missing": ("{0}：请填写日期", "{1}: enter a day"),
    "fb_day_wrong": (
        "{0}：“{1}”不是日期，请按年-月-日填写，例如 2026-11-05",
        "{2}: '{1}' is not a day; write it as YYYY-MM-DD, e.g. 2026-11-05",
    ),
    "fb_instalment_wrong": ("期数：“{}”不是期数", "Instalment: '{}' is not an instalment"),
}
