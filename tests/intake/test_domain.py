"""The rules behind /intake and /profile, with plain values."""

import csv
import io
import json
from datetime import UTC, datetime, time

import pytest

from bot.domain import intake, timezones
from bot.domain.meals import Meal
from bot.domain.mydata import UserData, export_files
from bot.domain.myfood import OwnFood
from bot.domain.profile import Profile, updated
from bot.domain.reminders import Reminder
from bot.errors import UserError

from .conftest import food, supplement


@pytest.mark.parametrize(
    ("servings", "grams", "message"),
    [
        (0, None, "more than 0"),
        (-1, None, "more than 0"),
        (20.5, None, "at most 20"),
        (None, 0, "more than 0"),
        (None, 2001, "at most 2000"),
        (1, 100, "not both"),
    ],
)
def test_a_portion_nobody_eats_is_refused_with_the_reason(servings, grams, message):
    with pytest.raises(UserError, match=message):
        intake.check_portion(servings, grams)


@pytest.mark.parametrize(
    ("servings", "grams"), [(None, None), (20, None), (None, 2000), (0.5, None)]
)
def test_sane_portions_pass(servings, grams):
    intake.check_portion(servings, grams)


@pytest.mark.parametrize("mg", [0, 0.5, 2001, -100])
def test_supplement_dose_outside_1_to_2000_mg_is_refused(mg):
    with pytest.raises(UserError, match="between 1 and 2000 mg"):
        intake.supplement_intake("citrate", mg)


def test_supplement_counts_as_elemental_magnesium_only():
    dose = intake.supplement_intake("oxide", 400)
    assert (dose.magnesium_mg, dose.zinc_mg, dose.label) == (400, 0, "Magnesium oxide")
    assert dose.quantity == "400 mg elemental magnesium"


def test_over_the_upper_limit_is_strictly_above_it():
    assert not intake.over_upper_limit(350, 350)
    assert intake.over_upper_limit(351, 350)


def test_profile_set_changes_only_what_was_given():
    current = Profile(1, sex="female", age=30, timezone="Europe/Paris")
    assert updated(current, age=31) == Profile(1, sex="female", age=31, timezone="Europe/Paris")
    pregnant = updated(current, life_stage="pregnant")
    assert pregnant.life_stage == "pregnant"
    assert updated(pregnant, life_stage="neither").life_stage is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"age": 0}, "between 1 and 120"),
        ({"age": 121}, "between 1 and 120"),
        ({"sex": "male", "life_stage": "pregnant"}, "needs sex `female`"),
        ({"life_stage": "lactating", "age": 9}, "cover ages 14–50"),
        ({"life_stage": "pregnant", "age": 67}, "cover ages 14–50"),
        ({"timezone": "Mars/Olympus_Mons"}, "don't know the timezone"),
        ({"timezone": "../../etc/passwd"}, "don't know the timezone"),
    ],
)
def test_a_profile_that_cannot_be_right_is_refused(changes, message):
    with pytest.raises(UserError, match=message):
        updated(Profile(1, sex="female", age=30), **changes)


def test_a_pregnant_woman_cannot_be_switched_to_male_by_accident():
    with pytest.raises(UserError, match="needs sex `female`"):
        updated(Profile(1, sex="female", age=30, life_stage="pregnant"), sex="male")


def test_timezone_search_finds_cities_and_stays_within_discords_25():
    assert timezones.search("berlin", 25) == ["Europe/Berlin"]
    assert timezones.search("new york", 25)[0] == "America/New_York"
    assert len(timezones.search("america", 25)) == 25
    assert len(timezones.search("", 25)) == 25
    assert timezones.search("", 25)[0] == "UTC"
    assert timezones.search("zzzz", 25) == []


def test_export_json_and_csv_carry_the_whole_log(content):
    at = datetime(2024, 2, 3, 4, 5, tzinfo=UTC)
    entries = (
        intake.Entry(**vars(food("Almonds", 80, 0.9, servings=2)), id=7, user_id=5, logged_at=at),
        intake.Entry(**vars(supplement(250)), id=9, user_id=5, logged_at=at),
    )
    data = UserData(5, Profile(5, sex="male", age=44, timezone="Asia/Tokyo"), entries)

    document_text, table = export_files(data, at, content.catalogue)
    document = json.loads(document_text)
    assert document["profile"] == {
        "sex": "male",
        "age": 44,
        "life_stage": None,
        "timezone": "Asia/Tokyo",
    }
    assert [e["id"] for e in document["intake_log"]] == [7, 9]
    assert document["intake_log"][0]["magnesium_mg"] == 160
    assert document["intake_log"][1]["unit"] == "mg elemental"

    rows = list(csv.DictReader(io.StringIO(table)))
    assert [(r["label"], float(r["magnesium_mg"])) for r in rows] == [
        ("Almonds", 160),
        ("Magnesium citrate", 250),
    ]
    assert rows[0]["logged_at_utc"] == "2024-02-03T04:05:00+00:00"


def _everything(at: datetime) -> UserData:
    """A person with something in every part of the export, and a label beyond ASCII."""
    entries = tuple(
        intake.Entry(**vars(food("Müsli", 60, 1.1)), id=n, user_id=5, logged_at=at)
        for n in (1, 2, 3)
    )
    return UserData(
        5,
        Profile(5, sex="female", age=31),
        entries,
        Reminder(5, time(8), "UTC", at),
        (OwnFood("Protein bar", "1 bar", 40, 1.5, 50, number=1),),
        (Meal(1, "Breakfast", (food(), supplement(100))),),
    )


def test_the_export_json_is_the_text_json_dumps_writes(content):
    at = datetime(2024, 2, 3, 4, 5, tzinfo=UTC)
    document_text, _ = export_files(_everything(at), at, content.catalogue)
    assert '"label": "Müsli"' in document_text
    assert document_text == json.dumps(json.loads(document_text), ensure_ascii=False)


def test_the_export_json_is_encoded_one_log_entry_at_a_time(content, monkeypatch):
    """Python's C JSON encoder holds the GIL for the whole of a call, in a worker thread too:
    a year's log (2,914 entries) encoded in one call kept the event loop waiting 15 ms."""
    encoded = []
    make_encoder = json.encoder.c_make_encoder

    def recording(*settings):
        encode = make_encoder(*settings)

        def call(value, level):
            chunks = encode(value, level)
            encoded.append("".join(chunks))
            return chunks

        return call

    monkeypatch.setattr(json.encoder, "c_make_encoder", recording)
    at = datetime(2024, 2, 3, 4, 5, tzinfo=UTC)
    document = json.loads(export_files(_everything(at), at, content.catalogue)[0])
    assert [e["label"] for e in document["intake_log"]] == ["Müsli", "Müsli", "Müsli"]
    assert max(text.count('"logged_at_utc"') for text in encoded) == 1
