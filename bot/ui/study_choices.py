"""The `study` option: autocomplete by author, year or keyword, and what was sent → a Study."""

from __future__ import annotations

from bot.domain.knowledge import Content
from bot.domain.models import Study
from bot.ui.choices import CLOSEST, KeptChoices, PlainChoice, not_found
from bot.ui.limits import AUTOCOMPLETE_CHOICES
from bot.ui.studies import short_reference

HINT = "Start typing an author, a year or a keyword and pick one of the suggestions."


def study_label(study: Study) -> str:
    """E.g. "Maggio et al. 2011 — Magnesium and anabolic hormones in older men (InCHIANTI)"."""
    return f"{short_reference(study)} — {study.title}"


STUDIES_KEPT = 1024
"""More than the knowledge base holds: every study's choice is built once."""
_study_choices = KeptChoices[Study](study_label, lambda study: study.id, STUDIES_KEPT)


def study_autocomplete(content: Content, current: str) -> list[PlainChoice]:
    """Up to 25 studies matching what has been typed (newest first when nothing yet)."""
    return _study_choices(content.study_index.search(current, AUTOCOMPLETE_CHOICES))


def resolve_study(content: Content, value: str) -> Study:
    """The study with this id; otherwise a UserError listing up to five closest matches."""
    found = content.study_index.resolve(value, CLOSEST)
    if isinstance(found, Study):
        return found
    raise not_found("study", value, map(study_label, found), HINT)
