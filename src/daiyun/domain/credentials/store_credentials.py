"""R-B7: the platform and Alipay credentials a brand hands over for its stores — kept
encrypted, used only for operations and refunds, every reveal logged with who, when and why,
handed back when the contract ends. Pure: the sealing itself is a port's (the vault)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

__all__ = [
    "MAX_LOGIN_NAME",
    "MAX_NOTE",
    "MAX_REASON",
    "MAX_SECRET",
    "MIN_REASON",
    "CredentialKind",
    "CredentialReveal",
    "NewCredential",
    "SecretUnreadable",
    "StoreCredential",
    "VaultLocked",
    "credential_problem",
    "reveal_problem",
]

MAX_LOGIN_NAME = 200
MAX_SECRET = 2000
MAX_NOTE = 500
MAX_REASON = 500
MIN_REASON = 4  # "退款处理" — a reason says what the secret is needed for, not "x"


class VaultLocked(Exception):
    """No key is configured (DAIYUN_CREDENTIAL_KEYS): nothing can be sealed or opened, and a
    secret is never kept in plain text instead."""


class SecretUnreadable(Exception):
    """None of the configured keys opens a stored secret (its key was dropped before the
    secrets were rotated to a newer one)."""


class CredentialKind(StrEnum):
    """What a credential opens."""

    PLATFORM_LOGIN = "platform_login"  # the store's seller account (Tmall, JD, …)
    ALIPAY = "alipay"  # the store's Alipay account (refunds, statements)
    API_KEY = "api_key"  # an open-platform app key and secret
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class NewCredential:
    """What the brand handed over, as an operator records it; `secret` in plain text only in
    memory, on its way to the vault."""

    store: str
    kind: CredentialKind
    login_name: str
    secret: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class StoreCredential:
    """A kept credential, never its secret: whether one is held, and when it went back."""

    id: int
    brand: str
    store: str
    kind: CredentialKind
    login_name: str
    note: str
    added_at: datetime
    added_by: str
    handed_back_on: date | None
    handed_back_by: str | None
    reveals: int

    @property
    def held(self) -> bool:
        """True while the agency holds the secret (not handed back)."""
        return self.handed_back_on is None


@dataclass(frozen=True, slots=True)
class CredentialReveal:
    """One reveal (R-B7): who saw which credential's secret, when, and why."""

    credential_id: int
    brand: str
    store: str
    kind: CredentialKind
    login_name: str
    revealed_by: str
    revealed_at: datetime
    reason: str


def credential_problem(new: NewCredential) -> str | None:
    """What is wrong with the record itself, or None."""
    if not new.store.strip():
        return "name the store the credential is for"
    if not new.login_name.strip() or len(new.login_name.strip()) > MAX_LOGIN_NAME:
        return f"the login name is 1 to {MAX_LOGIN_NAME} characters"
    if not new.secret or len(new.secret) > MAX_SECRET:
        return f"the secret is 1 to {MAX_SECRET} characters; it is empty or too long"
    if new.secret != new.secret.strip():
        return "the secret starts or ends with a space; type it exactly"
    if len(new.note) > MAX_NOTE:
        return f"the note is at most {MAX_NOTE} characters"
    return None


def reveal_problem(credential: StoreCredential, reason: str) -> str | None:
    """Why this credential's secret may not be revealed for `reason`, or None (R-B7)."""
    reason = reason.strip()
    if len(reason) < MIN_REASON or len(reason) > MAX_REASON:
        return (
            f"a reveal needs a reason of {MIN_REASON} to {MAX_REASON} characters saying what "
            "the secret is needed for"
        )
    if not credential.held:
        return (
            f"credential {credential.id} was handed back to the brand on "
            f"{credential.handed_back_on}: its secret is no longer kept"
        )
    return None
