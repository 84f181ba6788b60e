"""What an order file may say: the sane range of its times, amounts and counts, and the longest
text of each kind that daiyun keeps.

A cell outside these bounds is bad input, named by file, row and column, the same on SQLite
and PostgreSQL: never a database error at the write, nor a row stored that one database takes
and the other refuses, nor a time that breaks every page that shows it afterwards.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from daiyun.domain.money import Money

__all__ = [
    "EARLIEST_MOMENT",
    "LARGEST_AMOUNT",
    "LATEST_AS_OF",
    "LONGEST_ORDER_NUMBER",
    "LONGEST_PLACE",
    "LONGEST_REFUND_REASON",
    "LONGEST_SKU_CODE",
    "LONGEST_TITLE",
    "MOST_LINES",
    "MOST_UNITS",
    "SLACK_AFTER_AS_OF",
    "latest_moment",
]

_BEIJING = timezone(timedelta(hours=8))
# No marketplace order is older: Taobao opened in 2003, JD's shop in 2004, Tmall in 2008; a
# time before (Excel's 1900-01-00 for an empty date, a year typed as 0026) is a mistake.
EARLIEST_MOMENT = datetime(2000, 1, 1, tzinfo=_BEIJING)
# Times after a file's as-of time: a year of them is taken, more is a wrong year (2062 typed
# for 2026, 9999-12-31) or a wrong as-of time. A file cannot know a later time than its
# export's, but a day or two's slack would not do: an --as-of given as a date is its 00:00
# while the export was made that evening, a time written in a zone ahead of Beijing is up to
# 6 hours late, and snapshots whose times run weeks past their as-of are imported today (the
# statement property test: completions up to a month after it). The bound's job is that no
# stored time is one no real order has, and every page can show every stored time.
SLACK_AFTER_AS_OF = timedelta(days=366)
# An as-of time itself (given, or in an export's file name) is before this; a later one is a
# typo, not a snapshot (9999-12-31T23:59:59-14:00 is the year 10000 in UTC: PostgreSQL stores
# it, and no page can show it).
LATEST_AS_OF = datetime(2100, 1, 1, tzinfo=_BEIJING)
# One amount cell: ten billion yuan, beyond any order; sums of a few such, and such an amount
# times MOST_UNITS, stay exact in 64-bit integers, as the database and the columnar import
# keep them.
LARGEST_AMOUNT = Money(10**12)
# Units on one line: a million, beyond any retail order; price × units stays within 64 bits.
MOST_UNITS = 1_000_000
# Line numbers of an order in the daiyun order file.
MOST_LINES = 10_000
# The longest texts kept, in characters: the columns' lengths (adapters/db/tables.py), which
# PostgreSQL enforces and SQLite does not.
LONGEST_ORDER_NUMBER = 40  # sales_order.order_no
LONGEST_SKU_CODE = 64  # order_line.sku_code
LONGEST_TITLE = 300  # order_line.title
LONGEST_PLACE = 40  # sales_order.province, sales_order.city
LONGEST_REFUND_REASON = 200  # order_line.refund_reason


def latest_moment(as_of: datetime) -> datetime:
    """The latest time a file as of `as_of` can hold (SLACK_AFTER_AS_OF later)."""
    return min(as_of, LATEST_AS_OF) + SLACK_AFTER_AS_OF
