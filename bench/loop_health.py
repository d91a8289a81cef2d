"""Event-loop health: magbot under every scenario with asyncio debug's slow-callback log.

Each warning is put down to the scenario that was running when it was logged (the bot logs
it as the slow step ends, before the answer that step was working on reaches the fake).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.interactions import Driver
from bench.scenarios import MAGBOT_PROBE, Scenario
from bench.spawn_bot import BotProcess, started
from bench.spawned_bot import SLOW_CALLBACK_SECONDS
from bot.storage.database import backup_file

START_UP = "start-up"
_SECONDS = re.compile(r" took (\d+(?:\.\d+)?) seconds")
_TASK = re.compile(r"<Task \w+ name='([^']+)'")


def slow_callbacks(path: Path) -> list[dict[str, Any]]:
    """The "Executing … took" warnings logged to `path`, in order."""
    if not path.exists():
        return []
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        message = json.loads(line)["message"]
        seconds, task = _SECONDS.search(message), _TASK.search(message)
        found.append(
            {
                "ms": float(seconds.group(1)) * 1e3 if seconds else None,
                "task": task.group(1) if task else message.split(" took ")[0][:60],
                "what": message,
            }
        )
    return found


def _count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0


async def loop_health(
    driver: Driver,
    magbot: BotProcess,
    present: Sequence[Scenario],
    workdir: Path,
    *,
    timed: bool = False,
) -> dict[str, Any]:
    """Every available scenario on magbot restarted in debug mode (or, `timed`, without it
    but with every callback timed); callbacks over 20 ms.

    It runs on a copy of the stopped magbot's database, against the same fake (which, like
    Discord, keeps the registered commands).
    """
    mode = "timed" if timed else "debug"
    log = workdir / f"slow-callbacks-{mode}.jsonl"
    bot = BotProcess("magbot", magbot.fake, workdir, name=f"magbot-{mode}")
    backup_file(magbot.database, bot.database)
    interactions = 0
    async with started(bot, MAGBOT_PROBE, slow_callbacks=log, timed=timed):
        ends = [(START_UP, _count(log))]
        for scenario in present:
            n = driver.count(scenario, driver.profile.health_n)
            await driver.run(bot, scenario, n)
            interactions += n
            ends.append((scenario.name, _count(log)))
    found, begin = slow_callbacks(log), 0
    for phase, end in ends:
        for callback in found[begin:end]:
            callback["during"] = phase
        begin = end
    during_load = found[ends[0][1] : ends[-1][1]]
    return {
        "mode": mode,
        "threshold_ms": SLOW_CALLBACK_SECONDS * 1e3,
        "interactions": interactions,
        "under_load": during_load,
        "at_start": found[: ends[0][1]],
    }
