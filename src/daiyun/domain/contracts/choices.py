"""The closed lists a contract chooses from: model, platforms, services and parties."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar

__all__ = [
    "SERVICE_SYNONYMS",
    "ContractModel",
    "Party",
    "Platform",
    "Service",
    "read_choice",
]


class ContractModel(StrEnum):
    """Who collects the buyers' money (R-C2)."""

    A = "A"  # R-C2: the operator collects and remits to the brand (article 2)
    B = "B"  # R-C2: the brand collects and pays the operator a fee and commission (article 4)


class Platform(StrEnum):
    """A marketplace a store can be on (R-C4)."""

    TMALL = "tmall"
    TAOBAO = "taobao"
    JD = "jd"
    PAIPAI = "paipai"
    PINDUODUO = "pinduoduo"
    DOUYIN = "douyin"
    OWN_SITE = "own_site"

    @property
    def label_zh(self) -> str:
        """The platform's name as Chinese users write it."""
        return _PLATFORM_LABELS_ZH[self]


class Service(StrEnum):
    """A service category a contract can buy, from the providers of article 1 (R-C3)."""

    IT_SYSTEMS = "it_systems"
    STORE_OPERATION = "store_operation"
    MARKETING = "marketing"
    MARKET_RESEARCH = "market_research"
    WAREHOUSING_LOGISTICS = "warehousing_logistics"
    QUALITY_INSURANCE = "quality_insurance"
    WHOLE_OUTSOURCING = "whole_outsourcing"

    @property
    def label_zh(self) -> str:
        """The category's name as article 1 writes it."""
        return _SERVICE_LABELS_ZH[self]


class Party(StrEnum):
    """One side of the contract, for the terms that say who bears or receives something."""

    BRAND = "brand"
    OPERATOR = "operator"


_PLATFORM_LABELS_ZH: Mapping[Platform, str] = MappingProxyType(
    {
        Platform.TMALL: "天猫",
        Platform.TAOBAO: "淘宝",
        Platform.JD: "京东",
        Platform.PAIPAI: "拍拍",
        Platform.PINDUODUO: "拼多多",
        Platform.DOUYIN: "抖音",
        Platform.OWN_SITE: "品牌官网",
    }
)

_SERVICE_LABELS_ZH: Mapping[Service, str] = MappingProxyType(
    {
        Service.IT_SYSTEMS: "IT技术",
        Service.STORE_OPERATION: "运营服务",
        Service.MARKETING: "营销推广",
        Service.MARKET_RESEARCH: "市场研究",
        Service.WAREHOUSING_LOGISTICS: "仓储物流",
        Service.QUALITY_INSURANCE: "品控保险",
        Service.WHOLE_OUTSOURCING: "电商整包",
    }
)

# R-C3: customer service is part of store operation in article 1 (运营服务类 … 客服服务), and the
# public example contract file lists it by that name; it reads as store operation.
SERVICE_SYNONYMS: Mapping[str, Service] = MappingProxyType(
    {"customer_service": Service.STORE_OPERATION}
)

Choice = TypeVar("Choice", bound=StrEnum)


def read_choice(
    choices: type[Choice], raw: object, what: str, synonyms: Mapping[str, Choice] | None = None
) -> Choice:
    """The member of `choices` written as `raw`, or ValueError naming the choices and a guess."""
    known = [member.value for member in choices]
    if isinstance(raw, str):
        if raw in known:
            return choices(raw)
        if synonyms is not None and raw in synonyms:
            return synonyms[raw]
    shown = repr(raw) if isinstance(raw, str) else str(raw)
    message = f"{shown} is not {what} ({', '.join(known)})"
    guess = _closest(raw, known) if isinstance(raw, str) else None
    raise ValueError(f"{message}; did you mean {guess!r}?" if guess else message)


def _closest(raw: str, known: list[str]) -> str | None:
    """The known value nearest to `raw`, ignoring case ("Tmall" → "tmall", "a" → "A")."""
    by_lowercase = {value.lower(): value for value in known}
    guesses = difflib.get_close_matches(raw.lower(), list(by_lowercase), n=1)
    return by_lowercase[guesses[0]] if guesses else None
