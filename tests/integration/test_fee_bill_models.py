"""Each model's commands refuse the other model's contract (issue 18, R-C2): exit 1, the message
naming the contract's model, nothing changed — on SQLite and PostgreSQL.

CHANDO-2026 is model A (the operator collects and remits: monthly statements); INOHERB-2026 is
model B (the brand collects: fee bills, the service fee, the deposit).
"""

from __future__ import annotations

from pathlib import Path

from daiyun.bootstrap import Daiyun
from tests.integration.cli_runner import run_daiyun
from tests.integration.fee_bill_world import import_lines, income, load_inoherb
from tests.integration.snapshots import database_snapshot

AT = ("--at", "2026-11-05T09:00:00+08:00")
MONTH = ("--month", "2026-10")


def _model_a_commands(contract: str) -> list[tuple[str, ...]]:
    """Every statement and payment command, on `contract`."""
    on = ("--contract", contract, *MONTH)
    return [
        ("statement", "draft", *on, *AT),
        ("statement", "issue", *on, *AT),
        ("statement", "confirm", *on, "--by", "inoherb-finance", *AT),
        ("statement", "dispute", *on, "--by", "inoherb-finance", "--reason", "错", *AT),
        ("statement", "show", *on, *AT),
        ("payment", "record", *on, "--amount", "1.00", "--paid-on", "2026-11-05", *AT),
        ("payment", "penalty", *on, "--amount", "1.00", "--paid-on", "2026-11-05", *AT),
        ("payment", "excuse", *on, "--from", "2026-11-02", "--to", "2026-11-03",
         "--reason", "品牌方原因", *AT),
    ]  # fmt: skip


def _model_b_commands(contract: str) -> list[tuple[str, ...]]:
    """Every bill, service fee and deposit command, on `contract`."""
    on = ("--contract", contract)
    return [
        ("bill", "draft", *on, *MONTH, *AT),
        ("bill", "issue", *on, *MONTH, *AT),
        ("bill", "confirm", *on, *MONTH, "--by", "chando-finance", *AT),
        ("bill", "dispute", *on, *MONTH, "--by", "chando-finance", "--reason", "错", *AT),
        ("bill", "pay", *on, *MONTH, "--amount", "1.00", "--paid-on", "2026-11-05", *AT),
        ("bill", "show", *on, *MONTH, *AT),
        ("bill", "list", *on, *AT),
        ("service-fee", "list", *on, *AT),
        ("service-fee", "pay", *on, "--instalment", "1", "--amount", "1.00",
         "--paid-on", "2026-11-05", *AT),
        ("deposit", "receive", *on, "--on", "2026-11-05", *AT),
        ("deposit", "refund", *on, "--on", "2026-11-05", *AT),
        ("deposit", "forfeit", *on, "--on", "2026-11-05", "--reason", "违约", *AT),
    ]  # fmt: skip


def test_model_a_commands_refuse_a_model_b_contract_and_model_b_commands_a_model_a_one(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    load_inoherb(chando_store, tmp_path)
    # Each contract's month has what its own model needs, so the model is the only reason.
    import_lines(chando_store, tmp_path, "october", [income("1", "2026-10-02 10:00:00", "100.00")])
    for login, brand in (("inoherb-finance", "inoherb"), ("chando-finance", "chando")):
        added = run_daiyun(
            chando_store, "user", "add", "--login", login, "--role", "brand_finance",
            "--brand", brand,
        )  # fmt: skip
        assert added.exit_code == 0, added.stderr
    before = database_snapshot(daiyun_app)
    cases = [(command, "is model B") for command in _model_a_commands("INOHERB-2026")]
    cases += [(command, "is model A") for command in _model_b_commands("CHANDO-2026")]
    outcomes = {}
    for command, words in cases:
        result = run_daiyun(chando_store, *command, "--json")
        message = " ".join(result.stderr.split())
        outcomes[" ".join(command[:2])] = (result.exit_code, words in message, result.stdout)
    assert outcomes == {" ".join(command[:2]): (1, True, "") for command, _ in cases}
    assert database_snapshot(daiyun_app) == before
    # The model B message says what the contract has instead, and so does the model A one.
    statement = run_daiyun(chando_store, *_model_a_commands("INOHERB-2026")[0])
    assert "contract INOHERB-2026 is model B: the brand collects" in statement.stderr
    fee_bill = run_daiyun(chando_store, *_model_b_commands("CHANDO-2026")[0])
    assert "contract CHANDO-2026 is model A" in " ".join(fee_bill.stderr.split())
    assert "monthly statement" in " ".join(fee_bill.stderr.split())
