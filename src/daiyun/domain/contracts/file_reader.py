"""Reading a contract file (TOML, interfaces.md) into a ContractFile, every problem reported."""

from __future__ import annotations

import re
import tomllib
from typing import TypeVar

from daiyun.domain.contracts.choices import SERVICE_SYNONYMS, ContractModel, Platform, Service
from daiyun.domain.contracts.key_lines import KeyLines
from daiyun.domain.contracts.problems import ContractFileError, ContractProblem
from daiyun.domain.contracts.spec_checks import (
    code_problem,
    listing_problem,
    name_problem,
    renewal_notice_problem,
    term_months_problem,
)
from daiyun.domain.contracts.specs import (
    DEFAULT_RENEWAL_NOTICE_MONTHS,
    DEFAULT_SERVICES,
    DEFAULT_TERM_MONTHS,
    DEFAULT_TERRITORY,
    BrandSpec,
    ContractFile,
    ContractSpec,
)
from daiyun.domain.contracts.store_tables import read_platform_fees, read_stores
from daiyun.domain.contracts.tax_id import tax_id_problem
from daiyun.domain.contracts.terms import ContractTerms, read_contract_terms
from daiyun.domain.contracts.toml_tables import ProblemLog, Table

__all__ = ["parse_contract_file"]

_TOP_LEVEL_KEYS = ("brand", "contract", "stores", "platform_fees")
_BRAND_KEYS = ("code", "name", "tax_id")
_CONTRACT_KEYS = (
    "code",
    "model",
    "signed_on",
    "effective_on",
    "term_months",
    "auto_renew",
    "renewal_notice_months",
    "platforms",
    "services",
    "territory",
    "terms",
)
_SYNTAX_PLACE = re.compile(
    r"^(?P<message>.*) \((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)$"
)

Member = TypeVar("Member")


def parse_contract_file(text: str, source: str) -> ContractFile:
    """The contract file written in `text`; ContractFileError listing every problem otherwise."""
    text = text.removeprefix("\ufeff")  # a byte-order mark left by Windows editors
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContractFileError([_syntax_problem(error, text, source)]) from None
    log = ProblemLog(source, KeyLines(text))
    contract_file = _read_file(Table(document, "", log))
    if contract_file is None or log.problems:
        # In file order; a problem with no line (a missing table) comes first.
        raise ContractFileError(sorted(log.problems, key=lambda problem: problem.line or 0))
    return contract_file


def _syntax_problem(error: tomllib.TOMLDecodeError, text: str, source: str) -> ContractProblem:
    match = _SYNTAX_PLACE.match(str(error))
    if match is None:
        return ContractProblem(source, None, "", f"not valid TOML: {error}")
    if match["line"] is None:
        last_line = max(1, len(text.splitlines()))
        message = f"not valid TOML: {match['message']} at the end of the file"
        return ContractProblem(source, last_line, "", message)
    message = f"not valid TOML: {match['message']} (column {match['column']})"
    return ContractProblem(source, int(match["line"]), "", message)


def _read_file(root: Table) -> ContractFile | None:
    root.refuse_unknown(_TOP_LEVEL_KEYS)
    brand = _read_brand(root)
    contract_table = _required_table(root, "contract")
    platforms = _read_platforms(contract_table) if contract_table is not None else None
    contract = None
    if contract_table is not None:
        contract = _read_contract(contract_table, brand, platforms)
    stores = read_stores(root, platforms)
    platform_fees = read_platform_fees(root, platforms)
    if (
        root.log.problems
        or brand is None
        or contract is None
        or stores is None
        or platform_fees is None
    ):
        return None
    return ContractFile(brand, contract, stores, platform_fees)


def _required_table(root: Table, key: str) -> Table | None:
    if not root.has(key):
        root.log.add(key, f"missing; write a [{key}] table")
        return None
    return root.table(key)


