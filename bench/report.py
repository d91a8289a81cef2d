"""The targets from the issue, judged on a run's results, and the tables printed for people."""

from __future__ import annotations

from typing import Any

P99_TARGET_MS = 50.0
RSS_TARGET_MB = 80.0
READY_TARGET_S = 2.0


def _target(name: str, value: float | None, limit: str, passed: bool | None) -> dict[str, Any]:
    return {"target": name, "value": value, "limit": limit, "passed": passed}


def judge(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every target with its value and pass/miss (None: could not be measured)."""
    found = [
        _target(
            f"{row['scenario']}: cost vs floor",
            row.get("cost_ratio"),
            f"≤ {row['target']}×",
            row.get("passed"),
        )
        for row in results["interactions"]
        if row["target"] is not None
    ]
    found += [
        _target(
            f"{row['scenario']}: cost vs its lower bound (the minimal bot's)",
            row["cost_vs_least"],
            f"≤ {row['least_target']}×",
            row["cost_vs_least"] <= row["least_target"],
        )
        for row in results["interactions"]
        if row.get("cost_vs_least") is not None and row["least_target"] is not None
    ]
    p99 = results["open_loop"]["magbot"]["p99_ms"]
    rate = results["profile"]["open_rate"]
    found.append(
        _target(f"p99 first response at {rate:g}/s", p99, f"< {P99_TARGET_MS:g} ms", p99 < 50)
    )
    footprint = results["footprint"]
    peak = footprint["peak_rss_mb"]
    found.append(
        _target(
            f"peak RSS after {footprint['entries_logged']:,} logged entries",
            peak,
            f"< {RSS_TARGET_MB:g} MB",
            peak < RSS_TARGET_MB,
        )
    )
    first = results["startup"]["magbot"]["first_answer_s"]
    found.append(_target("start → READY, answering", first, f"≤ {READY_TARGET_S:g} s", first <= 2))
    slow = len(results["loop_health"]["under_load"])
    found.append(_target("callbacks over 20 ms under load", slow, "0", slow == 0))
    timed = len(results["loop_health_timed"]["under_load"])
    found.append(
        _target("… the same without debug mode (every callback timed)", timed, "0", timed == 0)
    )
    return found


def verdict(passed: bool | None) -> str:
    return {True: "pass", False: "MISS", None: "n/a"}[passed]


def table(header: list[str], rows: list[list[str]]) -> str:
    """Plain text columns: the first left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, ["-" * w for w in widths], *rows]:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _ms(value: float) -> str:
    return f"{value:.1f}"


INTERACTION_COLUMNS = [
    "scenario",
    "n",
    "int/s",
    "p50",
    "p95",
    "p99",
    "CPU",
    "floor int/s",
    "floor p99",
    "floor CPU",
    "× floor",
    "target",
    "result",
]


def _interaction_row(row: dict[str, Any], side: str = "magbot") -> list[str]:
    target = f"≤ {row['target']}×" if row["target"] is not None else "—"
    if row["status"] != "measured":
        return [row["scenario"], *["—"] * 10, target, row["status"]]
    bot, floor = row[side], row["floor"]
    return [
        row["scenario"],
        str(bot["n"]),
        f"{bot['per_second']:.0f}",
        _ms(bot["p50_ms"]),
        _ms(bot["p95_ms"]),
        _ms(bot["p99_ms"]),
        f"{bot['cpu_ms']:.2f}",
        f"{floor['per_second']:.0f}",
        _ms(floor["p99_ms"]),
        f"{floor['cpu_ms']:.2f}",
        "—" if row["cost_ratio"] is None else f"{row['cost_ratio']:.2f}×",
        target,
        "—" if row["passed"] is None else verdict(row["passed"]),
    ]


def render(results: dict[str, Any]) -> str:
    """Everything a person needs from a run, as text."""
    m, p = results["machine"], results["profile"]
    parts = [
        f"magbot benchmark ({p['name']}) — {m['nproc']} cores, {m['cpu']}, Python {m['python']}, "
        f"discord.py {m['discord.py']}; load average {m['load_average_at_start']:.2f} → "
        f"{m['load_average_at_end']:.2f}",
        "",
        f"Interactions: closed loop, concurrency {p['concurrency']}, {p['rounds']} rounds "
        "alternating with the floor (/ping, a constant embed). Times are ms from dispatch to the "
        "first response; CPU is the bot process's CPU ms per interaction; × = CPU / floor's CPU.",
        table(
            INTERACTION_COLUMNS,
            [_interaction_row(row) for row in results["interactions"]],
        ),
    ]
    parts += ["", _lower_bounds(results)]
    parts += ["", _open_loop(results), "", _storage(results), "", _footprint(results)]
    parts += ["", _loop_health(results["loop_health"])]
    parts += ["", _loop_health(results["loop_health_timed"])]
    parts += ["", "Targets", _targets(results)]
    if p["name"] != "default":
        parts.append(f"({p['name']} run: too few interactions for the figures to mean much)")
    return "\n".join(parts)


def _collected(side: dict[str, Any]) -> str:
    """The share of a bot's CPU that Python's garbage collector took."""
    return f"{side['collector_cpu_ms'] / side['cpu_ms']:.0%} of it in garbage collection"


