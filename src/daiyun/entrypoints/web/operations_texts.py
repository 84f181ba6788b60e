"""Page texts of the operations desk and the brand's view of its goods (issue 19, point 7):
(中文, English). Their keys start with `ops_` (and `done_ops_` for what a form did), so that
none is another page's. The names of the codes (a stockout's state, a request's kind, the
goods' obligations) are in value_texts.py."""

from __future__ import annotations

__all__ = ["OPERATIONS_TEXTS"]

OPERATIONS_TEXTS: dict[str, tuple[str, str]] = {
    "ops_title": ("运营工作台", "Operations desk"),
    "ops_title_brand": ("货品与售后", "Goods and after-sales"),
    "ops_as_of": ("截至 {}", "as of {}"),
    "ops_intro": (
        "今天要处理的发货超时、缺货、待收退货和错发，各附截止日，最紧急的在前。",
        "Today's shipping breaches, stockouts, returns to handle and mis-shipments, each with "
        "its deadline, the most urgent first.",
    ),
    "ops_intro_brand": (
        "贵品牌的发货超时、缺货（通知与补货义务）、退换货和错发记录，各附截止日。",
        "Your brand's shipping breaches, stockouts (your notice and replenishment duties), "
        "returns and mis-shipments, each with its deadline.",
    ),
    "ops_all_brands": ("全部品牌", "All brands"),
    "ops_all_stores": ("全部店铺", "All stores"),
    "ops_filter": ("筛选", "Filter"),
    "ops_deadline": ("截止", "Deadline"),
    # Shipping (R-F2)
    "ops_breaches": ("发货超时", "Shipping breaches"),
    "ops_breaches_rule": (
        "品牌方须在买家付款后 {} 小时内发货（以合同为准，R-F2）；虚拟商品不计（R-F6）。",
        "The brand ships within {} hours of payment, as the contract says (R-F2); digital goods "
        "have no shipment (R-F6).",
    ),
    "ops_open_breaches": ("未发货（仍在超时）", "Unshipped, still late"),
    "ops_closed_breaches": ("{} 已超时发货", "Shipped late in {}"),
    "ops_ship_by": ("应发货时间", "Ship by"),
    "ops_shipped_at": ("发货时间", "Shipped"),
    "ops_hours_late": ("超时（小时）", "Hours late"),
    "ops_hours_so_far": ("已超时 {} 小时", "{} h late so far"),
    "ops_no_open_breaches": ("没有未发货的超时订单", "No unshipped order is late"),
    "ops_no_closed_breaches": ("本月没有超时发货的订单", "No order paid this month shipped late"),
    # Stockouts (R-F3)
    "ops_stockouts": ("缺货", "Stockouts"),
    "ops_stockouts_rule": (
        "在售商品库存为零：品牌方须在通知期内通知、补货期内补货；"
        "逾期后由店铺运营下架或更正供货信息（R-F3）。",
        "A listing on sale with nothing on hand: the brand notifies within its notice days and "
        "replenishes within its replenishment days; past them store operations take it off "
        "sale or correct its supply information (R-F3).",
    ),
    "ops_sku": ("商家编码", "SKU"),
    "ops_since": ("缺货起始", "Out since"),
    "ops_notice_by": ("通知截止", "Notice by"),
    "ops_replenish_by": ("补货截止", "Replenish by"),
    "ops_state": ("状态", "State"),
    "ops_task_note": ("做了什么", "What was done"),
    "ops_task_note_hint": ("例如：天猫链接已下架", "e.g. taken off sale on Tmall"),
    "ops_task_done": ("任务完成", "Task done"),
    "ops_task_confirm": (
        "确认 {} 店铺 {} 的缺货任务已完成（已下架或已更正供货信息）？",
        "Mark the stockout task of {} in store {} done (taken off sale or supply corrected)?",
    ),
    "ops_your_duty_notice": ("请在 {} 前通知代运营方", "notify the operator by {}"),
    "ops_your_duty_replenish": ("请在 {} 前补货", "replenish by {}"),
    "ops_your_duty_task": (
        "补货期已过：代运营方将下架或更正供货信息",
        "replenishment days passed: the operator takes it off sale or corrects its supply",
    ),
    "ops_no_stockouts": ("没有缺货", "No stockouts"),
    # Returns (R-F5)
    "ops_returns": ("待收退换货", "Returns to handle"),
    "ops_returns_rule": (
        "已受理、商品尚未退回的退货和换货；退货 7 天、换货 15 天，"
        "自收货次日起算，质量问题不限（R-F5）。",
        "Accepted returns and exchanges whose goods have not come back; returns within 7 days, "
        "exchanges within 15, from the day after receipt, quality at any time (R-F5).",
    ),
    "ops_order": ("订单", "Order"),
    "ops_line": ("行", "Line"),
    "ops_units": ("件数", "Units"),
    "ops_kind": ("类型", "Kind"),
    "ops_reason": ("原因", "Reason"),
    "ops_requested_on": ("申请日", "Requested"),
    "ops_window_ends": ("申请期末日", "Window's last day"),
    "ops_no_window": ("质量问题，不限期", "quality: no window"),
    "ops_received_back_on": ("退回日期", "Back on"),
    "ops_receive": ("登记收货", "Goods received"),
    "ops_receive_confirm": (
        "确认已收到订单 {} 第 {} 行退回的商品？退货的商品将计回库存。",
        "Record the goods of order {} line {} as received back? A return's go back into stock.",
    ),
    "ops_no_returns": ("没有待收的退换货", "No returns to handle"),
    # Recording a buyer's request (R-F5)
    "ops_request_title": ("登记退换货申请", "Record a return request"),
    "ops_request_rule": (
        "买家的退货或换货申请，按店铺合同的期限受理：质量问题不限期；其他原因退货 7 天、"
        "换货 15 天内（以合同为准），自收货次日起算；逾期不予受理并说明末日。",
        "A buyer's return or exchange request, decided by the store's contract: quality at any "
        "time; for another reason a return within 7 days, an exchange within 15 (as the "
        "contract says), from the day after receipt; later, refused naming the last day.",
    ),
    "ops_request_whole_order": ("整单", "whole order"),
    "ops_request_quality": ("质量问题", "Quality problem"),
    "ops_request_reason": ("其他原因", "Other reason"),
    "ops_request_reason_hint": ("例如：不喜欢", "e.g. does not like it"),
    "ops_request_received_on": ("买家收货日", "Buyer received on"),
    "ops_request_submit": ("登记申请", "Record the request"),
    # Mis-shipments (R-F4)
    "ops_misshipments": ("错发", "Mis-shipments"),
    "ops_misshipments_rule": (
        "买家反映错发或多发的商品，详细记录并即时通知品牌方（R-F4）。",
        "A wrong or extra item a buyer reported, recorded in detail and the brand told at "
        "once (R-F4).",
    ),
    "ops_recorded_on": ("记录日", "Recorded"),
    "ops_ordered": ("订购", "Ordered"),
    "ops_sent": ("实发", "Sent"),
    "ops_report": ("买家反映", "Buyer's report"),
    "ops_files": ("附件 {} 个", "{} file(s)"),
    "ops_seen": ("品牌方已阅", "Seen by the brand"),
    "ops_seen_at": ("{} 于 {} 已阅", "seen by {} at {}"),
    "ops_not_seen": ("品牌方未阅", "not seen by the brand yet"),
    "ops_mark_seen": ("已阅", "Mark seen"),
    "ops_no_misshipments": ("没有错发记录", "No mis-shipments"),
    # The portal's notice (R-F4: the brand told at once)
    "ops_notice_title": ("错发通知", "Mis-shipment notices"),
    "ops_notice_item": (
        "{} 订单 {} 第 {} 行：订购 {}，实发 {}",
        "{} order {} line {}: ordered {}, sent {}",
    ),
    "ops_notice_all": ("查看全部货品与售后", "See all goods and after-sales"),
    # An obligation's subject on the obligations pages and the dashboard (R-O1)
    "ops_subject_order": ("{} · {} 订单 {}", "{} · {} order {}"),
    "ops_subject_stockout": ("{} · {} 缺货 {}", "{} · {} stockout of {}"),
    # What a form did
    "done_ops_stockout_done": ("{} 的缺货任务已完成（{} 条）", "{}: stockout task done ({})"),
    "done_ops_received": (
        "订单 {} 第 {} 行的退回商品已登记",
        "The goods of order {} line {} are recorded as received back",
    ),
    "done_ops_received_before": (
        "订单 {} 第 {} 行的退回商品此前已登记",
        "The goods of order {} line {} were recorded as received before",
    ),
    "done_ops_request_accepted": (
        "订单 {} 的退换货申请已受理（申请期末日 {}）",
        "The return request of order {} is accepted (the window's last day: {})",
    ),
    "done_ops_request_quality": (
        "订单 {} 的退换货申请已受理（质量问题，不限期）",
        "The return request of order {} is accepted (quality: no window)",
    ),
    "done_ops_seen": ("已记录：错发 {} 已阅", "Recorded: mis-shipment {} seen"),
}
