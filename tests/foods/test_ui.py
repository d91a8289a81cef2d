"""The food option: what people see while typing, and what an unchosen name turns into."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.ui.food_choices import ASKED, food_autocomplete, resolve_food


def test_autocomplete_offers_ids_under_readable_names(content):
    [first, *_] = food_autocomplete(content.catalogue, "roasted pepitas")
    assert first["value"] == "pumpkin_seeds_roasted"
    assert first["name"] == "Pumpkin seeds, roasted · 1 oz (28.35 g)"


def test_autocomplete_stays_within_discord_limits_for_any_query(content):
    for typed in ("", "a", "x" * 100, "🥑", "seeds " * 20):
        choices = food_autocomplete(content.catalogue, typed)
        assert len(choices) <= 25
        assert all(1 <= len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)


@pytest.mark.parametrize(
    ("typed", "food_id"),
    [
        ("chia_seeds", "chia_seeds"),
        ("Chia seeds", "chia_seeds"),
        ("  LINSEED ", "flaxseed"),
        ("roasted pepitas", "pumpkin_seeds_roasted"),
        ("boiled spinach", "spinach_boiled"),
    ],
)
def test_an_id_a_name_or_an_alias_names_one_food(content, typed, food_id):
    assert resolve_food(content.catalogue, typed).food.id == food_id


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("spinach", {"spinach_raw", "spinach_boiled"}),
        ("almonds", {"almonds_raw", "almonds_dry_roasted"}),
        ("milk", {"milk_2pct", "milk_whole"}),
        ("egg", {"ndb:01123", "ndb:01128", "ndb:01129"}),  # raw, fried, hard-boiled
        ("pumkin", {"ndb:11422", "pumpkin_seeds_roasted"}),
    ],
)
def test_a_name_that_fits_several_foods_names_none_and_offers_them(content, typed, meant):
    resolution = resolve_food(content.catalogue, typed)
    assert resolution.food is None
    assert meant <= {food.id for food in resolution.candidates}
    assert len(resolution.candidates) <= ASKED


@pytest.mark.parametrize(
    ("alias", "food_id"),
    [
        ("guacamole", "avocado"),
        ("spinach", "spinach_boiled"),
        ("salmon", "salmon_atlantic_farmed_cooked"),
    ],
)
def test_no_alias_names_a_different_or_a_broader_food(content, alias, food_id):
    assert alias not in content.catalogue.get(food_id).aliases


def test_nonsense_gets_a_hint_and_markdown_is_not_echoed(content):
    with pytest.raises(UserError) as caught:
        resolve_food(content.catalogue, "**???**")
    assert str(caught.value) == (
        "I don't know a food called “\\*\\*???\\*\\*”. "
        "Start typing a food's name and pick one of the suggestions."
    )
