"""One validated Settings object, read from the environment (DAIYUN_*)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "DEFAULT_DATABASE_URL",
    "DEV_SECRET_KEY",
    "MAKE_SECRET_KEY",
    "MIN_SECRET_KEY_LENGTH",
    "Settings",
    "load_settings",
]

DEFAULT_DATABASE_URL = "sqlite:///var/daiyun.db"
# Published in this repository: anyone holding a database keyed with it can match its buyer
# keys back to member names by hashing guesses (R-D1). Only for a machine's own loopback.
DEV_SECRET_KEY = "dev-only-secret-never-use-in-production"
MIN_SECRET_KEY_LENGTH = 32
# The command the messages that ask for a key show: 32 random bytes, 43 characters.
MAKE_SECRET_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'


class Settings(BaseSettings):
    """Everything daiyun reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="DAIYUN_", extra="ignore")

    # Outside `dev` the session cookies are Secure (sent over HTTPS only).
    environment: Literal["dev", "test", "production"] = "dev"
    database_url: str = DEFAULT_DATABASE_URL
    # Keys the buyer hash (R-D1); a real deployment sets its own before its first import.
    secret_key: str = DEV_SECRET_KEY
    shared_data_dir: Path | None = None
    # Background jobs' broker (redis://host:6379/0); unset: each process runs its jobs itself.
    broker_url: str | None = None
    # Seconds a worker may go silent before the broker hands its unfinished jobs to another.
    broker_heartbeat_timeout: float = 60.0
    # Issue 22, the database in each process (adapters/db/engine.py, EngineLimits): seconds a
    # SQLite writer waits for the write lock, and the connection pool (each web process has
    # its own); past either wait the web answers 503 "busy, try again".
    database_busy_timeout: float = Field(default=30.0, ge=0)
    database_pool_size: int = Field(default=10, ge=1)
    database_max_overflow: int = Field(default=30, ge=0)
    database_pool_timeout: float = Field(default=30.0, gt=0)
    # Issue 21 (R-O1): reminders of dated duties go out these days before the due day (besides
    # the day itself and once missed), e.g. "3,1"; by email too when an SMTP host is set.
    reminder_days: str = "3,1"
    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_from: str = "daiyun@localhost"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    # Issue 21, R-B7: the keys that seal store credentials (Fernet keys, comma-separated,
    # newest first: it seals, the older ones still open until `daiyun credentials rotate`).
    # Unset: no credential can be added; one is never kept in plain text instead.
    credential_keys: str | None = None

    @model_validator(mode="after")
    def refuse_default_secret_outside_dev(self) -> Settings:
        if self.environment == "production" and self.uses_development_key:
            raise ValueError("DAIYUN_SECRET_KEY must be set to a secret of your own in production")
        if self.environment == "production" and len(self.secret_key) < MIN_SECRET_KEY_LENGTH:
            raise ValueError("DAIYUN_SECRET_KEY must be at least 32 characters in production")
        return self

    @property
    def is_sqlite(self) -> bool:
        """True when the database is an embedded SQLite file."""
        return self.database_url.startswith("sqlite")

    @property
    def uses_development_key(self) -> bool:
        """True while buyer keys (R-D1) are made with the published development key."""
        return self.secret_key == DEV_SECRET_KEY

    @property
    def has_own_secret_key(self) -> bool:
        """True when the key is not the development key and is long enough to be a secret."""
        return not self.uses_development_key and len(self.secret_key) >= MIN_SECRET_KEY_LENGTH


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with explicit overrides (tests, CLI options) on top."""
    return Settings(**overrides)  # type: ignore[arg-type]
