"""Use cases of store credentials (R-B7): record what the brand handed over (the secret sealed
by the vault before it reaches the database), list them (never a secret), reveal one to an
allowed member of the agency for a stated reason (logged in the same transaction that reads
it: no reveal without its record), re-seal every secret under the newest key, and hand them
back when the contract ends (the sealed secrets wiped, the records and reveals kept).

Every refusal changes nothing and logs nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from daiyun.domain.agency import AuditEntry, User
from daiyun.domain.credentials import (
    CredentialReveal,
    NewCredential,
    SecretUnreadable,
    StoreCredential,
    VaultLocked,
    credential_problem,
    reveal_problem,
)
from daiyun.domain.permissions import AccessRefused, Permission, require
from daiyun.services.credentials.access import acting_user, allow_on_brand
from daiyun.services.credentials.ports import CredentialUnitOfWork, SecretVault
from daiyun.services.errors import NotFound, Refused, RoleRefused
from daiyun.services.scope import visible_brands

__all__ = [
    "BadCredential",
    "CredentialsView",
    "RevealedSecret",
    "add_credential",
    "credentials_of_brand",
    "hand_back_credentials",
    "list_credentials",
    "reveal_credential",
    "rotate_credentials",
]

_P = Permission


class BadCredential(ValueError):
    """The record itself is wrong (no login name, an empty secret, a short reason): bad input,
    nothing kept."""


@dataclass(frozen=True)
class RevealedSecret:
    """A secret shown once, and the reveal logged for it."""

    credential: StoreCredential
    secret: str
    reveal: CredentialReveal


@dataclass(frozen=True)
class CredentialsView:
    """A brand's credentials (never a secret) and their reveal log, and what the reader may do."""

    brand: str
    credentials: list[StoreCredential]
    reveals: list[CredentialReveal]
    may_add: bool
    may_reveal: bool


def _refused_by_vault(error: VaultLocked | SecretUnreadable) -> Refused:
    return Refused(str(error))


def add_credential(
    uow: CredentialUnitOfWork,
    vault: SecretVault,
    *,
    user: User | str,
    new: NewCredential,
    at: datetime,
) -> StoreCredential:
    """Keep a credential the brand handed over for one of its stores, its secret sealed (R-B7).
    Refused without a key (never kept in plain text) and while the same store, kind and login
    name is held already."""
    new = replace(new, store=new.store.strip(), login_name=new.login_name.strip(),
                  note=new.note.strip())  # fmt: skip
    problem = credential_problem(new)
    if problem is not None:
        raise BadCredential(problem)
    with uow:
        actor = acting_user(uow, user)
        store = uow.stores.get(new.store)
        if store is None or (actor.role.is_brand_role and store.brand_code != actor.brand_code):
            raise NotFound(f"no store with code {new.store!r}")
        allow_on_brand(actor, _P.MANAGE_CREDENTIALS, store.brand_code)
        if uow.store_credentials.held(new.store, new.kind.value, new.login_name) is not None:
            raise Refused(
                f"store {new.store} already has a {new.kind.value} credential for "
                f"{new.login_name}: hand it back before recording it again"
            )
        try:
            sealed = vault.seal(new.secret)
        except VaultLocked as error:
            raise _refused_by_vault(error) from error
        credential_id = uow.store_credentials.add(new, sealed, at, actor.login)
        uow.audit.record(
            AuditEntry(
                at, actor.login, "credential.add", "store_credential", str(credential_id),
                brand_code=store.brand_code,
                after=f"{new.store} {new.kind.value} {new.login_name}",
            )
        )  # fmt: skip
        kept = uow.store_credentials.get(credential_id)
        uow.commit()
    assert kept is not None
    return kept


def list_credentials(
    uow: CredentialUnitOfWork, *, user: User | str, brand_codes: Iterable[str] | None = None
) -> list[StoreCredential]:
    """The credentials the user may see (every brand's for the agency, a brand user's own),
    never a secret; narrowed to `brand_codes` when given."""
    with uow:
        actor = acting_user(uow, user)
        codes = _readable(uow, actor, brand_codes)
        return uow.store_credentials.of_brands(codes)


def credentials_of_brand(
    uow: CredentialUnitOfWork, *, user: User, brand_code: str
) -> CredentialsView:
    """One brand's credentials and their reveal log (R-B7: the brand sees who revealed what,
    when and why), for its page."""
    with uow:
        if uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        allow_on_brand(user, _P.VIEW_BRAND, brand_code)
        return CredentialsView(
            brand=brand_code,
            credentials=uow.store_credentials.of_brands([brand_code]),
            reveals=uow.store_credentials.reveals([brand_code]),
            may_add=_may(user, _P.MANAGE_CREDENTIALS, brand_code),
            may_reveal=_may(user, _P.REVEAL_CREDENTIALS, brand_code),
        )


