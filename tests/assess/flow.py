"""/assess as a person answers it: who they are, and the steps from the command to the result."""

from __future__ import annotations

import dataclasses

from bot.domain.models import FOOD_CATEGORIES
from fakediscord import ALICE, Message


@dataclasses.dataclass(frozen=True)
class Person:
    age_band: str
    """The label of the age option, e.g. "Age 65+"."""
    who: str
    """male, female, pregnant or lactating."""
    servings: dict[str, int]
    medicines: tuple[str, ...] = ()
    drinks: int = 0
    kidney: str = "normal"
    conditions: tuple[str, ...] = ()


PPI_NOW = Person(
    "Age 31–50",
    "male",
    dict.fromkeys(FOOD_CATEGORIES, 1),
    medicines=("diuretic", "ppi"),
    kidney="unknown",
)
"""On a PPI now (for however long) and a diuretic, kidney function not known: 1 + 1 + 0 to 2."""


async def pick_label(discord, msg: Message, custom_id: str, label: str, *, user=ALICE):
    [value] = [value for text, value in msg.select(custom_id).options if text == label]
    return await discord.select(msg, custom_id, [value], user=user)


async def about_you(discord, person: Person, *, user=ALICE) -> Message:
    msg = await discord.slash("assess", user=user)
    msg = await pick_label(discord, msg, "assess:age", person.age_band, user=user)
    return await discord.select(msg, "assess:who", [person.who], user=user)


async def answer_all(discord, person: Person, *, user=ALICE) -> Message:
    """From /assess to the result, answering as `person`."""
    msg = await discord.click(await about_you(discord, person, user=user), "Next", user=user)
    while "assess:medicines" not in [s.custom_id for s in msg.selects]:
        for select in msg.selects:
            category = select.custom_id.removeprefix("assess:food:")
            count = str(person.servings.get(category, 0))
            msg = await discord.select(msg, select.custom_id, [count], user=user)
        msg = await discord.click(msg, "Next", user=user)
    msg = await discord.select(msg, "assess:medicines", list(person.medicines), user=user)
    if "assess:drinks" in [s.custom_id for s in msg.selects]:  # adults only
        msg = await discord.select(msg, "assess:drinks", [str(person.drinks)], user=user)
        msg = await discord.select(msg, "assess:kidney", [person.kidney], user=user)
    msg = await discord.select(msg, "assess:conditions", list(person.conditions), user=user)
    return await discord.click(msg, "See my result", user=user)
