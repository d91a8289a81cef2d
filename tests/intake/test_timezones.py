"""A person's timezone is looked up without touching the disk once start-up has read them."""

import zoneinfo

import pytest

from bot.domain import timezones
from bot.errors import UserError


def test_after_start_up_a_zone_lookup_reads_no_file(monkeypatch):
    timezones.load()  # what the app does at start-up, in a thread

    def read_from_disk(*args, **kwargs):
        raise AssertionError("a zone was read from disk after start-up")

    monkeypatch.setattr(zoneinfo, "ZoneInfo", read_from_disk)
    monkeypatch.setattr(zoneinfo, "available_timezones", read_from_disk)
    kiritimati = timezones.zone("Pacific/Kiritimati")
    assert kiritimati.key == "Pacific/Kiritimati"
    assert timezones.zone("Etc/GMT+11").key == "Etc/GMT+11"


def test_an_unknown_zone_is_a_clear_user_error():
    with pytest.raises(UserError, match="I don't know the timezone `Mars/Olympus`"):
        timezones.zone("Mars/Olympus")
