"""A columnar fast path for `daiyun orders import` of a Taobao 2016 export pair (prototype).

read_export(): pyarrow.csv parses the GBK bytes as they are (no GBK/GB18030 trail byte is ever
, " CR LF or space, so the CSV structure is ASCII), needed columns only; text columns are binary.
transform(): polars, exact integer fen; low-cardinality cells (status, amounts, titles, SKU codes,
units, buyer ids) go through daiyun's own reference cell functions once per distinct value;
high-cardinality cells (order numbers, times) are vectorised under a strict pattern and every
row outside the pattern goes through the reference function (or makes the whole file take the
reference path: NeedReference).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

sys.path.insert(0, "/work/main/src")
from daiyun.adapters.platforms import cells as ref  # noqa: E402
from daiyun.adapters.platforms.taobao_layouts import _status, _status_or_none  # noqa: E402

BEIJING = timezone(timedelta(hours=8))


class NeedReference(Exception):
    """Something the fast path does not take on: the reference path must import this file."""


ORDER_COLS = {  # name -> binary (GBK text) or string (must be ASCII/UTF-8)
    "订单编号": "s", "买家会员名": "b", "买家应付货款": "b", "买家应付邮费": "b", "总金额": "b",
    "买家实际支付金额": "b", "订单状态": "b", "收货地址": "b", "订单创建时间": "s", "订单付款时间": "s",
}  # fmt: skip
ITEM_COLS = {"订单编号": "s", "标题": "b", "价格": "b", "购买数量": "b", "订单状态": "b", "商家编码": "b"}
# Columns of later layouts the fast path does not handle (their presence sends the file back).
LATER_ORDER = {"发货时间", "确认收货时间", "退款金额"}
LATER_ITEM = {"子订单编号", "主订单编号", "买家实付金额", "退款金额", "退款状态"}


def _header(path: Path) -> list[str]:
    with open(path, "rb") as f:
        first = f.readline()
    try:
        return ref.header_names(first.decode("gb18030").rstrip("\r\n").split(","))
    except UnicodeDecodeError as e:
        raise NeedReference(f"{path.name}: header not GBK") from e


def read_raw(path: Path, wanted: dict[str, str], later: set[str], block=1 << 22) -> pa.Table:
    names = _header(path)
    if later & set(names) or any(w not in names for w in wanted) or len(set(names)) != len(names):
        raise NeedReference(f"{path.name}: not the 2016 layout")
    at = {w: f"c{names.index(w)}" for w in wanted}
    ro = pacsv.ReadOptions(column_names=[f"c{i}" for i in range(len(names))], skip_rows=1,
                           block_size=block)
    co = pacsv.ConvertOptions(
        column_types={at[w]: pa.binary() if k == "b" else pa.string() for w, k in wanted.items()},
        include_columns=[at[w] for w in wanted], strings_can_be_null=False,
    )
    # newlines_in_values=False, ignore_empty_lines=True (defaults): row numbers are checked below.
    try:
        table = pacsv.read_csv(path, ro, pacsv.ParseOptions(), co)
    except (pa.ArrowInvalid, UnicodeDecodeError) as e:  # ragged rows, non-UTF-8 in ASCII columns
        raise NeedReference(f"{path.name}: {e}") from e
    return table.rename_columns(list(wanted))


def check_row_numbers(path: Path, rows: int) -> None:
    """Row k of the table is spreadsheet row k+2 only when no row is blank or spans lines."""
    with open(path, "rb") as f:
        newlines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b""))
        f.seek(-1, os.SEEK_END)
        last = f.read(1)
    if newlines + (last != b"\n") != rows + 1:
        raise NeedReference(f"{path.name}: blank rows or multi-line cells")


def _per_distinct(col, fn, out_type) -> pa.Array:
    """fn(decoded cell) for each distinct cell, spread back; CellProblem -> NeedReference."""
    col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    d = col.dictionary_encode()
    try:
        values = [fn(u.decode("gb18030")) for u in d.dictionary.to_pylist()]
    except (ref.CellProblem, UnicodeDecodeError) as e:
        raise NeedReference(str(e)) from e
    return pc.take(pa.array(values, out_type), d.indices)


def _fen(money) -> int:
    return money.fen


def _order_numbers(s: pl.Series) -> pl.Series:
    out = s.str.extract(r'^(?:="(\d{1,30})"|(\d{1,30}))$', 1).fill_null(
        s.str.extract(r"^(\d{1,30})$", 1))
    bad = out.is_null()
    if bad.any():  # the reference takes the rest, or refuses (problem: reference path reports it)
        fixed = [_ref_or_raise(ref.order_number, v) for v in s.filter(bad).to_list()]
        out = out.scatter(bad.arg_true(), fixed)
    return out


def _ref_or_raise(fn, value):
    try:
        return fn(value)
    except ref.CellProblem as e:
        raise NeedReference(f"{value!r}: {e}") from e


_TIME = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$"


def _moments(s: pl.Series) -> pl.Series:
    """Beijing wall time text -> UTC datetime; empty -> null; other forms via the reference."""
    ok = s.str.contains(_TIME)
    parsed = s.str.strptime(pl.Datetime("us"), "%Y-%m-%d %H:%M:%S", strict=False)
    utc = (parsed - pl.duration(hours=8)).dt.replace_time_zone("UTC")
    bad = (~ok & (s != "")) | (ok & parsed.is_null())  # e.g. 2026-02-30
    utc = pl.select(pl.when(ok).then(utc)).to_series()
    if bad.any():
        fixed = [_ref_or_raise(ref.moment_or_none, v) for v in s.filter(bad).to_list()]
        utc = utc.scatter(bad.arg_true(), [m.astimezone(UTC) if m else None for m in fixed])
    return utc


def _places(address: pa.ChunkedArray) -> tuple[pa.Array, pa.Array]:
    """province_and_city of each address, exactly as the reference, decoding only 2 tokens."""
    address = address.combine_chunks()
    ws = rb"\t\n\x0b\x0c\r\x1c-\x1f "
    parts = pc.extract_regex(address, rb"^[" + ws + rb"]*(?P<a>[^" + ws + rb"]*)(?:[" + ws +
                             rb"]+(?P<b>[^" + ws + rb"]+))?")
    pair = pc.binary_join_element_wise(parts.field("a"), parts.field("b"), pa.scalar(b" ", pa.binary()))
    d = pair.dictionary_encode()
    provinces, cities = [], []
    full_rows = []
    for k, raw in enumerate(d.dictionary.to_pylist()):
        text = raw.decode("gb18030").strip()
        if any(c.isspace() for c in text.replace(" ", "", 1)):  # non-ASCII whitespace inside
            full_rows.append(k)
        p, c = ref.province_and_city(text)
        provinces.append(p)
        cities.append(c)
    prov = pc.take(pa.array(provinces, pa.string()), d.indices)
    city = pc.take(pa.array(cities, pa.string()), d.indices)
    if full_rows:  # rare: these rows' whole address through the reference
        mask = pc.is_in(d.indices, pa.array(full_rows, d.indices.type))
        rows = pc.indices_nonzero(mask).to_pylist()
        prov, city = prov.to_pylist(), city.to_pylist()
        for r in rows:
            text = ref.text_or_none(address[r].as_py().decode("gb18030")) or ""
            prov[r], city[r] = ref.province_and_city(text)
        prov, city = pa.array(prov, pa.string()), pa.array(city, pa.string())
    return prov, city


def buyer_keys_python(secret: bytes, platform: str, ids: pa.Array) -> pa.Array:
    """HMAC-SHA256 of platform:buyer_id, first 32 hex chars, once per distinct buyer."""
    d = ids.dictionary_encode()
    block = 64
    key = secret if len(secret) <= block else hashlib.sha256(secret).digest()
    key = key.ljust(block, b"\0")
    inner0 = hashlib.sha256(bytes(x ^ 0x36 for x in key))
    outer0 = hashlib.sha256(bytes(x ^ 0x5C for x in key))
    prefix = f"{platform}:".encode()
    out = []
    for buyer in d.dictionary.to_pylist():
        inner = inner0.copy()
        inner.update(prefix + buyer.encode())
        outer = outer0.copy()
        outer.update(inner.digest())
        out.append(outer.hexdigest()[:32])
    return pc.take(pa.array(out, pa.string()), d.indices)


@dataclass
class Catalogue:
    skus: pl.DataFrame  # sku_code, sku_id
    guide: pl.DataFrame  # sku_code, effective_from (UTC), guide_fen
    cap_num: int  # markup cap as a fraction num/den
    cap_den: int


@dataclass
class Result:
    orders: pl.DataFrame
    lines: pl.DataFrame
    refunds: pl.DataFrame
    price_violations: int


def _attach_orders(li: pl.DataFrame, o: pl.DataFrame) -> pl.DataFrame:
    """Each line's order. Both files list orders in the same sequence (checked): the item
    file's runs of order numbers are then the orders, no hash join; else a hash join."""
    runs = li["order_no"].rle_id()
    firsts = li["order_no"].filter(li["order_no"] != li["order_no"].shift(1, fill_value=""))
    cols = o.select("o", "status", "paid_at", "goods_fen")
    if firsts.len() == o.height and (firsts == o["order_no"]).all():
        picked = cols[runs.cast(pl.Int64)]  # gather the line's order row, no hashing
        return pl.concat([li, picked], how="horizontal")
    li = li.join(o.select("order_no", "o", "status", "paid_at", "goods_fen"), on="order_no",
                 how="left", maintain_order="left")
    if li["o"].null_count() or li["o"].n_unique() != o.height:
        raise NeedReference("lines without their order, or orders without lines")
    return li.sort("o", "l")


