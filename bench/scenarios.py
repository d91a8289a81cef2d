"""What the benchmark asks of the bots: one scenario per thing a person does.

A scenario names the command it needs; when the bot has not registered it, the scenario is
reported as not available instead of failing. Add one here when a command arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.load import Prepare, Step
from fakediscord import DiscordClient, FakeUser, Message

HEAVY = FakeUser(1600000000000000001, "heavy")
"""The person with a long log: a year of entries by default (written by the storage run)."""
_MEMBERS_FROM = 1610000000000000000
_TYPISTS_FROM = 1620000000000000000
MAGBOT_PROBE, FLOOR_PROBE = "about", "ping"
"""The commands whose first answer marks a freshly started bot as answering."""


QUERY_SET = Path(__file__).resolve().parent.parent / "tests" / "catalogue" / "queries.yaml"
"""What people type into the food search (read as data; bench imports nothing of tests/)."""
FREE_TEXT = ("coffee", "oj", "white bread", "banana", "beer", "tea", "courgette", "boiled egg")
"""Typed food names that each name one everyday food, logged without picking a suggestion."""


TYPED_STATES = 3
"""How a query is typed: its first 3 letters, first 5, then in full."""


def keystrokes() -> tuple[str, ...]:
    """The query set as people type it (TYPED_STATES of each query, in order)."""
    queries = [entry["query"] for entry in yaml.safe_load(QUERY_SET.read_text())["queries"]]
    return tuple(typed for query in queries for typed in (query[:3], query[:5], query))


KEYSTROKES = keystrokes()


def member(i: int) -> FakeUser:
    """The i-th of many light users, each with a log of only what the benchmark logs."""
    return FakeUser(_MEMBERS_FROM + i, f"member{i}")


def typist(i: int) -> FakeUser:
    """Who types the i-th keystroke: one person types each query of the set, all its states."""
    return FakeUser(_TYPISTS_FROM + i // TYPED_STATES, f"typist{i // TYPED_STATES}")


@dataclass(frozen=True)
class Scenario:
    name: str
    command: str
    """The registered command it needs, e.g. "intake log"."""
    act: Step
    """Exactly one measured interaction."""
    prepare: Prepare | None = None
    target: float | None = None
    """The most its CPU cost per interaction may be, as a multiple of the floor's."""
    least_target: float | None = None
    """The most it may be as a multiple of its lower bound's (see LOWER_BOUNDS), if it has one."""
    share: float = 1.0
    """How much of the load this gets relative to others: slow, rare commands get less."""
    rare: bool = False
    """Something a person does once in a long while (an export): not in the open-loop mix."""
    writes: bool = False
    """It writes to the database: ``python -m bench.backends`` runs it on both backends."""


def is_registered(commands: list[dict[str, Any]], path: str) -> bool:
    """Whether `path` ("intake log") is among the commands the bot registered."""
    name, *subs = path.split()
    node = next((c for c in commands if c.get("type", 1) == 1 and c["name"] == name), None)
    for sub in subs:
        options = node.get("options", []) if node else []
        node = next((o for o in options if o["name"] == sub and o["type"] in (1, 2)), None)
    return node is not None


async def _ping(client: DiscordClient, _: int, __: Any) -> None:
    await client.slash("ping")


