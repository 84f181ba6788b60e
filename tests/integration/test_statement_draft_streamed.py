"""The streamed draft stores, to the fen and to the hash, what the in-memory draft computes
(issue 22 point 3; R-S1…R-S9, R-S8), on SQLite and PostgreSQL.

`draft_month` reads a month in sorted batches (COPY on PostgreSQL), drafts it in column batches
(domain/settlement/month_columns.py) and stores the lines by binary COPY. The reference is the
path it replaced, kept here: every line read into objects (`month_inputs`), the approved
promotions applied, `draft_statement` over the whole month. Seeded months of generated rows mix
what a month holds: two stores, order numbers that sort differently as text and as numbers,
multi-line orders with shipping whose first line is not the month's, lines without SKU or guide
price, closed lines, orders without SKU lines, sales below guide covered by approved promotions
(brand- and operator-funded) or not, above the cap, refunds in the month of lines completed in
it, in the month before (issued: reversed) and after, refunds before completion (some in full),
order-level and uncompleted refunds (never counted). Each month is compared by its figures,
counts, hash, every stored line and the order line each stored line points at.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from bench.lib.settle_month import BRAND_CODE, CONTRACT_CODE, MonthSpec, write_setup_files
from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from daiyun.adapters.db.bulk_keys import ForeignKeyBroken
from daiyun.adapters.db.engine import make_engine
from daiyun.adapters.db.repositories.month_fingerprint import read_inputs_fingerprint
from daiyun.adapters.db.repositories.month_stream import StreamedMonth
from daiyun.adapters.db.tables import (
    order_line,
    refund,
    sales_order,
    statement_line,
    statement_version,
)
from daiyun.bootstrap import Daiyun
from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.fulfilment.custody import losses_total
from daiyun.domain.money import Money
from daiyun.domain.orders.columns import microseconds
from daiyun.domain.pricing import PriceCheck
from daiyun.domain.promotions import apply_promotions
from daiyun.domain.settlement import (
    DuplicateLine,
    LineKey,
    RefundedLineMissing,
    Statement,
    draft_statement,
)
from daiyun.domain.settlement.lines_json import LINE_FIELDS
from daiyun.domain.settlement.month_columns import STATEMENT_SCHEMA
from daiyun.services.settlement.platform_fees import month_charges
from daiyun.services.settlement.statement_access import model_a_contract
from daiyun.services.settlement.statements import draft_month, issue_statement
from tests.integration.cli_runner import run_daiyun
from tests.integration.conftest import register_seed, seeded

SEPTEMBER, OCTOBER = Month(2026, 9), Month(2026, 10)
SKU_COUNT = 40
PROMOTED_BY_BRAND_PERCENT = 85  # of the guide price
PROMOTED_BY_OPERATOR_PERCENT = 90


def in_memory(app: Daiyun, month: Month) -> tuple[Statement, dict[LineKey, int]]:
    """The draft as computed before issue 22: the whole month in objects, draft_statement."""
    uow = app.unit_of_work()
    with uow:
        contract = model_a_contract(uow, CONTRACT_CODE)
        inputs = uow.statements.month_inputs(contract.code, month)
        lines = inputs.lines
        if any(line.price_check is PriceCheck.BELOW_GUIDE for line in lines):
            lines = apply_promotions(lines, uow.promotions.approved_versions(contract.brand_code))
        fees = {each.platform: each for each in uow.contracts.fee_schedules(contract.code)}
        statement = draft_statement(
            month, lines, inputs.refunds, terms=contract.terms, fee_schedules=fees,
            recognised_earlier=inputs.recognised_elsewhere,
            orders_without_sku_lines=inputs.unsettleable,
            charges=month_charges(uow, contract, month),
            # Issue 19, R-F7: the month's custody losses, as the streamed draft reads them.
            custody_losses=losses_total(uow.statements.custody_losses(contract.code, month)),
        )  # fmt: skip
        return statement, inputs.line_ids


def assert_streamed_equals_in_memory(app: Daiyun, database_url: str, month: Month) -> None:
    """Draft `month` both ways; the stored draft must be the in-memory one, line by line."""
    expected, line_ids = in_memory(app, month)
    at = datetime(2026, month.month + 1, 2, 10, tzinfo=SHANGHAI)
    outcome = draft_month(
        app.unit_of_work(), contract_code=CONTRACT_CODE, month=month, at=at, actor="test"
    )
    # The figures, counts, hash and the orders that cannot be settled; which of an order's
    # lines gives the moment shown for it hung on the order rows were read in (not hashed).
    unsettleable = [(order.order_no, order.reason) for order in expected.unsettleable]
    assert [(order.order_no, order.reason) for order in outcome.statement.unsettleable] == (
        unsettleable
    )
    assert replace(outcome.statement, unsettleable=()) == replace(
        expected.summary(), unsettleable=()
    )
    assert outcome.statement.line_count == len(expected.lines) > 0
    uow = app.unit_of_work()
    with uow:
        version = outcome.view.version
        stored = uow.statements.statement(CONTRACT_CODE, month, version)
    assert stored.lines == expected.lines
    # R-S8: the hash of the stored lines, computed again, is the hash stored and shown.
    assert stored.content_hash == expected.content_hash == outcome.statement.content_hash
    assert stored_line_ids(database_url, month, version) == [
        line_ids.get((line.order_no, line.line_no)) for line in expected.lines
    ]
    # R-S8: the inputs' fingerprint summed from the stream is issuing's, summed by SQL.
    assert streamed_fingerprint(database_url, month) == read_inputs_fingerprint_of(
        database_url, month
    )
    # Drafting again on the same data changes nothing (R-S8).
    again = draft_month(
        app.unit_of_work(), contract_code=CONTRACT_CODE, month=month, at=at, actor="test"
    )
    assert not again.changed
    assert again.statement == outcome.statement


def streamed_fingerprint(database_url: str, month: Month) -> str:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            source = StreamedMonth(
                connection, CONTRACT_CODE, month, shipping=True, promotions=False
            )
            rows = sum(len(batch) for batch in source)
            assert rows > 0
            return source.inputs_fingerprint()
    finally:
        engine.dispose()


def read_inputs_fingerprint_of(database_url: str, month: Month) -> str:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return read_inputs_fingerprint(connection, CONTRACT_CODE, month)
    finally:
        engine.dispose()


def stored_line_ids(database_url: str, month: Month, version: int) -> list[int | None]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            version_id = connection.execute(
                text(
                    "SELECT v.id FROM statement_version v JOIN statement s ON s.id = v.statement_id"
                    " WHERE s.month = :month AND v.version = :version"
                ),
                {"month": str(month), "version": version},
            ).scalar_one()
            rows = connection.execute(
                select(statement_line.c.order_line_id)
                .where(statement_line.c.version_id == version_id)
                .order_by(statement_line.c.position)
            )
            return [row[0] for row in rows]
    finally:
        engine.dispose()


# --- the bench brand, its promotions, and generated months -------------------------------------


def _add_bench_brand(database_url: str, folder: Path) -> None:
    """The settle benchmark's contract (Tmall and JD, category fee rates, shipping to the
    brand) and 40 SKUs; two approved October promotions on the Tmall store (R-P4)."""
    spec = MonthSpec(lines=1, skus=SKU_COUNT)
    contract_file, catalog_file = write_setup_files(spec, folder)
    assert run_daiyun(database_url, "contract", "load", str(contract_file)).exit_code == 0
    loaded = run_daiyun(database_url, "catalog", "import", "--brand", BRAND_CODE, str(catalog_file))
    assert loaded.exit_code == 0, loaded.stderr
    for login, role, brand in (
        ("ops.bench", "store_operations", ()),
        ("bench-admin", "brand_admin", ("--brand", BRAND_CODE)),
    ):
        added = run_daiyun(database_url, "user", "add", "--login", login, "--role", role, *brand)
        assert added.exit_code == 0, added.stderr
    skus = spec.catalogue()
    for code, sku, percent, funded_by in (
        ("OCT-BRAND", skus[0], PROMOTED_BY_BRAND_PERCENT, "brand"),
        ("OCT-OPS", skus[1], PROMOTED_BY_OPERATOR_PERCENT, "operator"),
    ):
        price = Money(sku.guide_fen * percent // 100).yuan_text()
        for action, *extra in (
            ("draft", "--name", code, "--store", "benchbrand-tmall", "--price",
             f"{sku.code}={price}", "--start", "2026-09-25T00:00:00", "--end",
             "2026-10-25T00:00:00", "--budget", "50000.00", "--funded-by", funded_by,
             "--by", "ops.bench", "--at", "2026-09-01T10:00:00"),
            ("submit", "--by", "ops.bench", "--at", "2026-09-01T11:00:00"),
            ("approve", "--version", "1", "--by", "bench-admin"),
        ):  # fmt: skip
            done = run_daiyun(
                database_url, "promotion", action, "--brand", BRAND_CODE, "--code", code, *extra
            )
            assert done.exit_code == 0, done.stderr


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED = register_seed(__name__, "bench_brand", _add_bench_brand, extends=None)


@pytest.fixture
def bench_brand(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The settle benchmark's contract (Tmall and JD, category fee rates, shipping to the
    brand) and 40 SKUs; two approved October promotions on the Tmall store (R-P4)."""
    if not seeded(request, _SEED):
        _add_bench_brand(database_url, tmp_path)
    return database_url


