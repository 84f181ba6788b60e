"""Page texts of orders: the list, its search and sorting, an order's page, exports.

Also the names of two kinds of code only the order pages show: a sold line's price check
(`label("price_check", code)`, domain/pricing PriceCheck) and a refund's reason
(`label("refund_reason", code)`, the daiyun order file's `quality`).
"""

from __future__ import annotations

__all__ = ["ORDER_TEXTS"]

ORDER_TEXTS: dict[str, tuple[str, str]] = {
    # The list: search, sorting, exports
    "ord_order_no_starts": ("订单号（开头）", "Order no. starts with"),
    "ord_order_no_hint": ("输入订单号或其开头", "an order number or its start"),
    "ord_sku_starts": ("SKU 编码（开头）", "SKU code starts with"),
    "ord_title_contains": ("商品名称包含", "Product title contains"),
    "ord_title_hint": ("如：面霜", "e.g. 面霜"),
    "ord_buyer_key": ("买家标识", "Buyer key"),
    "ord_buyer_hint": ("订单页上的买家标识", "the buyer key an order page shows"),
    "ord_sort_by": ("排序", "Sort by"),
    "ord_sort_paid_at": ("付款时间", "Payment time"),
    "ord_sort_amount": ("实付金额", "Amount paid"),
    "ord_sort_status": ("订单状态", "Status"),
    "ord_sort_direction": ("顺序", "Order"),
    "ord_sort_desc": ("从新到旧 / 从大到小", "Newest or largest first"),
    "ord_sort_asc": ("从旧到新 / 从小到大", "Oldest or smallest first"),
    "ord_clear_search": ("清除条件", "Clear"),
    "ord_export": ("导出当前结果", "Export this result"),
    "ord_export_note": (
        "按当前的筛选和排序导出，最多 {} 条；金额以元计，时间为北京时间",
        "same filters and order as the list, at most {} orders; amounts in yuan, times in "
        "Beijing time",
    ),
    "ord_export_capped": (
        "共 {} 条，文件只含前 {} 条：请缩小范围（如按付款日期）分次导出。",
        "{} orders match; the file holds the first {}: narrow the search (by payment dates, "
        "say) and export in parts.",
    ),
    # An order's page
    "ord_back": ("返回订单列表", "Back to the orders"),
    "ord_heading": ("订单 {}", "Order {}"),
    "ord_contract": ("合同", "contract"),
    "ord_platform": ("平台", "Platform"),
    "ord_created_at": ("下单时间", "Created at"),
    "ord_shipped_at": ("发货时间", "Shipped at"),
    "ord_completed_at": ("成交时间", "Completed at"),
    "ord_closed_at": ("关闭时间", "Closed at"),
    "ord_total": ("订单金额", "Order total"),
    "ord_shipping": ("运费", "Shipping"),
    "ord_region": ("收货地区", "Delivered to"),
    "ord_buyer_orders": ("该买家的全部订单", "All orders of this buyer"),
    "ord_as_of": ("数据截至", "Data as of"),
    "ord_times_note": (
        "时间均为北京时间。买家标识是买家账号的加密散列，不含姓名、电话或地址。",
        "Times are Beijing time. The buyer key is a keyed hash of the buyer's account, "
        "never a name, phone or address.",
    ),
    "ord_lines": ("订单行", "Lines"),
    "ord_no_lines": (
        "这份订单没有 SKU 明细（订单级报表），无法结算（R-S1）。",
        "This order has no SKU lines (an order-level report): it cannot be settled (R-S1).",
    ),
    "ord_product": ("商品", "Product"),
    "ord_units": ("件数", "Units"),
    "ord_line_amount": ("实付（不含运费）", "Paid (no shipping)"),
    "ord_unit_paid": ("实付单价", "Paid per unit"),
    "ord_guide_price": ("零售指导价", "Guide price"),
    "ord_highest_price": ("最高限价", "Highest price"),
    "ord_price_check": ("价格检查", "Price check"),
    "ord_promotion": ("促销 {} 第 {} 版，促销价 {}", "promotion {} v{} at {}"),
    "ord_funded_by": ("由{}承担", "funded by {}"),
    "ord_gap_below_guide": ("低于指导价 {}（R-P2）", "{} below the guide price (R-P2)"),
    "ord_gap_above_cap": ("高于最高限价 {}（R-P3）", "{} above the highest price (R-P3)"),
    "ord_price_note": (
        "实付单价 = 实付 ÷ 件数（含优惠，R-S4）。低于指导价须有品牌方书面批准的促销覆盖"
        "（R-P2、R-P4）；最高限价 = 指导价 ×（1 + {}）（R-P3）。",
        "Paid per unit = paid ÷ units, discounts included (R-S4). Below the guide price needs a "
        "promotion the brand approved in writing (R-P2, R-P4); the highest price is guide × "
        "(1 + {}) (R-P3).",
    ),
    "ord_refunds": ("退款与售后", "Refunds and after-sales"),
    "ord_no_refunds": ("没有退款。", "No refunds."),
    "ord_refund_for": ("退款对象", "Refund of"),
    "ord_line_n": ("第 {} 行", "line {}"),
    "ord_whole_order": ("整笔订单", "the whole order"),
    "ord_amount": ("金额", "Amount"),
    "ord_reason": ("原因", "Reason"),
    "ord_refund_done": ("退款完成时间", "Refunded at"),
    "ord_statements": ("对账单", "Statements"),
    "ord_no_statements": (
        "尚未计入任何对账单：订单行在成交当月的对账单中确认（R-S1）。",
        "Not in any statement yet: a line is recognised in the statement of the month it "
        "completed (R-S1).",
    ),
    "ord_statement": ("对账单", "Statement"),
    "ord_kind": ("类型", "Kind"),
    "ord_rule": ("规则", "Rule"),
    "ord_recognised": ("已确认收入", "Recognised"),
    "ord_yes": ("是", "yes"),
    "ord_not_yet": ("否（出具后才确认）", "not until issued"),
    "ord_files": ("导入来源", "Imported from"),
    "ord_no_files": ("没有导入记录。", "No import on record."),
    "ord_file": ("文件", "File"),
    "ord_rows": ("行号", "Rows"),
    "ord_file_as_of": ("数据截至", "Data as of"),
    "ord_imported_at": ("导入时间", "Imported at"),
    "ord_imported_by": ("导入人", "Imported by"),
    "ord_files_note": (
        "列出最近一次更新订单或其订单行的文件（行号从表头行 = 1 起算）。",
        "The files that last brought the order or one of its lines forward (row 1 is the "
        "header line).",
    ),
    "ord_timeline": ("时间线", "Timeline"),
    "ord_event_created": ("买家下单", "The buyer placed the order"),
    "ord_event_paid": ("买家付款", "The buyer paid"),
    "ord_event_shipped": ("已发货", "Shipped"),
    "ord_event_completed": ("交易成功", "Completed"),
    "ord_event_closed": ("交易关闭", "Closed"),
    "ord_event_refund_line": ("第 {} 行退款 {}", "Line {} refunded {}"),
    "ord_event_refund_order": ("整笔订单退款 {}", "The whole order refunded {}"),
    "ord_event_imported": ("导入文件 {}（{}）", "File {} imported (by {})"),
    "ord_event_issued": ("对账单 {} {} 第 {} 版出具给品牌方", "Statement {} {} v{} issued"),
    # domain/pricing: PriceCheck
    "price_check_within": ("在指导价与最高限价之间", "within guide and cap"),
    "price_check_below_guide": ("低于指导价", "below the guide price"),
    "price_check_above_cap": ("高于最高限价", "above the highest price"),
    "price_check_no_guide_price": ("付款时没有指导价", "no guide price when paid"),
    "price_check_not_paid": ("未付款，无需检查", "not paid: nothing to check"),
    "price_check_no_sku": ("没有 SKU", "no SKU"),
    "price_check_in_promotion": (
        "低于指导价，在已批准的促销内",
        "below guide, in an approved promotion",
    ),
    # the daiyun order file's refund reason
    "refund_reason_quality": ("质量问题", "quality"),
}
