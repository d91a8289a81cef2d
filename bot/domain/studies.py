"""Study look-up: filter by design and supplement, autocomplete search, and which study a
person meant."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.domain.models import STUDY_DESIGNS, SUPPLEMENTS, Study
from bot.domain.search import FuzzyIndex, normalise


def filter_studies(
    studies: Iterable[Study], design: str | None = None, supplement: str | None = None
) -> list[Study]:
    """Studies of one design and/or bearing on one supplement, newest first."""
    if design is not None and design not in STUDY_DESIGNS:
        raise ValueError(f"unknown study design {design!r}")
    if supplement is not None and supplement not in SUPPLEMENTS:
        raise ValueError(f"unknown supplement {supplement!r}")
    chosen = [
        s
        for s in studies
        if (design is None or s.design == design)
        and (supplement is None or supplement in s.supplements)
    ]
    return sorted(chosen, key=lambda s: -s.year)


def _search_texts(study: Study) -> tuple[str, ...]:
    """Authors' surnames, year, title, keywords, design and supplements."""
    surnames = (a.strip().rsplit(" ", 1)[0] for a in study.authors.split(","))
    design_words = STUDY_DESIGNS[study.design]
    return (
        *surnames,
        str(study.year),
        study.title,
        *study.keywords,
        design_words,
        *study.supplements,
    )


class StudyIndex:
    """Autocomplete by author, year or keyword ("maggio", "2011", "zma", "rats")."""

    def __init__(self, studies: Sequence[Study]) -> None:
        self._index = FuzzyIndex((s, _search_texts(s)) for s in studies)
        self._default = tuple(filter_studies(studies))
        self._by_id = {s.id: s for s in studies}

    def search(self, query: str, limit: int) -> list[Study]:
        if not normalise(query):
            return list(self._default[:limit])
        return self._index.search(query, limit)

    def resolve(self, value: str, limit: int) -> Study | list[Study]:
        """The study with this id; otherwise up to ``limit`` studies closest to the text
        (none for text without letters or digits)."""
        study = self._by_id.get(value)
        if study is not None:
            return study
        return self._index.search(value, limit) if normalise(value) else []
