"""The cosmetics category of a product, worked out from its listing title."""

from __future__ import annotations

__all__ = ["CATEGORY_KEYWORDS", "OTHER", "infer_category"]

OTHER = "其他"

# Checked in this order; the first category with a keyword in the title wins. Tuned on the
# 3,497 real titles of tmall_cosmetics_listings_2016.csv. Why the order is what it is:
# - 套装 first: a gift set's title names everything in it (水、乳、霜…).
# - 美妆工具 before 卸妆 and 彩妆: 卸妆棉, 彩妆工具, 洁面仪 are tools, not cosmetics.
# - A make-up remover (卸妆油, 卸妆水, 洁颜油…) before 洁面 and 彩妆 ("卸妆霜 卸除彩妆"), but a
#   bare 卸妆 after 洁面: "洁面乳 温和卸妆" is a cleanser, "睫毛膏 易卸妆" is mascara.
# - 眼霜 before 面霜 and 精华 ("眼部精华").
# - 防晒霜/防晒乳 before 彩妆, but 彩妆 before other sun words: "粉底液 SPF20 防晒" is make-up.
# - BB霜/CC霜/粉霜 are 彩妆, so 彩妆 comes before every 霜.
# - 精华水 is a toner and 精华乳/精华霜 are lotions and creams: all before 精华.
# - Single characters (霜, 乳, 露, 水) come last: "补水" is in half of all titles.
# fmt: off
CATEGORY_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("套装", ("套装", "礼盒", "套组", "件套", "套盒", "礼包", "礼装", "步曲", "部曲")),
    ("美妆工具", (
        "美妆工具", "彩妆工具", "化妆棉", "卸妆棉", "美肤棉", "粉扑", "化妆刷", "彩妆刷", "粉刷",
        "蘑菇刷", "睫毛夹", "假睫毛", "海绵", "海棉", "美甲工具", "修眉刀", "指甲锉", "卷笔刀",
        "按摩仪", "洁面仪", "棉棒", "吸油面纸", "面膜纸", "泵头", "笔杆",
    )),
    ("卸妆", (
        "卸妆油", "卸妆水", "卸妆乳", "卸妆膏", "卸妆霜", "卸妆液", "卸妆啫喱", "卸妆凝胶",
        "卸妆巾", "卸妆露", "卸妆慕斯", "洁颜油", "洁面油",
    )),
    ("眼霜", ("眼霜", "眼部精华", "眼精华", "眼胶", "眼膜", "眼周", "眼唇霜", "眼啫喱")),
    ("防晒", ("防晒霜", "防晒乳", "防晒露", "防晒液", "防晒喷雾")),
    ("彩妆", (
        "口红", "唇膏", "唇彩", "唇釉", "唇蜜", "唇颊", "胭脂", "粉底", "粉霜", "底霜", "BB霜",
        "CC霜", "气垫", "睫毛", "眼影", "眉笔", "眉粉", "眉膏", "眉妆", "眼线", "腮红", "粉饼",
        "遮瑕", "散粉", "蜜粉", "妆前", "饰底", "高光", "修容", "造型粉", "指甲油", "卸甲", "彩妆",
    )),
    ("眼霜", ("眼部",)),
    ("防晒", ("防晒", "晒后", "隔离")),
    ("美发护发", ("洗发", "润发", "护发", "发膜", "发梢", "头皮", "染发", "美发")),
    ("身体护理", (
        "身体", "沐浴", "护手", "手霜", "润体", "护体", "体乳", "体露", "止汗", "香体", "足膜",
        "脚膜", "足部", "润足", "沐足", "磨脚", "手膜", "颈膜", "塑身", "纤体",
    )),
    ("面膜", ("面膜", "贴膜", "睡眠膜", "泥膜", "鼻贴", "鼻膜", "纹膜", "唇膜")),
    ("洁面", ("洁面", "洗面", "洁颜", "洗颜", "净颜", "洁肤", "去角质", "磨砂", "黑头")),
    ("卸妆", ("卸妆",)),
    ("爽肤水", (
        "精华水", "爽肤水", "化妆水", "柔肤水", "紧肤水", "保湿水", "精粹水", "须后水", "喷雾",
    )),
    ("乳液", ("乳液", "精华乳", "润肤乳", "保湿乳")),
    ("面霜", ("面霜", "精华霜", "日霜", "晚霜", "乳霜", "保湿霜", "素颜霜")),
    ("精华", ("精华", "菁华", "原液", "安瓶", "精萃", "肌底液", "精油", "复原蜜")),
    ("香水", ("香水", "香氛", "淡香", "古龙")),
    ("爽肤水", ("美容液",)),
    ("防晒", ("SPF",)),
    ("面霜", ("霜",)),
    ("乳液", ("乳", "露")),
    ("爽肤水", ("水",)),
)
# fmt: on

_FOLDED = tuple(
    (category, tuple(keyword.casefold() for keyword in keywords))
    for category, keywords in CATEGORY_KEYWORDS
)


def infer_category(title: str) -> str:
    """The cosmetics category a product title names, such as 面霜 or 彩妆; 其他 when none."""
    folded = title.casefold()
    for category, keywords in _FOLDED:
        if any(keyword in folded for keyword in keywords):
            return category
    return OTHER
