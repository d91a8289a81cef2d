"""Everything magbot keeps about one person, and the files /mydata export hands them."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Mapping
from datetime import datetime

from bot.domain.catalogue import Catalogue
from bot.domain.intake import Entry, Intake
from bot.domain.meals import Meal
from bot.domain.myfood import OwnFood
from bot.domain.profile import Profile
from bot.domain.reminders import Reminder

LOG_COLUMNS = (
    "id",
    "logged_at_utc",
    "meal_batch",
    "kind",
    "item_id",
    "ndb_number",
    "label",
    "amount",
    "unit",
    "grams",
    "magnesium_mg",
    "zinc_mg",
    "b6_mg",
)


@dataclasses.dataclass(frozen=True)
class UserData:
    user_id: int
    profile: Profile | None
    entries: tuple[Entry, ...]
    reminder: Reminder | None = None
    own_foods: tuple[OwnFood, ...] = ()
    meals: tuple[Meal, ...] = ()

    @property
    def is_empty(self) -> bool:
        return (
            self.profile is None
            and not self.entries
            and self.reminder is None
            and not self.own_foods
            and not self.meals
        )


def _log_row(entry: Entry, catalogue: Catalogue) -> dict[str, object]:
    food = catalogue.get(entry.item_id) if entry.kind == "food" else None
    return {
        "id": entry.id,
        "logged_at_utc": entry.logged_at.isoformat(),
        "meal_batch": entry.batch_id,
        "kind": entry.kind,
        "item_id": entry.item_id,
        "ndb_number": food.source.ndb_number if food else None,
        "label": entry.label,
        "amount": entry.amount,
        "unit": entry.unit,
        "grams": entry.grams,
        "magnesium_mg": round(entry.magnesium_mg, 3),
        "zinc_mg": round(entry.zinc_mg, 3),
        "b6_mg": round(entry.b6_mg, 3),
    }


def _own_food(food: OwnFood) -> dict[str, object]:
    return {
        "id": food.id,
        "name": food.name,
        "serving": food.serving,
        "serving_grams": food.serving_grams,
        "magnesium_mg_per_serving": food.magnesium_mg,
        "zinc_mg_per_serving": food.zinc_mg,
        "source": "your label",
    }


def _meal_item(item: Intake) -> dict[str, object]:
    return {
        "kind": item.kind,
        "item_id": item.item_id,
        "label": item.label,
        "amount": item.amount,
        "unit": item.unit,
        "grams": item.grams,
        "magnesium_mg_when_saved": round(item.magnesium_mg, 3),
        "zinc_mg_when_saved": round(item.zinc_mg, 3),
        "b6_mg_when_saved": round(item.b6_mg, 3),
    }


def _reminder(reminder: Reminder) -> dict[str, object]:
    def instant(at: datetime | None) -> str | None:
        return at.isoformat() if at else None

    return {
        "time": reminder.at.strftime("%H:%M"),
        "timezone": reminder.timezone,
        "on": reminder.on,
        "next_due_at_utc": instant(reminder.next_due_at),
        "last_sent_at_utc": instant(reminder.last_sent_at),
        "turned_off_because": reminder.off_reason,
    }


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _json(document: Mapping[str, object]) -> str:
    """``json.dumps(document, ensure_ascii=False)``, each item of a list encoded by itself.

    The C encoder holds the GIL for the whole of a call: a year's log in one call held it for
    15 ms, and the event loop's thread waited that long though the export ran in a worker.
    """

    def value(item: object) -> str:
        if isinstance(item, list):
            return "[" + ", ".join(map(_ENCODER.encode, item)) + "]"
        return _ENCODER.encode(item)

    return "{" + ", ".join(f"{_ENCODER.encode(k)}: {value(v)}" for k, v in document.items()) + "}"


def export_files(data: UserData, exported_at: datetime, catalogue: Catalogue) -> tuple[str, str]:
    """The JSON document of everything, and the intake log again as CSV for a spreadsheet;
    each food entry names its USDA NDB number (from ``catalogue``) where the food has one.

    A year of logs is thousands of rows: callers run this off the event loop. The JSON is
    compact because Python's indenting encoder is several times slower.
    """
    rows = [_log_row(entry, catalogue) for entry in data.entries]
    profile = None
    if data.profile is not None:
        profile = {k: v for k, v in dataclasses.asdict(data.profile).items() if k != "user_id"}
    document = {
        "user_id": str(data.user_id),
        "exported_at_utc": exported_at.isoformat(),
        "profile": profile,
        "intake_log": rows,
        "reminder": _reminder(data.reminder) if data.reminder else None,
        "my_foods": [_own_food(food) for food in data.own_foods],
        "meals": [
            {"name": meal.name, "items": [_meal_item(item) for item in meal.items]}
            for meal in data.meals
        ],
    }
    table = io.StringIO()
    writer = csv.DictWriter(table, fieldnames=LOG_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return _json(document), table.getvalue()
