"""What every personal command starts from: the person's profile, timezone and reference."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.domain.profile import Profile
from bot.domain.targets import Targets, person_targets
from bot.domain.timezones import zone

if TYPE_CHECKING:
    from bot.app import MagBot


@dataclasses.dataclass(frozen=True)
class Person:
    user_id: int
    profile: Profile | None
    zone: ZoneInfo
    targets: Targets

    def today(self) -> date:
        return datetime.now(self.zone).date()


async def load_person(bot: MagBot, user_id: int) -> Person:
    return person_of(bot, user_id, await bot.storage.profiles.get(user_id))


def person_of(bot: MagBot, user_id: int, profile: Profile | None) -> Person:
    """The person with this profile (one just saved, say), without reading it again."""
    return Person(
        user_id=user_id,
        profile=profile,
        zone=zone(profile.timezone if profile else "UTC"),
        targets=person_targets(bot.content, profile),
    )
