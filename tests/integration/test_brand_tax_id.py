"""`daiyun contract load` stores the brand's tax id (统一社会信用代码) from the [brand] table:
the 纳税人识别号 of the VAT invoice request of model B's fees (R-B3, issue 18)."""

from __future__ import annotations

from pathlib import Path

from daiyun.bootstrap import Daiyun
from tests.builders import contract_toml
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot

TAX_ID = "91350100M000100Y43"  # check character worked in tests/unit/contracts/test_brand_tax_id
OTHER_TAX_ID = "91110000100000000R"  # 9×1 + 1×3 + 1×9 + 1×27 + 1×20 = 68 ≡ 6; 31 − 6 = 25: R


def _load(database_url: str, tmp_path: Path, tax_id: str | None, *, at: str) -> tuple[int, str]:
    text = contract_toml()
    if tax_id is not None:
        text = text.replace('name = "自然堂"\n', f'name = "自然堂"\ntax_id = "{tax_id}"\n', 1)
    path = tmp_path / "chando.toml"
    path.write_text(text, encoding="utf-8")
    result = run_daiyun(database_url, "contract", "load", str(path), "--at", at)
    return result.exit_code, result.stderr


def _tax_id(application: Daiyun) -> str | None:
    with application.unit_of_work() as uow:
        brand = uow.brands.get("chando")
    assert brand is not None
    return brand.tax_id


def _tax_id_changes(application: Daiyun) -> list[tuple[str | None, str | None]]:
    with application.unit_of_work() as uow:
        return [
            (entry.before, entry.after)
            for entry in reversed(uow.audit.list_recent())
            if entry.action == "brand.tax_id"
        ]


def test_the_tax_id_is_stored_kept_and_changed_by_the_files_that_give_it(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    assert _load(database_url, tmp_path, TAX_ID, at="2026-01-05T10:00:00+08:00")[0] == 0
    assert _tax_id(daiyun_app) == TAX_ID
    # A file that does not give it (an older contract file of the brand) leaves it as it is.
    assert _load(database_url, tmp_path, None, at="2026-01-06T10:00:00+08:00")[0] == 0
    assert _tax_id(daiyun_app) == TAX_ID
    # A file that gives another changes it, and the audit log says from what to what (R-D3).
    assert _load(database_url, tmp_path, OTHER_TAX_ID, at="2026-01-07T10:00:00+08:00")[0] == 0
    assert _tax_id(daiyun_app) == OTHER_TAX_ID
    assert _tax_id_changes(daiyun_app) == [
        (f'{{"tax_id": "{TAX_ID}"}}', f'{{"tax_id": "{OTHER_TAX_ID}"}}')
    ]


def test_a_brand_first_loaded_without_a_tax_id_gets_it_from_a_later_file(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    assert _load(database_url, tmp_path, None, at="2026-01-05T10:00:00+08:00")[0] == 0
    assert _tax_id(daiyun_app) is None
    assert _load(database_url, tmp_path, TAX_ID, at="2026-01-06T10:00:00+08:00")[0] == 0
    assert _tax_id(daiyun_app) == TAX_ID
    assert _tax_id_changes(daiyun_app) == [('{"tax_id": null}', f'{{"tax_id": "{TAX_ID}"}}')]


def test_a_mistyped_tax_id_is_bad_input_naming_the_key_and_nothing_changes(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    assert _load(database_url, tmp_path, TAX_ID, at="2026-01-05T10:00:00+08:00")[0] == 0
    before = database_snapshot(daiyun_app)
    code, stderr = _load(
        database_url, tmp_path, "91350100M000100Y44", at="2026-01-06T10:00:00+08:00"
    )
    assert code == 2
    assert "chando.toml:4: brand.tax_id" in stderr
    assert "'3', not '4'" in stderr
    assert database_snapshot(daiyun_app) == before
