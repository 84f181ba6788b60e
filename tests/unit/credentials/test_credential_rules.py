"""R-B7 in the domain and the vault: what a credential and a reveal need, and the keys'
rotation (adapters/credential_vault.py over `cryptography`'s Fernet)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from cryptography.fernet import Fernet

from daiyun.adapters.credential_vault import FernetVault
from daiyun.domain.credentials import (
    CredentialKind,
    NewCredential,
    SecretUnreadable,
    StoreCredential,
    VaultLocked,
    credential_problem,
    reveal_problem,
)

HELD = StoreCredential(1, "chando", "chando-tmall", CredentialKind.ALIPAY, "pay@chando.cn", "",
                       datetime(2026, 11, 1, tzinfo=UTC), "ops", None, None, 0)  # fmt: skip


def test_a_reveal_needs_a_reason_and_a_held_secret() -> None:
    assert reveal_problem(HELD, "退款处理") is None  # 4 characters
    assert reveal_problem(HELD, " 退款 ") is not None  # 2 after stripping
    assert reveal_problem(HELD, "x" * 501) is not None


def test_a_handed_back_credential_has_nothing_to_reveal() -> None:
    gone = replace(HELD, handed_back_on=date(2027, 1, 11), handed_back_by="ops")
    assert not gone.held
    assert reveal_problem(gone, "退款处理") == (
        "credential 1 was handed back to the brand on 2027-01-11: its secret is no longer kept"
    )


def test_what_a_credential_needs() -> None:
    good = NewCredential("chando-tmall", CredentialKind.ALIPAY, "pay@chando.cn", "s3cret")
    assert credential_problem(good) is None
    assert credential_problem(replace(good, secret="")) is not None
    assert credential_problem(replace(good, secret=" s3cret")) is not None
    assert credential_problem(replace(good, login_name=" ")) is not None
    assert credential_problem(replace(good, note="n" * 501)) is not None


def test_the_vault_seals_never_in_plain_text_and_rotates() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    vault = FernetVault(old)
    sealed = vault.seal("Tm4ll-pw")
    assert b"Tm4ll-pw" not in sealed and vault.open(sealed) == "Tm4ll-pw"
    # The new key in front: the old still opens what it sealed; rotation re-seals under new.
    both = FernetVault(f"{new},{old}")
    assert both.open(sealed) == "Tm4ll-pw"
    resealed = both.reseal(sealed)
    assert FernetVault(new).open(resealed) == "Tm4ll-pw"
    with pytest.raises(SecretUnreadable):
        FernetVault(old).open(resealed)


def test_without_a_key_the_vault_is_locked() -> None:
    vault = FernetVault(None)
    assert vault.locked
    with pytest.raises(VaultLocked, match="set DAIYUN_CREDENTIAL_KEYS"):
        vault.seal("x")
    assert FernetVault(" , ").locked


def test_a_bad_key_is_named_by_its_place_never_its_value() -> None:
    good = Fernet.generate_key().decode()
    with pytest.raises(ValueError, match="key 2 is not a Fernet key") as raised:
        FernetVault(f"{good},not-a-key")
    assert good not in str(raised.value) and "not-a-key" not in str(raised.value)
