"""The `study` option: autocomplete by author, year or keyword, and what was sent → a Study."""

from __future__ import annotations

from discord import app_commands

from bot.domain.knowledge import Content
from bot.domain.models import Study
from bot.domain.search import normalise
from bot.ui.choices import CLOSEST, as_choices, not_found
from bot.ui.studies import short_reference

HINT = "Start typing an author, a year or a keyword and pick one of the suggestions."


def study_label(study: Study) -> str:
    """E.g. "Maggio et al. 2011 — Magnesium and anabolic hormones in older men (InCHIANTI)"."""
    return f"{short_reference(study)} — {study.title}"


def study_autocomplete(content: Content, current: str) -> list[app_commands.Choice[str]]:
    """Up to 25 studies matching what has been typed (newest first when nothing yet)."""
    return as_choices(content.study_index.search(current), study_label, lambda s: s.id)


def resolve_study(content: Content, value: str) -> Study:
    """The study with this id; otherwise a UserError listing up to five closest matches."""
    if value in content.study_by_id:
        return content.study_by_id[value]
    found = content.study_index.search(value, CLOSEST) if normalise(value) else []
    raise not_found("study", value, (study_label(s) for s in found), HINT)
