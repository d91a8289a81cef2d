"""A minimal discord.py bot: the fake's own test subject and the benchmarks' floor.

Each command shows one way of answering: a public embed, defer then edit with a file,
autocomplete, buttons and a select that update or reply, a modal, sub-commands, two
deliberately bad ones (`/echo` can break the 2000-character limit, `/sleep` can be late), and
the least a log can cost: `/intake log` writes one row durably and answers a line, `/meal log`
writes 30 rows in one statement and answers 30 lines.
"""

from __future__ import annotations

import asyncio
import io
import os
from datetime import UTC, datetime
from typing import NamedTuple

import aiosqlite
import discord
from discord import app_commands

FOODS = ["pumpkin seeds", "almonds", "spinach", "dark chocolate", "cashews", "black beans"]


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    comment = discord.ui.TextInput(label="Comment", max_length=200)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"Thanks: {self.comment.value}", ephemeral=True)


class CounterView(discord.ui.View):
    """A counter: +1 updates in place, Slow +1 defers first, Private replies ephemerally."""

    def __init__(self) -> None:
        super().__init__(timeout=60)
        self.count = 0

    def render(self) -> str:
        return f"Count: {self.count}"

    @discord.ui.button(label="+1", custom_id="counter:add")
    async def add(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.count += 1
        await interaction.response.edit_message(content=self.render(), view=self)

    @discord.ui.button(label="Slow +1", custom_id="counter:slow")
    async def slow_add(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await interaction.response.defer()
        self.count += 1
        await interaction.edit_original_response(content=self.render(), view=self)

    @discord.ui.button(label="Private", custom_id="counter:private")
    async def private(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await interaction.response.send_message(f"Only you see {self.count}", ephemeral=True)

    @discord.ui.button(label="Feedback", custom_id="counter:feedback")
    async def feedback(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await interaction.response.send_modal(FeedbackModal())

    @discord.ui.select(
        custom_id="counter:step",
        placeholder="Set the count",
        options=[discord.SelectOption(label=str(n), value=str(n)) for n in (1, 10, 100)],
    )
    async def set_count(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        self.count = int(select.values[0])
        await interaction.response.edit_message(content=self.render(), view=self)


intake = app_commands.Group(name="intake", description="A tiny intake log")


@intake.command(name="log", description="Log a food")
async def intake_log(
    interaction: discord.Interaction[MiniBot], food: str, servings: int = 1
) -> None:
    await interaction.client.log.add(interaction.user.id, food, servings)
    await interaction.response.send_message(f"Logged {servings} × {food}", ephemeral=True)


@intake.command(name="show", description="Show the log")
async def intake_show(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("Nothing logged yet", ephemeral=True)


class MealItem(NamedTuple):
    """One item of the meal, as its columns are stored."""

    kind: str
    item_id: str
    label: str
    amount: float
    unit: str
    grams: float | None
    magnesium_mg: float
    zinc_mg: float | None
    b6_mg: float | None


MEAL_ITEMS = tuple(
    item
    for n in range(15)
    for item in (
        MealItem("food", "pumpkin_seeds_roasted", "pumpkin seeds", 1, "oz", 28.35, 156, 2.2, None),
        MealItem(
            "supplement", "citrate", "magnesium citrate", 10 + n, "mg", None, 10 + n, None, None
        ),
    )
)
"""The meal `/meal log` writes: 15 foods and 15 supplements, alternating."""
_COLUMNS = ("user_id", "logged_at", *MealItem._fields, "batch_id")
_SCHEMA = """
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE IF NOT EXISTS log_entries (
    id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, logged_at TEXT NOT NULL,
    kind TEXT NOT NULL, item_id TEXT NOT NULL, label TEXT NOT NULL, amount REAL NOT NULL,
    unit TEXT NOT NULL, grams REAL, magnesium_mg REAL NOT NULL, zinc_mg REAL, b6_mg REAL,
    batch_id INTEGER
);
CREATE INDEX IF NOT EXISTS log_entries_by_day ON log_entries (user_id, logged_at);
"""


def _insert(rows: int) -> str:
    row = f"({', '.join('?' * len(_COLUMNS))})"
    return (
        f"INSERT INTO log_entries ({', '.join(_COLUMNS)})"  # noqa: S608 (our constants)
        f" VALUES {', '.join([row] * rows)} RETURNING id"
    )


_INSERT_ONE, _INSERT_MEAL = _insert(1), _insert(len(MEAL_ITEMS))


class Log:
    """Where `/intake log` and `/meal log` write: one SQLite connection in autocommit mode,
    opened on first use, on the file named by MAGBOT_DATABASE (in memory without it)."""

    def __init__(self) -> None:
        self._opened: asyncio.Task[aiosqlite.Connection] | None = None

    async def _open(self) -> aiosqlite.Connection:
        path = os.environ.get("MAGBOT_DATABASE", ":memory:")
        db = await aiosqlite.connect(path, isolation_level=None)
        await db.executescript(_SCHEMA)
        return db

    async def _write(self, sql: str, values: list[object]) -> list[int]:
        """One statement, committed to disk when this returns; the ids of its rows."""
        if self._opened is None:
            self._opened = asyncio.create_task(self._open())
        db = await self._opened
        return [row[0] for row in await db.execute_fetchall(sql, values)]

    async def add(self, user_id: int, food: str, servings: int) -> int:
        """One entry of ``food`` (valued as the meal's first item), stamped now; its id."""
        item = MEAL_ITEMS[0]._replace(item_id=food, label=food, amount=servings)
        now = datetime.now(UTC).isoformat()
        [entry_id] = await self._write(_INSERT_ONE, [user_id, now, *item, None])
        return entry_id

    async def add_meal(self, user_id: int, batch_id: int) -> list[int]:
        """The meal's items, stamped now, in one statement; their ids."""
        now = datetime.now(UTC).isoformat()
        values = [value for item in MEAL_ITEMS for value in (user_id, now, *item, batch_id)]
        return await self._write(_INSERT_MEAL, values)

    async def close(self) -> None:
        if self._opened is not None:
            await (await self._opened).close()


meal = app_commands.Group(name="meal", description="A meal of 30 items")


@meal.command(name="log", description="Log the meal")
async def meal_log(interaction: discord.Interaction[MiniBot], name: str) -> None:
    ids = await interaction.client.log.add_meal(interaction.user.id, interaction.id)
    lines = [f"{i.label}: {i.amount} {i.unit}, {i.magnesium_mg} mg" for i in MEAL_ITEMS]
    total = sum(i.magnesium_mg for i in MEAL_ITEMS)
    embed = discord.Embed(title=f"Logged {name}", description="\n".join(lines))
    embed.add_field(name="Magnesium", value=f"{total:g} mg in {len(ids)} entries")
    await interaction.response.send_message(embed=embed, ephemeral=True)


@app_commands.command(description="Answer with a constant embed")
async def ping(interaction: discord.Interaction) -> None:
    embed = discord.Embed(title="Pong", description="The bot is up.").set_footer(text="minibot")
    await interaction.response.send_message(embed=embed)


@app_commands.command(description="Defer, then edit the answer with a file")
async def report(interaction: discord.Interaction) -> None:
    await interaction.response.defer(thinking=True, ephemeral=True)
    file = discord.File(io.BytesIO(b"food,mg\nalmonds,270\n"), filename="report.csv")
    await interaction.edit_original_response(content="Your report", attachments=[file])


@app_commands.command(description="Pick a food")
async def pick(interaction: discord.Interaction, food: str) -> None:
    await interaction.response.send_message(f"You picked {food}")


@pick.autocomplete("food")
async def pick_food(_: discord.Interaction, typed: str) -> list[app_commands.Choice[str]]:
    found = [f for f in FOODS if typed.lower() in f]
    return [app_commands.Choice(name=f, value=f) for f in found][:25]


@app_commands.command(description="Show a counter with buttons")
async def counter(interaction: discord.Interaction) -> None:
    view = CounterView()
    await interaction.response.send_message(view.render(), view=view)


@app_commands.command(description="Open the feedback form")
async def feedback(interaction: discord.Interaction) -> None:
    await interaction.response.send_modal(FeedbackModal())


@app_commands.command(description="Repeat a text")
async def echo(interaction: discord.Interaction, text: str, repeat: int = 1) -> None:
    await interaction.response.send_message(text * repeat)


@app_commands.command(description="Wait, then answer")
async def sleep(interaction: discord.Interaction, seconds: float) -> None:
    await asyncio.sleep(seconds)
    await interaction.response.send_message(f"Slept {seconds} s")


@app_commands.command(description="Say where this was run, from the interaction alone")
@app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
@app_commands.allowed_installs(guilds=True, users=True)
async def whereami(interaction: discord.Interaction) -> None:
    kind = "a DM" if interaction.guild_id is None else f"server {interaction.guild_id}"
    [context] = [
        c for c in ("guild", "dm_channel", "private_channel") if getattr(interaction.context, c)
    ]
    user_app = interaction.is_user_integration()
    text = f"{kind}, context {context}, user install {user_app}, by {interaction.user}"
    await interaction.response.send_message(text)


@app_commands.command(description="Send you a direct message")
@app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
@app_commands.allowed_installs(guilds=True, users=True)
async def dmme(interaction: discord.Interaction, text: str, repeat: int = 1) -> None:
    try:
        await interaction.user.send(text * repeat)
    except discord.Forbidden as error:
        await interaction.response.send_message(f"Refused: {error.code}", ephemeral=True)
        return
    except discord.HTTPException as error:
        await interaction.response.send_message(f"Failed: {error.status}", ephemeral=True)
        return
    await interaction.response.send_message("Sent", ephemeral=True)


class MiniBot(discord.Client):
    """Registers its commands globally at start-up, like a small real bot."""

    def __init__(self) -> None:
        super().__init__(intents=discord.Intents.default())
        self.tree = app_commands.CommandTree(self)
        commands = (intake, ping, report, pick, counter, feedback, echo, sleep, whereami, dmme)
        for command in commands:
            self.tree.add_command(command)
        self.tree.add_command(meal)
        self.log = Log()

    async def setup_hook(self) -> None:
        await self.tree.sync()

    async def close(self) -> None:
        await super().close()
        await self.log.close()