@dataclass(frozen=True)
class _Sku:
    id: int
    code: str
    guide_fen: int


class MonthRows:
    """Orders, lines and refunds made up from a seed, written straight into the tables as an
    import stores them (the benchmark's way, bench/lib/settle_month.py), edge cases included."""

    def __init__(self, connection: Connection, seed: int) -> None:
        self.rng = random.Random(f"streamed:{seed}")
        self.connection = connection
        stores = connection.execute(text("SELECT code, id, platform FROM store")).all()
        self.stores = [(int(key), str(platform)) for _, key, platform in sorted(stores)]
        guides = {sku.code: sku.guide_fen for sku in MonthSpec(skus=SKU_COUNT).catalogue()}
        rows = connection.execute(text("SELECT id, code FROM sku ORDER BY id")).all()
        self.skus = [_Sku(int(key), str(code), guides[str(code)]) for key, code in rows]
        self.numbers: set[str] = set()

    def write(self, orders: int) -> None:
        for _ in range(orders):
            self.order()
        for _ in range(3):
            self.order(without_sku_lines=True)

    def moment(self, month: int, *, whole: bool = False) -> datetime:
        start = datetime(2026, month, 1, tzinfo=SHANGHAI)
        span = (datetime(2026, month + 1, 1, tzinfo=SHANGHAI) - start).total_seconds()
        at = start + timedelta(seconds=self.rng.randrange(int(span)))
        if not whole:
            at += timedelta(microseconds=self.rng.randrange(1_000_000))
        return at.astimezone(UTC)

    def order_no(self) -> str:
        rng = self.rng
        while True:
            number = rng.choice(
                [
                    str(rng.randrange(1, 10 ** rng.randint(1, 19))),  # "9" sorts after "10…"
                    f"JD{rng.randrange(10**6)}",
                    f"订单{rng.randrange(1000)}",
                    f"t-{rng.randrange(100)}",
                ]
            )
            if number not in self.numbers:
                self.numbers.add(number)
                return number

    def order(self, *, without_sku_lines: bool = False) -> None:
        rng = self.rng
        store_id, platform = rng.choice(self.stores)
        month = rng.choice((9, 10, 10, 10, 11))
        completed = self.moment(month, whole=rng.random() < 0.3)
        paid = completed - timedelta(days=rng.randint(2, 9), seconds=rng.randrange(86400))
        closed = not without_sku_lines and rng.random() < 0.05
        shipping = rng.choice((0, 0, 600, 1200))
        order_id = self.connection.execute(
            insert(sales_order)
            .values(
                platform=platform, store_id=store_id, order_no=self.order_no(),
                status="closed" if closed else "completed", created_at=paid, paid_at=paid,
                completed_at=None if closed else completed, closed_at=completed if closed else None,
                total_fen=0, paid_fen=0, shipping_fen=shipping, refund_fen=0,
                has_sku_lines=not without_sku_lines, as_of=completed + timedelta(days=1),
            )
            .returning(sales_order.c.id)
        ).scalar_one()  # fmt: skip
        if without_sku_lines:
            return
        for line_no in range(1, rng.choice((1, 1, 2, 3)) + 1):
            self.line(order_id, line_no, None if closed else completed)

    def line(self, order_id: int, line_no: int, completed: datetime | None) -> None:
        rng = self.rng
        promoted = rng.random() < 0.3  # the two SKUs of the October promotions, often cut
        sku = rng.choice(self.skus[:2] if promoted else self.skus)
        units = rng.choice((1, 1, 1, 2, 3))
        draw = rng.random() * (0.4 if promoted else 1)
        percent, check = 100, "within"
        if draw < 0.15:
            percent, check = rng.choice((80, 85, 88, 90, 95)), "below_guide"
        elif draw < 0.2:
            percent, check = rng.choice((112, 120)), "above_cap"
        unit_fen = sku.guide_fen * percent // 100
        status = "completed"
        if completed is not None and line_no > 1 and rng.random() < 0.1:
            completed = None  # closed alone: the order's other lines carry on
        if completed is None:
            status = "closed"
        if line_no == 1 and completed is not None and rng.random() < 0.1:
            completed = self.moment(rng.choice((9, 10, 11)))  # maybe not the order's month
        no_sku = rng.random() < 0.04
        no_guide = rng.random() < 0.04
        self.connection.execute(
            insert(order_line)
            .values(
                order_id=order_id, line_no=line_no, sku_id=None if no_sku else sku.id,
                sku_code=rng.choice((None, "")) if no_sku else sku.code, title="商品",
                units=units, unit_price_fen=unit_fen, line_amount_fen=unit_fen * units,
                guide_price_fen=None if no_guide else sku.guide_fen, price_check=check,
                status=status, completed_at=completed,
            )
        )  # fmt: skip
        for number in range(rng.choice((0, 0, 0, 1, 1, 2))):
            self.refund(order_id, line_no, units, unit_fen * units, completed, number)

    def refund(
        self,
        order_id: int,
        line_no: int,
        units: int,
        amount: int,
        completed: datetime | None,
        number: int,
    ) -> None:
        rng = self.rng
        base = completed or self.moment(10)
        at = base + timedelta(hours=rng.randint(-72, 30 * 24), microseconds=rng.randrange(10**6))
        kind = rng.random()
        reason: str | None
        if kind < 0.4:
            back, fen, reason = rng.randint(1, units), amount, "七天无理由退货"
        elif kind < 0.7:
            back, fen, reason = 0, max(1, amount // rng.choice((1, 5, 10))), "quality"
        else:
            back, fen, reason = 0, max(1, amount // 20), rng.choice((None, "少发赠品"))
        # The order repository's keys: "line N:TOTAL", or "order:TOTAL" for an order-level one.
        key = (
            f"order:{fen}{line_no}{number}"
            if rng.random() < 0.05
            else f"line {line_no}:{fen}{number}"
        )
        self.connection.execute(
            insert(refund).values(
                order_id=order_id, order_line_id=None, refund_key=key,
                units=back, amount_fen=fen, reason=reason,
                status="completed" if rng.random() < 0.95 else "pending", completed_at=at,
            )
        )  # fmt: skip


def write_months(database_url: str, seed: int, orders: int) -> None:
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            MonthRows(connection, seed).write(orders)
    finally:
        engine.dispose()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_generated_month_drafted_streamed_is_the_in_memory_draft_to_the_fen(
    bench_brand: str, daiyun_app: Daiyun, seed: int
) -> None:
    """September is drafted both ways and issued; October, whose refunds reverse some of
    September's recognised lines (R-S9) and whose lines September recognised are skipped
    (R-S1), is drafted both ways."""
    write_months(bench_brand, seed, orders=120)
    assert_streamed_equals_in_memory(daiyun_app, bench_brand, SEPTEMBER)
    issue_statement(
        daiyun_app.unit_of_work(), contract_code=CONTRACT_CODE, month=SEPTEMBER,
        at=datetime(2026, 10, 3, 10, tzinfo=SHANGHAI), actor="test",
    )  # fmt: skip
    move_recognised_into_october(bench_brand, seed)
    assert_streamed_equals_in_memory(daiyun_app, bench_brand, OCTOBER)
    # R-S8: the draft's fingerprint (summed from the stream) is the one issuing reads by SQL,
    # or the issue would refuse ("the orders changed since it was drafted").
    issued = issue_statement(
        daiyun_app.unit_of_work(), contract_code=CONTRACT_CODE, month=OCTOBER,
        at=datetime(2026, 11, 3, 10, tzinfo=SHANGHAI), actor="test",
    )  # fmt: skip
    engine = make_engine(bench_brand)
    try:
        with engine.connect() as connection:
            recognised = connection.execute(
                text(
                    "SELECT count(*) FROM statement_recognition r JOIN statement s"
                    " ON s.id = r.statement_id WHERE s.month = '2026-10'"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    assert recognised == issued.view.figures.recognised_lines


def move_recognised_into_october(database_url: str, seed: int) -> None:
    """A few lines September's issued statement recognised complete in October on a later
    import: October counts them as already recognised and settles them no more (R-S1)."""
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            recognised = sorted(
                connection.execute(text("SELECT order_line_id FROM statement_recognition"))
                .scalars()
                .all()
            )
            moved = random.Random(seed).sample(recognised, min(5, len(recognised)))
            connection.execute(
                order_line.update()
                .where(order_line.c.id.in_(moved))
                .values(completed_at=datetime(2026, 10, 12, 3, 4, 5, tzinfo=UTC))
            )
    finally:
        engine.dispose()


def test_the_benchmarks_month_drafted_streamed_is_the_in_memory_draft_to_the_fen(
    database_url: str, daiyun_app: Daiyun, tmp_path: Path
) -> None:
    """The month bench_settle.py times, at 3,000 lines: batches of PostgreSQL's COPY and of
    SQLite's fetches, the same figures and hash."""
    from bench.lib.settle_month import fill_month

    spec = MonthSpec(lines=3_000, skus=SKU_COUNT)
    contract_file, catalog_file = write_setup_files(spec, tmp_path)
    assert run_daiyun(database_url, "contract", "load", str(contract_file)).exit_code == 0
    loaded = run_daiyun(database_url, "catalog", "import", "--brand", BRAND_CODE, str(catalog_file))
    assert loaded.exit_code == 0, loaded.stderr
    fill_month(database_url, spec)
    assert_streamed_equals_in_memory(daiyun_app, database_url, OCTOBER)


def refused(work: Callable[[], Any]) -> Exception:
    with pytest.raises(Exception) as caught:  # noqa: PT011 — compared with the reference's
        work()
    return caught.value


def versions(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(select(func.count()).select_from(statement_version)).scalar_one()
            )
    finally:
        engine.dispose()


@pytest.mark.parametrize("case", ["refund of no line", "one number in two stores"])
def test_a_month_the_in_memory_draft_refuses_is_refused_streamed_and_nothing_is_stored(
    bench_brand: str, daiyun_app: Daiyun, case: str
) -> None:
    """R-S1: a refund naming a line that is not stored, and two stores' lines with one order
    and line number, are refused by both paths; nothing is drafted."""
    write_months(bench_brand, 7, orders=10)
    engine = make_engine(bench_brand)
    with engine.begin() as connection:
        taken = connection.execute(
            select(sales_order.c.id, sales_order.c.order_no).order_by(sales_order.c.id)
        ).first()
        assert taken is not None
        order_id, order_no = taken
        if case == "refund of no line":
            connection.execute(
                insert(refund).values(
                    order_id=order_id, refund_key="line 9:100", units=0, amount_fen=100,
                    status="completed", completed_at=datetime(2026, 10, 9, 2, tzinfo=UTC),
                )
            )  # fmt: skip
        else:
            # The natural key is per store: each store may hold an order numbered "7777" (R-S1
            # still recognises a (number, line) once: draft_statement refuses two).
            sku_id, sku_code = connection.execute(
                text("SELECT id, code FROM sku ORDER BY id LIMIT 1")
            ).one()
            october = datetime(2026, 10, 9, 2, tzinfo=UTC)
            for store_id, platform in connection.execute(text("SELECT id, platform FROM store")):
                clash = connection.execute(
                    insert(sales_order)
                    .values(
                        platform=platform,
                        store_id=store_id,
                        order_no="7777",
                        status="completed",
                        completed_at=october,
                        total_fen=100,
                        paid_fen=100,
                        shipping_fen=0,
                        refund_fen=0,
                        has_sku_lines=True,
                        as_of=october,
                    )
                    .returning(sales_order.c.id)
                ).scalar_one()
                connection.execute(
                    insert(order_line).values(
                        order_id=clash, line_no=1, sku_id=sku_id, sku_code=sku_code, units=1,
                        unit_price_fen=100, line_amount_fen=100, guide_price_fen=100,
                        price_check="within", status="completed", completed_at=october,
                    )
                )  # fmt: skip
    engine.dispose()
    before = versions(bench_brand)
    expected = refused(lambda: in_memory(daiyun_app, OCTOBER))
    got = refused(
        lambda: draft_month(
            daiyun_app.unit_of_work(), contract_code=CONTRACT_CODE, month=OCTOBER,
            at=datetime(2026, 11, 2, 10, tzinfo=SHANGHAI), actor="test",
        )
    )  # fmt: skip
    wanted = RefundedLineMissing if case == "refund of no line" else DuplicateLine
    assert type(expected) is type(got) is wanted
    if wanted is RefundedLineMissing:
        assert (
            str(got)
            == str(expected)
            == f"refunds name lines that were not given: {order_no} line 9"
        )
    assert versions(bench_brand) == before


def test_a_draft_naming_an_order_line_not_stored_is_refused_and_nothing_is_kept(
    bench_brand: str, daiyun_app: Daiyun
) -> None:
    """The statement lines' key to their order line holds however they are written (binary
    COPY, its keys checked once per version): a line naming no stored order line is refused
    and the draft stays as it was; one naming a line of another month is accepted."""
    write_months(bench_brand, 11, orders=30)
    for act, day in ((draft_month, 2), (issue_statement, 3)):  # September's refunds' lines
        act(
            daiyun_app.unit_of_work(), contract_code=CONTRACT_CODE, month=SEPTEMBER,
            at=datetime(2026, 10, day, 10, tzinfo=SHANGHAI), actor="t",
        )  # fmt: skip
    at = datetime(2026, 11, 2, 10, tzinfo=SHANGHAI)
    outcome = draft_month(
        daiyun_app.unit_of_work(), contract_code=CONTRACT_CODE, month=OCTOBER, at=at, actor="t"
    )
    ids = stored_line_ids(bench_brand, OCTOBER, 1)
    other_month = other_month_line(bench_brand)

    def save(line_ids: list[int | None]) -> None:
        uow = daiyun_app.unit_of_work()
        with uow:
            stored = uow.statements.statement(CONTRACT_CODE, OCTOBER, 1)
            uow.statements.save_draft(
                CONTRACT_CODE, OCTOBER, 1, outcome.statement,
                [statement_batch(list(stored.lines), line_ids)], at=at, actor="t",
            )  # fmt: skip
            uow.commit()

    with pytest.raises((ForeignKeyBroken, IntegrityError)):
        save([987_654_321, *ids[1:]])
    assert stored_line_ids(bench_brand, OCTOBER, 1) == ids
    save([other_month, *ids[1:]])
    assert stored_line_ids(bench_brand, OCTOBER, 1) == [other_month, *ids[1:]]


def other_month_line(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(
                    select(order_line.c.id)
                    .where(order_line.c.completed_at < datetime(2026, 9, 20, tzinfo=UTC))
                    .limit(1)
                ).scalar_one()
            )
    finally:
        engine.dispose()


def statement_batch(lines: list[Any], line_ids: list[int | None]) -> pa.RecordBatch:
    """Stored statement lines as the batches drafting makes (STATEMENT_SCHEMA)."""
    columns: dict[str, list[Any]] = {name: [] for name in LINE_FIELDS}
    for line in lines:
        for name, value in zip(LINE_FIELDS, line, strict=True):
            columns[name].append(value)
    columns["kind"] = [str(kind) for kind in columns["kind"]]
    columns["at"] = [microseconds(moment) for moment in columns["at"]]
    return pa.RecordBatch.from_pydict({**columns, "line_id": line_ids}, schema=STATEMENT_SCHEMA)
