"""Custody losses (issue 19, R-F7) in the domain: a loss's amount at the guide price in force
at its moment, its statement month, its refusals; on the statement, the figure of its own that
raises the remittance by exactly the losses (a property), and a content hash (R-S8) that a
month without losses keeps as it was before the figure existed."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.contracts import ContractSpec, parse_contract_file
from daiyun.domain.fulfilment.custody import (
    CustodyLoss,
    LossKind,
    LossProblem,
    custody_loss,
    losses_total,
    statement_contract,
)
from daiyun.domain.ledger import Account
from daiyun.domain.ledger.entries import issue_entry
from daiyun.domain.money import Money, Rate
from daiyun.domain.pricing import GuidePrice, Sku
from daiyun.domain.settlement.statement import SUMMED_FIELDS, figures_of_totals, statement_hash
from tests.builders import contract_toml

NOW = datetime(2026, 11, 2, 10, tzinfo=SHANGHAI)
# A serum at 139.00 from 2026-01-01, at 129.00 from 2026-10-15 00:00 Beijing (R-P1).
SERUM = Sku(
    brand_code="chando", code="CD-SERUM-30", name="精华30ml", category="面霜",
    fulfilment="physical",
    guide_prices=(
        GuidePrice(datetime(2026, 1, 1, tzinfo=SHANGHAI), Money(13900)),
        GuidePrice(datetime(2026, 10, 15, tzinfo=SHANGHAI), Money(12900)),
    ),
)  # fmt: skip


def _loss(at: datetime, quantity: int = 3, **changed: object) -> CustodyLoss:
    values: dict[str, object] = {
        "brand": "chando", "contract": "CHANDO-2026", "sku": SERUM.code, "warehouse": "杭州仓",
        "quantity": quantity, "kind": LossKind.LOST, "occurred_at": at,
        "what": "仓库漏水，整箱受潮", "guide_price": SERUM.guide_price_at(at),
        "recorded_at": NOW, "recorded_by": "cli:clerk",
    }  # fmt: skip
    values |= changed
    return custody_loss(**values)  # type: ignore[arg-type]


def test_a_loss_is_charged_at_the_guide_price_in_force_at_its_moment() -> None:
    """R-F7: 3 units lost on 10-20, when the guide price is 129.00: 3 × 129.00 = 387.00;
    the same 3 units on 10-14 23:59 (still 139.00): 3 × 139.00 = 417.00."""
    lost = _loss(datetime(2026, 10, 20, 15, tzinfo=SHANGHAI))
    assert (lost.guide_price, lost.amount) == (Money(12900), Money(38700))
    earlier = _loss(datetime(2026, 10, 14, 23, 59, tzinfo=SHANGHAI))
    assert (earlier.guide_price, earlier.amount) == (Money(13900), Money(41700))
    assert losses_total([lost, earlier]) == Money(38700 + 41700)


def test_the_statement_month_is_the_losss_beijing_date() -> None:
    """R-F7: 2026-11-01 00:30 in Beijing is 10-31 16:30 UTC: November's statement owes it."""
    at = datetime(2026, 10, 31, 16, 30, tzinfo=UTC)
    assert _loss(at).month == Month(2026, 11)
    assert _loss(at - timedelta(hours=1)).month == Month(2026, 10)  # 10-31 23:30 Beijing


@pytest.mark.parametrize(
    ("changed", "words"),
    [
        ({"quantity": 0}, "above zero"),
        ({"quantity": -2}, "above zero"),
        ({"occurred_at": NOW + timedelta(seconds=1)}, "in the future"),
        ({"guide_price": None}, "no guide price"),
        ({"what": "  "}, "say what happened"),
        ({"occurred_at": datetime(2026, 10, 20, 15)}, "time zone"),  # noqa: DTZ001
        ({"warehouse": "仓" * 61}, "at most 60"),
    ],
)
def test_a_loss_that_cannot_be_charged_is_refused(changed: dict[str, object], words: str) -> None:
    with pytest.raises(LossProblem, match=words):
        _loss(datetime(2026, 10, 20, 15, tzinfo=SHANGHAI), **changed)  # type: ignore[arg-type]


