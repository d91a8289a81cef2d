"""studies.yaml → Study and OverviewPoint models."""

from __future__ import annotations

from bot.content._records import FILE_ENTRY, NAME_LIMIT, TITLE_LIMIT, FileChecker, Record, entries
from bot.domain.models import (
    EVIDENCE_LEVELS,
    STATUSES,
    STUDY_DESIGNS,
    SUPPLEMENTS,
    Citation,
    Evidence,
    OverviewPoint,
    Study,
)

FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_N = 10_000_000


def parse_studies(
    document: object, checker: FileChecker
) -> tuple[tuple[Study, ...], tuple[OverviewPoint, ...]]:
    top = checker.record(document, FILE_ENTRY)
    if top is None:
        return (), ()
    study_entries = entries(checker, top.items("studies"))
    studies = [_study(name, rec) for name, rec in study_entries]
    known = {name for name, _ in study_entries}
    overview = [_point(name, rec, known) for name, rec in entries(checker, top.items("overview"))]
    return (
        tuple(s for s in studies if s is not None),
        tuple(p for p in overview if p is not None),
    )


def _study(name: str, rec: Record) -> Study | None:
    fields = {
        "title": rec.text("title", limit=TITLE_LIMIT),
        "authors": rec.text("authors"),
        "year": rec.number("year", whole=True, maximum=LAST_YEAR),
        "design": rec.choice("design", STUDY_DESIGNS),
        "design_detail": rec.text("design_detail", limit=TITLE_LIMIT),
        "igf1_finding": rec.text("igf1_finding"),
        "evidence": _evidence(rec.record("evidence")),
        "supplements": rec.choices("supplements", SUPPLEMENTS),
        "citation": _citation(rec.record("citation")),
        "funding": rec.text("funding"),
        "status": rec.choice("status", STATUSES),
    }
    optional = {
        "population": rec.text("population", required=False),
        "n": rec.number("n", required=False, whole=True, positive=True, maximum=MAX_N),
        "n_detail": rec.text("n_detail", required=False, limit=TITLE_LIMIT),
        "duration": rec.text("duration", required=False, limit=TITLE_LIMIT),
        "intervention": rec.text("intervention", required=False),
        "other_findings": rec.text("other_findings", required=False),
        "caveats": rec.texts("caveats", required=False),
        "keywords": rec.texts("keywords", required=False, limit=NAME_LIMIT),
        "status_note": rec.text("status_note", required=False),
    }
    year = fields["year"]
    if isinstance(year, int) and year < FIRST_YEAR:
        rec.report("year", f"{year} is before {FIRST_YEAR}")
        return None
    if any(value is None for value in fields.values()):
        return None
    return Study(id=name, **fields, **optional)  # type: ignore[arg-type]


def _evidence(rec: Record | None) -> Evidence | None:
    if rec is None:
        return None
    level = rec.choice("level", EVIDENCE_LEVELS)
    reason = rec.text("reason", limit=TITLE_LIMIT)
    if level is None or reason is None:
        return None
    return Evidence(level, reason)


def _citation(rec: Record | None) -> Citation | None:
    """A citation needs the journal or venue and a DOI, PMID or URL to find the paper by."""
    if rec is None:
        return None
    reference = rec.text("reference", limit=TITLE_LIMIT)
    doi = rec.text("doi", required=False, limit=NAME_LIMIT)
    pmid = rec.text("pmid", required=False, limit=12)
    url = rec.text("url", required=False, limit=TITLE_LIMIT)
    if pmid is not None and not pmid.isdigit():
        rec.report("pmid", f"{pmid!r} must be digits only")
    if url is not None and not url.startswith(("https://", "http://")):
        rec.report("url", f"{url!r} must start with https:// or http://")
    if doi is None and pmid is None and url is None:
        rec.report("doi", "give a doi, pmid or url so the study can be found")
        return None
    if reference is None:
        return None
    return Citation(reference, doi, pmid, url)


def _point(name: str, rec: Record, known_studies: set[str]) -> OverviewPoint | None:
    title = rec.text("title", limit=TITLE_LIMIT)
    text = rec.text("text")
    evidence = _evidence(rec.record("evidence"))
    studies = rec.texts("studies", required=False)
    for study_id in studies:
        if study_id not in known_studies:
            rec.report("studies", f"unknown study {study_id!r}")
    if title is None or text is None or evidence is None:
        return None
    return OverviewPoint(name, title, text, evidence, studies)
