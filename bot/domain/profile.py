"""A person's profile: what picks their reference intakes and when their day ends."""

from __future__ import annotations

import dataclasses
from typing import Final, Literal, Protocol, TypedDict

from bot.domain.models import LifeStage, Sex
from bot.domain.timezones import zone
from bot.errors import UserError

MIN_AGE, MAX_AGE = 1, 120
"""The ages a profile can hold: those the reference intake tables cover (FNB DRI, 1 year on;
``bot/content`` checks each table covers them all)."""

NO_LIFE_STAGE: Final = "neither"
"""What `/profile set life_stage:` takes to clear a pregnancy or lactation."""


@dataclasses.dataclass(frozen=True)
class Profile:
    user_id: int
    sex: Sex | None = None
    age: int | None = None
    life_stage: LifeStage | None = None
    timezone: str = "UTC"


class TimezoneFollower(Protocol):
    """A feature that keeps local times (the daily reminder): told, before /profile set
    answers, that a person's timezone changed. It registers itself in
    ``MagBot.timezone_followers``; the profile feature never looks it up by name."""

    async def timezone_changed(self, user_id: int, timezone: str) -> None: ...


class ProfileChanges(TypedDict, total=False):
    """Some of a profile's fields, to set (None clears sex, age or life stage)."""

    sex: Sex | None
    age: int | None
    life_stage: LifeStage | None
    timezone: str


LIFE_STAGE_AGES = (14, 50)
"""Pregnancy and lactation reference intakes exist for these ages (FNB DRI tables)."""


def profile_changes(
    current: Profile,
    *,
    sex: Sex | None = None,
    age: int | None = None,
    life_stage: LifeStage | Literal["neither"] | None = None,
    timezone: str | None = None,
) -> ProfileChanges:
    """The given (non-None) fields as the values to store; a UserError if ``current`` with
    them changed doesn't fit."""
    changes = ProfileChanges()
    if sex is not None:
        changes["sex"] = sex
    if age is not None:
        changes["age"] = age
    if timezone is not None:
        changes["timezone"] = timezone
    if life_stage is not None:
        changes["life_stage"] = None if life_stage == NO_LIFE_STAGE else life_stage
    check(dataclasses.replace(current, **changes))
    return changes


def updated(
    current: Profile,
    *,
    sex: Sex | None = None,
    age: int | None = None,
    life_stage: LifeStage | Literal["neither"] | None = None,
    timezone: str | None = None,
) -> Profile:
    """``current`` with the given (non-None) fields changed; a UserError if it doesn't fit."""
    changes = profile_changes(current, sex=sex, age=age, life_stage=life_stage, timezone=timezone)
    return dataclasses.replace(current, **changes)


def check(profile: Profile) -> None:
    """Raise a UserError naming the first value that cannot be right."""
    if profile.age is not None and not MIN_AGE <= profile.age <= MAX_AGE:
        raise UserError(f"Age must be between {MIN_AGE} and {MAX_AGE} years; got {profile.age}.")
    if profile.life_stage is not None:
        if profile.sex == "male":
            raise UserError(f"A {profile.life_stage} life stage needs sex `female`, not `male`.")
        low, high = LIFE_STAGE_AGES
        if profile.age is not None and not low <= profile.age <= high:
            raise UserError(
                f"Reference intakes while {profile.life_stage} cover ages {low}–{high}; "
                f"the profile says {profile.age}."
            )
    zone(profile.timezone)
