"""Page texts of the contract page and its life (issue 21; R-C5, R-C6, R-C8): (中文, English).

Their keys start with `lc_` (and `done_lc_` for what a form did), besides the names of the
obligations' kinds (`kind_…`) and the audit's actions (`action_contract.…`) of the contract's
life, which the obligation lists and the audit log build from the code.
"""

from __future__ import annotations

__all__ = ["LIFECYCLE_TEXTS"]

LIFECYCLE_TEXTS: dict[str, tuple[str, str]] = {
    "lc_title": ("合同 {}", "Contract {}"),
    "lc_signed_on": ("签订日", "Signed on"),
    "lc_effective_on": ("生效日", "Effective on"),
    "lc_term_months": ("每期 {} 个月", "{} months a term"),
    "lc_auto_renew": ("期满无异议自动续期", "renews on its own unless objected to"),
    "lc_no_auto_renew": ("期满即终止，不自动续期", "ends at its expiry, no renewal"),
    "lc_notice_months": ("续约异议须提前 {} 个月书面提出", "objections {} month(s) before the end"),
    # The term and renewals (R-C5)
    "lc_terms": ("合同期限与续期", "Term and renewals"),
    "lc_term_n": ("第 {} 期", "Term {}"),
    "lc_term": ("期次", "Term"),
    "lc_first_term": ("首期", "first term"),
    "lc_renewal_n": ("第 {} 次续期", "renewal {}"),
    "lc_from_to": ("起止", "From – to"),
    "lc_notice_by": ("异议截止日", "Object by"),
    "lc_current": ("当前", "current"),
    "lc_next_notice": (
        "下一个续约异议截止日：{}。此前任何一方未书面提出异议的，合同自动续期 {} 个月。",
        "Next renewal-notice deadline: {}. Without a written objection by then the contract "
        "renews for another {} months.",
    ),
    "lc_no_next_notice": ("合同不再续期。", "The contract renews no more."),
    "lc_objections": ("续约异议", "Objections to renewal"),
    "lc_no_objections": ("没有续约异议", "No objection to renewal"),
    "lc_objection_by": ("提出方", "By"),
    "lc_objection_on": ("书面异议日", "Objected on"),
    "lc_reason": ("理由", "Reason"),
    "lc_object": ("登记书面续约异议", "Record a written objection"),
    "lc_object_for_brand": ("以品牌方名义提出续约异议", "Object to renewal for the brand"),
    "lc_confirm_object": (
        "确认登记合同 {} 的续约异议？登记后不可修改，合同将于本期届满时终止。",
        "Record the objection to contract {}'s renewal? It cannot be changed; the contract then "
        "ends at the end of its term.",
    ),
    # The end (R-C6)
    "lc_end": ("合同终止", "End of the contract"),
    "lc_ends_on": ("合同最后一日：{}（{}）", "Last day of the contract: {} ({})"),
    "lc_running": ("合同履行中", "The contract runs"),
    "lc_end_right": ("行使的解约权：{}", "Termination right used: {}"),
    "lc_end_form": ("登记合同终止", "Record the end"),
    "lc_cause": ("终止原因", "Cause"),
    "lc_cause_agreement": ("协商一致", "agreement"),
    "lc_cause_expiry": ("期满终止", "expiry"),
    "lc_cause_termination": ("行使解约权", "termination"),
    "lc_right_key": ("解约权（可不填，默认最早产生者）", "Right (optional: the earliest)"),
    "lc_confirm_end": (
        "确认登记合同 {} 于所填日期终止？登记后不可修改，退出义务随即开始。",
        "Record the end of contract {} on that day? It cannot be changed; the exit duties start.",
    ),
    # Termination rights and breach notices (R-C6)
    "lc_rights": ("已产生的解约权", "Termination rights that have arisen"),
    "lc_no_rights": ("尚未产生解约权", "No termination right has arisen"),
    "lc_right_holder": ("权利方", "Held by"),
    "lc_arose_on": ("产生日", "Arose on"),
    "lc_breaches": ("违约书面通知", "Breach notices"),
    "lc_no_breaches": ("没有违约通知", "No breach notice"),
    "lc_breach_what": ("违约事项", "Breach"),
    "lc_cure_by": ("纠正截止日", "Cure by"),
    "lc_cured_on": ("已纠正日", "Cured on"),
    "lc_not_cured": ("未纠正", "not cured"),
    "lc_notice_form": ("登记违约书面通知", "Record a breach notice"),
    "lc_cured_form": ("登记已纠正", "Record the cure"),
    "lc_confirm_notice": (
        "确认登记合同 {} 的违约通知？对方须在期限内纠正，否则产生解约权。",
        "Record the breach notice on contract {}? Not cured in time, it gives a termination right.",
    ),
    "lc_confirm_cured": ("确认登记违约通知 {} 已纠正？", "Record breach notice {} as cured?"),
    # Exit duties (R-C6)
    "lc_exit": ("退出义务", "Exit duties"),
    "lc_exit_note": (
        "合同终止后 {} 日内完成，每项须附证据（文件或书面说明）方可关闭",
        "due {} days after the last day, each closed only with evidence (a file or a note)",
    ),
    "lc_no_exit": ("合同终止后开始", "They start when the contract ends"),
    "lc_duty": ("义务", "Duty"),
    "lc_duty_remove_marks": ("撤除品牌标识及广告", "Remove the brand's marks and ads"),
    "lc_duty_return_goods": ("返还品牌货品及财产", "Return the brand's goods and property"),
    "lc_duty_final_statement": ("出具最终对账单", "Final statement"),
    "lc_duty_final_bill": ("出具最终服务费账单", "Final fee bill"),
    "lc_duty_hand_back_credentials": ("交还店铺账号密码", "Hand back the store credentials"),
    "lc_evidence": ("证据", "Evidence"),
    "lc_evidence_file": ("证据文件", "Evidence file"),
    "lc_evidence_note": ("书面说明", "Note"),
    "lc_exit_form": ("登记退出义务完成", "Close an exit duty"),
    "lc_confirm_exit": (
        "确认合同 {} 的该项退出义务已完成？登记后不可修改。",
        "Close this exit duty of contract {}? It cannot be changed.",
    ),
    # Confidentiality (R-C8)
    "lc_confidentiality": ("保密义务", "Confidentiality"),
    "lc_damages": (
        "违约金（损失难以计算时）",
        "Liquidated damages (where a loss is hard to compute)",
    ),
    "lc_confidential_until": ("保密义务截止", "Duty ends"),
    "lc_confidential_running": ("合同终止后 {} 年", "{} years after the end"),
    # Form fields named in the form's refusals
    "lc_bad_day": ("{}：“{}”不是日期（YYYY-MM-DD）", "{}: {!r} is not a day (YYYY-MM-DD)"),
    "lc_bad_choice": ("{}：“{}”不在可选范围内", "{}: {!r} is not one of the choices"),
    "lc_field_on": ("日期", "Day"),
    "lc_field_by": ("提出方", "Party"),
    "lc_field_cause": ("终止原因", "Cause"),
    "lc_field_duty": ("退出义务", "Exit duty"),
    # The forms' fields, as a form's problems name them (page_errors.py)
    "field_by": ("提出方", "party"),
    "field_duty": ("退出义务", "exit duty"),
    "field_evidence": ("证据文件", "evidence file"),
    "field_what": ("违约事项", "breach"),
    "field_right": ("解约权", "termination right"),
    "field_notice": ("违约通知编号", "breach notice"),
    "field_form": ("合同表单", "contract form"),  # a form's address opened by GET
    # What a form did
    "done_lc_objected": (
        "已登记合同 {} 的续约异议（{}，第 {} 期）",
        "Objection to contract {}'s renewal recorded ({}, term {})",
    ),
    "done_lc_ended": ("已登记合同 {} 于 {} 终止", "Contract {} ends on {}"),
    "done_lc_noticed": ("已登记违约通知 {}，纠正截止 {}", "Breach notice {} recorded, cure by {}"),
    "done_lc_cured": ("违约通知 {} 已于 {} 纠正", "Breach notice {} cured on {}"),
    "done_lc_exit_done": ("合同 {} 的退出义务已关闭：{}", "Contract {}: exit duty {} closed"),
    # The obligations' kinds (R-O1) and the audit's actions (R-D3) of the contract's life
    "kind_object_to_renewal": ("续约异议截止", "Object to renewal"),
    "kind_cure_breach": ("纠正违约", "Cure the breach"),
    "kind_exit_remove_marks": ("撤除品牌标识及广告", "Remove brand marks and ads"),
    "kind_exit_return_goods": ("返还货品及财产", "Return goods and property"),
    "kind_exit_final_statement": ("出具最终对账单", "Final statement"),
    "kind_exit_final_bill": ("出具最终服务费账单", "Final fee bill"),
    "kind_exit_hand_back_credentials": ("交还店铺账号密码", "Hand back credentials"),
    "subject_contract": ("{} · 合同 {}", "{} · contract {}"),
    "action_contract.object": ("续约异议", "objection to renewal"),
    "action_contract.end": ("合同终止", "contract ended"),
    "action_contract.breach_notice": ("违约通知", "breach notice"),
    "action_contract.breach_cured": ("违约已纠正", "breach cured"),
    "action_contract.exit_duty": ("退出义务完成", "exit duty closed"),
}
