"""Writing a ContractFile as a contract file (TOML, interfaces.md) that reads back the same."""

from __future__ import annotations

import re
from collections.abc import Iterable

from daiyun.domain.contracts.specs import (
    BrandSpec,
    ContractFile,
    ContractSpec,
    PlatformFeeSchedule,
    StoreSpec,
)
from daiyun.domain.contracts.terms import ContractTerms

__all__ = ["contract_file_to_toml"]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_LAST_CONTROL_CHARACTER = 0x1F
_DELETE = 0x7F


def contract_file_to_toml(contract_file: ContractFile) -> str:
    """The contract file as TOML text; parse_contract_file reads it back equal."""
    sections = [
        _brand_lines(contract_file.brand),
        _contract_lines(contract_file.contract),
        _terms_lines(contract_file.contract.terms),
        *(_store_lines(store) for store in contract_file.stores),
        *(_fee_lines(fees) for fees in contract_file.platform_fees),
    ]
    return "\n".join("\n".join(section) + "\n" for section in sections)


def _brand_lines(brand: BrandSpec) -> list[str]:
    lines = ["[brand]", f"code = {_text(brand.code)}", f"name = {_text(brand.name)}"]
    if brand.tax_id is not None:
        lines.append(f"tax_id = {_text(brand.tax_id)}  # 统一社会信用代码 (R-B3)")
    return lines


def _contract_lines(contract: ContractSpec) -> list[str]:
    return [
        "[contract]",
        f"code = {_text(contract.code)}",
        f"model = {_text(contract.model)}",
        f"signed_on = {contract.signed_on.isoformat()}",
        f"effective_on = {contract.effective_on.isoformat()}",
        f"term_months = {contract.term_months}",
        f"auto_renew = {'true' if contract.auto_renew else 'false'}",
        f"renewal_notice_months = {contract.renewal_notice_months}",
        f"platforms = {_text_list(contract.platforms)}",
        f"services = {_text_list(contract.services)}",
        f"territory = {_text(contract.territory)}",
    ]


def _terms_lines(terms: ContractTerms) -> list[str]:
    lines = ["[contract.terms]"]
    for name, text in terms.to_texts().items():
        # Interfaces: rates and amounts are quoted so that no float ever reads them.
        value = text if isinstance(getattr(terms, name), int) else _text(text)
        lines.append(f"{name} = {value}  # {ContractTerms.rule_of(name)}")
    return lines


def _store_lines(store: StoreSpec) -> list[str]:
    lines = [
        "[[stores]]",
        f"code = {_text(store.code)}",
        f"platform = {_text(store.platform)}",
        f"name = {_text(store.name)}",
    ]
    if store.go_live_on is not None:
        lines.append(f"go_live_on = {store.go_live_on.isoformat()}")
    return lines


def _fee_lines(fees: PlatformFeeSchedule) -> list[str]:
    rates = [
        *(
            f"{_key(category)} = {_text(rate.text())}"
            for category, rate in fees.category_rates.items()
        ),
        f"default = {_text(fees.default_rate.text())}",
    ]
    return [
        f"[platform_fees.{_key(fees.platform)}]",
        f"deposit = {_text(fees.deposit.yuan_text())}",
        f"annual_fee = {_text(fees.annual_fee.yuan_text())}",
        f"category_rates = {{ {', '.join(rates)} }}",
    ]


def _text_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_text(value) for value in values) + "]"


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _text(key)


def _text(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    return '"' + "".join(_escaped(character) for character in value) + '"'


def _escaped(character: str) -> str:
    if character in _ESCAPES:
        return _ESCAPES[character]
    code_point = ord(character)
    if code_point <= _LAST_CONTROL_CHARACTER or code_point == _DELETE:
        return f"\\u{code_point:04X}"
    return character
