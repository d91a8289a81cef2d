"""The food option: what people see while typing, and what an unchosen name turns into."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.ui.food_choices import food_autocomplete, resolve_food


def test_autocomplete_offers_ids_under_readable_names(content):
    [first, *_] = food_autocomplete(content, "pepitas")
    assert first.value == "pumpkin_seeds_roasted"
    assert first.name == "Pumpkin seeds, roasted · 1 oz (28.35 g)"


def test_autocomplete_stays_within_discord_limits_for_any_query(content):
    for typed in ("", "a", "x" * 100, "🥑", "seeds " * 20):
        choices = food_autocomplete(content, typed)
        assert len(choices) <= 25
        assert all(1 <= len(c.name) <= 100 and len(c.value) <= 100 for c in choices)


@pytest.mark.parametrize(
    ("typed", "food_id"),
    [
        ("chia_seeds", "chia_seeds"),
        ("Chia seeds", "chia_seeds"),
        ("  LINSEED ", "flaxseed"),
        ("pepitas", "pumpkin_seeds_roasted"),
    ],
)
def test_an_id_a_name_or_an_alias_resolves(content, typed, food_id):
    assert resolve_food(content, typed).id == food_id


def test_a_near_miss_lists_the_closest_names(content):
    with pytest.raises(UserError) as caught:
        resolve_food(content, "pumkin")
    message = str(caught.value)
    assert message.startswith("I don't know a food called “pumkin”. Closest matches:")
    assert "• Pumpkin seeds, roasted" in message
    assert message.count("• ") <= 5


def test_nonsense_gets_a_hint_and_markdown_is_not_echoed(content):
    with pytest.raises(UserError) as caught:
        resolve_food(content, "**???**")
    assert str(caught.value) == (
        "I don't know a food called “\\*\\*???\\*\\*”. "
        "Start typing a food's name and pick one of the suggestions."
    )
