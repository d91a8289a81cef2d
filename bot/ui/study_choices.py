"""The `study` option: autocomplete by author, year or keyword, and what was sent → a Study."""

from __future__ import annotations

from discord import app_commands

from bot.domain.knowledge import Content
from bot.domain.models import Study
from bot.ui.choices import CLOSEST, as_choices, not_found
from bot.ui.limits import AUTOCOMPLETE_CHOICES
from bot.ui.studies import short_reference

HINT = "Start typing an author, a year or a keyword and pick one of the suggestions."


def study_label(study: Study) -> str:
    """E.g. "Maggio et al. 2011 — Magnesium and anabolic hormones in older men (InCHIANTI)"."""
    return f"{short_reference(study)} — {study.title}"


def study_autocomplete(content: Content, current: str) -> list[app_commands.Choice[str]]:
    """Up to 25 studies matching what has been typed (newest first when nothing yet)."""
    found = content.study_index.search(current, AUTOCOMPLETE_CHOICES)
    return as_choices(found, study_label, lambda s: s.id)


def resolve_study(content: Content, value: str) -> Study:
    """The study with this id; otherwise a UserError listing up to five closest matches."""
    found = content.study_index.resolve(value, CLOSEST)
    if isinstance(found, Study):
        return found
    raise not_found("study", value, map(study_label, found), HINT)
