"""A person's profile: what picks their reference intakes and when their day ends."""

from __future__ import annotations

import dataclasses

from bot.domain.models import LifeStage, Sex


@dataclasses.dataclass(frozen=True)
class Profile:
    user_id: int
    sex: Sex | None = None
    age: int | None = None
    life_stage: LifeStage | None = None
    timezone: str = "UTC"

    @property
    def has_targets(self) -> bool:
        """Whether age and sex are known, which is what a personal RDA needs."""
        return self.sex is not None and self.age is not None