def _allocate_np(o, price, units, goods):
    """Line numbers and largest-remainder shares with numpy; lines sorted by (order, file row)."""
    import numpy as np
    n = len(o)
    start = np.flatnonzero(np.r_[True, o[1:] != o[:-1]])
    group = np.repeat(np.arange(len(start)), np.diff(np.r_[start, n]))
    line_no = np.arange(n) - start[group] + 1
    w = price * units
    wsum = np.add.reduceat(w, start)
    w = np.where(wsum[group] == 0, 1, w)  # all-zero weights: split equally
    wsum = np.add.reduceat(w, start)
    if int(w.max(initial=0)) * int(max(goods.max(initial=0), 1)) >= 2**62:
        raise NeedReference("amounts too large for int64 arithmetic")
    num = goods * w
    floor, rem = np.divmod(num, wsum[group])
    left = goods[start] - np.add.reduceat(floor, start)
    order = np.lexsort((np.arange(n), -rem, group))  # by order, largest remainder, earlier line
    rank = np.empty(n, np.int64)
    rank[order] = np.arange(n) - start[group[order]]
    return {"line_no": line_no, "line_amount_fen": floor + (rank < left[group])}


def stream_export(order_path: Path, item_path: Path, block=1 << 24):
    """(orders, items) arrow tables batch by batch, cut at order boundaries; both files must
    list orders in the same sequence (transform checks it and raises NeedReference if not)."""
    def reader(path, wanted, later):
        names = _header(path)
        if later & set(names) or any(w not in names for w in wanted) or len(set(names)) != len(names):
            raise NeedReference(f"{path.name}: not the 2016 layout")
        at = {w: f"c{names.index(w)}" for w in wanted}
        ro = pacsv.ReadOptions(column_names=[f"c{i}" for i in range(len(names))], skip_rows=1,
                               block_size=block)
        co = pacsv.ConvertOptions(
            column_types={at[w]: pa.binary() if k == "b" else pa.string() for w, k in wanted.items()},
            include_columns=[at[w] for w in wanted], strings_can_be_null=False)
        for batch in pacsv.open_csv(path, ro, pacsv.ParseOptions(), co):
            yield pa.Table.from_batches([batch]).rename_columns(list(wanted))
    items_in = reader(item_path, ITEM_COLS, LATER_ITEM)
    pending = None  # items not yet handed out
    done = False
    total_orders = total_items = 0
    for orders in reader(order_path, ORDER_COLS, LATER_ORDER):
        need = orders.num_rows
        while True:
            if pending is not None and pending.num_rows:
                key = pending["订单编号"]
                runs = pc.sum(pc.not_equal(key.slice(1), key.slice(0, len(key) - 1))).as_py() or 0
                if runs + 1 > need:  # the buffer holds all this batch's orders and more
                    break
            nxt = next(items_in, None)
            if nxt is None:
                done = True
                break
            pending = nxt if pending is None else pa.concat_tables([pending, nxt])
        if done or pending is None:
            batch_items, pending = pending, None
        else:
            key = pending["订单编号"].combine_chunks()
            change = pc.indices_nonzero(pc.not_equal(key.slice(1), key.slice(0, len(key) - 1)))
            cut = change[need - 1].as_py() + 1  # first row of the (need+1)-th order run
            batch_items, pending = pending.slice(0, cut), pending.slice(cut)
        total_orders += orders.num_rows
        total_items += batch_items.num_rows if batch_items is not None else 0
        yield orders, batch_items
    rest = next(items_in, None)
    if (pending is not None and pending.num_rows) or rest is not None:
        raise NeedReference("item lines left over after the last order")
    check_row_numbers(order_path, total_orders)
    check_row_numbers(item_path, total_items)


