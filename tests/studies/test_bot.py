"""/studies as people use it: the overview first, the list by design, one study in detail."""

import pytest

from bot.domain.models import EVIDENCE_LEVELS, STUDY_DESIGNS
from bot.ui.views import NOT_YOURS
from fakediscord import BOB
from tests.ui.paging import every_page

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.usefixtures("magbot")]

OVERVIEW_TITLE = "Magnesium, zinc and IGF-1: what the evidence says"

# Literal expectations from tests/reference/studies.yaml via config/studies.yaml: 18 studies.
STUDY_COUNT = 18
BY_DESIGN = {
    "rct": [
        "Cerqueira et al. 2018",
        "Choi et al. 2013",
        "Sheikholeslami Vatani et al. 2011",
        "Cinar et al. 2011",
        "Wilborn et al. 2004",
        "Brilla & Conte 2000",
    ],
    "observational": ["Maggio et al. 2011", "Dominguez et al. 2006", "Barbieri et al. 2003"],
    "animal": ["Ninh et al. 1995", "Dørup et al. 1991"],
    "mechanistic": ["Takaya et al. 1998", "De Benedetti et al. 1997"],
    "meta_analysis": [
        "Guo et al. 2020",
        "Mazidi et al. 2018",
        "Simental-Mendía et al. 2017",
        "Wang et al. 2017",
        "Dibaba et al. 2014",
    ],
}


def listed_studies(pages):
    """The bold "Author year" heads of the study entries, in order."""
    return [
        block.split("**")[1]
        for page in pages
        if page.embed["title"] != OVERVIEW_TITLE
        for block in page.embed["description"].split("\n\n")[1:]
    ]


async def test_the_overview_comes_first_with_the_strength_of_evidence(discord, magbot):
    msg = await discord.slash("studies")
    assert not msg.ephemeral
    assert msg.embed["title"] == OVERVIEW_TITLE
    pages = await every_page(discord, msg)
    overview = [p for p in pages if p.embed["title"] == OVERVIEW_TITLE]
    text = "\n".join(p.text for p in overview)
    for point in magbot.content.overview:
        level = EVIDENCE_LEVELS[point.evidence.level].lower()
        assert f"**{point.title}**\nEvidence: **{level}** — {point.evidence.reason}" in text
    assert "We found no trial of magnesium alone on IGF-1" in overview[0].text
    assert "not medical advice" in overview[0].embed["footer"]["text"]
    assert pages[len(overview)].embed["title"] == "Studies on magnesium, zinc and IGF-1"


async def test_the_list_follows_newest_first_with_a_short_finding(discord):
    pages = await every_page(discord, await discord.slash("studies"))
    listed = listed_studies(pages)
    assert len(listed) == STUDY_COUNT
    assert listed[:3] == ["Guo et al. 2020", "Cerqueira et al. 2018", "Mazidi et al. 2018"]
    assert listed[8:10] == ["Maggio et al. 2011", "Cinar et al. 2011"]
    assert listed[-2:] == ["Ninh et al. 1995", "Dørup et al. 1991"]
    text = "\n".join(p.text for p in pages)
    assert (
        "**Maggio et al. 2011** · Observational study · evidence: low\n"
        "Men aged 65 and over (mean 74) · n = 399\n"
        "Finding: Higher serum magnesium went with higher total IGF-1 …"
    ) in text
    assert (
        "**Brilla & Conte 2000** · Controlled trial · evidence: low\n"
        "NCAA American-football players in spring training · n = 27\n"
        "Finding: IGF-1 went from 424.2 to 439.3 ng/mL with ZMA (+3.6 %) and from 437.3 to "
        "343.3 ng/mL with placebo (−21.5 %) …"
    ) in text


@pytest.mark.parametrize("design", STUDY_DESIGNS)
async def test_each_design_filter_lists_only_that_design(discord, design):
    msg = await discord.slash("studies", design=design)
    assert msg.embed["title"] == f"Studies on magnesium, zinc and IGF-1 · {STUDY_DESIGNS[design]}"
    pages = await every_page(discord, msg)
    assert listed_studies(pages) == BY_DESIGN[design]
    assert all(p.embed["title"] != OVERVIEW_TITLE for p in pages)


