"""Deployment settings, read from the environment and `.env` (see `.env.example`).

Only the Telegram front end needs a token, so it is checked when asked for (`Settings.token()`)
and the console commands run without one. Secrets are `SecretStr`, so they never show in a repr.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token
TOKEN_HELP = ("set TELEGRAM_BOT_TOKEN (in the environment or .env) to the token @BotFather gave "
              "you, e.g. 123456789:AAH...")


DESCRIPTION = ("Ask what a police operation achieved (arrests, seizures, cash) and how to pass "
               "information to the police. This is an automated service: it is not monitored by "
               "officers and can't take reports. In an emergency, call 999.")
SHORT_DESCRIPTION = "Police operation results and how to report. Automated, not monitored. " \
    "Emergency? Call 999."


class SettingsError(Exception):
    """A setting is missing or malformed; the message says what to set."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    TELEGRAM_BOT_TOKEN: SecretStr | None = None
    TELEGRAM_BASE_URL: str | None = None  # e.g. http://127.0.0.1:8081/bot; Telegram's if unset
    TELEGRAM_TIMEOUT: float = Field(default=10.0, gt=0, le=300)  # seconds per Bot API request
    KNOWLEDGE_DIR: Path | None = None
    DATABASE_PATH: Path = Path("var/enquiries.db")
    DATA_DIR: Path = Path("var")  # the compiled knowledge cache goes in its cache/
    WEBHOOK_URL: str | None = None
    WEBHOOK_SECRET: SecretStr | None = None
    WEBHOOK_LISTEN: str = "127.0.0.1"
    WEBHOOK_PORT: int = Field(default=8443, ge=1, le=65535)
    LOG_LEVEL: str = "INFO"
    ADMIN_CHAT_IDS: Annotated[list[int], NoDecode] = []
    LOG_RETENTION_DAYS: int = Field(default=30, ge=1)
    LOG_HASH_SECRET: SecretStr | None = None
    # What Telegram shows in an empty chat (description) and on the bot's profile (short one).
    BOT_DESCRIPTION: str = Field(default=DESCRIPTION, max_length=512)
    BOT_SHORT_DESCRIPTION: str = Field(default=SHORT_DESCRIPTION, max_length=120)
    # /healthz and /metrics (Prometheus); 0 turns them off. Loopback unless you open it up.
    HEALTH_HOST: str = "127.0.0.1"
    HEALTH_PORT: int = Field(default=8080, ge=0, le=65535)
    LOG_FORMAT: Literal["text", "json"] = "text"
    LOG_HASH_KEY_FILE: Path | None = None  # the chat-hash key's own file, outside the data folder
    REQUIRE_EXTERNAL_SECRET: bool = False  # `run` refuses to start with the key in the data folder

    @field_validator("ADMIN_CHAT_IDS", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """Accept "123, -100456" as well as a list."""
        if isinstance(value, str):
            return [part for part in re.split(r"[\s,]+", value.strip()) if part]
        return value

    @field_validator("BOT_DESCRIPTION", "BOT_SHORT_DESCRIPTION", mode="before")
    @classmethod
    def _blank_is_default(cls, value: object, info: ValidationInfo) -> object:
        """An empty line in .env means "the default", not "no description"."""
        if isinstance(value, str) and not value.strip():
            return cls.model_fields[info.field_name or ""].default
        return value

    @field_validator("LOG_FORMAT", mode="before")
    @classmethod
    def _lower_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("LOG_LEVEL")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in logging.getLevelNamesMapping():
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return level

    @field_validator("TELEGRAM_BASE_URL", "WEBHOOK_URL", "WEBHOOK_SECRET", "TELEGRAM_BOT_TOKEN",
                     "LOG_HASH_SECRET", "KNOWLEDGE_DIR", "LOG_HASH_KEY_FILE", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("DATA_DIR", mode="before")
    @classmethod
    def _blank_is_var(cls, value: object) -> object:
        return "var" if isinstance(value, str) and not value.strip() else value

    def token(self) -> str:
        """The bot token; raises SettingsError saying what to set if it is missing or malformed."""
        if self.TELEGRAM_BOT_TOKEN is None:
            raise SettingsError(f"no bot token: {TOKEN_HELP}")
        value = self.TELEGRAM_BOT_TOKEN.get_secret_value().strip()
        if not TOKEN_PATTERN.match(value):
            raise SettingsError(f"TELEGRAM_BOT_TOKEN is not a bot token: {TOKEN_HELP}")
        return value

    def webhook_secret(self) -> str:
        """The webhook secret; a webhook without one would accept anybody's updates."""
        if self.WEBHOOK_SECRET is None:
            raise SettingsError("WEBHOOK_URL is set, so set WEBHOOK_SECRET too (1-256 characters "
                                "of A-Z, a-z, 0-9, _ and -)")
        value = self.WEBHOOK_SECRET.get_secret_value()
        if not SECRET_PATTERN.match(value):
            raise SettingsError("WEBHOOK_SECRET may only use A-Z, a-z, 0-9, _ and - "
                                "(1 to 256 characters)")
        return value


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Read the settings; a malformed value is a SettingsError naming the variable."""
    try:
        return Settings(_env_file=env_file)  # type: ignore[call-arg]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise SettingsError(f"bad setting: {problems}") from None
