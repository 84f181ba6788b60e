"""The contract domain: terms, the contract file format and its problems (R-C1…R-C8)."""

from daiyun.domain.contracts.choices import ContractModel, Party, Platform, Service
from daiyun.domain.contracts.file_reader import parse_contract_file
from daiyun.domain.contracts.file_writer import contract_file_to_toml
from daiyun.domain.contracts.problems import ContractFileError, ContractProblem
from daiyun.domain.contracts.specs import (
    BrandSpec,
    ContractFile,
    ContractSpec,
    PlatformFeeSchedule,
    StoreSpec,
)
from daiyun.domain.contracts.terms import ContractTerms

__all__ = [
    "BrandSpec",
    "ContractFile",
    "ContractFileError",
    "ContractModel",
    "ContractProblem",
    "ContractSpec",
    "ContractTerms",
    "Party",
    "Platform",
    "PlatformFeeSchedule",
    "Service",
    "StoreSpec",
    "contract_file_to_toml",
    "parse_contract_file",
]
