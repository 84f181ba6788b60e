"""A product's cosmetics category is worked out from its listing title, checks in a set order.

Real titles from tmall_cosmetics_listings_2016.csv. The category decides the platform's technical
service fee rate (R-S5), so the traps where one title names several products are pinned here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from daiyun.adapters.listings_2016 import read_listings
from daiyun.domain.catalog import CATEGORY_KEYWORDS, OTHER, infer_category


@pytest.mark.parametrize(
    ("title", "category"),
    [
        ("innisfree/悦诗风吟 济州岛寒兰至润面霜50ml 保湿补水面霜", "面霜"),
        ("资生堂 悦薇珀翡塑颜臻白精华液40ml紧致精华 美白精华 美白精华", "精华"),
        ("Herborist/佰草集菁萃原液.精米细肤面膜7片装补水滋润舒缓", "面膜"),
        ("Olay玉兰油水漾动力保湿洁面乳女补水保湿深层清洁毛孔女士洗面奶", "洁面"),
        ("资生堂 全球彩妆臻美柔润唇膏 4g 饱满立自然滋润正品 口红", "彩妆"),
        ("欧珀莱臻白多效柔肤乳液/滋润型130ml 补水保湿亮白淡斑女护肤品", "乳液"),
        ("佰草集/Herborist旗舰新恒美紧肤化妆水150ml抗皱紧致净肤", "爽肤水"),
        ("CHANDO/自然堂娇颜粉嫩保湿眼霜20g 淡化黑眼圈细纹 保湿专柜正品", "眼霜"),
        ("innisfree/悦诗风吟自然关爱优颜防晒乳SPF30+清爽保湿男女防晒霜", "防晒"),
        ("倩碧卸妆 紫晶卸妆霜125ml  深层清洁 正品", "卸妆"),
        ("美加净防护型护手霜75g两支装添加核桃防裂保湿", "身体护理"),
        ("兰蔻香水 珍爱香水30ml/50ml/100ml 半东方花香调 正品", "香水"),
        ("L'OREAL欧莱雅角质顺滑洗发露 700ml 毛糙发质适用", "美发护发"),
        ("Shu uemura植村秀假睫毛 纤长浓密 局部交错 彩妆工具 正品", "美妆工具"),
    ],
)
def test_a_title_naming_one_product_gets_that_products_category(title: str, category: str) -> None:
    assert infer_category(title) == category


@pytest.mark.parametrize(
    ("title", "category"),
    [
        # A gift set names everything inside it: 套装 is checked first.
        ("CHANDO/自然堂雪域精粹水乳套装 爽肤水冰肌水乳液面霜护理套装", "套装"),
        ("CHANDO/自然堂凝时鲜颜明眸焕肤礼盒 凝时眼霜套装滋润补水去眼袋", "套装"),
        ("【11-11预售】Clinique/倩碧宛若新生新三步曲", "套装"),
        # 眼霜 before 面霜 and 精华: an eye cream is no face cream, an eye serum no serum.
        ("Shiseido/资生堂盼丽风姿金采丰润眼部精华霜15ml 眼霜", "眼霜"),
        ("CHANDO/自然堂凝时鲜颜肌活眼部精华乳18g淡化细纹黑眼圈滋润眼霜", "眼霜"),
        # A make-up remover before 洁面; a cleanser that "also removes make-up" stays 洁面.
        ("shiseido资生堂亲肤净澈洁颜油180ml 深度清洁毛孔 温和快速卸妆", "卸妆"),
        ("资生堂 亲肤净透卸妆霜125ml 卸除彩妆 卸妆霜 清洁卸彩妆", "卸妆"),
        ("AUPRES/欧珀莱臻源新肌洁面乳深层清洁毛孔温和卸妆控油洗面奶女", "洁面"),
        ("innisfree/悦诗风吟黑豆精萃浓密睫毛膏 大刷头 纤长不晕染易卸妆", "彩妆"),
        # 精华水 is a toner, 精华乳 a lotion, 精华霜 a cream: none is 精华.
        ("雅诗兰黛白金淡斑水 白金级奢宠精华水200ml 保湿补水", "爽肤水"),
        ("innisfree/悦诗风吟济州岛火山岩泥毛孔调理精华乳50ml", "乳液"),
        ("【11-11】shu uemura植村秀晶萃溢采精华霜50ml（双11当天专享）", "面霜"),
        # BB霜 and 粉霜 are make-up, in any letter case, and so is a foundation with an SPF.
        ("【11.11特供】兰芝美白气垫BB霜 限量买30g送30g替换芯", "彩妆"),
        ("【11-11预售买1赠3】雪花秀采淡致美气垫粉底韩国bb霜遮瑕替换芯", "彩妆"),
        ("Shiseido/资生堂时光琉璃御藏亮采粉霜 妆效持久 预约年轻肌", "彩妆"),
        ("雅诗兰黛 白金级奢宠臻采粉底液SPF15/PA+++ 遮瑕  防晒", "彩妆"),
        # …but a title that calls itself 防晒霜 is sun care even when it is also a primer.
        ("innisfree/悦诗风吟自然关爱控油防晒霜SPF30妆前乳 平衡控油防晒", "防晒"),
        # A day cream with an SPF is still a cream.
        ("L'oreal欧莱雅雪颜科研致白滋润日霜 SPF15 PA++ 面霜对抗色斑", "面霜"),
        # Tools before what they are used with.
        ("Clinique/倩碧 化妆棉100pcs 专用纯棉卸妆棉 专用棉片 美容工具", "美妆工具"),
        ("Clinique倩碧声波洁面仪 电动洗脸美容仪深层清洁", "美妆工具"),
        # A hair dye cream is no face cream; a hand cream is body care.
        ("L'OREAL欧莱雅卓韵霜赋活养护染发霜 染发剂多色修复白发", "美发护发"),
        ("CHANDO/自然堂柔润细嫩护手霜50g 滋润保湿补水嫩肤 护手霜包邮", "身体护理"),
        # 补水 is in half of all titles, so a bare 水 is the very last check.
        ("德国大牌妮维雅男士 护肤品 控油劲爽保湿露50g 保湿控油补水", "乳液"),
        ("雅诗兰黛  鲜活亮采果萃水（滋润型）100ml", "爽肤水"),
    ],
)
def test_a_title_naming_several_products_gets_the_category_checked_first(
    title: str, category: str
) -> None:
    assert infer_category(title) == category


def test_a_title_naming_no_known_product_is_other() -> None:
    assert infer_category("Olay玉兰油天猫官方旗舰店补运费专用 详情联系客服") == OTHER == "其他"
    assert infer_category("") == "其他"


def test_every_rule_of_the_table_names_a_category_and_at_least_one_keyword() -> None:
    for category, keywords in CATEGORY_KEYWORDS:
        assert category
        assert category != OTHER
        assert keywords
        assert all(keyword.strip() == keyword != "" for keyword in keywords)


def test_fewer_than_one_in_a_hundred_real_items_is_left_as_other(shared_real_data: Path) -> None:
    items, errors = read_listings(shared_real_data / "tmall_cosmetics_listings_2016.csv")
    shares = Counter(infer_category(item.title) for item in items)

    assert errors == []
    assert sum(shares.values()) == 3497
    assert shares[OTHER] < 35
    assert set(shares) == {category for category, _ in CATEGORY_KEYWORDS} | {OTHER}
