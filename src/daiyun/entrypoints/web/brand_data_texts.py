"""Page texts of the brand's own data export (issue 20 point 4, R-R3): (中文, English). Their
keys start with `dx_`; the form's field names are `field_…` (page_errors.form_problems)."""

from __future__ import annotations

__all__ = ["BRAND_DATA_TEXTS"]

BRAND_DATA_TEXTS: dict[str, tuple[str, str]] = {
    "dx_title": ("数据导出", "Data export"),
    "dx_intro": (
        "下载品牌自己的经营数据用于分析：订单、订单行、退款、对账单或服务费账单，"
        "格式为 CSV、XLSX 或 Parquet。买家只以匿名编号和省市出现。",
        "Download the brand's own operating data for your analysis: orders, order lines, "
        "refunds, statements or fee bills, as CSV, XLSX or Parquet. Buyers appear only as an "
        "anonymous key with province and city.",
    ),
    "dx_brand": ("品牌", "Brand"),
    "dx_show": ("选择", "Choose"),
    "dx_no_brands": ("没有可导出的品牌。", "No brand to export."),
    "dx_nothing": (
        "您的角色不能导出该品牌的数据。",
        "Your role may not export this brand's data.",
    ),
    "dx_dataset": ("数据", "Data"),
    "dx_dataset_orders": ("订单（每单一行）", "Orders (a row per order)"),
    "dx_dataset_lines": ("订单行（每个商品一行）", "Order lines (a row per item)"),
    "dx_dataset_refunds": ("退款", "Refunds"),
    "dx_dataset_statements": ("对账单（模式 A）", "Statements (model A)"),
    "dx_dataset_bills": ("服务费账单（模式 B）", "Fee bills (model B)"),
    "dx_models_note": (
        "对账单属于模式 A 合同，服务费账单属于模式 B 合同：只列出本品牌合同所产生的那一种。",
        "Statements come from model A contracts, fee bills from model B ones: only the kind "
        "the brand's contracts produce is listed.",
    ),
    "dx_format": ("格式", "Format"),
    "dx_format_csv": ("CSV（电子表格可直接打开）", "CSV (opens in a spreadsheet)"),
    "dx_format_xlsx": ("XLSX（电子表格工作簿）", "XLSX (a spreadsheet workbook)"),
    "dx_format_parquet": ("Parquet（数据分析工具）", "Parquet (analysis tools)"),
    "dx_from": ("起始日", "From"),
    "dx_to": ("截止日", "To"),
    "dx_range_note": (
        "按北京时间的付款日，含首尾两天；留空为全部。对账单和服务费账单按所涉月份。",
        "By the paid day in Beijing time, both days included; empty for all. Statements and "
        "fee bills by the months the range touches.",
    ),
    "dx_download": ("下载", "Download"),
    "dx_elsewhere": (
        "同样的数据也可通过命令行或 API 获取（见品牌数据文档）。",
        "The same data is at the command line and the API (see the brand data document).",
    ),
    # Beside the form (422)
    "dx_bad_day": (
        "{}：{} 不是日期，请写成 YYYY-MM-DD，例如 2026-10-01",
        "{}: {} is not a day; write YYYY-MM-DD, e.g. 2026-10-01",
    ),
    "dx_bad_range": ("起始日 {} 晚于截止日 {}", "From {} is after to {}"),
    "dx_bad_dataset": ("请从列表中选择数据", "Choose the data from the list"),
    "dx_bad_format": ("请从列表中选择格式", "Choose the format from the list"),
    # The fields' names in a problem the route itself cannot read.
    "field_dataset": ("数据", "data"),
    "field_format": ("格式", "format"),
    "field_file_format": ("格式", "format"),
}
