"""Packing long lists into pages that a phone can show and Discord accepts."""

from __future__ import annotations

import itertools

import pytest

from bot.domain.models import FOOD_CATEGORIES
from bot.ui.foods import BASES, FOOD_NUTRIENTS, RankingQuery
from bot.ui.limits import CUSTOM_ID, EMBED_TOTAL
from bot.ui.pages import Pager, embed_pages, pack_blocks

LONGEST_USER_ID = 2**64 - 1
"""Discord ids are 64-bit snowflakes: at most 20 digits."""


def test_pages_hold_at_most_per_page_blocks_in_order():
    blocks = [f"entry {n}" for n in range(1, 24)]
    pages = pack_blocks(blocks, 4096, per_page=10)
    assert [len(p.split("\n")) for p in pages] == [10, 10, 3]
    assert "\n".join(pages).split("\n") == blocks


def test_a_block_never_straddles_two_pages_when_it_fits_on_one():
    blocks = ["a" * 40 + "\n" + "b" * 40, "c" * 40 + "\n" + "d" * 40]
    pages = pack_blocks(blocks, 100, per_page=10, separator="\n\n")
    assert pages == blocks


def test_a_block_longer_than_a_page_breaks_at_a_line():
    block = "\n".join(["x" * 30] * 5)
    pages = pack_blocks([block], 70, per_page=10)
    assert pages == ["x" * 30 + "\n" + "x" * 30] * 2 + ["x" * 30]


def test_embed_pages_repeat_title_intro_and_footer_within_the_total_limit():
    blocks = ["word " * 150] * 12
    pages = embed_pages(blocks, title="T", footer="F" * 2000, per_page=12, intro="Intro")
    assert len(pages) > 1
    for embed in pages:
        assert embed.title == "T"
        assert embed.footer.text == "F" * 2000
        assert embed.description.startswith("Intro\n\n")
        assert len(embed) <= EMBED_TOTAL


def test_nothing_to_list_is_one_page_saying_so():
    [page] = embed_pages([], title="T", footer="F", per_page=5, empty="No foods of this kind yet.")
    assert page.description == "No foods of this kind yet."


def test_every_foods_list_fits_discords_custom_id_limit():
    pager = Pager("foods", "/foods", RankingQuery, lambda query: ())
    for nutrient, per, category in itertools.product(
        FOOD_NUTRIENTS, BASES, (None, *FOOD_CATEGORIES)
    ):
        query = RankingQuery(nutrient, per, category)
        custom_id = pager.custom_id(query, 99, LONGEST_USER_ID, "n")
        assert len(custom_id) <= CUSTOM_ID
        assert RankingQuery.from_parts(custom_id.split(":")[5:]) == query


def test_a_query_too_long_for_a_custom_id_is_refused_before_sending():
    pager = Pager("foods", "/foods", RankingQuery, lambda query: ())
    query = RankingQuery("magnesium", "serving", "x" * 80)
    with pytest.raises(ValueError, match="over 100"):
        pager.custom_id(query, 0, LONGEST_USER_ID, "n")
