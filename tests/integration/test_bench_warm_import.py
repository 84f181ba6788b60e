"""The import benchmark's warm run (bench/lib/warm_import.py) times an import that stores it all.

The benchmark judges the import's throughput by this figure; if the child process imported
nothing, or something else, it would time the wrong thing. Here, at 300 generated lines: every
line is new, and the figures are there (the server's CPU only where /proc tells it).
"""

from __future__ import annotations

from pathlib import Path

from bench.lib.taobao_export import BRAND_CODE, STORE_CODE, ExportSpec, write_export
from bench.lib.warm_import import run_warm_import

from tests.integration.cli_runner import run_daiyun


def test_the_warm_run_imports_every_generated_line(database_url: str, tmp_path: Path) -> None:
    export = write_export(ExportSpec(lines=300, skus=50), tmp_path)
    assert run_daiyun(database_url, "contract", "load", str(export.contract_file)).exit_code == 0
    catalog = ("catalog", "import", "--brand", BRAND_CODE, str(export.catalog_file))
    loaded = run_daiyun(database_url, *catalog)
    assert loaded.exit_code == 0, loaded.stderr

    warm = run_warm_import(database_url, STORE_CODE, [export.order_file, export.item_file])

    assert warm.new_lines == export.stats.lines == 300
    assert warm.seconds > 0
    assert warm.client_cpu_seconds > 0
    if database_url.startswith("sqlite"):
        assert warm.server_cpu_seconds is None
    else:
        assert warm.server_cpu_seconds is None or warm.server_cpu_seconds >= 0
