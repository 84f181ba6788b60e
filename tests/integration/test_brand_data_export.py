"""The brand's own operating data exported (issue 20 point 4, R-R3) on SQLite and PostgreSQL:
the rows of each file — CSV read back with csv, Parquet with pyarrow, XLSX with openpyxl —
are the rows stored for the brand, worked by hand for its orders; another brand's rows are
never in them (R-D2); buyers only as the keyed hash, province and city (R-D1)."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from daiyun.domain.agency import Role, User
from daiyun.domain.brand_data import COLUMNS, Dataset, ExportFormat
from daiyun.services.accounts.logins import create_token
from daiyun.services.brand_data.exporting import BadExportRange, export_brand_data
from daiyun.services.errors import NotFound
from tests.integration.cli_runner import run_daiyun
from tests.integration.fulfilment_world import import_orders, line
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import START, World

# chando's hand-made orders besides the world's A order (paid 2026-10-05 09:01, 2 × ¥139.00):
#   E-1 paid 10-20 23:30 Beijing (15:30 UTC): 2 creams ¥278.00 + 1 more ¥139.00 = ¥417.00,
#       line 2 refunded ¥139.00 ("质量问题");
#   E-2 paid 11-01 00:10 Beijing (10-31 16:10 UTC): 1 cream ¥139.00 — the paid day is November's
#       in Beijing, October's in UTC: --to 2026-10-31 must leave it out.
HAND_MADE = [
    line("E-1", 1, paid_at="2026-10-20 23:30:00", buyer_key="tb_buyer_7", province="上海市",
         city="上海市"),
    line("E-1", 2, units=1, paid_at="2026-10-20 23:30:00", buyer_key="tb_buyer_7",
         province="上海市", city="上海市", refund_units="1", refund_amount="139.00",
         refund_reason="质量问题", refunded_at="2026-10-22 10:00:00", status="completed",
         completed_at="2026-10-22 10:00:00"),
    line("E-2", 1, units=1, paid_at="2026-11-01 00:10:00"),
]  # fmt: skip
STORED_LINES_SQL = """
SELECT o.order_no, l.line_no, l.sku_code, l.units, l.line_amount_fen, l.refund_fen
FROM order_line l JOIN sales_order o ON o.id = l.order_id JOIN store s ON s.id = o.store_id
JOIN brand b ON b.id = s.brand_id WHERE b.code = :brand ORDER BY l.id
"""


@pytest.fixture
def exported(world: World, tmp_path: Path) -> World:
    import_orders(world.database_url, tmp_path, HAND_MADE, "2026-11-01T10:00:00", "hand")
    return world


def _export(world: World, tmp_path: Path, dataset: str, fmt: str, *more: str) -> Path:
    out = tmp_path / f"{dataset}.{fmt}"
    result = run_daiyun(
        world.database_url, "data", "export", "--brand", "chando", "--dataset", dataset,
        "--format", fmt, "--out", str(out), *more,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return out


def _read(path: Path, fmt: str) -> list[dict[str, Any]]:
    """The file's rows as dicts of texts (None for empty), whatever the format."""
    if fmt == "csv":
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Chinese
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        return [{key: (value or None) for key, value in row.items()} for row in rows]
    if fmt == "parquet":
        return [
            {key: None if value is None else str(value) for key, value in row.items()}
            for row in pq.read_table(path).to_pylist()
        ]
    workbook = load_workbook(path, read_only=True)
    found: list[dict[str, Any]] = []
    for sheet in workbook:
        values = list(sheet.iter_rows(values_only=True))
        header = values[0]
        found += [
            {
                key: None if value is None else str(value)
                for key, value in zip(header, row, strict=False)
            }
            for row in values[1:]
        ]
    workbook.close()
    return found


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text).quantize(Decimal("0.01"))


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_the_lines_exported_are_the_lines_stored_and_only_the_brands(
    exported: World, tmp_path: Path, fmt: str
) -> None:
    rows = _read(_export(exported, tmp_path, "lines", fmt), fmt)
    with exported.daiyun.engine.connect() as connection:
        stored = connection.execute(text(STORED_LINES_SQL), {"brand": "chando"}).all()
    assert [r["order_no"] for r in rows] == [s.order_no for s in stored]
    assert [(r["order_no"], int(r["line_no"]), r["sku"], int(r["units"])) for r in rows] == [
        (s.order_no, s.line_no, s.sku_code, s.units) for s in stored
    ]
    # Amounts in yuan: fen / 100 — 27800 fen → 278.00, 13900 → 139.00.
    assert [_money(r["line_amount"]) for r in rows] == [
        Decimal(s.line_amount_fen) / 100 for s in stored
    ]
    assert [_money(r["refunded"]) for r in rows] == [Decimal(s.refund_fen) / 100 for s in stored]
    # By hand: the world's A order and E-1's two lines and E-2's one, chando's only.
    assert sorted({r["order_no"] for r in rows}) == sorted({"E-1", "E-2", stored[0].order_no})
    assert len(rows) == 4
    assert all(r["store"] == "chando-tmall" for r in rows)  # never pechoin's (R-D2)
    e1 = [r for r in rows if r["order_no"] == "E-1"]
    assert [_money(r["line_amount"]) for r in e1] == [Decimal("278.00"), Decimal("139.00")]
    assert [_money(r["refunded"]) for r in e1] == [Decimal("0.00"), Decimal("139.00")]
    assert e1[1]["refund_reason"] == "质量问题"
    # Paid at 23:30 Beijing, whatever the file's way of writing a moment.
    assert "2026-10-20 23:30:00" in str(e1[0]["paid_at"]).replace("T", " ")


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_orders_carry_the_buyer_only_as_key_province_and_city(
    exported: World, tmp_path: Path, fmt: str
) -> None:
    rows = _read(_export(exported, tmp_path, "orders", fmt), fmt)
    assert list(rows[0]) == [column.name for column in COLUMNS[Dataset.ORDERS]]
    e1 = next(r for r in rows if r["order_no"] == "E-1")
    # R-D1: the keyed hash as stored (never the platform's buyer id), province and city.
    with exported.daiyun.engine.connect() as connection:
        key = connection.execute(
            text("SELECT buyer_key FROM sales_order WHERE order_no = 'E-1'")
        ).scalar_one()
    assert (e1["buyer_key"], e1["province"], e1["city"]) == (key, "上海市", "上海市")
    assert key != "tb_buyer_7"
    # ¥278.00 + ¥139.00 = ¥417.00 paid; ¥139.00 refunded.
    assert (_money(e1["total"]), _money(e1["refunded"])) == (Decimal("417.00"), Decimal("139.00"))
    assert {r["store"] for r in rows} == {"chando-tmall"}


