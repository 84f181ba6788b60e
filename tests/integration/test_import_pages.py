"""Imports on the web (issue 15, point 2): a Taobao export pair in one upload, as several files
or as a ZIP of them; an import that stores nothing kept in the history with its problems, in
the reader's language; and orders paid before the store went live held, nothing stored, until
the uploader imports them anyway or cancels.

chando-tmall went live on 2026-02-01 (tests/builders.py); its SKU CD-CREAM-50 is ¥139.00.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from daiyun.adapters.db.tables import import_file, sales_order
from daiyun.bootstrap import Daiyun
from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_world import wait_for_import
from tests.integration.web_world import World, log_in
from tests.unit.platforms.files import item_row, order_row, write_export

STORE = "chando-tmall"
STAMP = "202611020800"  # the export time in the pair's names: before the world's clock
ORDER_NO = "1930679858170647"
# One order of one 滋润霜 at its guide price ¥139.00, paid on 2026-11-01.
ORDER = {"买家应付货款": "139.00", "总金额": "139.00", "买家实际支付金额": "139.00",
         "宝贝种类": "1", "宝贝总数量": "1"}  # fmt: skip
ITEM = {"价格": "139.00", "商家编码": "CD-CREAM-50"}
# What an import that stores nothing leaves unchanged: everything but the audit log, which
# keeps the failed import for the history (R-D3).
KEPT_ASIDE = "audit_record"


def _pair(folder: Path, **order_cells: str) -> tuple[Path, Path]:
    return write_export(
        folder, [order_row(**ORDER, **order_cells)], [item_row(**ITEM)], stamp=STAMP
    )


def _upload(client: TestClient, csrf: str, *files: Path | tuple[str, bytes]) -> str:
    """Upload the files on /imports in one form; the job's page."""
    parts = [
        (
            "file",
            (f.name, f.read_bytes(), "text/csv")
            if isinstance(f, Path)
            else (*f, "application/zip"),
        )
        for f in files
    ]
    started = client.post("/imports", data={"csrf_token": csrf, "store": STORE}, files=parts)
    assert started.status_code == 303, started.text
    location: str = started.headers["location"]
    assert location.startswith("/imports/jobs/")
    return location


def _finished(client: TestClient, job_page: str) -> dict[str, Any]:
    return wait_for_import(client, "/api" + job_page)


def _beside(world: World, client: TestClient) -> TestClient:
    """Another browser on the same server (world.client() starts a new one)."""
    return TestClient(client.app, base_url="https://testserver", follow_redirects=False)


def _stored_orders(app: Daiyun) -> list[str]:
    with app.engine.connect() as connection:
        return [row.order_no for row in connection.execute(sales_order.select())]


def _imported_files(app: Daiyun) -> list[str]:
    with app.engine.connect() as connection:
        return sorted(row.name for row in connection.execute(import_file.select()))


def _without_audit(app: Daiyun) -> dict[str, Any]:
    snapshot = database_snapshot(app)
    snapshot.pop(KEPT_ASIDE)
    return snapshot


def _history_rows(page: str) -> list[str]:
    return re.findall(r'<tr class="import-(?:stored|failed)">.*?</tr>', page, re.S)


