"""Page texts of imports by upload: the form, its hints, the history and a job's page."""

from __future__ import annotations

__all__ = ["IMPORT_TEXTS"]

IMPORT_TEXTS: dict[str, tuple[str, str]] = {
    # The form
    "order_files": ("订单文件（可多选）", "Order files (one or several)"),
    "pair_hint": (
        "淘宝/天猫卖家中心的导出是两个文件：订单文件 {} 和宝贝明细文件 {}，两个要一起上传。",
        "A Taobao/Tmall seller-centre export is two files, the order file {} and its item "
        "file {}: upload both together.",
    ),
    "several_files_hint": (
        "选择文件时可一次选中多个文件，也可以上传装有这些文件的压缩包。",
        "Choose several files at once (hold Ctrl or ⌘ while clicking), or upload a ZIP of them.",
    ),
    "go_live_hint": (
        "如有订单的付款时间早于店铺上线日，会先提示，您确认后才导入。",
        "Orders paid before the store went live are shown to you first: they are imported "
        "only once you say so.",
    ),
    # The history
    "files_imported_count": ("第 {} 页，共导入 {} 个文件", "Page {}: {} files imported"),
    "failed_imports_kept": ("另有 {} 次导入未保存任何数据", "{} imports stored nothing"),
    "import_result": ("结果", "Result"),
    "import_stored": ("已导入", "Stored"),
    "import_not_stored": ("未导入", "Not stored"),
    "import_details": ("导入详情", "Details"),
    "import_problems": ("查看错误", "See the problems"),
    "see_orders": ("查看订单", "See the orders"),
    # A job's page
    "import_held": ("等待确认：尚未导入", "Waiting for your answer: nothing imported yet"),
    "import_cancelled": ("已取消，未导入任何数据", "Cancelled: nothing was imported"),
    "before_go_live": (
        "有 {} 个订单的付款时间早于店铺上线日 {}（最早 {}，最晚 {}）。",
        "{} orders were paid before the store went live on {} (the earliest {}, the latest {}).",
    ),
    "before_go_live_why": (
        "这通常是别的店铺或多年前的导出文件。导入后，这些订单会计入本店铺的发货时效和对账。"
        "请确认文件无误后再导入；尚未保存任何数据。",
        "This is most often another store's export, or one of years ago. Once imported, these "
        "orders count in this store's shipping times and statements. Import them only if the "
        "files are right; nothing has been stored yet.",
    ),
    "confirm_import_anyway": (
        "确定导入吗？其中 {} 个订单的付款时间早于店铺上线日 {}。",
        "Import these files? {} of their orders were paid before the store went live on {}.",
    ),
    "import_anyway": ("仍然导入", "Import anyway"),
    "cancel_import": ("取消，不导入", "Cancel: do not import"),
    "import_cancelled_note": (
        "导入已取消，上传的文件已删除，未保存任何数据。",
        "The import was cancelled and the uploaded files deleted: nothing was stored.",
    ),
    "nothing_stored_why": (
        "文件有错误，因此未导入任何数据。请修正后重新上传；或勾选“跳过无效行”，只导入有效的行。",
        "The files have problems, so nothing was imported. Fix them and upload again, or tick "
        "“Skip invalid rows” to import the valid rows only.",
    ),
    "problem_at_row": ("{} 第 {} 行，{}：{}", "{} row {}, {}: {}"),
    "problem_in_file": ("{}：{}", "{}: {}"),
    "more_problems": ("……另有 {} 处错误", "… and {} more problems"),
    # What a form did (rendering.done)
    "done_import_anyway": (
        "正在导入，包括店铺上线日之前的订单。",
        "Importing, the orders before the store's go-live included.",
    ),
    "done_import_cancelled": (
        "已取消导入 {}：未保存任何数据。",
        "The import of {} was cancelled: nothing was stored.",
    ),
    # The audit log's names for an import that stored nothing
    "entity_order_import": ("订单导入", "order import"),
    "action_order_import.fail": ("订单导入未保存", "order import stored nothing"),
}