def list_reveals(
    uow: CredentialUnitOfWork, *, user: User | str, brand_codes: Iterable[str] | None = None
) -> list[CredentialReveal]:
    """The reveal log the user may see, newest first (R-B7)."""
    with uow:
        actor = acting_user(uow, user)
        return uow.store_credentials.reveals(_readable(uow, actor, brand_codes))


def reveal_credential(
    uow: CredentialUnitOfWork,
    vault: SecretVault,
    *,
    user: User | str,
    credential_id: int,
    reason: str,
    at: datetime,
) -> RevealedSecret:
    """The secret of one credential, for an allowed member of the agency with a reason; the
    reveal logged with who, when and why in the same transaction (R-B7). A brand's people and
    other roles are refused, a handed-back credential has nothing to reveal: nothing logged."""
    reason = reason.strip()
    with uow:
        actor = acting_user(uow, user)
        credential = uow.store_credentials.get(credential_id)
        missing = f"no credential {credential_id}"
        if credential is None or (
            actor.role.is_brand_role and credential.brand != actor.brand_code
        ):
            raise NotFound(missing)
        allow_on_brand(actor, _P.REVEAL_CREDENTIALS, credential.brand)
        problem = reveal_problem(credential, reason)
        if problem is not None:
            if credential.held:
                raise BadCredential(problem)
            raise Refused(problem)
        sealed = uow.store_credentials.sealed(credential_id)
        assert sealed is not None  # held: the table's check keeps its sealed secret
        try:
            secret = vault.open(sealed)
        except (VaultLocked, SecretUnreadable) as error:
            raise _refused_by_vault(error) from error
        uow.store_credentials.log_reveal(credential_id, actor.login, at, reason)
        uow.commit()
    reveal = CredentialReveal(
        credential.id, credential.brand, credential.store, credential.kind,
        credential.login_name, actor.login, at, reason,
    )  # fmt: skip
    return RevealedSecret(credential, secret, reveal)


def rotate_credentials(
    uow: CredentialUnitOfWork, vault: SecretVault, *, user: User | str, at: datetime
) -> int:
    """Re-seal every held secret under the newest key (R-B7); how many. All or none: one
    secret no key opens refuses the whole rotation."""
    with uow:
        actor = acting_user(uow, user)
        try:
            require(actor, _P.MANAGE_CREDENTIALS, None)  # agency-wide: never a brand's user
        except AccessRefused as refused:
            raise RoleRefused(str(refused)) from refused
        resealed = 0
        for credential_id, sealed in uow.store_credentials.all_sealed():
            try:
                uow.store_credentials.reseal(credential_id, vault.reseal(sealed))
            except (VaultLocked, SecretUnreadable) as error:
                raise Refused(f"credential {credential_id}: {error}") from error
            resealed += 1
        uow.audit.record(
            AuditEntry(at, actor.login, "credential.rotate", "store_credential", "*",
                       after=f"{resealed} secrets re-sealed under the newest key")
        )  # fmt: skip
        uow.commit()
    return resealed


def hand_back_credentials(
    uow: CredentialUnitOfWork, *, user: User | str, brand_code: str, on: date, at: datetime
) -> list[int]:
    """Hand the brand's credentials back at exit (R-B7, R-C6): each held one marked returned
    on `on` and its sealed secret wiped; the records and their reveal log stay. The ids."""
    with uow:
        actor = acting_user(uow, user)
        if uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        allow_on_brand(actor, _P.MANAGE_CREDENTIALS, brand_code)
        handed = uow.store_credentials.hand_back(brand_code, on, actor.login)
        if not handed:
            raise Refused(f"brand {brand_code} has no credential held by the agency to hand back")
        uow.audit.record(
            AuditEntry(at, actor.login, "credential.hand_back", "store_credential",
                       ",".join(str(each) for each in handed), brand_code=brand_code,
                       after=f"handed back on {on}; secrets wiped")
        )  # fmt: skip
        uow.commit()
    return handed


def _may(user: User, permission: Permission, brand_code: str) -> bool:
    try:
        allow_on_brand(user, permission, brand_code)
    except (NotFound, RoleRefused):
        return False
    return True


def _readable(
    uow: CredentialUnitOfWork, user: User, brand_codes: Iterable[str] | None
) -> list[str] | None:
    codes = None if brand_codes is None else list(brand_codes)
    for code in codes or []:
        if uow.brands.get(code) is None:
            raise NotFound(f"no brand with code {code!r}")
        allow_on_brand(user, _P.VIEW_BRAND, code)
    if codes is None:
        try:
            visible = visible_brands(user, _P.VIEW_BRAND)
        except AccessRefused as refused:
            raise RoleRefused(str(refused)) from refused
        return None if visible is None else list(visible)
    return codes
