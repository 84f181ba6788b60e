"""Reading a contract file's stores and platform fee tables, checked against its platforms."""

from __future__ import annotations

from daiyun.domain.contracts.choices import Platform, read_choice
from daiyun.domain.contracts.spec_checks import (
    code_problem,
    fee_schedule_problem,
    name_problem,
    store_platform_problem,
)
from daiyun.domain.contracts.specs import PlatformFeeSchedule, StoreSpec
from daiyun.domain.contracts.toml_tables import Table
from daiyun.domain.money import Rate

__all__ = ["read_platform_fees", "read_stores"]

_STORE_KEYS = ("code", "platform", "name", "go_live_on")
_FEE_KEYS = ("deposit", "annual_fee", "category_rates")
_DEFAULT_CATEGORY = "default"  # category_rates' key for the rate of every other category


def read_stores(
    root: Table, platforms: tuple[Platform, ...] | None
) -> tuple[StoreSpec, ...] | None:
    """The [[stores]] entries; None (problems logged) when any is wrong."""
    entries = root.values.get("stores", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        root.log.add("stores", "not a list of stores; write each store as a [[stores]] table")
        return None
    stores = [
        _read_store(Table(entry, f"stores[{number}]", root.log), platforms)
        for number, entry in enumerate(entries, start=1)
    ]
    _refuse_repeated_codes(root, stores)
    found = [store for store in stores if store is not None]
    return tuple(found) if len(found) == len(stores) else None


def _read_store(table: Table, platforms: tuple[Platform, ...] | None) -> StoreSpec | None:
    table.refuse_unknown(_STORE_KEYS)
    code = table.text("code", lambda raw: code_problem(raw, "store"))
    platform = table.choice("platform", Platform, "a platform")
    name = table.text("name", name_problem)
    dated, go_live_on = table.optional_date_of("go_live_on")  # R-C4: the planned go-live date
    if code is None or platform is None or name is None or not dated:
        return None
    store = StoreSpec(code, platform, name, go_live_on)
    # R-C4: a store on a platform the contract does not authorise cannot be opened.
    problem = None if platforms is None else store_platform_problem(code, platform, platforms)
    if problem is not None:
        table.log.add(table.path_of("platform"), problem)
        return None
    return store


def _refuse_repeated_codes(root: Table, stores: list[StoreSpec | None]) -> None:
    seen: set[str] = set()
    for number, store in enumerate(stores, start=1):
        if store is not None and store.code in seen:
            root.log.add(f"stores[{number}].code", f"store {store.code} is given more than once")
        elif store is not None:
            seen.add(store.code)


def read_platform_fees(
    root: Table, platforms: tuple[Platform, ...] | None
) -> tuple[PlatformFeeSchedule, ...] | None:
    """The [platform_fees.<platform>] tables; None (problems logged) when any is wrong."""
    if not root.has("platform_fees"):
        return ()
    fee_tables = root.table("platform_fees")
    if fee_tables is None:
        return None
    schedules = [_read_fee_schedule(fee_tables, key, platforms) for key in fee_tables.values]
    found = [schedule for schedule in schedules if schedule is not None]
    return tuple(found) if len(found) == len(schedules) else None


def _read_fee_schedule(
    fee_tables: Table, key: str, platforms: tuple[Platform, ...] | None
) -> PlatformFeeSchedule | None:
    path = fee_tables.path_of(key)
    try:
        platform = read_choice(Platform, key, "a platform")
    except ValueError as error:
        fee_tables.log.add(path, str(error))
        return None
    # R-C4: fees are for the platforms the contract authorises.
    problem = None if platforms is None else fee_schedule_problem(platform, platforms)
    if problem is not None:
        fee_tables.log.add(path, problem)
        return None
    table = fee_tables.table(key)
    return None if table is None else _read_fees(table, platform)


def _read_fees(table: Table, platform: Platform) -> PlatformFeeSchedule | None:
    # R-S5: deposit, annual fee and per-category technical service rates, defaulting to §2.
    defaults = PlatformFeeSchedule(platform)
    table.refuse_unknown(_FEE_KEYS)
    deposit = table.amount("deposit", defaults.deposit)
    annual_fee = table.amount("annual_fee", defaults.annual_fee)
    rates = _read_category_rates(table)
    if deposit is None or annual_fee is None or rates is None:
        return None
    default_rate = rates.pop(_DEFAULT_CATEGORY, defaults.default_rate)
    return PlatformFeeSchedule(platform, deposit, annual_fee, rates, default_rate)


def _read_category_rates(table: Table) -> dict[str, Rate] | None:
    if not table.has("category_rates"):
        return {}
    rate_table = table.table("category_rates")
    if rate_table is None:
        return None
    rates: dict[str, Rate] = {}
    for category in rate_table.values:
        if not category.strip():
            rate_table.log.add(rate_table.path_of(category), "a category needs a name")
            continue
        rate = rate_table.rate(category, PlatformFeeSchedule.default_rate)
        if rate is not None:
            rates[category] = rate
    return rates if len(rates) == len(rate_table.values) else None
