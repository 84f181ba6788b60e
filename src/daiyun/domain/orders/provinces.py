"""The PRC's 34 provincial-level divisions, and the ways order files write their names.

A province a file gives must be one of them (issue 16, point 11): text of another encoding read
as GBK (Shift-JIS bytes decode as GBK to 煷峕徣 for 浙江省) is then refused instead of stored as a
place. Each is written in full (浙江省, 内蒙古自治区, 香港特别行政区), short (浙江, 内蒙古, 香港)
or, for an autonomous region, short with 自治区 (广西自治区): the forms addresses and clerks use.
"""

from __future__ import annotations

__all__ = ["PROVINCES", "PROVINCE_NAMES", "province_named"]

# In the order of the national standard (GB/T 2260): 4 municipalities, 23 provinces (台湾省
# among them), 5 autonomous regions, 2 special administrative regions.
PROVINCES: tuple[str, ...] = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省",
    "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省",
    "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省",
    "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区", "台湾省",
    "香港特别行政区", "澳门特别行政区",
)  # fmt: skip
_SUFFIXES = ("特别行政区", "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")


def _short(name: str) -> str:
    return next(name.removesuffix(end) for end in _SUFFIXES if name.endswith(end))


def _forms(name: str) -> tuple[str, ...]:
    short = _short(name)
    regional = (short + "自治区",) if name.endswith("自治区") else ()
    return (name, short, *regional)


# Every way of writing a province daiyun takes, to the province's full name.
_FULL_NAME_OF: dict[str, str] = {form: name for name in PROVINCES for form in _forms(name)}
PROVINCE_NAMES: frozenset[str] = frozenset(_FULL_NAME_OF)


def province_named(text: str) -> str | None:
    """The full name of the province `text` writes (浙江 → 浙江省, 广西自治区 → 广西壮族自治区),
    None when it names none of the 34."""
    return _FULL_NAME_OF.get(text)
