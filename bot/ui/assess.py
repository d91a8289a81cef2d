"""/assess on screen: one private message whose view walks through the questions, then the result.

Steps: about you · what you eat (the food groups, four per step) · health and medicines ·
result. Every step keeps Back and Start over in its last row, so a step has at most four
questions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Collection, Iterable, Sequence
from functools import partial
from typing import cast

import discord

from bot.domain.assessment import (
    AGE_BANDS,
    KIDNEY,
    MAX_DRINKS,
    MAX_SERVINGS,
    Answers,
    Kidney,
    TypicalServing,
    Who,
    assess,
    is_adult,
    sex_and_stage,
    typical_servings,
    who_choices,
)
from bot.domain.knowledge import Content
from bot.domain.models import FOOD_CATEGORIES, NIH_ODS, AgeBand
from bot.domain.profile import Profile
from bot.ui.assess_result import (
    COLOUR,
    KIDNEY_LABELS,
    WHO_LABELS,
    drink_count,
    mg,
    mg_range,
    result_embeds,
    serving_count,
)
from bot.ui.limits import ACTION_ROWS
from bot.ui.views import OwnedView
from bot.ui.wording import NOT_ADVICE

TITLE = "Magnesium self-check"
QUESTION_ROWS = ACTION_ROWS - 1
"""The last row holds the navigation buttons."""

TIMEOUT_NOTICE = (
    "This self-check timed out and its buttons no longer answer. Run `/assess` again to start over."
)
INTRO = (
    "About a minute: how your magnesium from food compares with the reference for someone "
    "like you, what raises your chance of running low, and what would help, with the "
    "reasoning shown. Only you see this, and nothing is stored unless you ask at the end.\n\n"
    "Your age and sex (or pregnancy, breastfeeding) pick your reference intake, the RDA."
)
FOOD_INTRO = (
    "How many servings of each group do you eat on a typical day? A serving is the usual "
    "portion of one of the everyday foods listed. A group's typical serving is the median "
    "magnesium over those foods (USDA values from our catalogue, or the NIH ODS table where "
    "marked); the range in brackets is the middle half of them."
)
HEALTH_INTRO = (
    "These make up the Magnesium Depletion Score and the NIH ODS risk groups. Leave a list "
    "empty if nothing in it applies.\n"
    "• **Medicines**: the ones you take now, however long you have taken them.\n"
    "• **eGFR** is the kidney number on a blood test report; if you don't know it, the score "
    "shows the range it could take.\n"
    "• **1 drink** is 14 g of alcohol: a 355 ml beer at 5 %, 150 ml of wine at 12 % or 45 ml "
    'of spirits at 40 % (NIAAA, "What is a standard drink?").'
)

MEDICINES = {
    "diuretic": ("A diuretic (water tablet)", "e.g. furosemide, hydrochlorothiazide"),
    "ppi": (
        "A heartburn PPI, taken now",
        "proton-pump inhibitors, e.g. omeprazole, lansoprazole, pantoprazole",
    ),
}
CONDITIONS = {
    "type2_diabetes": ("Type 2 diabetes", None),
    "gut_disease": ("Crohn's, coeliac disease or bowel surgery", None),
}

HEALTH_INTRO_YOUNG = (
    "The Magnesium Depletion Score was derived in adults, so it is not given under 19 and its "
    "questions about alcohol and kidney function are skipped. Medicines and conditions still "
    "matter: leave a list empty if nothing in it applies."
)

SaveProfile = Callable[[int, Answers], Awaitable[Profile]]
"""Stores the age band and sex of the answers as the person's profile; returns what was saved."""


# the answers so far --------------------------------------------------------------------------


@dataclasses.dataclass
class Draft:
    """The answers so far; None where a question is still open."""

    ages: AgeBand | None = None
    who: Who | None = None
    servings: dict[str, int] = dataclasses.field(default_factory=dict)
    medicines: frozenset[str] = frozenset()
    drinks: int | None = None
    kidney: Kidney | None = None
    conditions: frozenset[str] = frozenset()

    def answers(self) -> Answers:
        if self.ages is None or self.who is None or not self.health_answered():
            raise ValueError("the self-check is not finished")
        sex, life_stage = sex_and_stage(self.who)
        return Answers(
            ages=self.ages,
            sex=sex,
            life_stage=life_stage,
            servings=dict(self.servings),
            diuretic="diuretic" in self.medicines,
            ppi="ppi" in self.medicines,
            drinks_per_day=self.drinks or 0,
            kidney=self.kidney or "unknown",
            type2_diabetes="type2_diabetes" in self.conditions,
            gut_disease="gut_disease" in self.conditions,
        )

    def asks_score_questions(self) -> bool:
        """Drinks and kidney function feed only the depletion score, which is for adults."""
        return self.ages is None or is_adult(self.ages)

    def health_answered(self) -> bool:
        return not self.asks_score_questions() or (
            self.drinks is not None and self.kidney is not None
        )


# components ----------------------------------------------------------------------------------


