"""`python -m bot.healthcheck`: exit 0 if the running bot's /healthz answers 200, else 1.

For a container's HEALTHCHECK or a systemd/cron watchdog: it reads the same settings as the
bot (HEALTH_HOST, HEALTH_PORT from the environment or .env), needs no curl in the image, and
prints the reasons /healthz gives when it is unhealthy.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request

from bot.settings import SettingsError, load_settings

TIMEOUT = 5.0  # seconds


def health_url(host: str, port: int) -> str:
    """The URL to ask; a wildcard listen address is asked on loopback."""
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/healthz"


def main() -> int:
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"healthcheck: {exc}", file=sys.stderr)
        return 1
    if settings.HEALTH_PORT == 0:
        print("healthcheck: HEALTH_PORT is 0, so there is no /healthz to ask", file=sys.stderr)
        return 1
    url = health_url(settings.HEALTH_HOST, settings.HEALTH_PORT)
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 - loopback
            print(response.read().decode().strip())
            return 0
    except urllib.error.HTTPError as exc:  # 503: the reasons are in the body
        try:
            problems = json.loads(exc.read() or b"{}").get("problems", [])
        except ValueError:
            problems = []
        print(f"healthcheck: unhealthy ({exc.code}): {'; '.join(problems) or exc.reason}",
              file=sys.stderr)
    except (urllib.error.URLError, OSError) as exc:
        print(f"healthcheck: {url} is not answering: {exc}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
