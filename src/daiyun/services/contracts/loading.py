"""Use case: create or update a brand, its contract and its stores from a contract file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from daiyun.domain.agency import AuditEntry, Brand, Store
from daiyun.domain.contracts import ContractFile, ContractSpec, PlatformFeeSchedule
from daiyun.services.errors import Refused
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["ContractLoadOutcome", "apply_contract_file", "load_contract"]


@dataclass
class ContractLoadOutcome:
    """What loading a contract file changed; nothing listed means it was already so."""

    brand: str
    contract: str
    brand_created: bool = False
    brand_renamed: bool = False
    brand_tax_id_set: bool = False
    contract_created: bool = False
    contract_updated: bool = False
    stores_created: list[str] = field(default_factory=list)
    stores_updated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when anything was written."""
        return any(
            (
                self.brand_created,
                self.brand_renamed,
                self.brand_tax_id_set,
                self.contract_created,
                self.contract_updated,
                self.stores_created,
                self.stores_updated,
            )
        )


def load_contract(
    uow: UnitOfWork, contract_file: ContractFile, *, at: datetime, actor: str
) -> ContractLoadOutcome:
    """Load a parsed contract file; loading the same file again changes nothing."""
    with uow:
        outcome = apply_contract_file(uow, contract_file, at=at, actor=actor)
        uow.commit()
    return outcome


def apply_contract_file(
    uow: UnitOfWork, contract_file: ContractFile, *, at: datetime, actor: str
) -> ContractLoadOutcome:
    """The contract load inside an open unit of work (the caller commits)."""
    spec = contract_file.contract
    outcome = ContractLoadOutcome(brand=contract_file.brand.code, contract=spec.code)
    _apply_brand(uow, contract_file, outcome, at, actor)
    _apply_contract(uow, spec, contract_file.platform_fees, outcome, at, actor)
    for store_spec in contract_file.stores:
        store = Store(
            code=store_spec.code,
            brand_code=contract_file.brand.code,
            contract_code=spec.code,
            platform=store_spec.platform.value,
            name=store_spec.name,
            go_live_on=store_spec.go_live_on,
        )
        _apply_store(uow, store, outcome, at, actor)
    return outcome


def _apply_brand(
    uow: UnitOfWork,
    contract_file: ContractFile,
    outcome: ContractLoadOutcome,
    at: datetime,
    actor: str,
) -> None:
    spec = contract_file.brand
    wanted = Brand(spec.code, spec.name, tax_id=spec.tax_id)
    current = uow.brands.get(wanted.code)
    if current is None:
        uow.brands.add(wanted, at)
        outcome.brand_created = True
        _audit(
            uow,
            at,
            actor,
            "brand.create",
            "brand",
            wanted.code,
            wanted.code,
            None,
            {"name": wanted.name}
            if wanted.tax_id is None
            else {"name": wanted.name, "tax_id": wanted.tax_id},
        )
        return
    if current.name != wanted.name:
        uow.brands.rename(wanted.code, wanted.name)
        outcome.brand_renamed = True
        _audit(
            uow,
            at,
            actor,
            "brand.rename",
            "brand",
            wanted.code,
            wanted.code,
            {"name": current.name},
            {"name": wanted.name},
        )
    # R-B3: a file that gives the tax id sets it; one that does not (a brand's older contract
    # file, say) leaves the stored one as it is.
    if wanted.tax_id is not None and current.tax_id != wanted.tax_id:
        uow.brands.set_tax_id(wanted.code, wanted.tax_id)
        outcome.brand_tax_id_set = True
        _audit(
            uow,
            at,
            actor,
            "brand.tax_id",
            "brand",
            wanted.code,
            wanted.code,
            {"tax_id": current.tax_id},
            {"tax_id": wanted.tax_id},
        )


def _apply_contract(
    uow: UnitOfWork,
    spec: ContractSpec,
    fees: tuple[PlatformFeeSchedule, ...],
    outcome: ContractLoadOutcome,
    at: datetime,
    actor: str,
) -> None:
    current = uow.contracts.get(spec.code)
    if current is not None and current.brand_code != spec.brand_code:
        raise Refused(
            f"contract {spec.code} belongs to brand {current.brand_code}, "
            f"not {spec.brand_code}: a contract never changes hands"
        )
    current_fees = uow.contracts.fee_schedules(spec.code) if current is not None else ()
    if current is not None and _contract_record(current, current_fees) == _contract_record(
        spec, fees
    ):
        return
    uow.contracts.save(spec, fees, at)
    outcome.contract_created = current is None
    outcome.contract_updated = current is not None
    # R-C1, R-D3: the terms before and after, so a changed rate is never silent.
    _audit(
        uow,
        at,
        actor,
        "contract.create" if current is None else "contract.update",
        "contract",
        spec.code,
        spec.brand_code,
        None if current is None else _contract_record(current, current_fees),
        _contract_record(spec, fees),
    )


def _apply_store(
    uow: UnitOfWork, store: Store, outcome: ContractLoadOutcome, at: datetime, actor: str
) -> None:
    current = uow.stores.get(store.code)
    if current is not None and current.brand_code != store.brand_code:
        raise Refused(
            f"store {store.code} belongs to brand {current.brand_code}, not {store.brand_code}"
        )
    if current == store:
        return
    uow.stores.save(store, at)
    (outcome.stores_created if current is None else outcome.stores_updated).append(store.code)
    _audit(
        uow,
        at,
        actor,
        "store.create" if current is None else "store.update",
        "store",
        store.code,
        store.brand_code,
        None if current is None else _store_record(current),
        _store_record(store),
    )


def _contract_record(
    spec: ContractSpec, fees: tuple[PlatformFeeSchedule, ...]
) -> dict[str, object]:
    return {
        "model": spec.model.value,
        "signed_on": spec.signed_on.isoformat(),
        "effective_on": spec.effective_on.isoformat(),
        "term_months": spec.term_months,
        "auto_renew": spec.auto_renew,
        "renewal_notice_months": spec.renewal_notice_months,
        "territory": spec.territory,
        # Lists compare as sets: the order a file happens to list them in means nothing.
        "platforms": sorted(platform.value for platform in spec.platforms),
        "services": sorted(service.value for service in spec.services),
        "terms": spec.terms.to_texts(),
        "platform_fees": sorted(
            (_fee_record(schedule) for schedule in fees), key=lambda record: str(record["platform"])
        ),
    }


def _fee_record(schedule: PlatformFeeSchedule) -> dict[str, object]:
    return {
        "platform": schedule.platform.value,
        "deposit": schedule.deposit.yuan_text(),
        "annual_fee": schedule.annual_fee.yuan_text(),
        "default_rate": schedule.default_rate.text(),
        "category_rates": {k: v.text() for k, v in sorted(schedule.category_rates.items())},
    }


def _store_record(store: Store) -> dict[str, object]:
    go_live = None if store.go_live_on is None else store.go_live_on.isoformat()
    return {"platform": store.platform, "name": store.name, "go_live_on": go_live}


def _audit(
    uow: UnitOfWork,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    key: str,
    brand_code: str,
    before: dict[str, object] | None,
    after: dict[str, object] | None,
) -> None:
    uow.audit.record(
        AuditEntry(
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            entity_key=key,
            brand_code=brand_code,
            before=None if before is None else json.dumps(before, ensure_ascii=False),
            after=None if after is None else json.dumps(after, ensure_ascii=False),
        )
    )