def _options(
    choices: Iterable[tuple[str, str, str | None]], chosen: Collection[str]
) -> list[discord.SelectOption]:
    """(value, label, description) triples; the chosen ones show as picked."""
    return [
        discord.SelectOption(label=label, value=value, description=about, default=value in chosen)
        for value, label, about in choices
    ]


class _Question(discord.ui.Select["AssessView"]):
    """A select whose picks go to `on_pick`; the step is then shown again."""

    def __init__(
        self,
        name: str,
        placeholder: str,
        options: list[discord.SelectOption],
        on_pick: Callable[[list[str]], None],
        *,
        many: bool = False,
    ) -> None:
        super().__init__(
            custom_id=f"assess:{name}",
            placeholder=placeholder,
            options=options,
            min_values=0 if many else 1,
            max_values=len(options) if many else 1,
        )
        self.on_pick = on_pick

    async def callback(self, interaction: discord.Interaction) -> None:
        assert self.view is not None
        self.on_pick(self.values)
        await self.view.show(interaction)


class _Action(discord.ui.Button["AssessView"]):
    def __init__(
        self,
        name: str,
        label: str,
        action: Callable[[discord.Interaction], Awaitable[None]],
        *,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            custom_id=f"assess:{name}",
            label=label,
            style=style,
            disabled=disabled,
            row=QUESTION_ROWS,
        )
        self.action = action

    async def callback(self, interaction: discord.Interaction) -> None:
        await self.action(interaction)


# the view ------------------------------------------------------------------------------------


