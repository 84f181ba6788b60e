"""Contracts with their terms (R-C1), platforms, services and platform fees in the database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import Connection, Row, Table, delete, insert, select, update

from daiyun.adapters.db.repositories.brands import brand_id
from daiyun.adapters.db.repositories.lifecycle import contract_lives
from daiyun.adapters.db.tables import (
    brand,
    contract,
    contract_platform,
    contract_service,
    contract_term,
    platform_fee_rate,
    platform_fee_schedule,
)
from daiyun.domain.contracts import (
    ContractModel,
    ContractSpec,
    ContractTerms,
    Platform,
    PlatformFeeSchedule,
    Service,
)
from daiyun.domain.contracts.lifecycle import ContractLife
from daiyun.domain.money import Money, Rate

__all__ = ["SqlContractRepository"]

_CHILDREN = (
    contract_term,
    contract_platform,
    contract_service,
    platform_fee_rate,
    platform_fee_schedule,
)


class SqlContractRepository:
    """Contracts by code; saving replaces a contract's terms and lists as one version."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def get(self, code: str) -> ContractSpec | None:
        found = self._load(contract.c.code == code)
        return found[0] if found else None

    def list_all(self) -> list[ContractSpec]:
        return self._load(None)

    def lives(self, codes: Sequence[str]) -> dict[str, ContractLife]:
        """Each contract's objections to renewal and recorded end (issue 21, R-C5, R-C6), in
        one query: what every area's duties read to know when a contract ends."""
        return contract_lives(self._connection, codes)

    def _load(self, where: object) -> list[ContractSpec]:
        query = select(contract, brand.c.code.label("brand_code")).join(
            brand, brand.c.id == contract.c.brand_id
        )
        if where is not None:
            query = query.where(where)  # type: ignore[arg-type]
        rows = self._connection.execute(query.order_by(contract.c.code)).all()
        if not rows:
            return []
        ids = [row.id for row in rows]
        terms = self._children(contract_term, ids, lambda r: (r.name, r.value))
        platforms = self._children(contract_platform, ids, lambda r: r.platform)
        services = self._children(contract_service, ids, lambda r: r.service)
        return [
            _contract(row, dict(terms[row.id]), platforms[row.id], services[row.id]) for row in rows
        ]

    def _children(
        self, table: Table, ids: list[int], value: Callable[[Row[Any]], object]
    ) -> dict[int, list[Any]]:
        grouped: dict[int, list[Any]] = defaultdict(list)
        for row in self._connection.execute(select(table).where(table.c.contract_id.in_(ids))):
            grouped[row.contract_id].append(value(row))
        return grouped

    def fee_schedules(self, code: str) -> tuple[PlatformFeeSchedule, ...]:
        contract_id = self._id(code)
        rates: dict[str, dict[str, Rate]] = defaultdict(dict)
        for row in self._connection.execute(
            select(platform_fee_rate).where(platform_fee_rate.c.contract_id == contract_id)
        ):
            rates[row.platform][row.category] = Rate.of(row.rate)
        schedules = self._connection.execute(
            select(platform_fee_schedule)
            .where(platform_fee_schedule.c.contract_id == contract_id)
            .order_by(platform_fee_schedule.c.platform)
        )
        return tuple(
            PlatformFeeSchedule(
                platform=Platform(row.platform),
                deposit=Money(row.deposit_fen),
                annual_fee=Money(row.annual_fee_fen),
                category_rates=MappingProxyType(rates[row.platform]),
                default_rate=Rate.of(row.default_rate),
            )
            for row in schedules
        )

    def save(self, spec: ContractSpec, fees: Sequence[PlatformFeeSchedule], at: datetime) -> None:
        values = {
            "brand_id": brand_id(self._connection, spec.brand_code),
            "model": spec.model.value,
            "signed_on": spec.signed_on,
            "effective_on": spec.effective_on,
            "term_months": spec.term_months,
            "auto_renew": spec.auto_renew,
            "renewal_notice_months": spec.renewal_notice_months,
            "territory": spec.territory,
            "updated_at": at,
        }
        existing = self._connection.execute(
            select(contract.c.id, contract.c.version).where(contract.c.code == spec.code)
        ).first()
        if existing is None:
            result = self._connection.execute(
                insert(contract).values(code=spec.code, version=1, created_at=at, **values)
            )
            contract_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        else:
            contract_id = int(existing.id)
            self._update(contract_id, existing.version, values)
        self._replace_children(contract_id, spec, fees)

    def _update(self, contract_id: int, version: int, values: Mapping[str, object]) -> None:
        # Optimistic concurrency: the update only lands on the version that was read.
        result = self._connection.execute(
            update(contract)
            .where(contract.c.id == contract_id, contract.c.version == version)
            .values(version=version + 1, **values)
        )
        if result.rowcount != 1:
            raise RuntimeError("the contract was changed by someone else meanwhile; try again")

    def _replace_children(
        self, contract_id: int, spec: ContractSpec, fees: Sequence[PlatformFeeSchedule]
    ) -> None:
        for table in _CHILDREN:
            self._connection.execute(delete(table).where(table.c.contract_id == contract_id))
        self._insert(
            contract_term,
            [
                {"contract_id": contract_id, "name": name, "value": value}
                for name, value in spec.terms.to_texts().items()
            ],
        )
        self._insert(
            contract_platform,
            [{"contract_id": contract_id, "platform": p.value} for p in spec.platforms],
        )
        self._insert(
            contract_service,
            [{"contract_id": contract_id, "service": s.value} for s in spec.services],
        )
        self._insert(
            platform_fee_schedule,
            [
                {
                    "contract_id": contract_id,
                    "platform": f.platform.value,
                    "deposit_fen": f.deposit.fen,
                    "annual_fee_fen": f.annual_fee.fen,
                    "default_rate": f.default_rate.text(),
                }
                for f in fees
            ],
        )
        self._insert(
            platform_fee_rate,
            [
                {
                    "contract_id": contract_id,
                    "platform": f.platform.value,
                    "category": category,
                    "rate": rate.text(),
                }
                for f in fees
                for category, rate in f.category_rates.items()
            ],
        )

    def _insert(self, table: Table, rows: list[dict[str, object]]) -> None:
        if rows:
            self._connection.execute(insert(table), rows)

    def _id(self, code: str) -> int:
        return int(
            self._connection.execute(
                select(contract.c.id).where(contract.c.code == code)
            ).scalar_one()
        )


def _contract(
    row: Row,  # type: ignore[type-arg]
    terms: dict[str, str],
    platforms: list[object],
    services: list[object],
) -> ContractSpec:
    return ContractSpec(
        code=row.code,
        brand_code=row.brand_code,
        model=ContractModel(row.model),
        signed_on=row.signed_on,
        effective_on=row.effective_on,
        term_months=row.term_months,
        auto_renew=row.auto_renew,
        renewal_notice_months=row.renewal_notice_months,
        platforms=tuple(sorted((Platform(str(p)) for p in platforms), key=_platform_order)),
        services=tuple(sorted((Service(str(s)) for s in services), key=_service_order)),
        territory=row.territory,
        terms=ContractTerms.from_texts(terms),
    )


def _platform_order(platform: Platform) -> int:
    return list(Platform).index(platform)


def _service_order(service: Service) -> int:
    return list(Service).index(service)
