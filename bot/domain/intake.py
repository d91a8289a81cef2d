"""The intake log's logic: what an entry is, which day it belongs to, and the day's totals.

Entries keep the magnesium and zinc computed when they were logged, so later changes to the
food tables never rewrite someone's history. Times are UTC; days are the person's own, in
their IANA timezone.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal, TypeVar

from bot.domain.models import Food, Serving
from bot.errors import UserError

Kind = Literal["food", "supplement"]

ZMA = "zma"
SUPPLEMENT_FORMS = ("citrate", "glycinate", "oxide", "malate", "chloride", "other", ZMA)
"""Forms of magnesium supplement a person can log, and ZMA (zinc, magnesium and vitamin B6).
Amounts are always elemental mg."""

MAX_SERVINGS = 20
MAX_GRAMS = 2000
MIN_SUPPLEMENT_MG = 1
MAX_SUPPLEMENT_MG = 2000
MIN_SUPPLEMENT_ZINC_MG = 1
MAX_SUPPLEMENT_ZINC_MG = 300
WEEK_DAYS = 7
TOP_FOODS = 5


@dataclasses.dataclass(frozen=True)
class Intake:
    """Something eaten or taken, with the amounts it gave as computed when logged."""

    kind: Kind
    item_id: str
    """The food's id, or the supplement's form."""
    label: str
    amount: float
    unit: str
    """A household measure ("1 oz"), "g", or "mg elemental"."""
    grams: float | None
    magnesium_mg: float
    zinc_mg: float
    b6_mg: float = 0.0
    """Vitamin B6, logged only with ZMA."""

    @property
    def quantity(self) -> str:
        """E.g. "2 × 1 oz (57 g)", "150 g", "200 mg elemental magnesium"."""
        if self.kind == "supplement":
            return ", ".join(
                f"{amount:g} mg {name}"
                for amount, name in (
                    (self.magnesium_mg, "elemental magnesium"),
                    (self.zinc_mg, "elemental zinc"),
                    (self.b6_mg, "vitamin B6"),
                )
                if amount
            )
        if self.unit == "g":
            return f"{self.amount:g} {self.unit}"
        if self.grams is None:  # a person's own food whose label gives no weight
            return f"{self.amount:g} × {self.unit}"
        return f"{self.amount:g} × {self.unit} ({self.grams:.0f} g)"


@dataclasses.dataclass(frozen=True, kw_only=True)
class Entry(Intake):
    """An intake as stored in someone's log."""

    id: int
    user_id: int
    logged_at: datetime
    """UTC."""
    batch_id: int | None = None
    """The same number on every entry logged together by one `/meal log` (the id of its
    first entry), so that `/intake undo` takes back the whole meal; None for an entry logged
    on its own."""


_Made = TypeVar("_Made", bound=Intake)


def filled(cls: type[_Made], values: Mapping[str, object]) -> _Made:
    """A ``cls`` holding ``values``, one for each of its fields, filled directly instead of
    through the frozen dataclass's keyword ``__init__``: for the many made at once (a day's
    entries, a meal's items)."""
    made = object.__new__(cls)
    made.__dict__.update(values)
    return made


@dataclasses.dataclass(frozen=True)
class Dose:
    magnesium_mg: float
    zinc_mg: float
    b6_mg: float


ZMA_TRIAL_DOSE = Dose(magnesium_mg=450, zinc_mg=30, b6_mg=10.5)
"""The nightly ZMA dose of Brilla & Conte 2000 (FACTS §4), the only trial that reports it:
450 mg magnesium aspartate, 30 mg zinc monomethionine aspartate and 10.5 mg vitamin B6."""


def supplement_intake(
    form: str | None, mg: float | None = None, zinc_mg: float | None = None
) -> Intake:
    """A supplement dose: elemental magnesium, zinc or both; ``form`` zma fills in the amounts
    not given with the Brilla & Conte dose (see trial_amounts). Checked against our bounds."""
    form = form or "other"
    if form not in SUPPLEMENT_FORMS:
        raise UserError(f"Unknown supplement form `{form}`; choose one of the listed forms.")
    if mg is None and zinc_mg is None and form != ZMA:
        raise UserError(
            "Give the amount on the label: `mg` for elemental magnesium, `zinc_mg` for "
            "elemental zinc, or both. (`form:zma` alone logs the ZMA dose of the Brilla & "
            "Conte 2000 trial.) Nothing was logged."
        )
    if mg is not None and not MIN_SUPPLEMENT_MG <= mg <= MAX_SUPPLEMENT_MG:
        raise UserError(
            f"The dose must be between {MIN_SUPPLEMENT_MG} and {MAX_SUPPLEMENT_MG} mg of "
            f'elemental magnesium (the label\'s "elemental" amount); got {mg:g}.'
        )
    if zinc_mg is not None and not MIN_SUPPLEMENT_ZINC_MG <= zinc_mg <= MAX_SUPPLEMENT_ZINC_MG:
        raise UserError(
            f"Zinc must be between {MIN_SUPPLEMENT_ZINC_MG} and {MAX_SUPPLEMENT_ZINC_MG} mg of "
            f"elemental zinc; got {zinc_mg:g}."
        )
    if form == ZMA:
        trial = ZMA_TRIAL_DOSE
        dose = Dose(
            trial.magnesium_mg if mg is None else mg,
            trial.zinc_mg if zinc_mg is None else zinc_mg,
            trial.b6_mg,
        )
    else:
        dose = Dose(mg or 0.0, zinc_mg or 0.0, 0.0)
    return Intake(
        kind="supplement",
        item_id=form,
        label=_supplement_label(form, dose),
        amount=dose.magnesium_mg or dose.zinc_mg,
        unit="mg elemental" if dose.magnesium_mg else "mg elemental zinc",
        grams=None,
        magnesium_mg=dose.magnesium_mg,
        zinc_mg=dose.zinc_mg,
        b6_mg=dose.b6_mg,
    )


