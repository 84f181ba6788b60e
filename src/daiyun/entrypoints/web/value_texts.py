"""Names of the codes the pages show — order statuses, roles, parties, platforms, statement
line kinds, audit actions and entities, obligations' consequences: key → (中文, English).

A key is `<kind>_<code>`; templates read them with `label(kind, code)`, which shows the code
itself for a code without a name here (an audit action added later, say).
"""

from __future__ import annotations

__all__ = ["VALUE_TEXTS"]

VALUE_TEXTS: dict[str, tuple[str, str]] = {
    # domain/orders: OrderStatus
    "order_unpaid": ("待付款", "unpaid"),
    "order_paid": ("已付款待发货", "paid"),
    "order_shipped": ("已发货", "shipped"),
    "order_completed": ("交易成功", "completed"),
    "order_closed": ("交易关闭", "closed"),
    # domain/agency: Role
    "role_admin": ("管理员", "admin"),
    "role_project_manager": ("项目经理", "project manager"),
    "role_store_operations": ("店铺运营", "store operations"),
    "role_customer_service": ("客服", "customer service"),
    "role_finance": ("财务", "finance"),
    "role_brand_admin": ("品牌方管理员", "brand admin"),
    "role_brand_finance": ("品牌方财务", "brand finance"),
    "role_brand_viewer": ("品牌方查看者", "brand viewer"),
    # domain/contracts: Party, Platform (the Chinese as Platform.label_zh writes it)
    "party_brand": ("品牌方", "the brand"),
    "party_operator": ("代运营方", "the operator"),
    "platform_tmall": ("天猫", "Tmall"),
    "platform_taobao": ("淘宝", "Taobao"),
    "platform_jd": ("京东", "JD"),
    "platform_paipai": ("拍拍", "Paipai"),
    "platform_pinduoduo": ("拼多多", "Pinduoduo"),
    "platform_douyin": ("抖音", "Douyin"),
    "platform_own_site": ("品牌官网", "the brand's own site"),
    # domain/settlement: LineKind, and why an order cannot be settled
    "line_sale": ("销售", "sale"),
    "line_return": ("退货", "return"),
    "line_concession": ("仅退款", "concession"),
    "unsettleable_line without SKU": ("订单行没有 SKU", "line without SKU"),
    "unsettleable_line without guide price": ("订单行没有指导价", "line without guide price"),
    # domain/obligations: Consequence (the English as CONSEQUENCE_TEXTS writes it)
    "consequence_statement_awaited": (
        "品牌方的确认和付款都要等对账单出具；违反对账条款",
        "the brand's answer and the payment wait for it; a breach of the statement clause",
    ),
    "consequence_payment_clock_waits": (
        "付款期限不起算；品牌方造成的延误天数不计滞纳金",
        "the payment clock does not start; days of delay the brand causes carry no late penalty",
    ),
    "consequence_late_penalty": (
        "未付货款按每日 {} 计滞纳金",
        "late penalty of {} a day on the unpaid remittance",
    ),
    "consequence_termination_right": (
        "品牌方有权解除合同",
        "the brand may terminate the contract",
    ),
    # The audit log (R-D3): entities and actions as the services record them
    "entity_brand": ("品牌", "brand"),
    "entity_contract": ("合同", "contract"),
    "entity_store": ("店铺", "store"),
    "entity_user": ("用户", "user"),
    "entity_sku": ("商品", "SKU"),
    "entity_listing": ("挂牌价", "listing"),
    "entity_statement": ("对账单", "statement"),
    "entity_promotion": ("促销", "promotion"),
    "entity_holiday_notice": ("节假日通知", "holiday notice"),
    "action_brand.create": ("新建品牌", "brand created"),
    "action_brand.rename": ("品牌更名", "brand renamed"),
    "action_brand.disable": ("停用品牌", "brand disabled"),
    "action_contract.create": ("新建合同", "contract created"),
    "action_contract.update": ("修改合同", "contract changed"),
    "action_store.create": ("新建店铺", "store created"),
    "action_store.update": ("修改店铺", "store changed"),
    "action_user.add": ("添加用户", "user added"),
    "action_user.enable": ("启用用户", "user enabled"),
    "action_user.disable": ("停用用户", "user disabled"),
    "action_user.role": ("修改角色", "role changed"),
    "action_catalog.import": ("导入商品目录", "catalogue imported"),
    "action_guide_price.add": ("新增指导价", "guide price added"),
    "action_listing.price": ("设定挂牌价", "listing price set"),
    "action_ad_spend.record": ("记录广告费", "ad spend recorded"),
    "action_statement.draft": ("生成对账单草稿", "statement drafted"),
    "action_statement.issue": ("出具对账单", "statement issued"),
    "action_statement.confirm": ("确认对账单", "statement confirmed"),
    "action_statement.dispute": ("对账单提出异议", "statement disputed"),
    "action_statement.pay": ("登记付款", "payment recorded"),
    "action_statement.pay_penalty": ("登记支付滞纳金", "penalty payment recorded"),
    "action_statement.excuse_delay": ("登记品牌方原因延误", "delay the brand caused recorded"),
    "action_promotion.draft": ("保存促销草稿", "promotion drafted"),
    "action_promotion.submit": ("提交促销审批", "promotion submitted"),
    "action_promotion.approve": ("批准促销", "promotion approved"),
    "action_promotion.reject": ("驳回促销", "promotion rejected"),
    "action_holiday_notice.recorded": ("录入节假日通知", "holiday notice recorded"),
    "action_holiday_notice.replaced": ("更正节假日通知", "holiday notice replaced"),
}
