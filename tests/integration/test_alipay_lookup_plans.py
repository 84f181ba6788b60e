"""An Alipay import's lookups are planned for the table as it is (issue 22, point 4).

psycopg prepares a statement run five times; PostgreSQL then keeps a generic plan made while
the store had few lines — a scan of every line stored so far — while the import itself adds
tens of thousands in the same transaction (a 51,547-line statement: 35.5 s, 4.8 s planned each
time). The repository asks PostgreSQL for a custom plan each time, for that transaction only."""

from __future__ import annotations

from sqlalchemy import text

from daiyun.adapters.db.repositories.alipay import SqlAlipayRepository
from daiyun.bootstrap import Daiyun


def test_the_lookups_are_planned_each_time_for_that_transaction_only(
    chando_store: str, daiyun_app: Daiyun
) -> None:
    postgres = daiyun_app.engine.dialect.name == "postgresql"
    setting = text("SELECT current_setting('plan_cache_mode')")
    with daiyun_app.engine.connect() as connection:
        transaction = connection.begin()
        before = connection.execute(setting).scalar_one() if postgres else None
        repository = SqlAlipayRepository(connection)
        assert repository.stored("chando-tmall", [f"2026110122001{n:06d}" for n in range(3)]) == {}
        if postgres:
            assert before == "auto"
            assert connection.execute(setting).scalar_one() == "force_custom_plan"
        transaction.rollback()
        if postgres:
            # SET LOCAL: the next transaction on the same connection plans as usual again.
            assert connection.execute(setting).scalar_one() == "auto"