def test_the_range_is_by_the_paid_day_in_beijing(exported: World, tmp_path: Path) -> None:
    # 10-20 to 10-31: E-1 only — E-2 was paid on 11-01 00:10 Beijing (10-31 in UTC), the
    # world's order on 10-05.
    path = _export(
        exported, tmp_path, "orders", "csv", "--from", "2026-10-20", "--to", "2026-10-31"
    )
    assert [r["order_no"] for r in _read(path, "csv")] == ["E-1"]
    path = _export(exported, tmp_path, "lines", "csv", "--from", "2026-11-01", "--to", "2026-11-01")
    assert [(r["order_no"], r["line_no"]) for r in _read(path, "csv")] == [("E-2", "1")]


def test_another_brands_user_is_told_the_brand_does_not_exist(exported: World) -> None:
    app = exported.daiyun
    outsider = User("b-admin", "b", Role.BRAND_ADMIN, "pechoin")
    before = database_snapshot(exported.daiyun)
    for dataset in Dataset:
        sink = io.BytesIO()
        with pytest.raises(NotFound, match="no brand with code 'chando'"):
            export_brand_data(
                app.brand_data_unit_of_work(), app.brand_data_writers, outsider, sink,
                brand_code="chando", dataset=dataset, export_format=ExportFormat.CSV,
            )  # fmt: skip
        assert sink.getvalue() == b""  # nothing written (R-D2)
    own = User("a-viewer", "a", Role.BRAND_VIEWER, "chando")
    sink = io.BytesIO()
    assert export_brand_data(
        app.brand_data_unit_of_work(), app.brand_data_writers, own, sink,
        brand_code="chando", dataset=Dataset.ORDERS, export_format=ExportFormat.CSV,
    ) == 3  # fmt: skip
    assert database_snapshot(exported.daiyun) == before