def _read_brand(root: Table) -> BrandSpec | None:
    table = _required_table(root, "brand")
    if table is None:
        return None
    table.refuse_unknown(_BRAND_KEYS)
    code = table.text("code", lambda raw: code_problem(raw, "brand"))
    name = table.text("name", name_problem)
    # R-B3: the 纳税人识别号 of the brand's VAT invoices; optional, checked when given.
    tax_id = table.text("tax_id", tax_id_problem) if table.has("tax_id") else None
    if code is None or name is None or (table.has("tax_id") and tax_id is None):
        return None
    return BrandSpec(code, name, tax_id)


def _read_platforms(table: Table) -> tuple[Platform, ...] | None:
    # R-C4: a contract names the platforms the operator may sell on; at least one.
    if table.required("platforms") is None:
        return None
    platforms = table.choices("platforms", Platform, "a platform")
    return _listed(table, "platforms", platforms)


def _read_services(table: Table) -> tuple[Service, ...] | None:
    # R-C3: what the contract buys; store operation when the file does not say.
    if not table.has("services"):
        return DEFAULT_SERVICES
    services = table.choices("services", Service, "a service", SERVICE_SYNONYMS)
    return _listed(table, "services", services)


def _listed(
    table: Table, key: str, members: tuple[Member, ...] | None
) -> tuple[Member, ...] | None:
    if members is None:
        return None
    problem = listing_problem(members, key)
    if problem is not None:
        table.log.add(table.path_of(key), problem)
        return None
    return members


def _read_contract(
    table: Table, brand: BrandSpec | None, platforms: tuple[Platform, ...] | None
) -> ContractSpec | None:
    table.refuse_unknown(_CONTRACT_KEYS)
    code = table.text("code", lambda raw: code_problem(raw, "contract"))
    model = table.choice("model", ContractModel, "a contract model")
    signed_on = table.date_of("signed_on")
    # R-C5: effective on signing unless the file says otherwise (model B: the first payment).
    effective_on = table.date_of("effective_on") if table.has("effective_on") else signed_on
    period = _read_period(table)
    services = _read_services(table)
    territory = table.text("territory", name_problem, default=DEFAULT_TERRITORY)
    terms = _read_terms(table)
    if (
        brand is None
        or code is None
        or model is None
        or signed_on is None
        or effective_on is None
        or period is None
        or platforms is None
        or services is None
        or territory is None
        or terms is None
    ):
        return None
    term_months, auto_renew, notice_months = period
    return ContractSpec(
        code=code,
        brand_code=brand.code,
        model=model,
        signed_on=signed_on,
        effective_on=effective_on,
        term_months=term_months,
        auto_renew=auto_renew,
        renewal_notice_months=notice_months,
        platforms=platforms,
        services=services,
        territory=territory,
        terms=terms,
    )


def _read_period(table: Table) -> tuple[int, bool, int] | None:
    # R-C5: one year, renewed unless either party objects a month before expiry.
    term_months = table.whole_number("term_months", DEFAULT_TERM_MONTHS, term_months_problem)
    auto_renew = table.flag("auto_renew", default=True)
    longest_notice = DEFAULT_TERM_MONTHS if term_months is None else term_months
    notice_months = table.whole_number(
        "renewal_notice_months",
        DEFAULT_RENEWAL_NOTICE_MONTHS,
        lambda raw: renewal_notice_problem(raw, longest_notice),
    )
    if term_months is None or auto_renew is None or notice_months is None:
        return None
    return term_months, auto_renew, notice_months


def _read_terms(table: Table) -> ContractTerms | None:
    # R-C1: every term is optional in the file and defaults to rules.md.
    if not table.has("terms"):
        return ContractTerms()
    terms_table = table.table("terms")
    if terms_table is None:
        return None
    terms, problems = read_contract_terms(terms_table.values)
    for name, message in problems:
        table.log.add(terms_table.path_of(name), message)
    return terms
