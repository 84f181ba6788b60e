"""Page texts of the price, promotion and ad-spend pages (issue 6): key → (中文, English)."""

from __future__ import annotations

__all__ = ["PRICE_TEXTS"]

PRICE_TEXTS: dict[str, tuple[str, str]] = {
    "listings": ("商品价格", "Listings"),
    "promotions": ("促销", "Promotions"),
    "ad_spend": ("广告费", "Ad spend"),
    "sku": ("商家编码", "SKU"),
    "name": ("名称", "Name"),
    "guide_price": ("指导价", "Guide price"),
    "highest_price": ("最高价", "Highest price"),
    "listing_price": ("挂牌价", "Listing price"),
    "markup_cap": ("加价上限", "Markup cap"),
    "set_price": ("设定价格", "Set price"),
    "price": ("价格", "Price"),
    "effective_at": ("生效时间（北京时间，留空为现在）", "Effective at (Beijing time; empty: now)"),
    "price_set": ("价格已更新", "Price set"),
    "upload_prices": (
        "批量上传价格（CSV：store,sku,price）",
        "Upload prices (CSV: store,sku,price)",
    ),
    "upload": ("上传", "Upload"),
    "row": ("行", "Row"),
    "attempted": ("拟设价格", "Attempted"),
    "message": ("说明", "Message"),
    "nothing_changed": ("未做任何修改", "Nothing was changed"),
    "not_listed": ("未上架", "not listed"),
    "listing_on_sale": ("在售", "on sale"),
    "listing_off_sale": ("已下架", "off sale"),
    "choose_store": ("选择店铺", "Choose a store"),
    "new_promotion": ("新建促销", "New promotion"),
    "edit": ("编辑（生成新版本）", "Edit (makes a new version)"),
    "code": ("编号", "Code"),
    "window": ("时间窗口（北京时间）", "Window (Beijing time)"),
    "start": ("开始", "Start"),
    "end": ("结束（不含）", "End (excluded)"),
    "budget": ("预算", "Budget"),
    "funded_by": ("让利承担方", "Funded by"),
    "funded_brand": ("品牌方", "the brand"),
    "funded_operator": ("代运营方", "the operator"),
    "promotion_prices": (
        "促销价：每行一个商品（输入编码或商品名搜索）",
        "Promotion prices: one SKU a row (type a code or a product name to search)",
    ),
    "discount": ("折扣（如 15%，与促销价二选一）", "Discount (e.g. 15%; instead of prices)"),
    "discount_skus": ("折扣适用的商品", "SKUs the discount applies to"),
    "save_draft": ("保存草稿", "Save draft"),
    "submit_for_approval": ("提交品牌审批", "Submit for approval"),
    "approve": ("批准", "Approve"),
    "reject": ("驳回", "Reject"),
    "fingerprint": ("条款指纹（SHA-256）", "Terms fingerprint (SHA-256)"),
    "terms": ("条款", "Terms"),
    "written_answer": ("书面答复", "Written answer"),
    "approved_by": ("批准人", "Approved by"),
    "rejected_by": ("驳回人", "Rejected by"),
    "answered_at": ("答复时间", "Answered at"),
    "no_answer": ("尚未答复", "Not answered yet"),
    "status_submitted": ("待审批", "submitted"),
    "status_approved": ("已批准", "approved"),
    "status_rejected": ("已驳回", "rejected"),
    "not_current": (
        "这不是当前版本：当前为第 {} 版",
        "Not the current version: that is version {}",
    ),
    "no_promotions": ("还没有促销计划", "No promotions yet"),
    "show": ("查看", "Show"),
    "order_line": ("订单行", "Order line"),
    "actual_amount": ("实付金额", "Paid"),
    "gap": ("差额", "Gap"),
    "no_violations": ("本月没有价格违规", "No price violations this month"),
    "no_tasks": ("没有待处理的调价任务", "No listing waits for repricing"),
    "channel": ("渠道", "Channel"),
    "sales": ("当月销售额", "Sales this month"),
    "budget_band": ("广告预算区间", "Budget band"),
    "spent": ("已花费", "Spent"),
    "remaining": ("剩余", "Remaining"),
    "standing": ("状态", "Standing"),
    "standing_below": ("低于预算下限", "below the band"),
    "standing_within": ("在预算内", "within the band"),
    "standing_above": ("超出预算上限", "above the band"),
    "record_spend": ("记录广告费", "Record spend"),
    "share_of_sales": ("占销售额", "Share of sales"),
    "guide_prices": ("零售指导价", "Guide prices"),
    "category": ("类目", "Category"),
    "upload_catalog": (
        "上传商品与指导价（CSV 或 XLSX：商家编码,商品名称,类目,零售指导价[,生效时间,履约方式]）",
        "Upload SKUs and guide prices (CSV or XLSX: sku,name,category,guide_price"
        "[,effective_from,fulfilment])",
    ),
    "catalog_problems": (
        "文件有问题，未导入任何内容",
        "problem(s) in the file; nothing was imported",
    ),
    "catalog_imported": ("已导入", "Imported"),
    "skus_new": ("新增商品", "new SKUs"),
    "skus_updated": ("更新商品", "SKUs updated"),
    "skus_unchanged": ("未变", "unchanged"),
    "guide_prices_added": ("新指导价", "new guide prices"),
    "column": ("列", "Column"),
    "value": ("值", "Value"),
    # — issue 15: the promotion a brand approves, forms with every error at once —
    "promotion_price": ("促销价", "Promotion price"),
    "promo_product": ("商品", "Product"),
    "promo_cut": ("每件让利", "Cut per unit"),
    "promo_discount": ("折扣", "Discount"),
    "promo_no_guide": ("无指导价", "no guide price"),
    "promo_rounding": (
        "折扣 = 每件让利 ÷ 指导价，四舍五入到整数百分比；指导价为促销开始时生效的价格（R-P1）。",
        "Discount = cut per unit ÷ guide price, rounded half-up to a whole percent; the guide"
        " price is the one in force when the promotion starts (R-P1).",
    ),
    "promo_period": ("促销期间（北京时间，结束时刻不含）", "Period (Beijing time, end excluded)"),
    "promo_who_funds": ("谁承担让利", "Who funds the price cut"),
    "promo_funds_brand": (
        "品牌方承担：促销期间售出的商品按促销价结算（R-S2），品牌方每售出一件少收上表的“每件让利”。",
        "The brand: units sold in the period settle at the promotion price (R-S2), so the brand"
        " receives the cut per unit above less for each unit sold.",
    ),
    "promo_funds_operator": (
        "代运营方承担：售出的商品仍按指导价结算（R-S2），让利由代运营方承担，品牌方不少收。",
        "The operator: units sold still settle at the guide price (R-S2); the operator bears"
        " the cut and the brand receives no less.",
    ),
    "promo_r_p2": (
        "店铺优惠券和订单优惠是代运营方的降价，须有已批准的促销；平台或积分支付的部分"
        "（天猫卡券、集分宝、平台红包）不是降价，不需要促销（R-P2）。",
        "Shop coupons and order discounts are the operator's price cut and need an approved"
        " promotion; what the platform or points pay (Tmall vouchers, Jifenbao, platform red"
        " packets) is no price cut and needs none (R-P2).",
    ),
    "promo_cost": ("估算费用", "Estimated cost"),
    "promo_cost_unknown": (
        "条款没有限定件数，总费用取决于售出多少件，无法如实估算；条款确定的是每件让利（见上表）"
        "和预算 {}。",
        "The terms set no quantity, so the total depends on how many units sell and cannot be"
        " estimated honestly; what the terms fix is the cut per unit (above) and the budget {}.",
    ),
    "promo_must_approve": (
        "需由品牌方管理员书面批准：{}。",
        "A brand admin must approve in writing: {}.",
    ),
    "promo_no_admin": (
        "需由品牌方管理员书面批准，但品牌 {} 还没有管理员账号：请联系代运营方添加。",
        "A brand admin must approve in writing, but brand {} has no admin account yet: ask the"
        " agency to add one.",
    ),
    "promo_not_submitted": (
        "尚未提交品牌方审批。",
        "Not yet submitted for the brand's approval.",
    ),
    "promo_reject_reason": ("驳回理由（必填）", "Reason for rejecting (required)"),
    "promo_confirm_submit": (
        "提交促销 {0} 第 {1} 版“{2}”给品牌方审批？",
        "Submit promotion {0} version {1} “{2}” for the brand's approval?",
    ),
    "promo_confirm_approve": (
        "批准促销 {0} 第 {1} 版“{2}”？{3} 个商品，{4} – {5}，让利由{6}承担，预算 {7}。"
        "批准即书面答复，不能撤回。",
        "Approve promotion {0} version {1} “{2}”? {3} SKU(s), {4} – {5}, the cut funded by"
        " {6}, budget {7}. An approval is a written answer and cannot be taken back.",
    ),
    "promo_confirm_reject": (
        "驳回促销 {0} 第 {1} 版“{2}”？驳回即书面答复，不能撤回。",
        "Reject promotion {0} version {1} “{2}”? A rejection is a written answer and cannot be"
        " taken back.",
    ),
    "done_promotion_saved": (
        "促销 {} 第 {} 版已保存为草稿",
        "Promotion {} version {} saved as a draft",
    ),
    "done_promotion_submitted": (
        "促销 {} 第 {} 版已提交品牌方审批",
        "Promotion {} version {} submitted for the brand's approval",
    ),
    "done_promotion_approved": ("已批准促销 {} 第 {} 版", "Promotion {} version {} approved"),
    "done_promotion_rejected": ("已驳回促销 {} 第 {} 版", "Promotion {} version {} rejected"),
    "done_price_set": ("{} 的挂牌价已设为 {}", "The listing price of {} is now {}"),
    "done_ad_spend_recorded": (
        "已记录 {} {} 的广告费 {}（{}）",
        "Ad spend of {} {} recorded: {} ({})",
    ),
    "form_fix_errors": (
        "表单有 {} 处需要修改，见各字段旁的说明；未做任何修改。",
        "{} field(s) need fixing, each said next to it; nothing was changed.",
    ),
    "form_add_row": ("再加一行", "Add a row"),
    "form_sku_hint": ("输入编码或商品名搜索", "Type a code or a product name"),
    "form_filter": ("筛选", "Filter"),
    "error_required": ("{}：必填", "{}: required"),
    "error_code": (
        "编号：必填，用 1–60 个字母、数字或 . _ -",
        "Code: required, 1–60 letters, digits or . _ -",
    ),
    "error_no_store": ("店铺：至少选一个", "Stores: choose at least one"),
    "error_unknown_store": ("店铺：没有这个品牌的店铺 {}", "Stores: the brand has no store {}"),
    "error_unknown_sku": (
        "商品：品牌的商品目录里没有 {}，请从列表中选择",
        "SKU: no {} in the brand's catalogue; pick one from the list",
    ),
    "error_sku_twice": ("商品：{} 出现了两次", "SKU: {} is given twice"),
    "error_line_without_sku": (
        "商品：价格 {} 这一行没有选商品",
        "SKU: the row with price {} names no SKU",
    ),
    "error_no_prices": (
        "促销价：请至少给一个商品定价，或改用折扣",
        "Promotion prices: price at least one SKU, or give a discount instead",
    ),
    "error_prices_and_discount": (
        "折扣：已填写促销价，折扣与促销价只能二选一",
        "Discount: prices are given; give either prices or a discount, not both",
    ),
    "error_discount": (
        "折扣：“{}”不是 0% 到 100% 之间的折扣，例如 15%",
        "Discount: '{}' is not a discount between 0% and 100%, e.g. 15%",
    ),
    "error_discount_skus": (
        "折扣适用的商品：请至少选一个",
        "SKUs the discount applies to: choose at least one",
    ),
    "error_moment": ("{}：请填写日期和时间", "{}: give a date and a time"),
    "error_end_before_start": (
        "结束：须晚于开始时间",
        "End: must be later than the start",
    ),
    "error_funded_by": (
        "让利承担方：请选择品牌方或代运营方",
        "Funded by: choose the brand or the operator",
    ),
    "error_effective_at": (
        "生效时间：“{}”不是日期和时间",
        "Effective at: '{}' is not a date and time",
    ),
    "error_channel": ("渠道：必填", "Channel: required"),
    "ad_amount": ("广告费金额", "Ad spend amount"),
}
