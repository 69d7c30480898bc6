"""The deploy kit is consistent with the code it deploys: no container engine runs in the tests,
so the Dockerfile, docker-compose.yml, Caddyfile and systemd unit are read here and checked
against the settings, the entry point and each other. test_deploy_e2e.py then runs the same
entry point, settings and health check outside a container."""

from __future__ import annotations

import configparser
import re
import shlex
import tomllib
from datetime import UTC
from pathlib import Path

import yaml

from bot.settings import Settings

REPO = Path(__file__).resolve().parent.parent
NOT_SETTINGS = {"PATH", "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"}


def dockerfile_env() -> dict[str, str]:
    """The final stage's ENV, as a dict."""
    text = (REPO / "Dockerfile").read_text().replace("\\\n", " ")
    final = text.split("\nFROM ")[-1]
    env: dict[str, str] = {}
    for line in final.splitlines():
        if line.startswith("ENV "):
            for pair in shlex.split(line[4:]):
                name, _, value = pair.partition("=")
                env[name] = value
    return env


def dockerfile_instruction(name: str) -> list[str]:
    text = (REPO / "Dockerfile").read_text().replace("\\\n", " ")
    return [line[len(name) + 1:].strip() for line in text.split("\nFROM ")[-1].splitlines()
            if line.startswith(name + " ")]


def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_the_image_runs_the_console_script_as_a_non_root_user():
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    [entrypoint] = dockerfile_instruction("ENTRYPOINT")
    [cmd] = dockerfile_instruction("CMD")
    assert yaml.safe_load(entrypoint)[0] in scripts and yaml.safe_load(cmd) == ["run"]
    [user] = dockerfile_instruction("USER")
    assert user not in ("root", "0")
    volumes = set(yaml.safe_load(dockerfile_instruction("VOLUME")[0]))
    env = dockerfile_env()
    assert env["KNOWLEDGE_DIR"] in volumes
    assert str(Path(env["DATABASE_PATH"]).parent) in volumes


def test_every_variable_the_kit_sets_is_a_setting():
    known = set(Settings.model_fields)
    assert set(dockerfile_env()) - NOT_SETTINGS <= known
    assert set(compose()["services"]["bot"]["environment"]) <= known
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(REPO / "deploy" / "enquiry-bot.service")
    for assignment in unit["Service"]["Environment"].split():
        assert assignment.split("=", 1)[0] in known


def test_compose_serves_the_webhook_through_caddy_with_a_body_limit():
    bot = compose()["services"]["bot"]
    caddyfile = (REPO / "deploy" / "Caddyfile").read_text()
    port = bot["environment"]["WEBHOOK_PORT"]
    assert f"reverse_proxy bot:{port}" in caddyfile
    assert re.search(r"request_body\s*{\s*max_size \d+[KM]B", caddyfile)
    assert port in bot["expose"] and "ports" not in bot  # only Caddy reaches the bot
    assert bot["environment"]["HEALTH_PORT"] not in bot["expose"]  # metrics stay inside
    mounts = {volume.split(":")[1] for volume in bot["volumes"]}
    assert {bot["environment"]["KNOWLEDGE_DIR"],
            str(Path(bot["environment"]["DATABASE_PATH"]).parent)} <= mounts
    caddy = compose()["services"]["caddy"]
    assert caddy["depends_on"]["bot"]["condition"] == "service_healthy"


def test_the_systemd_unit_runs_polling_and_reloads_with_sighup():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(REPO / "deploy" / "enquiry-bot.service")
    service = unit["Service"]
    assert service["ExecStart"].endswith("/enquiry-bot run")
    assert "-HUP" in service["ExecReload"]
    assert service["User"] not in ("root", "0")
    assert service["RestartPreventExitStatus"] == "2"  # a bad token: restarting can't help
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def readme_deploy() -> str:
    text = (REPO / "README.md").read_text()
    return text[text.index("## Deploy"):text.index("\n## ", text.index("## Deploy") + 3)]


def test_the_readme_deploy_steps_name_what_exists():
    deploy = readme_deploy()
    makefile = (REPO / "Makefile").read_text()
    assert "$(VENV)/.installed:" in makefile and "make .venv/.installed" in deploy
    for path in re.findall(r"\b(deploy/[\w.-]+|docker-compose\.yml|\.env\.example)", deploy):
        assert (REPO / path).exists(), path
    for name in re.findall(r"`([A-Z][A-Z_]{5,})`", deploy):
        assert name in Settings.model_fields or name in ("BOT_DOMAIN", "HEALTHCHECK"), name


def test_the_readme_backup_command_copies_a_log_in_use(tmp_path: Path):
    """The systemd backup one-liner, run as written, while the bot's log is open and written."""
    import subprocess
    import sys
    from datetime import datetime

    from bot.answer import Answer
    from bot.store import EnquiryLog

    script = re.search(r'python -c "(import sqlite3, sys;.*?)"', readme_deploy(), re.S)
    assert script, "the README gives the backup command"
    code = script.group(1).replace("\\\n", " ")
    log = EnquiryLog(tmp_path / "enquiries.db")
    answer = Answer(answered=True, kind="fact", confidence=1.0, title="t")
    for n in range(3):
        log.record(chat_id=n, message="how many arrests", answer=answer, channel="telegram",
                   when=datetime.now(UTC))
    backup = tmp_path / "backup.db"
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "enquiries.db"), str(backup)],
                   check=True, timeout=30)
    log.record(chat_id=9, message="after", answer=answer, channel="telegram",
               when=datetime.now(UTC))
    log.close()
    import sqlite3
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT count(*) FROM enquiries").fetchone() == (3,)
