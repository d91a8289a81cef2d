"""/studies answers: the evidence overview, the list of studies, and one study in detail."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import discord

from bot.domain.knowledge import Content
from bot.domain.models import EVIDENCE_LEVELS, STUDY_DESIGNS, Evidence, OverviewPoint, Study
from bot.ui.limits import EMBED_TITLE, FIELD_VALUE, pack_lines, shorten
from bot.ui.pages import embed_pages, one_of
from bot.ui.wording import NOT_ADVICE

COLOUR = discord.Colour.blurple()
STUDIES_PER_PAGE = 6
POINTS_PER_PAGE = 4
CLAUSE_ENDS = ("; ", ": ", ". ")
OPEN_ONE = "One study in detail: `/studies study:` and an author, year or keyword."
SOURCE = (
    "Summaries in our own words from the papers and abstracts; each study gives its citation "
    "and how well we checked it. Evidence levels: what a study can tell a person about "
    "magnesium, zinc and IGF-1."
)


@dataclasses.dataclass(frozen=True)
class StudyListQuery:
    """Which studies a /studies list shows: all (after the overview), or one design."""

    design: str | None = None

    def parts(self) -> tuple[str, ...]:
        return (self.design or "",)

    @classmethod
    def from_parts(cls, parts: Sequence[str]) -> StudyListQuery:
        (design,) = parts
        return cls(one_of(design, STUDY_DESIGNS) if design else None)


def evidence_words(evidence: Evidence) -> str:
    """E.g. "**low** — One cross-sectional study; association, not cause."."""
    return f"**{EVIDENCE_LEVELS[evidence.level].lower()}** — {evidence.reason}"


def _surname(author: str) -> str:
    """ "Brilla LR" → "Brilla"; names without initials stay as they are."""
    words = author.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1].isupper() else " ".join(words)


def short_reference(study: Study) -> str:
    """ "Brilla & Conte 2000", "Maggio et al. 2011", "Simental-Mendía et al. 2017"."""
    listed, _, rest = study.authors.partition(" et al")
    names = [_surname(a) for a in listed.split(",") if a.strip()]
    if len(names) == 1 and not rest:
        who = names[0]
    elif len(names) == 2 and not rest:
        who = f"{names[0]} & {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who} {study.year}"


def headline(finding: str) -> str:
    """The finding's first clause, with "…" when there is more to read in the detail view."""
    cuts = [i for i in (finding.find(end) for end in CLAUSE_ENDS) if i > 0]
    if not cuts:
        return finding
    return finding[: min(cuts)].rstrip(".") + " …"


def _who(study: Study, population: str | None) -> str | None:
    """Who and how many on one line, e.g. "Men aged 65 and over (mean 74) · n = 399"."""
    parts = [population] if population else []
    if study.n:
        parts.append(f"n = {study.n:,}")
    return " · ".join(parts) or None


# the overview and the list -----------------------------------------------------------------


def _point_block(point: OverviewPoint, content: Content) -> str:
    studies = ", ".join(short_reference(content.study_by_id[s]) for s in point.studies)
    return "\n".join(
        [
            f"**{point.title}**",
            f"Evidence: {evidence_words(point.evidence)}",
            point.text,
            f"*Studies: {studies}*",
        ]
    )


def overview_pages(content: Content) -> list[discord.Embed]:
    """What is known about magnesium, zinc and IGF-1, point by point with its evidence."""
    return embed_pages(
        [_point_block(p, content) for p in content.overview],
        title="Magnesium, zinc and IGF-1: what the evidence says",
        intro="The bottom line first; the studies follow on the next pages.",
        footer=f"{SOURCE} {NOT_ADVICE}",
        per_page=POINTS_PER_PAGE,
        separator="\n\n",
        colour=COLOUR,
    )


def _study_block(study: Study) -> str:
    lines = [
        f"**{short_reference(study)}** · {STUDY_DESIGNS[study.design]}"
        f" · evidence: {EVIDENCE_LEVELS[study.evidence.level].lower()}",
        _who(study, study.population or study.design_detail),
        f"Finding: {headline(study.igf1_finding)}",
    ]
    return "\n".join(line for line in lines if line)


def study_list_pages(studies: Sequence[Study], design: str | None) -> list[discord.Embed]:
    """The studies, newest first, a few to a page."""
    which = f" · {STUDY_DESIGNS[design]}" if design else ""
    return embed_pages(
        [_study_block(s) for s in studies],
        title=f"Studies on magnesium, zinc and IGF-1{which}",
        intro=f"Newest first. {OPEN_ONE}",
        footer=f"{SOURCE} {NOT_ADVICE}",
        per_page=STUDIES_PER_PAGE,
        separator="\n\n",
        colour=COLOUR,
        empty="No studies of this design yet.",
    )


# one study -----------------------------------------------------------------------------------


def _add_lines(embed: discord.Embed, name: str, lines: Sequence[str]) -> None:
    """One field, or more if the lines do not fit in one, never splitting a line that fits."""
    for n, value in enumerate(pack_lines(lines, FIELD_VALUE)):
        embed.add_field(name=name if n == 0 else f"{name} (continued)", value=value, inline=False)


def study_embed(study: Study) -> discord.Embed:
    """Design, who and how many, what was given, the IGF-1 finding, caveats, evidence, source."""
    citation = study.citation
    embed = discord.Embed(
        title=shorten(study.title, EMBED_TITLE),
        url=citation.link,
        description=f"{study.authors} · {study.year}",
        colour=COLOUR,
    )
    who = _who(study, study.population)
    if who and study.n_detail:
        who += f" ({study.n_detail})"
    sections = [
        ("Design", f"{STUDY_DESIGNS[study.design]}: {study.design_detail}"),
        ("Who and how many", who),
        ("Duration", study.duration),
        ("Intervention and dose", study.intervention),
        ("IGF-1 finding", study.igf1_finding),
        ("Other findings", study.other_findings),
    ]
    for name, value in sections:
        if value:
            _add_lines(embed, name, [value])
    if study.caveats:
        _add_lines(embed, "Caveats", [f"• {caveat}" for caveat in study.caveats])
    _add_lines(embed, "Evidence", [evidence_words(study.evidence)])
    _add_lines(embed, "Funding", [study.funding])
    _add_lines(embed, "Citation", [citation.reference, citation.link])
    checked = f"**{study.status}**" + (f" — {study.status_note}" if study.status_note else "")
    _add_lines(embed, "How well we checked it", [checked])
    embed.set_footer(text=f"Summary in our own words; the citation has the original. {NOT_ADVICE}")
    return embed