def _lower_bounds(results: dict[str, Any]) -> str:
    """The minimal bot's own version of each write, and magbot's against it; each also on its
    event loop's thread alone, which no durable write's thread can make cheaper."""
    bounds = results["lower_bounds"]
    lines = [
        "Lower bounds: the minimal bot doing only what a command cannot avoid (one durable "
        "INSERT into SQLite in WAL mode, synchronous=FULL, and its answer), on the floor's "
        "process, rounds alternating with its /ping",
        table(INTERACTION_COLUMNS, [_interaction_row(b["least"], "minimal") for b in bounds]),
    ]
    rows = {row["scenario"]: row for row in results["interactions"]}
    for bound in bounds:
        least, row = bound["least"], rows[bound["scenario"]]
        if least["status"] == "measured":
            lines.append(
                f"{least['scenario']}: {least['cost_ratio']:.2f}× the floor, "
                f"{least['loop_cost_ratio']:.2f}× on its event loop's thread alone "
                f"({_collected(least['minimal'])})"
            )
        if "against" in bound:
            lines.append(
                f"magbot's {row['scenario']}: {row['cost_ratio']:.2f}× the floor "
                f"({row['loop_cost_ratio']:.2f}× on its event loop's thread alone), "
                f"{row['cost_vs_least']:.2f}× its lower bound "
                f"({_collected(bound['against']['magbot'])})"
            )
    return "\n".join(lines)


def _open_loop(results: dict[str, Any]) -> str:
    rows = [
        [
            name,
            str(run["n"]),
            f"{run['rate']:.0f}",
            _ms(run["p50_ms"]),
            _ms(run["p99_ms"]),
            _ms(run["max_ms"]),
        ]
        for name, run in results["open_loop"].items()
    ]
    rate = results["profile"]["open_rate"]
    title = f"Open loop at {rate:g} interactions/s (magbot: every scenario but rare ones, mixed)"
    by_command = results["open_loop"]["magbot"]["p99_ms_by_command"]
    slowest = sorted(by_command.items(), key=lambda item: -item[1])[:3]
    return (
        title
        + "\n"
        + table(["bot", "n", "achieved/s", "p50", "p99", "max"], rows)
        + "\nmagbot's slowest p99 by command: "
        + ", ".join(f"{name} {ms:.1f} ms" for name, ms in slowest)
    )


def _storage(results: dict[str, Any]) -> str:
    storage = results["storage"]
    return (
        f"Storage ({storage['entries']:,} entries each way; WAL, synchronous=FULL, one commit "
        "per entry)\n"
        + table(
            ["writer", "writes/s"],
            [
                ["bot storage layer (add_entry)", f"{storage['bot_writes_per_s']:.0f}"],
                ["plain sqlite3", f"{storage['sqlite3_writes_per_s']:.0f}"],
            ],
        )
        + f"\ncost ratio {storage['cost_ratio']:.2f}×; the heavy user's summary of today, with "
        f"{storage['entries']:,} entries over {storage['days']} days: "
        f"{storage['day_summary_ms']:.2f} ms"
    )


def _footprint(results: dict[str, Any]) -> str:
    start, footprint = results["startup"], results["footprint"]
    rows = [
        [
            name,
            f"{s['ready_s']:.2f} s",
            f"{s['first_answer_s']:.2f} s",
            f"{s['rss_mb']:.1f} MB",
        ]
        for name, s in start.items()
    ]
    return (
        "Start-up (READY: the fake sent the gateway READY; answering: first response)\n"
        + table(["bot", "spawn → READY", "spawn → answering", "RSS after start"], rows)
        + f"\nA fresh magbot: RSS {footprint['rss_after_start_mb']:.1f} MB after start-up, "
        f"peak {footprint['peak_rss_mb']:.1f} MB after logging "
        f"{footprint['entries_logged']:,} entries. "
        f"Peak over all the interaction scenarios: {footprint['peak_rss_all_scenarios_mb']:.1f} MB"
    )


def _loop_health(health: dict[str, Any]) -> str:
    callbacks = health["at_start"] + health["under_load"]
    how = "asyncio debug" if health["mode"] == "debug" else "no debug mode, every callback timed"
    title = (
        f"Event loop ({how}, callbacks over {health['threshold_ms']:g} ms): "
        f"{len(health['under_load'])} under load ({health['interactions']} interactions), "
        f"{len(health['at_start'])} at start-up"
    )
    phases = sorted({c["during"] for c in callbacks}, key=[c["during"] for c in callbacks].index)
    rows = []
    for phase in phases:
        found = [c for c in callbacks if c["during"] == phase]
        tasks = sorted({c["task"] for c in found})
        rows.append(
            [phase, str(len(found)), _ms(max(c["ms"] or 0 for c in found)), ", ".join(tasks)]
        )
    return title + ("\n" + table(["during", "callbacks", "max ms", "task"], rows) if rows else "")


def _targets(results: dict[str, Any]) -> str:
    rows = [
        [t["target"], _value(t["value"]), t["limit"], verdict(t["passed"])]
        for t in results["targets"]
    ]
    return table(["target", "value", "limit", "result"], rows)


def _value(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}" if isinstance(value, float) else str(value)
