"""Mis-shipments through the command line, on SQLite and PostgreSQL (R-F4): a wrong or extra
item a buyer reports, recorded in detail with its files kept on disk under the data
directory, once, and listed for the brand at once."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from daiyun.adapters.attachment_files import AttachmentFiles, data_directory
from daiyun.bootstrap import Daiyun
from daiyun.config import Settings
from tests.integration.cli_runner import run_daiyun
from tests.integration.fulfilment_world import CREAM, MASK, STORE, import_orders, line
from tests.integration.snapshots import database_snapshot


@pytest.fixture
def shipped(chando_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """chando's order M1 — line 1: 2 creams — shipped; attachments kept under tmp/shared."""
    shared = tmp_path / "shared"
    monkeypatch.setenv("DAIYUN_SHARED_DATA_DIR", str(shared))
    rows = [
        line("M1", units=2, paid_at="2026-10-09 10:00:00", status="shipped",
             shipped_at="2026-10-10 10:00:00"),
    ]  # fmt: skip
    import_orders(chando_store, tmp_path, rows, "2026-10-12T20:00:00+08:00")
    return shared


def _record(database_url: str, *extra: str, sent: str = MASK) -> list[str]:
    return [
        "misship", "record", "--store", STORE, "--order", "M1", "--line", "1", "--ordered",
        CREAM, "--sent", sent, "--report", "收到的是面膜，不是面霜", "--at",
        "2026-10-12T15:00:00", *extra,
    ]  # fmt: skip


def test_recorded_with_its_files_once_and_listed_for_the_brand(
    chando_store: str, shipped: Path, tmp_path: Path
) -> None:
    photo = tmp_path / "parcel.jpg"
    photo.write_bytes(b"\xff\xd8 a photo of the parcel")
    chat = tmp_path / "chat.png"
    chat.write_bytes(b"\x89PNG the buyer's message")
    result = run_daiyun(
        chando_store, *_record(chando_store, "--attach", str(photo), "--attach", str(chat)),
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document = result.json()
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert document | {"id": 0} == {
        "id": 0, "brand": "chando", "store": STORE, "order_no": "M1", "line_no": 1,
        "ordered_sku": CREAM, "sent_sku": MASK, "report": "收到的是面膜，不是面霜",
        "attachments": [
            {"file_name": "chat.png", "sha256": hashlib.sha256(chat.read_bytes()).hexdigest(),
             "size": len(chat.read_bytes())},
            {"file_name": "parcel.jpg", "sha256": digest, "size": len(photo.read_bytes())},
        ],
        "recorded_at": "2026-10-12T15:00:00+08:00", "recorded_by": document["recorded_by"],
        "new": True,
    }  # fmt: skip
    # The file is on disk under the data directory, byte for byte.
    assert (shipped / "attachments" / digest[:2] / digest).read_bytes() == photo.read_bytes()
    # The same record again: answered from what was kept, nothing more.
    again = run_daiyun(chando_store, *_record(chando_store), "--json")
    assert again.exit_code == 0, again.stderr
    assert (again.json()["new"], again.json()["id"]) == (False, document["id"])
    listed = run_daiyun(chando_store, "misship", "list", "--brand", "chando", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert [each["id"] for each in listed.json()["misshipments"]] == [document["id"]]


def test_bad_records_keep_nothing(chando_store: str, shipped: Path, daiyun_app: Daiyun) -> None:
    before = database_snapshot(daiyun_app)
    same = run_daiyun(chando_store, *_record(chando_store, sent=CREAM))
    assert same.exit_code == 2 and "no mis-shipment" in same.stderr
    wrong_line = run_daiyun(
        chando_store, *[("2" if arg == "1" else arg) for arg in _record(chando_store)]
    )
    assert wrong_line.exit_code == 2 and "line 2" in wrong_line.stderr
    not_ordered = run_daiyun(
        chando_store, *[(MASK if arg == CREAM else arg) for arg in _record(chando_store)],
        "--sent", "CD-OTHER",
    )  # fmt: skip
    assert not_ordered.exit_code == 2 and f"ordered {CREAM}" in not_ordered.stderr
    missing = run_daiyun(chando_store, *_record(chando_store, "--attach", "/nonexistent.jpg"))
    assert missing.exit_code == 2 and "/nonexistent.jpg" in missing.stderr
    assert database_snapshot(daiyun_app) == before
    assert not (shipped / "attachments").exists()


def test_the_data_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DAIYUN_SHARED_DATA_DIR")  # each test's own folder (tests/conftest.py)
    assert data_directory(Settings(shared_data_dir=tmp_path)) == tmp_path
    beside = Settings(shared_data_dir=None, database_url=f"sqlite:///{tmp_path}/daiyun.db")
    assert data_directory(beside) == tmp_path.resolve() / "data"
    postgres = Settings(shared_data_dir=None, database_url="postgresql://h/db")
    assert data_directory(postgres) == Path("data").resolve()
    files = AttachmentFiles(tmp_path)
    assert files.keep(b"x") == files.keep(b"x") == hashlib.sha256(b"x").hexdigest()
    assert files.read(hashlib.sha256(b"x").hexdigest()) == b"x"
