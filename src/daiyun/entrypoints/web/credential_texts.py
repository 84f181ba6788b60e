"""Page texts of store credentials and outages (issue 21, R-B7, R-B8): (中文, English).

Their keys start with `cred_` or `outage_` (and `done_cred_`, `done_outage_` for what a form
did), so that none is another page's. The kinds of credential are in value_texts.py.
"""

from __future__ import annotations

__all__ = ["CREDENTIAL_TEXTS"]

CREDENTIAL_TEXTS: dict[str, tuple[str, str]] = {
    # A brand's credentials (R-B7)
    "cred_title": ("店铺账号密码", "Store credentials"),
    "cred_of": ("{} 的店铺账号密码", "Store credentials of {}"),
    "cred_intro": (
        "品牌方交付的平台与支付宝账号只加密保存，仅用于店铺运营与退款；每次查看密码都记录查看人、"
        "时间和原因，品牌方可在此查看记录。合同终止时交还品牌方，密文随即删除。",
        "The platform and Alipay credentials the brand handed over are kept encrypted and used "
        "only for operations and refunds; every reveal is logged with who, when and why, and "
        "the brand sees the log here. At exit they are handed back and their secrets wiped.",
    ),
    "cred_none": ("尚未登记任何账号", "No credentials recorded"),
    "cred_kind": ("类型", "Kind"),
    "cred_login_name": ("登录名", "Login name"),
    "cred_note": ("备注", "Note"),
    "cred_secret": ("密码或密钥", "Password or secret"),
    "cred_added": ("登记", "Recorded"),
    "cred_state": ("状态", "State"),
    "cred_held": ("代运营方保管中", "held by the agency"),
    "cred_handed_back": ("已于 {} 交还", "handed back on {}"),
    "cred_reveals": ("查看次数", "Reveals"),
    "cred_add": ("登记账号", "Record a credential"),
    "cred_add_hint": (
        "密码只以密文保存；列表中从不显示。",
        "The secret is kept encrypted only; lists never show it.",
    ),
    "cred_save": ("加密保存", "Encrypt and keep"),
    "cred_reveal": ("查看密码", "Reveal"),
    "cred_reason": ("原因", "Reason"),
    "cred_reason_hint": ("如：处理退款 #880001", "e.g. refund of order 880001"),
    "cred_confirm_reveal": (
        "查看 {} 的密码？此次查看将记录您的用户名、时间和原因，品牌方可见。",
        "Reveal the secret of {}? The reveal is logged with your login, the time and the "
        "reason, and the brand sees it.",
    ),
    "cred_revealed": ("{} 的密码（仅显示这一次）", "The secret of {} (shown this once)"),
    "cred_revealed_note": (
        "此次查看已记录。请勿保存或转发。",
        "This reveal is logged. Do not keep or forward it.",
    ),
    "cred_log": ("查看记录", "Reveal log"),
    "cred_log_none": ("尚无查看记录", "No reveals yet"),
    "cred_revealed_at": ("查看时间", "When"),
    "cred_revealed_by": ("查看人", "Who"),
    "cred_which": ("账号", "Which"),
    # The forms' fields, as a refused form names them (page_errors.form_problems)
    "field_login_name": ("登录名", "login name"),
    "field_secret": ("密码", "secret"),
    "field_credential_id": ("账号编号", "credential"),
    "field_started": ("开始时间", "start"),
    "field_ended": ("结束时间", "end"),
    "done_cred_added": ("已加密保存 {} 的账号 {}", "Credential {1} of {0} kept encrypted"),
    # Outages (R-B8)
    "outage_title": ("服务中断", "Service outages"),
    "outage_intro": (
        "代运营服务中断超过合同约定时长（默认 2 小时）的，记录在案并通知品牌方。",
        "A service outage longer than the contract's hours (2 by default) is logged and the "
        "brand noticed.",
    ),
    "outage_notices": ("致品牌方的中断通知", "Outage notices to the brand"),
    "outage_notice": (
        "{} 至 {}，{} 中断 {} 分钟（超过合同约定的 {} 小时）：{}",
        "{} to {}: {} down for {} minutes (more than the contract's {} hours): {}",
    ),
    "outage_none": ("没有记录的服务中断", "No outages recorded"),
    "outage_from": ("开始", "From"),
    "outage_to": ("结束", "To"),
    "outage_minutes": ("时长（分钟）", "Minutes"),
    "outage_what": ("中断内容", "What was down"),
    "outage_noticed": ("已通知品牌方", "Brand noticed"),
    "outage_noticed_at": ("{} 已通知", "noticed {}"),
    "outage_not_noticed": ("未超过 {} 小时，无需通知", "within {} hours: no notice"),
    "outage_record": ("登记服务中断", "Record an outage"),
    "outage_save": ("登记", "Record"),
    "outage_time_hint": ("北京时间", "Beijing time"),
    "outage_confirm": (
        "登记该服务中断？超过合同约定时长的将立即通知品牌方。",
        "Record this outage? One longer than the contract's hours is noticed to the brand at once.",
    ),
    "outage_bad_time": ("{}“{}”不是时间", "{} '{}' is not a time"),
    "outage_link": ("服务中断记录", "Service outages"),
    "done_outage_recorded": ("已登记服务中断（{} 分钟）", "Outage recorded ({} minutes)"),
    "done_outage_noticed": (
        "已登记服务中断（{} 分钟），并已通知品牌方",
        "Outage recorded ({} minutes); the brand noticed",
    ),
}