def read_export(order_path: Path, item_path: Path):
    orders = read_raw(order_path, ORDER_COLS, LATER_ORDER)
    items = read_raw(item_path, ITEM_COLS, LATER_ITEM)
    check_row_numbers(order_path, orders.num_rows)
    check_row_numbers(item_path, items.num_rows)
    return orders, items


def transform(orders: pa.Table, items: pa.Table, cat: Catalogue, *, secret: bytes, platform: str,
              as_of: datetime, order_file: str, timings: dict | None = None, o_offset: int = 0) -> Result:
    import time
    t = time.perf_counter()
    def lap(name):
        nonlocal t
        if timings is not None:
            now = time.perf_counter(); timings[name] = timings.get(name, 0) + now - t; t = now
    as_of = as_of.astimezone(UTC)
    mon = pl.Int64
    # --- orders -------------------------------------------------------------------------------
    buyer_ids = _per_distinct(orders["买家会员名"], ref.text_or_none, pa.string())
    lap("decode+clean per distinct (orders)")
    keys = buyer_keys_python(secret, platform, buyer_ids)
    lap("buyer key HMAC (python, per distinct buyer)")
    prov, city = _places(orders["收货地址"])
    lap("province/city")
    o = pl.DataFrame({
        "order_no": _order_numbers(pl.from_arrow(orders["订单编号"])),
        "status": pl.from_arrow(_per_distinct(orders["订单状态"], lambda v: _status(v).value, pa.string())),
        "created_at": _moments(pl.from_arrow(orders["订单创建时间"])),
        "paid_at": _moments(pl.from_arrow(orders["订单付款时间"])),
        "total_fen": pl.from_arrow(_per_distinct(orders["总金额"], lambda v: ref.amount(v).fen, pa.int64())),
        "paid_fen": pl.from_arrow(_per_distinct(orders["买家实际支付金额"], lambda v: ref.amount(v).fen, pa.int64())),
        "goods_fen": pl.from_arrow(_per_distinct(orders["买家应付货款"], lambda v: ref.amount(v).fen, pa.int64())),
        "shipping_fen": pl.from_arrow(_per_distinct(orders["买家应付邮费"], lambda v: ref.amount(v).fen, pa.int64())),
        "buyer_key": pl.from_arrow(keys),
        "province": pl.from_arrow(prov),
        "city": pl.from_arrow(city),
    }).with_row_index("o", offset=o_offset)
    lap("orders columns (order no, times, amounts, status)")
    if o["order_no"].n_unique() != o.height:
        raise NeedReference("an order listed twice (two snapshots): reference path combines them")
    # --- lines --------------------------------------------------------------------------------
    li = pl.DataFrame({
        "order_no": _order_numbers(pl.from_arrow(items["订单编号"])),
        "title": pl.from_arrow(_per_distinct(items["标题"], ref.text_or_none, pa.string())),
        "unit_price_fen": pl.from_arrow(_per_distinct(items["价格"], lambda v: ref.amount(v).fen, pa.int64())),
        "units": pl.from_arrow(_per_distinct(items["购买数量"], ref.units, pa.int64())),
        "line_status": pl.from_arrow(_per_distinct(
            items["订单状态"], lambda v: (s := _status_or_none(v)) and s.value, pa.string())),
        "sku_code": pl.from_arrow(_per_distinct(items["商家编码"], ref.text_or_none, pa.string())),
    }).with_row_index("l")
    lap("lines columns")
    li = _attach_orders(li, o)
    if li["sku_code"].null_count():
        raise NeedReference("a line without SKU code")
    li = li.with_columns(**_allocate_np(li["o"].to_numpy(), li["unit_price_fen"].to_numpy(),
                                        li["units"].to_numpy(), li["goods_fen"].to_numpy()))
    lap("join + largest remainder")
    # SKU ids and the guide price in force when paid (R-P1)
    li = li.join(cat.skus, on="sku_code", how="left", maintain_order="left")
    if li["sku_id"].null_count():
        raise NeedReference("SKU unknown to the catalogue: reference path reports it")
    paid = li.filter(pl.col("paid_at").is_not_null()).select("l", "sku_code", "paid_at").sort("paid_at")
    guided = paid.join_asof(cat.guide.sort("effective_from"), left_on="paid_at",
                            right_on="effective_from", by="sku_code", strategy="backward")
    li = li.join(guided.select("l", "guide_fen"), on="l", how="left", maintain_order="left")
    lap("sku + guide price asof join")
    status = pl.coalesce("line_status", "status")
    at_guide = pl.col("guide_fen") * pl.col("units")
    li = li.with_columns(
        status=status,
        price_check=pl.when(pl.col("paid_at").is_null()).then(pl.lit("not_paid"))
        .when(pl.col("guide_fen").is_null()).then(pl.lit("no_guide_price"))
        .when(pl.col("line_amount_fen") < at_guide).then(pl.lit("below_guide"))
        .when(pl.col("line_amount_fen") * cat.cap_den > at_guide * (cat.cap_den + cat.cap_num))
        .then(pl.lit("above_cap")).otherwise(pl.lit("within")),
        completed_at=pl.when(status == "completed").then(pl.lit(as_of)),
        refund_units=pl.when((status == "closed") & pl.col("paid_at").is_not_null())
        .then(pl.col("units")).otherwise(0),
    )
    lines = li.select(
        "o", "line_no", "sku_id", "sku_code", "title", "units", "unit_price_fen", "line_amount_fen",
        pl.col("guide_fen").alias("guide_price_fen"), "price_check", "status", "completed_at",
        "refund_units", refund_fen=pl.lit(0, mon), refund_reason=pl.lit(None, pl.String),
        refunded_at=pl.lit(None, pl.Datetime("us", "UTC")), source_file=pl.lit(order_file),
        source_row=pl.col("o").cast(pl.Int32) + 2,
    )
    refunds = lines.filter(pl.col("refund_units") > 0).select(
        "o", order_line_id=pl.lit(None, mon),
        refund_key=pl.format("line {}:0", "line_no"), units="refund_units",
        amount_fen=pl.lit(0, mon), reason=pl.lit(None, pl.String), status=pl.lit("completed"),
        completed_at=pl.lit(as_of),
    )
    violations = lines["price_check"].is_in(["below_guide", "above_cap"]).sum()
    out_orders = o.select(
        "o", platform=pl.lit(platform), order_no="order_no", status="status", as_of=pl.lit(as_of),
        created_at="created_at", paid_at="paid_at",
        shipped_at=pl.lit(None, pl.Datetime("us", "UTC")),
        completed_at=pl.when(pl.col("status") == "completed").then(pl.lit(as_of)),
        closed_at=pl.when(pl.col("status") == "closed").then(pl.lit(as_of)),
        total_fen="total_fen", paid_fen="paid_fen", shipping_fen="shipping_fen",
        refund_fen=pl.lit(0, mon), has_sku_lines=pl.lit(True), buyer_key="buyer_key",
        province="province", city="city", source_file=pl.lit(order_file),
        source_row=pl.col("o").cast(pl.Int32) + 2,
    )
    lap("price check + output frames")
    return Result(out_orders, lines, refunds, int(violations))


