"""The 2016 Tmall cosmetics listings file is read as it is: one item per id, its regular price.

The file holds daily snapshots from 2016-11-05 to 2016-11-14; around 双11 prices dropped, so an
item's regular (non-sale) price is the highest it was listed at. The demo brands' guide prices
(R-P1) come from these regular prices.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from daiyun.adapters.listings_2016 import BRAND_CODES, ListedItem, read_listings
from daiyun.domain.money import Money

HEADER = "\ufeffupdate_time,id,title,price,sale_count,comment_count,店名\r\n"


@pytest.fixture(scope="module")
def real_items(shared_real_data: Path) -> dict[str, ListedItem]:
    """The real file's items by item id; the file must read without a single error."""
    items, errors = read_listings(shared_real_data / "tmall_cosmetics_listings_2016.csv")
    assert errors == []
    return {item.item_id: item for item in items}


def test_the_real_file_lists_3497_distinct_items(real_items: dict[str, ListedItem]) -> None:
    assert len(real_items) == 3497


def test_the_real_file_has_the_22_stores_each_with_a_brand_code(
    real_items: dict[str, ListedItem],
) -> None:
    stores = {item.store_name for item in real_items.values()}

    assert len(stores) == 22
    assert stores == set(BRAND_CODES)
    assert BRAND_CODES["自然堂"] == ("chando", "CHANDO 自然堂")
    assert BRAND_CODES["SKII"][0] == "skii"


def test_brand_codes_are_distinct_lower_case_words() -> None:
    codes = [code for code, _ in BRAND_CODES.values()]

    assert len(set(codes)) == len(codes) == 22
    assert all(code.isascii() and code.isalpha() and code.islower() for code in codes)


def test_an_item_cut_in_price_on_double_11_keeps_its_regular_price(
    real_items: dict[str, ListedItem],
) -> None:
    # Rows 17525 (2016/11/10, 47.99, sold 5396) and 17394 (2016/11/11, 43.18, sold 5561).
    item = real_items["A35266695084"]

    assert item == ListedItem(
        store_name="妮维雅",
        item_id="A35266695084",
        title="德国妮维雅凝水保湿凝露200ml 身体乳 润体乳  补水保湿",
        regular_price=Money(4799),
        lowest_price=Money(4318),
        first_seen=date(2016, 11, 10),
        last_seen=date(2016, 11, 11),
        sale_count=5561,
    )


def test_an_item_listed_nine_days_with_a_repeated_row_has_one_regular_and_one_lowest_price(
    real_items: dict[str, ListedItem],
) -> None:
    # Rows 4…1068: 99 yuan on every day but 2016/11/11 (55 yuan); 2016/11/7 twice; no 11/12.
    item = real_items["A18177226992"]

    assert (item.regular_price, item.lowest_price) == (Money(9900), Money(5500))
    assert (item.first_seen, item.last_seen) == (date(2016, 11, 5), date(2016, 11, 14))
    assert item.sale_count == 12668


def test_the_sale_count_and_title_are_the_latest_days_even_when_the_count_fell(
    real_items: dict[str, ListedItem],
) -> None:
    # Row 258 (2016/11/13) shows 18063 sold, row 122 (2016/11/14) 18053: the latest counts.
    # 96 yuan on every day but 2016/11/11 (68 yuan, row 418).
    item = real_items["A537653165949"]

    assert item.sale_count == 18053
    assert item.title == "CHANDO/自然堂喜马拉雅多效补水保湿面膜16片装清盈保湿补水面膜"
    assert (item.regular_price, item.lowest_price) == (Money(9600), Money(6800))


def test_an_item_whose_sales_count_is_never_shown_has_zero(
    real_items: dict[str, ListedItem],
) -> None:
    # Rows 2013…2671: the 植村秀 lipstick at 215 yuan on all ten days, sale_count always empty.
    item = real_items["A527960599636"]

    assert item.sale_count == 0
    assert item.regular_price == Money(21500)


def test_rows_in_any_order_of_days_give_the_latest_title_and_the_highest_price(
    tmp_path: Path,
) -> None:
    listing = tmp_path / "listings.csv"
    listing.write_text(
        HEADER
        + "2016/11/12,A1,new title,89.5,120,3,自然堂\r\n"
        + "2016/11/5,A1,old title,129,100,2,自然堂\r\n"
        + "2016/11/11,A1,sale title,69.9,,,自然堂\r\n",
        encoding="utf-8",
    )

    items, errors = read_listings(listing)

    assert errors == []
    assert items == [
        ListedItem("自然堂", "A1", "new title", Money(12900), Money(6990),
                   date(2016, 11, 5), date(2016, 11, 12), 120),
    ]  # fmt: skip


def test_unreadable_rows_are_skipped_and_named_by_row_number(tmp_path: Path) -> None:
    listing = tmp_path / "listings.csv"
    listing.write_text(
        HEADER
        + "2016/11/5,A1,a cream,12.345,1,1,自然堂\r\n"
        + "2016/13/5,A2,a cream,10,1,1,自然堂\r\n"
        + "2016/11/5,A3,a cream,10,many,1,自然堂\r\n"
        + "2016/11/5,A4,a cream,10,1,1\r\n"
        + "2016/11/5,A5,a cream,10,1,1,自然堂\r\n",
        encoding="utf-8",
    )

    items, errors = read_listings(listing)

    assert [item.item_id for item in items] == ["A5"]
    assert errors == [
        "listings.csv row 2: price '12.345' is not an amount in yuan",
        "listings.csv row 3: update_time '2016/13/5' is not a day of the calendar",
        "listings.csv row 4: sale_count 'many' is not a whole number",
        "listings.csv row 5: 6 fields where 7 are expected",
    ]


def test_a_file_with_another_header_gives_no_items_and_says_which_header_it_wants(
    tmp_path: Path,
) -> None:
    listing = tmp_path / "orders.csv"
    listing.write_text("订单编号,总金额\r\n1,10\r\n", encoding="utf-8")

    items, errors = read_listings(listing)

    assert items == []
    assert errors == [
        "orders.csv row 1: the header should be "
        "update_time,id,title,price,sale_count,comment_count,店名, not 订单编号,总金额"
    ]


def test_a_missing_file_gives_no_items_and_one_error(tmp_path: Path) -> None:
    items, errors = read_listings(tmp_path / "gone.csv")

    assert items == []
    assert errors == ["gone.csv: cannot be opened: No such file or directory"]
