"""R-C3: the table from the services a contract bought to the features they open, and the
contracts that count as in force (domain/contracts/service_features.py, docs/services.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from daiyun.domain.contracts import ContractModel, ContractSpec, ContractTerms, Platform
from daiyun.domain.contracts.choices import Party, Service
from daiyun.domain.contracts.lifecycle import ContractLife, Objection
from daiyun.domain.contracts.service_features import (
    FEATURE_SERVICE,
    Feature,
    ServiceNotBought,
    features_of,
    require_service,
    services_in_force,
)


def test_whole_outsourcing_opens_every_feature_r_c3() -> None:
    assert features_of([Service.WHOLE_OUTSOURCING]) == frozenset(Feature)


def test_each_service_opens_its_own_features_only_r_c3() -> None:
    assert features_of([Service.WAREHOUSING_LOGISTICS]) == {
        Feature.STOCK,
        Feature.STOCKOUTS,
        Feature.CUSTODY_LOSSES,
    }
    assert features_of([Service.MARKETING]) == {Feature.PROMOTIONS, Feature.AD_SPEND}
    assert features_of([Service.STORE_OPERATION]) == {Feature.LISTINGS}
    assert features_of([Service.IT_SYSTEMS, Service.MARKET_RESEARCH]) == frozenset()
    assert set(FEATURE_SERVICE) == set(Feature)


@pytest.mark.parametrize("feature", list(Feature))
def test_a_feature_not_bought_is_refused_naming_its_service_r_c3(feature: Feature) -> None:
    others = [s for s in Service if s not in (FEATURE_SERVICE[feature], Service.WHOLE_OUTSOURCING)]
    with pytest.raises(ServiceNotBought) as refused:
        require_service("pechoin", others, feature)
    assert refused.value.service is FEATURE_SERVICE[feature]
    assert f"did not buy the service {FEATURE_SERVICE[feature].value}" in str(refused.value)
    require_service("pechoin", [FEATURE_SERVICE[feature]], feature)  # bought: nothing raised


def test_an_objected_contract_stops_counting_after_its_last_day_r_c3_r_c6() -> None:
    spec = ContractSpec(
        code="C-1", brand_code="chando", model=ContractModel.A, signed_on=date(2026, 1, 5),
        effective_on=date(2026, 1, 5), term_months=12, auto_renew=True,
        renewal_notice_months=1, platforms=(Platform.TMALL,), services=(Service.MARKETING,),
        territory="mainland China", terms=ContractTerms(),
    )  # fmt: skip
    # The brand objects on 2026-12-04, term 1's deadline: the contract's last day is 2027-01-04.
    objected = Objection(
        1, Party.BRAND, date(2026, 12, 4), None, datetime(2026, 12, 4, tzinfo=UTC), "x"
    )
    lives = {spec.code: ContractLife(objections=(objected,))}
    last = date(2027, 1, 4)
    brand = spec.brand_code
    assert services_in_force(brand, [spec], lives, last) == {Service.MARKETING}
    after = date(2027, 1, 5)
    assert services_in_force(brand, [spec], lives, after) == frozenset()
    assert services_in_force("another", [spec], lives, last) == frozenset()
