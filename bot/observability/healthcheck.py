"""``python -m bot.observability.healthcheck``: asks the running bot's ``/healthz``; exit 0
when it is healthy, 1 when not (or unreachable), with its answer on one line. For Docker's
HEALTHCHECK and other supervisors; it reads the same settings as the bot."""

from __future__ import annotations

import sys
import urllib.error
import urllib.request

from bot.settings import Settings, SettingsError, load_settings

HEALTHY, UNHEALTHY = 0, 1
TIMEOUT = 4.0
"""Seconds; the bot answers within about 2 s even when its database hangs."""

_LOOPBACK = {"0.0.0.0": "127.0.0.1", "::": "::1"}


def health_url(settings: Settings) -> str:
    host = _LOOPBACK.get(settings.metrics_host, settings.metrics_host)
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.metrics_port}/healthz"


def check() -> tuple[int, str]:
    """(exit code, the one line to show)."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        return UNHEALTHY, f"Configuration error: {exc}"
    if not settings.metrics_port:
        return UNHEALTHY, "MAGBOT_METRICS_PORT: not set, so there is no /healthz to ask"
    url = health_url(settings)
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return HEALTHY, response.read().decode()
    except urllib.error.HTTPError as exc:
        return UNHEALTHY, f"{exc.code}: {exc.read().decode()}"
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return UNHEALTHY, f"cannot reach {url}: {reason}"


def main() -> int:
    code, line = check()
    (sys.stdout if code == HEALTHY else sys.stderr).write(line + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