async def test_someone_else_cannot_page_the_list(discord):
    msg = await discord.slash("studies")
    refused = await discord.click(msg, "Next", user=BOB)
    assert refused.content == NOT_YOURS
    assert refused.ephemeral


async def test_a_study_in_detail(discord):
    msg = await discord.slash("studies", study="brilla_conte_2000")
    assert not msg.ephemeral
    embed = msg.embed
    assert embed["title"] == "ZMA and hormones and strength in college football players"
    assert embed["url"].startswith("https://docslib.org/doc/574319/")
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Design"].startswith("Controlled trial: Double-blind, randomised")
    assert fields["Who and how many"] == (
        "NCAA American-football players in spring training · n = 27 (12 ZMA, 15 placebo)"
    )
    assert fields["Duration"] == "8 weeks, taken nightly"
    assert "450 mg magnesium" in fields["Intervention and dose"]
    assert "424.2 to 439.3 ng/mL" in fields["IGF-1 finding"]
    assert "−21.5 %" in fields["IGF-1 finding"]
    assert "BALCO" in fields["Caveats"]
    assert fields["Caveats"].count("• ") == 3
    assert "SNAC System" in fields["Funding"]
    assert fields["Evidence"].startswith("**low** — ")
    assert fields["Citation"].startswith("Journal of Exercise Physiology Online")
    assert fields["How well we checked it"].startswith("**VERIFIED** — ")
    assert "not medical advice" in embed["footer"]["text"]


async def test_every_study_shows_its_funding_and_a_link(discord, magbot):
    for study in magbot.content.studies:
        msg = await discord.slash("studies", study=study.id)
        fields = {f["name"]: f["value"] for f in msg.embed["fields"]}
        assert fields["Funding"], study.id
        assert msg.embed["url"].startswith(("https://", "http://")), study.id
        assert fields["Citation"].endswith(msg.embed["url"]), study.id


async def test_funding_is_shown_as_the_sources_state_it(discord):
    msg = await discord.slash("studies", study="wilborn_2004")
    fields = {f["name"]: f["value"] for f in msg.embed["fields"]}
    assert "Cytodyne" in fields["Funding"]
    msg = await discord.slash("studies", study="dorup_1991_rats")
    fields = {f["name"]: f["value"] for f in msg.embed["fields"]}
    assert fields["Funding"] == "Not stated in the sources we read."
    assert msg.embed["url"].startswith("http://journals.cambridge.org/")


@pytest.mark.parametrize(
    ("typed", "study_id"),
    [
        ("maggio", "maggio_2011_inchianti"),
        ("inchianti", "maggio_2011_inchianti"),
        ("zma", "brilla_conte_2000"),
        ("rats", "dorup_1991_rats"),
        ("2011", "maggio_2011_inchianti"),
        ("magio", "maggio_2011_inchianti"),
    ],
)
async def test_autocomplete_by_author_year_and_keyword(discord, typed, study_id):
    choices = await discord.autocomplete("studies", "study", typed)
    assert study_id in [c.value for c in choices]
    assert all(len(c.name) <= 100 for c in choices)


async def test_autocomplete_with_nothing_typed_lists_the_newest(discord):
    choices = await discord.autocomplete("studies", "study", "")
    ids = [c.value for c in choices]
    assert len(ids) == STUDY_COUNT
    assert ids[:3] == [
        "guo_2020_zinc_igf1_meta",
        "cerqueira_zma_young_athletes",
        "mazidi_2018_crp_meta",
    ]
    assert ids[-1] == "dorup_1991_rats"


async def test_autocomplete_survives_a_100_character_query(discord):
    choices = await discord.autocomplete("studies", "study", "zinc magnesium " * 6 + "igf-1 rats")
    assert 1 <= len(choices) <= 25
    assert all(len(c.name) <= 100 for c in choices)


async def test_an_unknown_study_answers_with_the_closest(discord):
    msg = await discord.slash("studies", study="maggio")
    assert msg.ephemeral
    assert msg.content.startswith("I don't know a study called “maggio”. Closest matches:\n")
    assert "• Maggio et al. 2011 — Magnesium and anabolic hormones" in msg.content


async def test_every_study_renders_within_discord_limits(discord, magbot):
    for study in magbot.content.studies:
        msg = await discord.slash("studies", study=study.id)
        assert msg.embed["url"] if study.citation.link else "url" not in msg.embed
        assert study.igf1_finding in msg.text
