"""One validated Settings object, read from the environment (DAIYUN_*)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEFAULT_DATABASE_URL", "DEV_SECRET_KEY", "Settings", "load_settings"]

DEFAULT_DATABASE_URL = "sqlite:///var/daiyun.db"
DEV_SECRET_KEY = "dev-only-secret-never-use-in-production"


class Settings(BaseSettings):
    """Everything daiyun reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="DAIYUN_", extra="ignore")

    environment: Literal["dev", "test", "production"] = "dev"
    database_url: str = DEFAULT_DATABASE_URL
    # Keys the buyer hash (R-D1) and signs sessions; a real deployment must set its own.
    secret_key: str = DEV_SECRET_KEY
    shared_data_dir: Path | None = None

    @model_validator(mode="after")
    def refuse_default_secret_outside_dev(self) -> Settings:
        if self.environment == "production" and self.secret_key == DEV_SECRET_KEY:
            raise ValueError("DAIYUN_SECRET_KEY must be set to a secret of your own in production")
        if self.environment == "production" and len(self.secret_key) < 32:
            raise ValueError("DAIYUN_SECRET_KEY must be at least 32 characters in production")
        return self

    @property
    def is_sqlite(self) -> bool:
        """True when the database is an embedded SQLite file."""
        return self.database_url.startswith("sqlite")


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with explicit overrides (tests, CLI options) on top."""
    return Settings(**overrides)  # type: ignore[arg-type]
