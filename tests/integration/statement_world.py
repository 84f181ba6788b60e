"""The web world with an agency finance user and chando's October orders completed, so that
a statement has lines: two orders worked by hand below."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from daiyun.domain.agency import Role
from daiyun.services.accounts.users import add_user
from tests.builders import DAIYUN_ORDER_COLUMNS, daiyun_order_row
from tests.integration.web_world import PASSWORD, START, World, hash_of_password, log_in

__all__ = [
    "OCTOBER_FILE",
    "add_finance_user",
    "confirmed_then_21_november",
    "october_file",
    "upload_october",
    "wait_for_import",
]

# Two chando orders completed in October 2026 (Beijing time), SKU CD-CREAM-50 (guide ¥139.00):
# 2001: 2 × ¥139.00 = ¥278.00 at guide; 2002: 1 × ¥145.00, ¥6.00 above guide (cap 10%).
OCTOBER_FILE = "chando-october.csv"


def october_file() -> bytes:
    """The daiyun order file of the two completed October orders."""
    rows = [
        daiyun_order_row(
            "2001", status="completed", paid_at="2026-10-06 10:00:00",
            created_at="2026-10-06 09:59:00", shipped_at="2026-10-07 10:00:00",
            completed_at="2026-10-08 10:00:00",
        ),
        daiyun_order_row(
            "2002", units="1", unit_price="145.00", line_amount="145.00", status="completed",
            created_at="2026-10-14 20:00:00", paid_at="2026-10-14 20:01:00",
            shipped_at="2026-10-15 10:00:00", completed_at="2026-10-20 10:00:00",
            buyer_key="tb_buyer_2",
        ),
    ]  # fmt: skip
    lines = [",".join(DAIYUN_ORDER_COLUMNS)]
    lines += [",".join(row[column] for column in DAIYUN_ORDER_COLUMNS) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def add_finance_user(world: World) -> None:
    """The agency's finance person, login `finance`."""
    add_user(
        world.daiyun.unit_of_work(),
        login="finance",
        role=Role.FINANCE,
        brand_code=None,
        display_name="财务",
        password=PASSWORD,
        hash_password=hash_of_password,
        at=START - timedelta(days=1),
        actor="test",
    )


def wait_for_import(client: TestClient, url: str, **headers: str) -> dict[str, Any]:
    """Poll an import's progress until it is no longer running; its last answer."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(url, headers=headers).json()
        if job["state"] != "running":
            return job
        time.sleep(0.05)
    raise AssertionError(f"the import at {url} did not finish in 30 s")


def upload_october(client: TestClient, csrf: dict[str, str]) -> dict[str, Any]:
    """Upload chando's October file to its Tmall store as the logged-in `client`; the finished
    import's last answer."""
    started = client.post(
        "/api/imports", data={"store": "chando-tmall"}, headers=csrf,
        files={"file": (OCTOBER_FILE, october_file(), "text/csv")},
    )  # fmt: skip
    assert started.status_code == 202, started.text
    assert started.json()["store"] == "chando-tmall" and started.json()["rows"] == 2
    return wait_for_import(client, f"/api/imports/jobs/{started.json()['id']}")


def confirmed_then_21_november(world: World) -> None:
    """chando's October over the API: imported, drafted and issued by agency finance, confirmed
    by the brand's finance on 2 Nov (payment due 15 Nov); the clock then at 21 Nov, 10:00."""
    statement = "/api/statements/CHANDO-2026/2026-10"
    add_finance_user(world)
    finance = world.client()
    csrf = {"X-CSRF-Token": log_in(finance, "finance")}
    assert upload_october(finance, csrf)["done"] == 2
    assert finance.post(f"{statement}/draft", headers=csrf).status_code == 200
    assert finance.post(f"{statement}/issue", headers=csrf).status_code == 200
    brand = world.client()
    brand_csrf = {"X-CSRF-Token": log_in(brand, "a-finance")}
    confirmed = brand.post(f"{statement}/confirm", json={}, headers=brand_csrf).json()
    assert confirmed["payment_due"] == "2026-11-15"
    world.clock.advance(days=19, hours=1)  # Sat 21 Nov 2026, 10:00 Beijing