def test_bad_input_exits_2_and_leaves_no_file(exported: World, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    for more in (
        ["--brand", "nobody"],
        ["--brand", "chando", "--from", "2026-10-31", "--to", "2026-10-01"],
        ["--brand", "chando", "--from", "10/1"],
    ):
        result = run_daiyun(
            exported.database_url, "data", "export", "--dataset", "orders", "--format", "csv",
            "--out", str(out), *more,
        )  # fmt: skip
        assert result.exit_code == 2, result.stderr
        assert not out.exists() and not list(tmp_path.glob("*.partial"))
    with pytest.raises(BadExportRange):
        export_brand_data(
            exported.daiyun.brand_data_unit_of_work(), exported.daiyun.brand_data_writers,
            User("admin", "a", Role.ADMIN, None), io.BytesIO(), brand_code="chando",
            dataset=Dataset.ORDERS, export_format=ExportFormat.CSV,
            paid_from=date(2026, 11, 1), paid_to=date(2026, 10, 1),
        )  # fmt: skip


@pytest.mark.parametrize("dataset", ["refunds", "statements", "bills"])
def test_each_other_dataset_holds_the_brands_stored_rows(
    exported: World, tmp_path: Path, dataset: str
) -> None:
    counts = {
        "refunds": "SELECT count(*) FROM refund r JOIN sales_order o ON o.id = r.order_id "
        "JOIN store s ON s.id = o.store_id JOIN brand b ON b.id = s.brand_id "
        "WHERE b.code = 'chando'",
        "statements": "SELECT count(*) FROM statement_line l JOIN statement_version v ON "
        "v.id = l.version_id JOIN statement t ON t.id = v.statement_id JOIN contract c ON "
        "c.id = t.contract_id JOIN brand b ON b.id = c.brand_id WHERE b.code = 'chando'",
        "bills": "SELECT count(*) FROM fee_bill_version v JOIN fee_bill f ON f.id = v.bill_id "
        "JOIN contract c ON c.id = f.contract_id JOIN brand b ON b.id = c.brand_id "
        "WHERE b.code = 'chando'",
    }
    with exported.daiyun.engine.connect() as connection:
        stored = connection.execute(text(counts[dataset])).scalar_one()
    for fmt in ("csv", "parquet", "xlsx"):
        path = _export(exported, tmp_path, dataset, fmt)
        assert len(_read(path, fmt)) == stored
        if fmt == "parquet":
            names = pq.read_schema(path).names
            assert names == [column.name for column in COLUMNS[Dataset(dataset)]]


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_the_api_streams_the_brands_own_data_with_its_token(exported: World, fmt: str) -> None:
    token, _ = create_token(
        exported.daiyun.unit_of_work(),
        User("a-viewer", "a", Role.BRAND_VIEWER, "chando"),
        login="a-viewer",
        name="t",
        now=START,
    )
    client = exported.client()
    headers = {"Authorization": f"Bearer {token}"}
    answer = client.get(
        "/api/brands/chando/export/lines", params={"format": fmt, "to": "2026-10-31"},
        headers=headers,
    )  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-disposition"] == (
        f"attachment; filename=\"chando-lines.{fmt}\"; filename*=UTF-8''chando-lines.{fmt}"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"lines.{fmt}"
        path.write_bytes(answer.content)
        # Paid by 10-31: the world's order and E-1's two lines, not E-2 (paid 11-01).
        assert [r["order_no"] for r in _read(path, fmt)][1:] == ["E-1", "E-1"]
    # R-D2: another brand's data is not found, as an unknown brand; a bad range is 422.
    other = client.get("/api/brands/pechoin/export/lines", headers=headers)
    unknown = client.get("/api/brands/nobody/export/lines", headers=headers)
    assert (other.status_code, unknown.status_code) == (404, 404)
    assert other.json()["detail"].replace("pechoin", "X") == unknown.json()["detail"].replace(
        "nobody", "X"
    )
    bad = client.get(
        "/api/brands/chando/export/orders", params={"from": "2026-11-01", "to": "2026-10-01"},
        headers=headers,
    )  # fmt: skip
    assert bad.status_code == 422
