"""`daiyun contract load`: brand, contract, terms (R-C1) and stores (R-C4) from a TOML file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from daiyun.bootstrap import Daiyun
from daiyun.domain.contracts import ContractModel, Platform
from daiyun.domain.money import Money, Rate
from tests.builders import contract_toml
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot


def _file(tmp_path: Path, text: str, name: str = "chando.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_loading_a_contract_file_stores_brand_contract_terms_and_store(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    result = run_daiyun(
        database_url,
        "contract",
        "load",
        _file(tmp_path, contract_toml()),
        "--at",
        "2026-01-05T10:00:00+08:00",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    assert result.json()["contract_created"] is True
    with daiyun_app.unit_of_work() as uow:
        contract = uow.contracts.get("CHANDO-2026")
        fees = uow.contracts.fee_schedules("CHANDO-2026")
        store = uow.stores.get("chando-tmall")
        brand = uow.brands.get("chando")
    assert brand is not None and brand.name == "自然堂"
    assert contract is not None
    assert contract.model is ContractModel.A
    assert contract.platforms == (Platform.TMALL, Platform.TAOBAO)
    # R-C1: the file's terms as written, every other term at its rules.md default.
    assert contract.terms.commission_rate == Rate.of("0.05")
    assert contract.terms.late_penalty_per_day == Rate.of("0.003")
    assert contract.terms.confirm_working_days == 5
    assert contract.terms.confidentiality_damages == Money.of_yuan("10000")
    assert fees[0].rate_for("美容护肤") == Rate.of("0.04")
    assert fees[0].rate_for("面霜") == Rate.of("0.05")
    assert fees[0].deposit == Money(1_000_000)
    assert store is not None and store.platform == "tmall" and store.contract_code == "CHANDO-2026"


def test_loading_the_same_file_twice_changes_nothing(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    path = _file(tmp_path, contract_toml())
    assert run_daiyun(database_url, "contract", "load", path).exit_code == 0
    before = database_snapshot(daiyun_app)
    again = run_daiyun(database_url, "contract", "load", path, "--json")
    assert again.exit_code == 0
    assert again.json()["changed"] is False
    assert database_snapshot(daiyun_app) == before


def test_a_changed_term_updates_the_contract_and_records_before_and_after(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    run_daiyun(database_url, "contract", "load", _file(tmp_path, contract_toml()))
    changed = _file(tmp_path, contract_toml(commission_rate="0.06"), "v2.toml")
    result = run_daiyun(database_url, "contract", "load", changed, "--json")
    assert result.json()["contract_updated"] is True
    with daiyun_app.unit_of_work() as uow:
        contract = uow.contracts.get("CHANDO-2026")
        update = next(e for e in uow.audit.list_recent() if e.action == "contract.update")
    assert contract is not None and contract.terms.commission_rate == Rate.of("0.06")
    # R-D3: who, when, before and after.
    assert json.loads(update.before or "")["terms"]["commission_rate"] == "0.05"
    assert json.loads(update.after or "")["terms"]["commission_rate"] == "0.06"
    assert update.actor.startswith("cli:")


BAD_CONTRACT_FILES = {
    # kind of bad input: (file text, the problem line that names file:line: field: what)
    "rate outside 0–1": (
        contract_toml(commission_rate="1.5"),
        "17: contract.terms.commission_rate: 1.5 is outside 0–1",
    ),
    "negative day count": (
        contract_toml(extra_terms="confirm_working_days = -1"),
        "22: contract.terms.confirm_working_days: -1 is negative",
    ),
    "unknown key": (
        contract_toml(extra_terms='comission_rate = "0.05"'),
        "22: contract.terms.comission_rate: unknown key; did you mean commission_rate?",
    ),
    "platform not in the list": (
        contract_toml(platforms='["tmall", "amazon"]'),
        "13: contract.platforms[2]: 'amazon' is not a platform",
    ),
    "bad amount": (
        contract_toml(extra_terms='confidentiality_damages = "12.345"'),
        "22: contract.terms.confidentiality_damages: '12.345' is not an amount",
    ),
    "unquoted rate": (
        contract_toml(extra_terms="vat_rate = 0.06"),
        '22: contract.terms.vat_rate: 0.06 is an unquoted number; write rates quoted, as "0.06"',
    ),
    "not TOML": (
        contract_toml(extra_terms='vat_rate = "0.06'),
        "22: not valid TOML",
    ),
}


@pytest.mark.parametrize("kind", BAD_CONTRACT_FILES)
def test_a_bad_contract_file_names_file_line_and_field_and_stores_nothing(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path, kind: str
) -> None:
    # R-C1: terms are validated before anything is written.
    text, problem = BAD_CONTRACT_FILES[kind]
    before = database_snapshot(daiyun_app)
    path = _file(tmp_path, text)
    result = run_daiyun(database_url, "contract", "load", path)
    assert result.exit_code == 2
    assert f"{path}:{problem}" in " ".join(result.stderr.split())
    assert database_snapshot(daiyun_app) == before


def test_a_store_on_a_platform_the_contract_does_not_authorise_is_refused(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    # R-C4: the contract authorises tmall only; a JD store cannot be opened.
    before = database_snapshot(daiyun_app)
    text = contract_toml(platforms='["tmall"]', store_code="chando-jd", store_platform="jd")
    result = run_daiyun(database_url, "contract", "load", _file(tmp_path, text))
    assert result.exit_code == 2
    assert "chando-jd" in result.stderr and "jd" in result.stderr
    assert database_snapshot(daiyun_app) == before


def test_a_contract_code_of_another_brand_is_refused_and_nothing_changes(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    run_daiyun(database_url, "contract", "load", _file(tmp_path, contract_toml()))
    before = database_snapshot(daiyun_app)
    stolen = contract_toml(brand_code="olay", brand_name="玉兰油", store_code="olay-tmall")
    result = run_daiyun(database_url, "contract", "load", _file(tmp_path, stolen, "olay.toml"))
    assert result.exit_code == 1
    assert "contract CHANDO-2026 belongs to brand chando, not olay" in result.stderr
    assert database_snapshot(daiyun_app) == before


def test_a_missing_contract_file_is_bad_input(database_url: str, tmp_path: Path) -> None:
    result = run_daiyun(database_url, "contract", "load", str(tmp_path / "nowhere.toml"))
    assert result.exit_code == 2
    assert "nowhere.toml" in result.stderr