def food_intake(
    food: Food, servings: float | None, grams: float | None, portion: Serving | None = None
) -> Intake:
    """What ``servings`` (default 1) of ``portion`` (default: the food's usual household
    measure), or ``grams``, gives."""
    check_portion(servings, grams)
    if grams is not None:
        amount, unit, weight = grams, "g", grams
    else:
        amount, serving = servings or 1.0, portion or food.default_serving
        unit, weight = serving.label, amount * serving.grams
    return Intake(
        kind="food",
        item_id=food.id,
        label=food.name,
        amount=amount,
        unit=unit,
        grams=weight,
        magnesium_mg=food.per_100g("magnesium") * weight / 100,
        zinc_mg=food.per_100g("zinc") * weight / 100,
    )


def trial_amounts(form: str | None, mg: float | None, zinc_mg: float | None) -> tuple[str, ...]:
    """Which nutrients of a logged supplement are the Brilla & Conte ZMA dose, not given amounts."""
    if form != ZMA:
        return ()
    given = {"magnesium": mg, "zinc": zinc_mg, "vitamin_b6": None}
    return tuple(nutrient for nutrient, amount in given.items() if amount is None)


def _supplement_label(form: str, dose: Dose) -> str:
    if form == ZMA:
        return "ZMA"
    if not dose.magnesium_mg:
        return "Zinc" if form == "other" else f"Zinc {form}"
    magnesium = f"Magnesium {form}" if form != "other" else "Magnesium (other form)"
    return f"{magnesium} with zinc" if dose.zinc_mg else magnesium


def check_portion(servings: float | None, grams: float | None) -> None:
    """Reject a portion nobody eats: both ways at once, nothing, or far too much."""
    if servings is not None and grams is not None:
        raise UserError("Give either servings or grams, not both.")
    if servings is not None and not 0 < servings <= MAX_SERVINGS:
        raise UserError(
            f"Servings must be more than 0 and at most {MAX_SERVINGS}; got {servings:g}."
        )
    if grams is not None and not 0 < grams <= MAX_GRAMS:
        raise UserError(f"Grams must be more than 0 and at most {MAX_GRAMS}; got {grams:g}.")


# --- days in the person's timezone -------------------------------------------------------------


def local_day(at: datetime, zone: tzinfo) -> date:
    """The calendar day, in ``zone``, of an aware instant."""
    return at.astimezone(zone).date()


def day_start(day: date, zone: tzinfo) -> datetime:
    """The UTC instant at which ``day`` begins in ``zone`` (DST-aware)."""
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def day_span(first: date, days: int, zone: tzinfo) -> tuple[datetime, datetime]:
    """UTC [start, end) covering ``days`` local days from ``first``."""
    return day_start(first, zone), day_start(first + timedelta(days=days), zone)


def last_days(today: date, count: int = WEEK_DAYS) -> list[date]:
    """The ``count`` days ending with ``today``, oldest first."""
    return [today - timedelta(days=back) for back in range(count - 1, -1, -1)]


# --- totals --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Contributor:
    label: str
    magnesium_mg: float
    zinc_mg: float
    item_id: str
    """The food's id (of its first entry of the day): where its values come from."""


@dataclasses.dataclass(frozen=True)
class DayTotals:
    day: date
    food_magnesium_mg: float
    supplement_magnesium_mg: float
    zinc_mg: float

    @property
    def magnesium_mg(self) -> float:
        return self.food_magnesium_mg + self.supplement_magnesium_mg


@dataclasses.dataclass(frozen=True)
class DaySummary:
    totals: DayTotals
    top_foods: tuple[Contributor, ...]
    """Foods that gave the most magnesium, the same food's entries added together."""
    supplements: tuple[Entry, ...]
    entries: int


def day_totals(day: date, entries: Iterable[Intake]) -> DayTotals:
    food = supplement = zinc = 0.0
    for entry in entries:
        if entry.kind == "supplement":
            supplement += entry.magnesium_mg
        else:
            food += entry.magnesium_mg
        zinc += entry.zinc_mg
    return DayTotals(day, food, supplement, zinc)


def summarize_day(day: date, entries: Sequence[Entry], top: int = TOP_FOODS) -> DaySummary:
    by_food: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    first_id: dict[str, str] = {}
    for entry in entries:
        if entry.kind == "food":
            sums = by_food[entry.label]
            sums[0] += entry.magnesium_mg
            sums[1] += entry.zinc_mg
            first_id.setdefault(entry.label, entry.item_id)
    ranked = sorted(by_food.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
    return DaySummary(
        totals=day_totals(day, entries),
        top_foods=tuple(
            Contributor(label, mg, zn, first_id[label]) for label, (mg, zn) in ranked[:top]
        ),
        supplements=tuple(e for e in entries if e.kind == "supplement"),
        entries=len(entries),
    )


def week_totals(days: Sequence[date], entries: Iterable[Entry], zone: tzinfo) -> list[DayTotals]:
    """Totals for each of ``days`` (in order), entries bucketed by their local day."""
    buckets: dict[date, list[Entry]] = {day: [] for day in days}
    for entry in entries:
        bucket = buckets.get(local_day(entry.logged_at, zone))
        if bucket is not None:
            bucket.append(entry)
    return [day_totals(day, buckets[day]) for day in days]


def over_upper_limit(supplement_mg: float, upper_limit_mg: float) -> bool:
    """Whether the day's supplemental magnesium is above the person's upper limit."""
    return supplement_mg > upper_limit_mg