def catalogue_from_sqlite(path: str, store_code: str):
    import sqlite3
    con = sqlite3.connect(path)
    store_id, platform, brand_id, contract_id = con.execute(
        "select id, platform, brand_id, contract_id from store where code=?", (store_code,)).fetchone()
    cap = con.execute("select value from contract_term where contract_id=? and name='markup_cap'",
                      (contract_id,)).fetchone()[0]
    skus = con.execute("select code, id from sku where brand_id=?", (brand_id,)).fetchall()
    guide = con.execute("select s.code, g.effective_from, g.price_fen from guide_price g join sku s "
                        "on s.id=g.sku_id where s.brand_id=?", (brand_id,)).fetchall()
    con.close()
    return _catalogue(skus, guide, cap), store_id, platform


def _catalogue(skus, guide, cap: str) -> Catalogue:
    from fractions import Fraction
    f = Fraction(cap)
    g = pl.DataFrame(guide, schema=["sku_code", "effective_from", "guide_fen"], orient="row")
    if g["effective_from"].dtype == pl.String:
        g = g.with_columns(pl.col("effective_from").str.strptime(pl.Datetime("us"), "%Y-%m-%d %H:%M:%S%.f")
                           .dt.replace_time_zone("UTC"))
    else:
        g = g.with_columns(pl.col("effective_from").dt.convert_time_zone("UTC").dt.cast_time_unit("us"))
    return Catalogue(
        pl.DataFrame(skus, schema=["sku_code", "sku_id"], orient="row"),
        g, f.numerator, f.denominator)


def as_of_of(order_path: Path) -> datetime:
    stamp = order_path.stem.removeprefix("ExportOrderList")
    return datetime.strptime(stamp, "%Y%m%d%H%M").replace(tzinfo=BEIJING)