class AssessView(OwnedView):
    """The whole flow in one message; each step rebuilds the components from the draft."""

    timeout_notice = TIMEOUT_NOTICE

    def __init__(
        self, owner_id: int, *, content: Content, save: SaveProfile, timeout: float
    ) -> None:
        super().__init__(owner_id, timeout=timeout)
        self.content = content
        self.magnesium = content.nutrient_by_id["magnesium"]
        self.save = save
        self.typical = typical_servings(content.food_groups)
        groups = list(self.typical)
        parts = [groups[i : i + QUESTION_ROWS] for i in range(0, len(groups), QUESTION_ROWS)]
        food_steps = [
            partial(self._food_step, part, f" ({n} of {len(parts)})" if len(parts) > 1 else "")
            for n, part in enumerate(parts, 1)
        ]
        self.steps: list[Callable[[], discord.Embed]] = [
            self._about_step,
            *food_steps,
            self._health_step,
        ]
        self.draft = Draft()
        self.step = 0
        self.saved: Profile | None = None

    # showing -----------------------------------------------------------------------------

    def render(self) -> list[discord.Embed]:
        """The current step's embeds; the components are rebuilt to match."""
        self.clear_items()
        if self.step == len(self.steps):
            return self._result_step()
        embed = self.steps[self.step]()
        embed.title = f"{TITLE} · {self.step + 1} of {len(self.steps)}: {embed.title}"
        embed.set_footer(text=NOT_ADVICE)
        return [embed]

    def notice(self) -> str:
        """The message text above the embeds: the save confirmation, once saved."""
        return saved_notice(self.saved, self.draft.answers()) if self.saved else ""

    async def show(self, interaction: discord.Interaction) -> None:
        embeds = self.render()
        await interaction.response.edit_message(content=self.notice(), embeds=embeds, view=self)

    # navigation --------------------------------------------------------------------------

    def _nav(self, *, ready: bool, last: bool = False) -> None:
        self.add_item(_Action("back", "Back", self._back, disabled=self.step == 0))
        self.add_item(_Action("restart", "Start over", self._restart))
        label = "See my result" if last else "Next"
        style = discord.ButtonStyle.primary
        self.add_item(_Action("next", label, self._next, style=style, disabled=not ready))

    async def _back(self, interaction: discord.Interaction) -> None:
        self.step -= 1
        await self.show(interaction)

    async def _next(self, interaction: discord.Interaction) -> None:
        self.step += 1
        await self.show(interaction)

    async def _restart(self, interaction: discord.Interaction) -> None:
        self.draft = Draft()
        self.step = 0
        self.saved = None
        await self.show(interaction)

    async def _save(self, interaction: discord.Interaction) -> None:
        self.saved = await self.save(self.owner_id, self.draft.answers())
        await self.show(interaction)

    # steps -------------------------------------------------------------------------------

    def _about_step(self) -> discord.Embed:
        draft = self.draft
        ages = [(str(i), f"Age {band.label}", None) for i, band in enumerate(AGE_BANDS)]
        chosen_age = [str(AGE_BANDS.index(draft.ages))] if draft.ages else []
        self.add_item(_Question("age", "Your age", _options(ages, chosen_age), self._pick_age))
        choices = who_choices(draft.ages, self.magnesium.rda)
        who = [(w, WHO_LABELS[w], None) for w in choices]
        self.add_item(
            _Question(
                "who",
                "Male, female, pregnant or breastfeeding",
                _options(who, [draft.who] if draft.who else []),
                self._pick_who,
            )
        )
        self._nav(ready=draft.ages is not None and draft.who is not None)
        return discord.Embed(title="About you", description=INTRO, colour=COLOUR)

    def _pick_age(self, values: list[str]) -> None:
        self.draft.ages = AGE_BANDS[int(values[0])]
        if self.draft.who not in who_choices(self.draft.ages, self.magnesium.rda):
            self.draft.who = None
        self.saved = None

    def _pick_who(self, values: list[str]) -> None:
        self.draft.who = cast(Who, values[0])
        self.saved = None

    def _food_step(self, groups: Sequence[str], part: str) -> discord.Embed:
        lines = [FOOD_INTRO, ""]
        for category in groups:
            typical = self.typical[category]
            name = FOOD_CATEGORIES[category]
            count = self.draft.servings.get(category, 0)
            choices = [
                (str(n), f"{name}: {serving_count(n)} a day", None) for n in range(MAX_SERVINGS + 1)
            ]
            self.add_item(
                _Question(
                    f"food:{category}",
                    name,
                    _options(choices, [str(count)]),
                    partial(self._pick_servings, category),
                )
            )
            lines.append(f"**{name}**: a serving ≈ {_serving(typical)}")
        self._nav(ready=True)
        title = f"What you eat on a typical day{part}"
        return discord.Embed(title=title, description="\n".join(lines), colour=COLOUR)

    def _pick_servings(self, category: str, values: list[str]) -> None:
        self.draft.servings[category] = int(values[0])

    def _health_step(self) -> discord.Embed:
        draft = self.draft
        medicines = [(key, label, about) for key, (label, about) in MEDICINES.items()]
        self.add_item(
            _Question(
                "medicines",
                "Medicines you take now (none picked: none)",
                _options(medicines, draft.medicines),
                self._pick_medicines,
                many=True,
            )
        )
        if draft.asks_score_questions():
            self._score_questions()
        conditions = [(key, label, about) for key, (label, about) in CONDITIONS.items()]
        self.add_item(
            _Question(
                "conditions",
                "Conditions that apply to you (none picked: none)",
                _options(conditions, draft.conditions),
                self._pick_conditions,
                many=True,
            )
        )
        self._nav(ready=draft.health_answered(), last=True)
        intro = HEALTH_INTRO if draft.asks_score_questions() else HEALTH_INTRO_YOUNG
        return discord.Embed(title="Health and medicines", description=intro, colour=COLOUR)

    def _score_questions(self) -> None:
        draft = self.draft
        drinks = [(str(n), f"Alcohol: {drink_count(n)} a day", None) for n in range(MAX_DRINKS + 1)]
        chosen_drinks = [] if draft.drinks is None else [str(draft.drinks)]
        self.add_item(
            _Question(
                "drinks",
                "Drinks of alcohol on a typical day",
                _options(drinks, chosen_drinks),
                self._pick_drinks,
            )
        )
        kidneys = [(k, f"Kidney function: {KIDNEY_LABELS[k]}", None) for k in KIDNEY]
        self.add_item(
            _Question(
                "kidney",
                "Kidney function (eGFR), if you know it",
                _options(kidneys, [draft.kidney] if draft.kidney else []),
                self._pick_kidney,
            )
        )

    def _pick_medicines(self, values: list[str]) -> None:
        self.draft.medicines = frozenset(values)

    def _pick_drinks(self, values: list[str]) -> None:
        self.draft.drinks = int(values[0])

    def _pick_kidney(self, values: list[str]) -> None:
        self.draft.kidney = cast(Kidney, values[0])

    def _pick_conditions(self, values: list[str]) -> None:
        self.draft.conditions = frozenset(values)

    def _result_step(self) -> list[discord.Embed]:
        self.add_item(_Action("back", "Back", self._back))
        self.add_item(_Action("restart", "Start over", self._restart))
        if self.saved:
            self.add_item(_Action("save", "Saved as your profile", self._save, disabled=True))
        else:
            save = "Save age and sex as my profile"
            style = discord.ButtonStyle.success
            self.add_item(_Action("save", save, self._save, style=style))
        answers = self.draft.answers()
        content = self.content
        return result_embeds(assess(answers, self.magnesium, content.foods, content.food_groups))


def _serving(typical: TypicalServing) -> str:
    """E.g. "24 mg (15–51 mg), standing for: Spinach, raw, 1 cup (24 mg); …"."""
    foods = "; ".join(
        f"{food.label} ({mg(food.mg)}{', NIH ODS' if food.source == NIH_ODS else ''})"
        for food in typical.foods
    )
    return f"{mg(typical.mg)} ({mg_range(typical.low, typical.high)}), standing for: {foods}"


def saved_notice(profile: Profile, answers: Answers) -> str:
    """What was saved: the sex or life stage and the age from ``answers``."""
    who = answers.life_stage or answers.sex
    ages = answers.ages
    if profile.age != ages.first:
        age = f"age {profile.age} (your saved age, which is in the band you chose)"
    else:
        age = (
            f"age {profile.age}, the youngest age of your band {ages.label} (every age in the "
            "band has the same reference intakes; `/profile set` changes it)"
        )
    return (
        f"Saved to your profile: {WHO_LABELS[who].lower()}, {age}. `/foods` and `/intake` now "
        "compare with your own reference intakes. Nothing else from this check was stored."
    )