def _spec(**values: str) -> ContractSpec:
    return parse_contract_file(contract_toml(**values), "chando.toml").contract


def test_a_loss_is_owed_on_the_brands_model_a_contract_in_force_that_day() -> None:
    spec = _spec()
    day = spec.effective_on + timedelta(days=30)
    assert statement_contract(spec.brand_code, [spec], day) == spec
    with pytest.raises(LossProblem, match="no model A contract in force"):
        statement_contract(spec.brand_code, [spec], spec.effective_on - timedelta(days=1))
    with pytest.raises(LossProblem, match="no model A contract in force"):
        statement_contract("pechoin", [spec], day)
    model_b = _spec(model="B", contract_code="CHANDO-B")
    with pytest.raises(LossProblem, match="no model A contract in force"):
        statement_contract(spec.brand_code, [model_b], day)


_TOTALS = st.fixed_dictionaries(
    {name: st.integers(-(10**9), 10**9) for name in SUMMED_FIELDS}
    | {"units": st.integers(0, 10**6), "settlement_value_fen": st.integers(0, 10**10)}
)
_LOSSES = st.lists(
    st.tuples(st.integers(1, 10_000), st.integers(1, 10**7)), max_size=6
)  # (units, guide price in fen)


@given(totals=_TOTALS, losses=_LOSSES, rate=st.sampled_from(["0.05", "0.08", "0.125"]))
def test_the_remittance_with_losses_is_the_remittance_without_plus_their_sum(
    totals: dict[str, int], losses: list[tuple[int, int]], rate: str
) -> None:
    """R-F7, R-S6: custody losses are owed to the brand: remittance(with) = remittance(without)
    + Σ quantity × guide price, to the fen; every other figure is unchanged; and the issue's
    ledger entry balances with the losses as the operator's expense."""
    day = datetime(2026, 10, 20, 15, tzinfo=SHANGHAI)
    made = [
        _loss(day + timedelta(minutes=n), units, guide_price=Money(fen))
        for n, (units, fen) in enumerate(losses)
    ]
    owed = losses_total(made)
    assert owed.fen == sum(units * fen for units, fen in losses)
    without = figures_of_totals(totals, 3, Rate.of(rate), 0)
    with_losses = figures_of_totals(totals, 3, Rate.of(rate), 0, custody_losses=owed)
    assert with_losses.remittance == without.remittance + owed
    assert with_losses.custody_losses == owed
    others = {
        k: v for k, v in with_losses.to_json().items() if k not in {"remittance", "custody_losses"}
    }
    assert others == {k: v for k, v in without.to_json().items() if k in others}
    entry = issue_entry("k", "chando", date(2026, 11, 2), with_losses)
    postings = {posting.account: posting.amount for posting in entry.postings}
    assert postings.get(Account.CUSTODY_LOSSES, Money(0)) == owed
    # A remittance of 0.00 posts nothing to goods payable (the entry leaves zero postings out).
    assert postings.get(Account.GOODS_PAYABLE, Money(0)) == -with_losses.remittance


def test_a_month_without_losses_keeps_the_hash_it_had_before_the_figure() -> None:
    """R-S8: the hash before issue 19 took the figures without `custody_losses`; a month with
    none hashes exactly so (its issued versions are not seen as changed), one with losses
    hashes them too."""
    totals = dict.fromkeys(SUMMED_FIELDS, 0) | {"units": 4, "settlement_value_fen": 47600}
    month = Month(2026, 10)
    none = figures_of_totals(totals, 3, Rate.of("0.05"), 0)
    before = dict(none.to_json())
    del before["custody_losses"]
    figures_text = json.dumps(before, sort_keys=True, separators=(",", ":"))
    tail = json.dumps({"month": "2026-10", "unsettleable": []}, separators=(",", ":"))[1:]
    old_hash = hashlib.sha256(f'{{"figures":{figures_text},"lines":[],{tail}'.encode()).hexdigest()
    assert statement_hash(month, none, (), ()) == old_hash
    lost = figures_of_totals(totals, 3, Rate.of("0.05"), 0, custody_losses=Money(38700))
    assert statement_hash(month, lost, (), ()) not in {
        old_hash,
        statement_hash(month, none, (), ()),
    }
