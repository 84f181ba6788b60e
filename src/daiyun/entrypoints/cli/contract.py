"""`daiyun contract load`: a brand, its contract, terms and stores from a contract file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from daiyun.domain.contracts import parse_contract_file
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.services.contracts.loading import load_contract

__all__ = ["contract_app"]

contract_app = typer.Typer(help="Contracts with brands.", no_args_is_help=True)


@contract_app.command("load")
def contract_load(
    file: Annotated[Path, typer.Argument(help="A contract file (TOML).")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create or update a brand, its contract and its stores from a contract file."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        common.bad_input(f"{file}: cannot read the file: {error}")
    with common.open_daiyun() as application:
        contract_file = parse_contract_file(text, str(file))
        outcome = load_contract(
            application.unit_of_work(), contract_file, at=common.moment(at), actor=common.actor()
        )
    document = {
        "brand": outcome.brand,
        "contract": outcome.contract,
        "changed": outcome.changed,
        "brand_created": outcome.brand_created,
        "contract_created": outcome.contract_created,
        "contract_updated": outcome.contract_updated,
        "stores_created": outcome.stores_created,
        "stores_updated": outcome.stores_updated,
    }
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"contract {outcome.contract} for brand {outcome.brand}: "
            + ("loaded" if outcome.changed else "already up to date, nothing changed")
        ),
    )
