"""Stage 1: reading the export pair, each option, all columns as strings. Best of N runs."""
import csv, io, sys, time, glob, os, gc, resource
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

folder = Path(sys.argv[1]); repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
only = sys.argv[3].split(",") if len(sys.argv) > 3 else None
ORDER = next(folder.glob("ExportOrderList*.csv")); ITEM = next(folder.glob("ExportOrderDetailList*.csv"))
ORDER_COLS = ["订单编号", "买家会员名", "买家应付货款", "买家应付邮费", "总金额", "买家实际支付金额",
              "订单状态", "收货地址", "订单创建时间", "订单付款时间"]
ITEM_COLS = ["订单编号", "标题", "价格", "购买数量", "订单状态", "商家编码"]
CHUNK = 1 << 22

def header(path):
    with open(path, "rb") as f:
        return f.readline().decode("gb18030").rstrip("\r\n").split(",")

def transcode_bytes(path):
    """GBK -> UTF-8 bytes, in streaming chunks with an incremental decoder."""
    import codecs
    dec = codecs.getincrementaldecoder("gb18030")()
    out = io.BytesIO()
    with open(path, "rb", buffering=0) as f:
        while chunk := f.read(CHUNK):
            out.write(dec.decode(chunk).encode("utf-8"))
        out.write(dec.decode(b"", final=True).encode("utf-8"))
    return out.getvalue()

def polars_transcoded(path, wanted):
    data = transcode_bytes(path)
    df = pl.read_csv(data, infer_schema=False, empty_string_is_null=False, columns=None)
    df = df.rename({c: c.strip() for c in df.columns})
    return df.select(wanted) if wanted else df

def polars_transcoded_selected(path, wanted):
    data = transcode_bytes(path)
    names = [c.strip() for c in header(path)]
    idx = [names.index(w) for w in wanted]
    df = pl.read_csv(data, infer_schema=False, empty_string_is_null=False, columns=idx)
    return df.rename({c: c.strip() for c in df.columns})

def arrow_options(path, wanted):
    names = header(path)
    stripped = [n.strip() for n in names]
    ro = pacsv.ReadOptions(encoding="gb18030", column_names=stripped, skip_rows=1, block_size=1 << 22)
    po = pacsv.ParseOptions()
    co = pacsv.ConvertOptions(column_types={n: pa.string() for n in stripped},
                              include_columns=wanted, strings_can_be_null=False,
                              quoted_strings_can_be_null=False)
    return ro, po, co

def arrow_read(path, wanted):
    return pacsv.read_csv(path, *arrow_options(path, wanted))

def arrow_stream(path, wanted):
    ro, po, co = arrow_options(path, wanted)
    reader = pacsv.open_csv(path, read_options=ro, parse_options=po, convert_options=co)
    return pa.Table.from_batches(list(reader))

def arrow_utf8_read(path, wanted):
    """Transcode ourselves, then pyarrow's multithreaded parser on UTF-8 bytes."""
    data = transcode_bytes(path)
    stripped = [n.strip() for n in header(path)]
    ro = pacsv.ReadOptions(column_names=stripped, skip_rows=1, block_size=1 << 22)
    po = pacsv.ParseOptions()
    co = pacsv.ConvertOptions(column_types={n: pa.string() for n in stripped}, include_columns=wanted,
                              strings_can_be_null=False)
    return pacsv.read_csv(pa.BufferReader(data), ro, po, co)

def stdlib_tuples(path, wanted):
    names = [n.strip() for n in header(path)]
    idx = [names.index(w) for w in wanted]
    from operator import itemgetter
    pick = itemgetter(*idx)
    with open(path, encoding="gb18030", newline="") as f:
        r = csv.reader(f); next(r)
        return [pick(row) for row in r]

def stdlib_all(path, wanted):
    with open(path, encoding="gb18030", newline="") as f:
        r = csv.reader(f); next(r)
        return [tuple(row) for row in r]

def transcode_only(path, wanted):
    return len(transcode_bytes(path))

def decode_only(path, wanted):
    return len(Path(path).read_bytes().decode("gb18030"))

OPTIONS = {
    "decode_only(gb18030 whole)": decode_only,
    "transcode_only(chunked)": transcode_only,
    "polars(transcoded, all cols)": polars_transcoded,
    "polars(transcoded, needed cols)": polars_transcoded_selected,
    "pyarrow.csv(gb18030, needed)": arrow_read,
    "pyarrow.csv open_csv stream(gb18030, needed)": arrow_stream,
    "pyarrow.csv(own transcode, needed)": arrow_utf8_read,
    "stdlib csv tuples(needed)": stdlib_tuples,
    "stdlib csv tuples(all cols)": stdlib_all,
}

def check(a, b):
    """Same cells? a,b: lists of tuples."""
    assert len(a) == len(b), (len(a), len(b))
    assert a == b, next((x, y) for x, y in zip(a, b) if x != y)

lines = None
for name, fn in OPTIONS.items():
    if only and not any(o in name for o in only):
        continue
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        o = fn(ORDER, ORDER_COLS); i = fn(ITEM, ITEM_COLS)
        times.append(time.perf_counter() - t)
    n = i.num_rows if hasattr(i, "num_rows") else (i.height if hasattr(i, "height") else (len(i) if isinstance(i, list) else None))
    if isinstance(i, list): lines = len(i)
    best = min(times)
    print(f"{name:48s} {best:7.3f} s  rows={n}  {(n or 0)/best:>12,.0f} lines/s", flush=True)
    # equivalence to stdlib
    if os.environ.get("CHECK") and n:
        ref_o = stdlib_tuples(ORDER, ORDER_COLS); ref_i = stdlib_tuples(ITEM, ITEM_COLS)
        if isinstance(o, pa.Table): o, i = pl.from_arrow(o), pl.from_arrow(i)
        if isinstance(o, pl.DataFrame):
            check(ref_o, o.select(ORDER_COLS).rows()); check(ref_i, i.select(ITEM_COLS).rows())
            print("   same cells as stdlib csv")
print("maxrss MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