def test_a_taobao_export_pair_in_one_upload_is_stored_and_its_history_row_leads_to_it(
    world: World, tmp_path: Path
) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    form = client.get("/imports").text
    assert 'name="file" multiple' in form
    assert "ExportOrderList….csv" in form and "ExportOrderDetailList….csv" in form
    assert "两个要一起上传" in form  # the hint that the pair goes together

    orders_file, items_file = _pair(tmp_path)
    job_page = _upload(client, csrf, orders_file, items_file)
    job = _finished(client, job_page)
    assert job["state"] == "finished" and job["summary"]["stored"] is True, job
    assert job["file"] == f"{orders_file.name} + {items_file.name}"
    assert [f["format"] for f in job["summary"]["files"]] == ["taobao-orders", "taobao-items"]
    assert job["summary"]["orders"] == {"new": 1, "updated": 0, "unchanged": 0}
    assert "1001" in _stored_orders(world.daiyun) and ORDER_NO in _stored_orders(world.daiyun)
    assert {orders_file.name, items_file.name} <= set(_imported_files(world.daiyun))

    shown = client.get(job_page).text
    assert 'data-state="finished"' in shown and "导入完成" in shown
    assert re.search(r'id="sum-new">1<', shown)
    assert f'href="/orders?store={STORE}"' in shown

    # The history: the pair on one row, stored, linking to its job page and its orders.
    history = client.get("/imports").text
    pair_row = next(row for row in _history_rows(history) if orders_file.name in row)
    assert items_file.name in pair_row and "已导入" in pair_row
    assert f'href="{job_page}"' in pair_row and f'href="/orders?store={STORE}"' in pair_row
    assert ORDER_NO in client.get(f"/orders?store={STORE}").text


def test_a_zip_of_the_pair_imports_as_the_pair(world: World, tmp_path: Path) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for path in _pair(tmp_path):
            archive.write(path, f"淘宝导出/{path.name}")  # in a folder, as people zip them
        archive.writestr("__MACOSX/._ExportOrderList.csv", b"\0\0")  # an archiver's leftovers
    job = _finished(client, _upload(client, csrf, ("taobao-export.zip", packed.getvalue())))
    assert job["summary"]["stored"] is True, job
    assert [f["name"] for f in job["summary"]["files"]] == [
        f"ExportOrderList{STAMP}.csv",
        f"ExportOrderDetailList{STAMP}.csv",
    ]
    assert job["summary"]["orders"]["new"] == 1
    assert ORDER_NO in _stored_orders(world.daiyun)


def test_half_a_pair_stores_nothing_says_why_in_both_languages_and_stays_in_the_history(
    world: World, tmp_path: Path
) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    orders_file, _ = _pair(tmp_path)
    before = _without_audit(world.daiyun)
    job_page = _upload(client, csrf, orders_file)
    job = _finished(client, job_page)
    assert job["state"] == "finished" and job["summary"]["stored"] is False
    assert _without_audit(world.daiyun) == before  # nothing stored

    wanted = f"ExportOrderDetailList{STAMP}.csv"
    shown = client.get(job_page).text
    assert "有错误，未导入任何数据" in shown
    assert f"缺少与它配对的宝贝明细文件 {wanted}：订单文件和宝贝明细文件须一起上传" in shown
    assert "give both together" not in shown
    client.get("/lang/en")
    english = client.get(job_page).text
    assert f"its item file {wanted} is not among the files given; give both together" in english
    client.get("/lang/zh")

    # The history keeps it, with its problem count, linking to its problems — also once the
    # server that ran it is gone (a new app forgets its jobs; the history does not).
    later = world.client()
    log_in(later, "ops")
    history = later.get("/imports").text
    failed_row = next(row for row in _history_rows(history) if orders_file.name in row)
    assert "未导入" in failed_row and f'href="{job_page}"' in failed_row
    assert re.search(r'<td class="num">1</td>\s*<td>', failed_row)  # one problem
    remembered = later.get(job_page).text
    assert "有错误，未导入任何数据" in remembered and f"宝贝明细文件 {wanted}" in remembered

    # Another brand's people see neither the row nor the page (R-D2).
    other = world.client()
    log_in(other, "b-admin")
    assert orders_file.name not in other.get("/imports").text
    assert other.get(job_page).status_code == 404


def test_a_zip_that_cannot_be_opened_stores_nothing_and_says_so(
    world: World, tmp_path: Path
) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    before = _without_audit(world.daiyun)
    job_page = _upload(client, csrf, ("export.zip", b"PK\x03\x04 not really a zip"))
    job = _finished(client, job_page)
    assert job["summary"]["stored"] is False and job["summary"]["error_count"] == 1
    assert _without_audit(world.daiyun) == before
    assert "export.zip：无法作为压缩包打开" in client.get(job_page).text
    assert "export.zip" in client.get("/imports").text


