"""Provinces are the PRC's, however a file writes them (issue 16, point 11).

Text in another encoding read as GBK is not a place: Shift-JIS bytes of 浙江省 杭州市 decode as
GBK to 煷峕徣 峐廈巗. The daiyun order file refuses such a province, naming its file, row,
column and value; the platforms' readers, which take a province out of the buyer's address,
drop any first word that is no province (R-D1: nothing but a place is kept from an address),
as they always have for text that is not a place.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from daiyun.adapters.platforms import read_order_files
from daiyun.adapters.platforms.cells import province_and_city
from daiyun.adapters.platforms.jd import JdOrderReading
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.orders.provinces import PROVINCE_NAMES, PROVINCES, province_named
from daiyun.domain.orders.records import ImportProblem
from tests.unit.platforms.files import DAIYUN_HEADER, daiyun_row, write_file
from tests.unit.platforms.jd_files import jd_row, write_jd_csv

AS_OF = datetime(2026, 11, 10, 9, 0, tzinfo=SHANGHAI)
# 浙江省 and 杭州市 written in Shift-JIS and read as GBK (GB18030), as a clerk's file was.
MOJIBAKE_PROVINCE = "浙江省".encode("shift_jis").decode("gb18030")
MOJIBAKE_CITY = "杭州市".encode("shift_jis").decode("gb18030")
NOT_A_PROVINCE = (
    "not a province of the PRC: write one of the 34 as 浙江省 or 浙江, 内蒙古自治区 or 内蒙古, "
    "香港特别行政区 or 香港 (a file in another encoding than UTF-8 or GBK reads as such text)"
)


def test_shift_jis_read_as_gbk_is_text_that_names_no_place() -> None:
    assert (MOJIBAKE_PROVINCE, MOJIBAKE_CITY) == ("煷峕徣", "峐廈巗")


def test_the_prc_has_34_provincial_level_divisions_each_named_once() -> None:
    assert len(PROVINCES) == len(set(PROVINCES)) == 34
    # 4 municipalities, 23 provinces, 5 autonomous regions, 2 special administrative regions.
    assert sum(name.endswith("市") for name in PROVINCES) == 4
    assert sum(name.endswith("省") for name in PROVINCES) == 23
    assert sum(name.endswith("自治区") for name in PROVINCES) == 5
    assert sum(name.endswith("特别行政区") for name in PROVINCES) == 2


@pytest.mark.parametrize(
    ("written", "full_name"),
    [
        ("浙江省", "浙江省"),
        ("浙江", "浙江省"),
        ("黑龙江", "黑龙江省"),
        ("上海", "上海市"),
        ("内蒙古", "内蒙古自治区"),
        ("内蒙古自治区", "内蒙古自治区"),
        ("广西", "广西壮族自治区"),
        ("广西自治区", "广西壮族自治区"),
        ("广西壮族自治区", "广西壮族自治区"),
        ("新疆维吾尔自治区", "新疆维吾尔自治区"),
        ("新疆", "新疆维吾尔自治区"),
        ("宁夏回族自治区", "宁夏回族自治区"),
        ("西藏", "西藏自治区"),
        ("香港特别行政区", "香港特别行政区"),
        ("澳门", "澳门特别行政区"),
        ("台湾", "台湾省"),
    ],
)
def test_a_province_written_short_or_in_full_is_the_province(written: str, full_name: str) -> None:
    assert province_named(written) == full_name
    assert written in PROVINCE_NAMES


@pytest.mark.parametrize(
    "written", [MOJIBAKE_PROVINCE, "Zhejiang", "杭州市", "浙江省杭州市", "浙", "江苏省省", ""]
)
def test_text_that_names_no_province_is_none(written: str) -> None:
    assert province_named(written) is None
    assert written not in PROVINCE_NAMES


def _read_daiyun(tmp_path: Path, **cells: str) -> tuple[int, list[ImportProblem]]:
    path = write_file(tmp_path / "own-site.csv", DAIYUN_HEADER, [daiyun_row(**cells)], "utf-8")
    reading = read_order_files([path], as_of=AS_OF)
    return len(list(reading.records())), reading.problems


def test_a_province_of_the_daiyun_order_file_that_is_no_prc_province_is_a_problem(
    tmp_path: Path,
) -> None:
    records, problems = _read_daiyun(tmp_path, province=MOJIBAKE_PROVINCE, city=MOJIBAKE_CITY)
    assert records == 0
    assert problems == [
        ImportProblem("own-site.csv", 2, "province", MOJIBAKE_PROVINCE, NOT_A_PROVINCE)
    ]


@pytest.mark.parametrize("written", ["浙江省", "浙江", "广西壮族自治区", "香港", ""])
def test_a_prc_province_short_or_in_full_or_none_is_taken_as_written(
    tmp_path: Path, written: str
) -> None:
    path = write_file(
        tmp_path / "own-site.csv", DAIYUN_HEADER, [daiyun_row(province=written)], "utf-8"
    )
    reading = read_order_files([path], as_of=AS_OF)
    (record,) = list(reading.records())
    assert reading.problems == []
    assert record.province == (written or None)


def test_a_taobao_address_whose_first_word_is_no_province_gives_no_province_nor_city() -> None:
    # Dropped, not refused: an address is the buyer's free text (overseas, 海外, a typo), and
    # nothing but a place name is ever kept from it (R-D1).
    address = f"{MOJIBAKE_PROVINCE} {MOJIBAKE_CITY} 西湖区 文三路1号"
    assert province_and_city(address) == (None, None)
    assert province_and_city("广西自治区 南宁市 青秀区") == ("广西自治区", "南宁市")


def test_a_jd_address_that_starts_with_no_province_gives_no_province(tmp_path: Path) -> None:
    address = f"{MOJIBAKE_PROVINCE}{MOJIBAKE_CITY}西湖区文三路1号"
    path = write_jd_csv(tmp_path, [jd_row(客户地址=address)])
    reading = JdOrderReading(path, as_of=AS_OF)
    (record,) = list(reading.records())
    assert reading.problems == []
    assert (record.province, record.city) == (None, None)
