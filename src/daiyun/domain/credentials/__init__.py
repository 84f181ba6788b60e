"""Store credentials the brand hands over (R-B7) and service outages (R-B8)."""

from daiyun.domain.credentials.outages import Outage, OutageReport, needs_notice, outage_problem
from daiyun.domain.credentials.store_credentials import (
    CredentialKind,
    CredentialReveal,
    NewCredential,
    SecretUnreadable,
    StoreCredential,
    VaultLocked,
    credential_problem,
    reveal_problem,
)

__all__ = [
    "CredentialKind",
    "CredentialReveal",
    "NewCredential",
    "Outage",
    "OutageReport",
    "SecretUnreadable",
    "StoreCredential",
    "VaultLocked",
    "credential_problem",
    "needs_notice",
    "outage_problem",
    "reveal_problem",
]
