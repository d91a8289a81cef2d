"""Everything magbot keeps about one person, and the files /mydata export hands them."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import datetime

from bot.domain.catalogue import Catalogue
from bot.domain.intake import Entry
from bot.domain.profile import Profile
from bot.domain.reminders import Reminder

LOG_COLUMNS = (
    "id",
    "logged_at_utc",
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

    @property
    def is_empty(self) -> bool:
        return self.profile is None and not self.entries and self.reminder is None


def _log_row(entry: Entry, catalogue: Catalogue) -> dict[str, object]:
    food = catalogue.get(entry.item_id) if entry.kind == "food" else None
    return {
        "id": entry.id,
        "logged_at_utc": entry.logged_at.isoformat(),
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


def export_files(
    data: UserData, exported_at: datetime, catalogue: Catalogue
) -> tuple[str, str]:
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
    }
    table = io.StringIO()
    writer = csv.DictWriter(table, fieldnames=LOG_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return json.dumps(document, ensure_ascii=False), table.getvalue()
