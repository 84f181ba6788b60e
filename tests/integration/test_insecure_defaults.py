"""Insecure defaults are never silent (issue 16, point 5; R-D1).

The development key is published: buyer keys made with it are matched back to member names by
hashing guesses. `daiyun serve` beyond loopback refuses it (bad input, exit 2) and says how to
make a key; `daiyun orders import` warns once, on stderr, while it is in use.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import select
from typer.testing import CliRunner

from daiyun.adapters.db.tables import sales_order
from daiyun.bootstrap import Daiyun
from daiyun.config import DEV_SECRET_KEY
from daiyun.entrypoints.cli.main import app
from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import run_daiyun

OWN_KEY = "k" * 43  # what secrets.token_urlsafe(32) makes: 43 characters
WARNING = "warning: buyer keys are made with the published development key"


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict[str, Any]]:
    """What `daiyun serve` would have listened on: uvicorn.run records instead of serving."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda _app, **options: calls.append(options))
    monkeypatch.setenv("DAIYUN_DATABASE_URL", f"sqlite:///{tmp_path / 'daiyun.db'}")
    monkeypatch.delenv("DAIYUN_SECRET_KEY", raising=False)
    monkeypatch.delenv("DAIYUN_ENVIRONMENT", raising=False)
    return calls


def _serve(host: str) -> Any:
    return CliRunner().invoke(app, ["serve", "--host", host, "--port", "8765"])


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "[::]", "192.0.2.10", "daiyun.example"])
def test_serve_beyond_loopback_with_the_development_key_is_refused_saying_how_to_set_one(
    started: list[dict[str, Any]], host: str
) -> None:
    result = _serve(host)
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"refusing to serve on {host} with the published development key" in said
    assert f"拒绝在 {host} 上提供服务" in said
    assert (
        'export DAIYUN_SECRET_KEY="$(python -c "import secrets; print(secrets.token_urlsafe(32))")"'
        in said
    )
    assert started == []


def test_serve_beyond_loopback_with_a_short_key_is_refused(
    started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAIYUN_SECRET_KEY", "short-but-mine")
    result = _serve("0.0.0.0")
    assert result.exit_code == 2
    assert "with a DAIYUN_SECRET_KEY shorter than 32 characters" in " ".join(result.stderr.split())
    assert started == []


def test_serve_in_production_with_the_development_key_is_bad_input_not_a_traceback(
    started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAIYUN_ENVIRONMENT", "production")
    result = _serve("127.0.0.1")
    assert result.exit_code == 2
    assert "DAIYUN_SECRET_KEY must be set to a secret of your own in production" in result.stderr
    assert started == []


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_serve_on_loopback_with_the_development_key_starts_as_make_run_does(
    started: list[dict[str, Any]], host: str
) -> None:
    result = _serve(host)
    assert result.exit_code == 0, result.stderr
    assert started == [{"host": host, "port": 8765, "log_level": "info"}]
    assert "note: the development key" in result.stderr


def test_serve_beyond_loopback_with_an_own_key_starts_and_warns_of_cookies_without_secure(
    started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAIYUN_SECRET_KEY", OWN_KEY)
    result = _serve("0.0.0.0")
    assert result.exit_code == 0, result.stderr
    assert started == [{"host": "0.0.0.0", "port": 8765, "log_level": "info"}]
    assert "DAIYUN_ENVIRONMENT=dev, so the session cookies lack Secure" in result.stderr


def test_serve_in_production_with_an_own_key_starts_without_a_word_of_warning(
    started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAIYUN_SECRET_KEY", OWN_KEY)
    monkeypatch.setenv("DAIYUN_ENVIRONMENT", "production")
    result = _serve("0.0.0.0")
    assert result.exit_code == 0, result.stderr
    assert len(started) == 1
    assert "warning" not in result.stderr and "note" not in result.stderr


def _two_files(folder: Path) -> list[str]:
    first = write_daiyun_orders(folder / "a.csv", [daiyun_order_row("1001")])
    second = write_daiyun_orders(
        folder / "b.csv", [daiyun_order_row("1002", buyer_key="tb_buyer_2")]
    )
    return [str(first), str(second)]


def _import(database_url: str, files: list[str]) -> Any:
    return run_daiyun(
        database_url,
        "orders",
        "import",
        "--store",
        "chando-tmall",
        "--as-of",
        "2026-10-05T10:00:00+08:00",
        *files,
    )


def _hmac(key: str, buyer: str) -> str:
    # R-D1: HMAC-SHA256 of "platform:buyer id", its first 32 hex digits, worked out here.
    return hmac.new(key.encode(), f"tmall:{buyer}".encode(), hashlib.sha256).hexdigest()[:32]


def _stored_buyer_keys(daiyun_app: Daiyun) -> list[str]:
    with daiyun_app.engine.connect() as connection:
        query = select(sales_order.c.buyer_key).order_by(sales_order.c.order_no)
        return [str(key) for key in connection.execute(query).scalars()]


def test_an_import_with_the_development_key_warns_once_on_stderr(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # R-D1: the reason for the warning: anyone can recompute these keys from a guessed name.
    monkeypatch.delenv("DAIYUN_SECRET_KEY", raising=False)
    result = _import(chando_store, _two_files(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count(WARNING) == 1
    assert "DAIYUN_SECRET_KEY" in result.stderr and "买家标识" in result.stderr
    assert WARNING not in result.stdout
    stored = _stored_buyer_keys(daiyun_app)
    assert stored == [_hmac(DEV_SECRET_KEY, "tb_buyer_1"), _hmac(DEV_SECRET_KEY, "tb_buyer_2")]


def test_an_import_with_an_own_key_says_nothing_of_keys(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAIYUN_SECRET_KEY", OWN_KEY)
    result = _import(chando_store, _two_files(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    stored = _stored_buyer_keys(daiyun_app)
    assert stored == [_hmac(OWN_KEY, "tb_buyer_1"), _hmac(OWN_KEY, "tb_buyer_2")]
