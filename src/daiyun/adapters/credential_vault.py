"""The vault of store credentials (R-B7): secrets sealed with Fernet (AES-128-CBC with an
HMAC-SHA256, from `cryptography`) under the keys of DAIYUN_CREDENTIAL_KEYS — comma-separated,
newest first. The newest seals; every key opens (MultiFernet), so a key put in front starts
sealing at once and the older ones keep opening what they sealed until `daiyun credentials
rotate` re-seals every secret under the newest. Without a key the vault is locked: it neither
seals nor opens, and nothing is ever kept in plain text in its place.

A key is made with `python -c "from cryptography.fernet import Fernet;
print(Fernet.generate_key().decode())"`: 32 random bytes in URL-safe base64."""

from __future__ import annotations

import binascii

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from daiyun.domain.credentials import SecretUnreadable, VaultLocked

__all__ = ["MAKE_CREDENTIAL_KEY", "FernetVault", "read_keys"]

MAKE_CREDENTIAL_KEY = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


def read_keys(text: str | None) -> list[Fernet]:
    """The keys of DAIYUN_CREDENTIAL_KEYS, newest first; ValueError naming a key (by its
    place, never its value) that is no Fernet key."""
    keys = []
    for place, part in enumerate((text or "").split(","), start=1):
        key = part.strip()
        if not key:
            continue
        try:
            keys.append(Fernet(key.encode("ascii")))
        except (ValueError, binascii.Error, UnicodeEncodeError) as error:
            raise ValueError(
                f"DAIYUN_CREDENTIAL_KEYS: key {place} is not a Fernet key (32 bytes in URL-safe "
                f"base64; make one with {MAKE_CREDENTIAL_KEY})"
            ) from error
    return keys


class FernetVault:
    """Seals, opens and re-seals secrets (services/credentials/ports.py SecretVault)."""

    def __init__(self, keys: str | None) -> None:
        fernets = read_keys(keys)
        self._fernet = MultiFernet(fernets) if fernets else None

    @property
    def locked(self) -> bool:
        return self._fernet is None

    def _keys(self) -> MultiFernet:
        if self._fernet is None:
            raise VaultLocked(
                "no key to encrypt store credentials with: set DAIYUN_CREDENTIAL_KEYS to a "
                f"Fernet key (make one with {MAKE_CREDENTIAL_KEY}); credentials are never kept "
                "in plain text"
            )
        return self._fernet

    def seal(self, secret: str) -> bytes:
        return self._keys().encrypt(secret.encode("utf-8"))

    def open(self, sealed: bytes) -> str:
        try:
            return self._keys().decrypt(sealed).decode("utf-8")
        except InvalidToken as error:
            raise SecretUnreadable(
                "none of the keys in DAIYUN_CREDENTIAL_KEYS opens this secret: the key it was "
                "sealed with is missing (an administrator puts it back after the newest and "
                "rotates the keys)"
            ) from error

    def reseal(self, sealed: bytes) -> bytes:
        """The secret sealed again under the newest key."""
        try:
            return self._keys().rotate(sealed)
        except InvalidToken as error:
            raise SecretUnreadable(
                "none of the keys in DAIYUN_CREDENTIAL_KEYS opens a stored secret: rotation "
                "needs every key a secret was sealed with"
            ) from error