async def _about(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("about", user=member(i))


async def _foods_list(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("foods", user=member(i))


async def _foods_list_shown(client: DiscordClient, i: int) -> Message:
    return await client.slash("foods", user=member(i))


async def _foods_next_page(client: DiscordClient, i: int, shown: Message) -> None:
    await client.click(shown, "Next", user=member(i))


async def _foods_detail(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("foods", food="pumpkin_seeds_roasted", user=member(i))


async def _foods_autocomplete(client: DiscordClient, i: int, _: Any) -> None:
    await client.autocomplete("foods", "food", "pumkin", user=member(i))


async def _studies_list(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("studies", user=member(i))


async def _studies_detail(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("studies", study="brilla_conte_2000", user=member(i))


async def _studies_autocomplete(client: DiscordClient, i: int, _: Any) -> None:
    await client.autocomplete("studies", "study", "maggio", user=member(i))


async def _assess_start(client: DiscordClient, i: int, _: Any = None) -> Message:
    return await client.slash("assess", user=member(i))


async def _assess_pick_age(client: DiscordClient, i: int, question: Message) -> None:
    [age] = [value for label, value in question.select("assess:age").options if "31" in label]
    await client.select(question, "assess:age", [age], user=member(i))


async def _intake_log(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("intake log", food="pumpkin_seeds_roasted", servings=1, user=member(i))


async def _intake_supplement(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("intake supplement", form="citrate", mg=100, user=member(i))


async def _intake_food_autocomplete(client: DiscordClient, i: int, _: Any) -> None:
    await client.autocomplete("intake log", "food", "pepitas", user=member(i))


async def _intake_food_keystrokes(client: DiscordClient, i: int, _: Any) -> None:
    await client.autocomplete("intake log", "food", KEYSTROKES[i % len(KEYSTROKES)], user=typist(i))


async def _intake_log_free_text(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("intake log", food=FREE_TEXT[i % len(FREE_TEXT)], user=member(i))


async def _intake_food_autocomplete_heavy(client: DiscordClient, _: int, __: Any) -> None:
    """Nothing typed yet: the heavy user's own foods (a year of entries) lead the list."""
    await client.autocomplete("intake log", "food", "", user=HEAVY)


async def _intake_today_heavy(client: DiscordClient, _: int, __: Any) -> None:
    await client.slash("intake today", user=HEAVY)


async def _intake_week_heavy(client: DiscordClient, _: int, __: Any) -> None:
    await client.slash("intake week", user=HEAVY)


async def _log_one(client: DiscordClient, i: int) -> None:
    await client.slash("intake supplement", form="oxide", mg=50, user=member(i))


async def _intake_undo(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("intake undo", user=member(i))


async def _profile_set(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash(
        "profile set", sex="female", age=20 + i % 60, timezone="Europe/Berlin", user=member(i)
    )


async def _reminder_set(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("reminder set", time=f"{7 + i % 12:02d}:30", user=member(i))


async def _timezone_autocomplete(client: DiscordClient, i: int, _: Any) -> None:
    await client.autocomplete("profile set", "timezone", "berlin", user=member(i))


async def _profile_show(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("profile show", user=member(i))


async def _export_heavy(client: DiscordClient, _: int, __: Any) -> None:
    await client.slash("mydata export", user=HEAVY)


async def _delete_question(client: DiscordClient, i: int) -> Message:
    await _log_one(client, i)
    return await client.slash("mydata delete", user=member(i))


async def _confirm_delete(client: DiscordClient, i: int, question: Message) -> None:
    await client.click(question, "Delete everything", user=member(i))


async def _save_meal_of_30(client: DiscordClient, i: int) -> None:
    """Today's log of 30 entries (15 foods, 15 supplements) saved as the meal "Thirty"."""
    for n in range(15):
        await client.slash("intake log", food="pumpkin_seeds_roasted", servings=1, user=member(i))
        await client.slash("intake supplement", form="citrate", mg=10 + n, user=member(i))
    await client.slash("meal save", name="Thirty", user=member(i))


async def _meal_log_30(client: DiscordClient, i: int, _: Any) -> None:
    await client.slash("meal log", name="Thirty", user=member(i))


INTAKE_LOG = Scenario("/intake log", "intake log", _intake_log, target=1.6, writes=True)
"""Also what magbot logs its footprint entries with."""

FLOOR = Scenario("floor: /ping", "ping", _ping)
"""The minimal discord.py bot's one constant embed: the cost every figure is compared with."""

MEAL_LOG = Scenario(
    "/meal log (30 items)",
    "meal log",
    _meal_log_30,
    prepare=_save_meal_of_30,
    target=2.0,
    least_target=1.5,
    rare=True,
    writes=True,
)
"""Issue 20's meal (as many interactions as the others: with a third of them, one run's figure
moved by up to 1.5× the floor). Its 2× the floor is below its lower bound; 1.5× the lower
bound is the budget proposed in its place (bench/README.md)."""

LEAST_MEAL = Scenario(
    "least a 30-item meal can cost: /meal log on the minimal bot", "meal log", _meal_log_30
)
"""The minimal bot's /meal log (one durable 30-row write, a 30-line answer)."""

LEAST_LOG = Scenario(
    "least a log can cost: /intake log on the minimal bot", "intake log", _intake_log
)
"""The minimal bot's /intake log (one durable row, a one-line answer)."""

LOWER_BOUNDS = ((MEAL_LOG, LEAST_MEAL), (INTAKE_LOG, LEAST_LOG))
"""magbot's writes and the least each can cost: the minimal bot doing only what they cannot
avoid, on the floor's process (not in SCENARIOS, which run on magbot)."""

SCENARIOS = (
    Scenario("/about", "about", _about),
    Scenario("/foods (list)", "foods", _foods_list, target=1.3),
    Scenario(
        "/foods (list) page button",
        "foods",
        _foods_next_page,
        prepare=_foods_list_shown,
        target=1.3,
    ),
    Scenario("/foods (detail)", "foods", _foods_detail, target=1.3),
    Scenario("/foods autocomplete", "foods", _foods_autocomplete, target=1.3),
    Scenario("/studies (overview and list)", "studies", _studies_list, target=1.3),
    Scenario("/studies (detail)", "studies", _studies_detail, target=1.3),
    Scenario("/studies autocomplete", "studies", _studies_autocomplete, target=1.3),
    Scenario("/assess (start)", "assess", _assess_start),
    Scenario("/assess step (pick age)", "assess", _assess_pick_age, prepare=_assess_start),
    INTAKE_LOG,
    Scenario(
        "/intake log (free text: coffee, oj, white bread, …)",
        "intake log",
        _intake_log_free_text,
        target=1.6,
        writes=True,
    ),
    Scenario("/intake log food autocomplete", "intake log", _intake_food_autocomplete, target=1.3),
    Scenario(
        "/intake log food autocomplete (query set, one person per query: 3 letters, 5, in full)",
        "intake log",
        _intake_food_keystrokes,
        target=1.3,
    ),
    Scenario(
        "/intake log food autocomplete (heavy user, own foods first)",
        "intake log",
        _intake_food_autocomplete_heavy,
        target=1.3,
    ),
    Scenario(
        "/intake supplement", "intake supplement", _intake_supplement, target=1.6, writes=True
    ),
    Scenario("/intake today (heavy user)", "intake today", _intake_today_heavy, target=2.0),
    Scenario("/intake week (chart)", "intake week", _intake_week_heavy, share=0.2),
    Scenario("/intake undo", "intake undo", _intake_undo, prepare=_log_one),
    MEAL_LOG,
    Scenario("/profile set", "profile set", _profile_set, target=1.6, writes=True),
    Scenario("/reminder set", "reminder set", _reminder_set, target=1.6, writes=True),
    Scenario(
        "/profile set timezone autocomplete", "profile set", _timezone_autocomplete, target=1.3
    ),
    Scenario("/profile show", "profile show", _profile_show),
    Scenario("/mydata export (heavy user)", "mydata export", _export_heavy, share=0.1, rare=True),
    Scenario(
        "/mydata delete, confirmed", "mydata delete", _confirm_delete, prepare=_delete_question
    ),
)
