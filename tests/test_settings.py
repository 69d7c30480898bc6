"""Settings for `enquiry-bot run`: environment and .env, clear one-line errors, no leaked token."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import Settings, SettingsError, load_settings
from bot.telegram_bot.logs import RedactingFormatter

TOKEN = "123456:TEST-fake-token-for-local-tests"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No settings in the environment, and a working directory without a .env."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


@pytest.mark.parametrize("token", [None, "", "not-a-token", "123456:short", "abc:" + "x" * 30])
def test_missing_or_malformed_token_is_one_line_saying_what_to_set(clean_env, capsys, token):
    if token is not None:
        clean_env.setenv("TELEGRAM_BOT_TOKEN", token)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "set TELEGRAM_BOT_TOKEN" in err
    if token:
        assert token not in err


def test_webhook_without_a_secret_is_refused(clean_env, capsys):
    clean_env.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    clean_env.setenv("WEBHOOK_URL", "https://bot.example.org/telegram")
    assert main(["run"]) == 2
    assert "set WEBHOOK_SECRET" in capsys.readouterr().err


def test_bad_number_names_the_setting(clean_env):
    clean_env.setenv("LOG_RETENTION_DAYS", "a month")
    with pytest.raises(SettingsError, match="LOG_RETENTION_DAYS"):
        load_settings()


def test_dotenv_is_read_and_the_environment_wins(clean_env, tmp_path):
    (tmp_path / ".env").write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nADMIN_CHAT_IDS=12, -100345\n"
                                   "LOG_RETENTION_DAYS=14\nWEBHOOK_URL=\n")
    clean_env.setenv("LOG_RETENTION_DAYS", "7")
    settings = load_settings()
    assert settings.token() == TOKEN
    assert settings.ADMIN_CHAT_IDS == [12, -100345]
    assert settings.LOG_RETENTION_DAYS == 7
    assert settings.WEBHOOK_URL is None
    default_database = settings.DATABASE_PATH
    assert default_database == Path("var/enquiries.db")
    assert TOKEN not in repr(settings)


def test_env_example_documents_every_setting():
    lines = (REPO / ".env.example").read_text().splitlines()
    documented = {line.split("=", 1)[0] for line in lines if "=" in line and line[0] != "#"}
    assert documented == set(Settings.model_fields)


def test_log_lines_never_show_the_token():
    formatter = RedactingFormatter([TOKEN])
    url = f"http://127.0.0.1:8081/bot{TOKEN}/getUpdates"
    encoded = TOKEN.replace(":", "%3A")
    try:
        raise ValueError(f"failed: {url} {encoded}")
    except ValueError as exc:
        record = logging.LogRecord("httpx", logging.ERROR, __file__, 1, "POST %s", (url,),
                                   (type(exc), exc, exc.__traceback__))
    line = formatter.format(record)
    assert "getUpdates" in line and TOKEN not in line and encoded not in line


def test_blank_descriptions_mean_the_defaults_and_new_settings_are_checked(clean_env):
    clean_env.setenv("BOT_DESCRIPTION", "  ")
    clean_env.setenv("LOG_FORMAT", "JSON")
    settings = load_settings()
    assert "999" in settings.BOT_DESCRIPTION
    assert settings.LOG_FORMAT == "json"
    assert (settings.HEALTH_HOST, settings.HEALTH_PORT) == ("127.0.0.1", 8080)
    clean_env.setenv("BOT_SHORT_DESCRIPTION", "x" * 121)  # Telegram's limit is 120
    with pytest.raises(SettingsError, match="BOT_SHORT_DESCRIPTION"):
        load_settings()
    clean_env.setenv("BOT_SHORT_DESCRIPTION", "ok")
    clean_env.setenv("HEALTH_PORT", "70000")
    with pytest.raises(SettingsError, match="HEALTH_PORT"):
        load_settings()


def test_json_log_lines_are_json_and_never_show_the_token():
    import json

    from bot.telegram_bot.logs import JsonFormatter

    record = logging.LogRecord("bot", logging.WARNING, __file__, 1, "token %s said \"hi\"",
                               (TOKEN,), None)
    entry = json.loads(JsonFormatter([TOKEN]).format(record))
    assert entry["level"] == "WARNING" and entry["logger"] == "bot"
    assert entry["message"] == 'token <redacted> said "hi"'
def test_the_data_folder_is_var_unless_set(clean_env, tmp_path):
    (tmp_path / ".env").write_text("DATA_DIR=\n")
    assert str(load_settings().DATA_DIR) == "var"
    clean_env.setenv("DATA_DIR", "/srv/enquiry-bot")
    assert str(load_settings().DATA_DIR) == "/srv/enquiry-bot"