def _old_and_new_orders(folder: Path) -> Path:
    """Two orders paid in February 2020, long before chando-tmall went live, and one after."""
    return write_daiyun_orders(
        folder / "chando-tmall-2020.csv",
        [
            daiyun_order_row("2020001", sku="CD-CREAM-50", created_at="2020-02-01 09:59:00",
                             paid_at="2020-02-01 10:00:00"),
            daiyun_order_row("2020002", sku="CD-CREAM-50", created_at="2020-02-29 23:00:00",
                             paid_at="2020-02-29 23:30:00"),
            daiyun_order_row("2026110", sku="CD-CREAM-50", created_at="2026-02-01 00:00:00",
                             paid_at="2026-02-01 00:01:00"),
        ],
    )  # fmt: skip


def test_orders_before_the_go_live_are_held_and_a_cancel_stores_nothing(
    world: World, tmp_path: Path
) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    before = database_snapshot(world.daiyun)
    job_page = _upload(client, csrf, _old_and_new_orders(tmp_path))
    job = _finished(client, job_page)
    assert job["state"] == "held" and job["summary"] is None
    assert database_snapshot(world.daiyun) == before  # nothing stored, not even a history row

    # Two of the three: the one paid on 2026-02-01 itself is on the go-live day.
    shown = client.get(job_page).text
    assert (
        "有 2 个订单的付款时间早于店铺上线日 2026-02-01（最早 2020-02-01 10:00，"
        "最晚 2020-02-29 23:30）。" in shown
    )
    assert f'action="{job_page}/go-ahead"' in shown and f'action="{job_page}/cancel"' in shown
    assert "data-confirm=" in shown

    cancelled = client.post(f"{job_page}/cancel", data={"csrf_token": csrf})
    assert (cancelled.status_code, cancelled.headers["location"]) == (303, "/imports")
    assert "已取消导入 chando-tmall-2020.csv：未保存任何数据。" in client.get("/imports").text
    assert database_snapshot(world.daiyun) == before
    # Answered once: the upload is gone, it cannot be imported after all.
    late = client.post(f"{job_page}/go-ahead", data={"csrf_token": csrf})
    assert late.status_code == 303 and late.headers["location"] == job_page
    assert wait_for_import(client, "/api" + job_page)["state"] == "cancelled"
    assert database_snapshot(world.daiyun) == before


def test_orders_before_the_go_live_are_stored_once_the_uploader_says_so(
    world: World, tmp_path: Path
) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    job_page = _upload(client, csrf, _old_and_new_orders(tmp_path))
    assert _finished(client, job_page)["state"] == "held"

    # A brand's viewer may follow chando's imports but not answer for them.
    viewer = _beside(world, client)
    viewer_csrf = log_in(viewer, "a-viewer")
    assert viewer.post(f"{job_page}/go-ahead", data={"csrf_token": viewer_csrf}).status_code == 403
    assert "2020001" not in _stored_orders(world.daiyun)

    answered = client.post(f"{job_page}/go-ahead", data={"csrf_token": csrf})
    assert (answered.status_code, answered.headers["location"]) == (303, job_page)
    job = _finished(client, job_page)
    assert job["state"] == "finished" and job["summary"]["stored"] is True, job
    assert job["summary"]["orders"]["new"] == 3
    assert {"2020001", "2020002", "2026110"} <= set(_stored_orders(world.daiyun))


def test_an_upload_after_the_go_live_is_not_held(world: World, tmp_path: Path) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    recent = write_daiyun_orders(
        tmp_path / "chando-tmall-2026.csv",
        [daiyun_order_row("2026111", sku="CD-CREAM-50", paid_at="2026-02-01 00:00:00",
                          created_at="2026-01-31 23:59:00")],
    )  # fmt: skip
    job = _finished(client, _upload(client, csrf, recent))
    # Paid at the go-live's first moment: not before it (created the day before, but paid).
    assert job["state"] == "finished" and job["summary"]["stored"] is True, job
    assert "2026111" in _stored_orders(world.daiyun)
