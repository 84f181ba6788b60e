"""Property: no order line is recognised twice, whatever is imported, drafted, issued (R-S1).

Random sequences of snapshot imports (forward only, any order of as-of times), completions
moved into another month behind the importer's back, drafts, issues and disputes; after every
step, each line is held by at most one issued statement, exactly as its latest issued version
lists it.
"""

from __future__ import annotations

import contextlib
import itertools
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from daiyun.adapters.db.tables import (
    order_line,
    sales_order,
    statement_line,
    statement_recognition,
    statement_version,
    store,
)
from daiyun.bootstrap import Daiyun
from daiyun.domain.calendar import Month
from daiyun.services.errors import Refused
from daiyun.services.settlement.statement_answers import dispute_statement
from daiyun.services.settlement.statements import draft_month, issue_statement
from tests.builders import (
    beijing,
    contract_toml,
    daiyun_order_row,
    write_catalog_csv,
    write_daiyun_orders,
)
from tests.integration.cli_runner import run_daiyun
from tests.integration.statement_steps import add_brand_user

MONTHS = ("2026-10", "2026-11", "2026-12")
COMPLETIONS = ("2026-10-31 23:59:59", "2026-11-01 00:00:00", "2026-11-30 23:00:00", "")
ORDERS = ("5001", "5002", "5003")
_examples = itertools.count(1)

snapshot = st.tuples(
    st.just("import"),
    st.lists(st.tuples(st.sampled_from(ORDERS), st.sampled_from(COMPLETIONS)), max_size=3),
    st.integers(min_value=1, max_value=28),  # as-of day of November
)
step = st.one_of(
    snapshot,
    st.tuples(st.just("move"), st.sampled_from(ORDERS), st.sampled_from(COMPLETIONS[:3])),
    st.tuples(st.sampled_from(["draft", "issue", "dispute"]), st.sampled_from(MONTHS)),
)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=2, max_size=7))
def test_no_line_is_recognised_twice_across_imports_drafts_and_issues(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path, steps: list[tuple[object, ...]]
) -> None:
    """R-S1: every line is recognised at most once, whatever is re-imported or re-run."""
    n = next(_examples)
    contract = _new_contract(database_url, tmp_path, n)
    # Whatever came before, end by drafting and issuing every month: lines get recognised.
    closing = [(kind, month) for month in MONTHS for kind in ("draft", "issue")]
    for i, (kind, *args) in enumerate([*steps, *closing]):
        if kind == "import":
            lines, day = args
            _import(database_url, tmp_path / f"{n}-{i}.csv", n, lines, day)  # type: ignore[arg-type]
        elif kind == "move":
            _move_completion(daiyun_app, n, *args)  # type: ignore[arg-type]
        else:
            _act(daiyun_app, str(kind), contract, Month.parse(str(args[0])), n)
        _assert_recognised_once(daiyun_app)


def _act(app: Daiyun, kind: str, contract: str, month: Month, n: int) -> None:
    """Draft, issue or dispute through the services; a refusal by a rule is a fine outcome."""
    at = beijing("2026-12-05 10:00")
    action = {
        "draft": lambda: draft_month(
            app.unit_of_work(), contract_code=contract, month=month, at=at, actor="test"
        ),
        "issue": lambda: issue_statement(
            app.unit_of_work(), contract_code=contract, month=month, at=at, actor="test"
        ),
        "dispute": lambda: dispute_statement(
            app.unit_of_work(),
            contract_code=contract,
            month=month,
            by=f"p{n}-admin",
            at=at,
            reason="不对",
        ),
    }[kind]
    with contextlib.suppress(Refused):
        action()


def _new_contract(database_url: str, tmp_path: Path, n: int) -> str:
    toml = tmp_path / f"p{n}.toml"
    toml.write_text(
        contract_toml(brand_code=f"p{n}", contract_code=f"P{n}-2026", store_code=f"p{n}-tmall"),
        encoding="utf-8",
    )
    assert run_daiyun(database_url, "contract", "load", str(toml)).exit_code == 0
    catalog = write_catalog_csv(
        tmp_path / f"p{n}.csv", [("CD-CREAM-50", "面霜", "面霜", "139.00", "2026-01-01")]
    )
    assert run_daiyun(database_url, "catalog", "import", "--brand", f"p{n}", str(catalog))
    add_brand_user(database_url, f"p{n}-admin", "brand_admin", brand=f"p{n}")
    return f"P{n}-2026"


def _import(database_url: str, path: Path, n: int, lines: list[tuple[str, str]], day: int) -> None:
    rows = [
        daiyun_order_row(order_no, status="completed", completed_at=at)
        for order_no, at in dict(lines).items()
    ]
    if not rows:
        return
    write_daiyun_orders(path, rows)
    result = run_daiyun(
        database_url, "orders", "import", "--store", f"p{n}-tmall",
        "--as-of", f"2026-11-{day:02d}T09:00:00+08:00", str(path),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr


def _move_completion(app: Daiyun, n: int, order_no: str, at: str) -> None:
    """A completion time changed behind the importer's back (a platform's correction)."""
    orders = (
        select(sales_order.c.id)
        .join(store, store.c.id == sales_order.c.store_id)
        .where(store.c.code == f"p{n}-tmall", sales_order.c.order_no == order_no)
    )
    with app.engine.begin() as connection:
        connection.execute(
            update(order_line)
            .where(order_line.c.order_id.in_(orders), order_line.c.completed_at.is_not(None))
            .values(completed_at=beijing(at))
        )


def _assert_recognised_once(app: Daiyun) -> None:
    with app.engine.connect() as connection:
        issued = connection.execute(
            select(
                statement_version.c.statement_id,
                statement_version.c.version,
                statement_version.c.id,
            ).where(statement_version.c.is_issued.is_(True))
        ).all()
        latest: dict[int, tuple[int, int]] = {}
        for statement_id, version, version_id in issued:
            if version > latest.get(statement_id, (0, 0))[0]:
                latest[statement_id] = (version, version_id)
        version_ids = [version_id for _, version_id in latest.values()]
        sales = connection.execute(
            select(statement_line.c.order_line_id, statement_line.c.version_id).where(
                statement_line.c.kind == "sale", statement_line.c.version_id.in_(version_ids)
            )
        ).all()
        held = connection.execute(
            select(statement_recognition.c.order_line_id, statement_recognition.c.version_id)
        ).all()
    twice = [line for line, count in Counter(line for line, _ in sales).items() if count > 1]
    assert twice == []
    assert sorted(map(tuple, held)) == sorted(map(tuple, sales))
