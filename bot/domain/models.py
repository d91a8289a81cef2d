"""Immutable knowledge-base models: nutrients and their reference intakes, foods, studies.

The fixed id sets below (categories, designs, …) are code, not content: slash commands offer
them as choice lists, so they must not change when a YAML file does.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import Literal

Sex = Literal["male", "female"]
LifeStage = Literal["pregnant", "lactating"]
LIFE_STAGES: tuple[LifeStage, ...] = ("pregnant", "lactating")
NutrientId = Literal["magnesium", "zinc"]
"""The nutrients every food carries a value for."""

STATUSES = ("VERIFIED", "VERIFIED-secondary", "RECALLED", "UNVERIFIED")
"""How well a value was checked, strongest first (see tests/reference/FACTS.md)."""

FOOD_CATEGORIES = MappingProxyType(
    {
        "leafy_greens": "Leafy greens",
        "nuts_seeds": "Nuts & seeds",
        "legumes_soy": "Beans, lentils & soy",
        "whole_grains": "Grains, bread & cereals",
        "fruit_veg": "Fruit & vegetables",
        "fish_meat": "Fish, seafood & meat",
        "dairy": "Milk & yogurt",
        "other": "Chocolate, cocoa & other",
    }
)
"""Category id → label, in the order a self-assessment asks about them."""

STUDY_DESIGNS = MappingProxyType(
    {
        "rct": "Controlled trial",
        "observational": "Observational study",
        "animal": "Animal study",
        "mechanistic": "Mechanistic study",
        "meta_analysis": "Meta-analysis",
    }
)

SUPPLEMENTS = MappingProxyType(
    {
        "magnesium": "Magnesium",
        "zinc": "Zinc",
        "zma": "ZMA (zinc, magnesium, B6)",
    }
)

EVIDENCE_LEVELS = MappingProxyType(
    {
        "high": "High",
        "moderate": "Moderate",
        "low": "Low",
        "very_low": "Very low",
        "none": "No evidence",
    }
)

@dataclasses.dataclass(frozen=True)
class Source:
    """Where a table of values comes from; `short` is the name shown next to a number."""

    name: str
    short: str
    status: str


@dataclasses.dataclass(frozen=True)
class AgeBand:
    """Whole years `first` to `last` inclusive; `last` None means "and over"."""

    first: int
    last: int | None

    def contains(self, age: int) -> bool:
        return self.first <= age and (self.last is None or age <= self.last)

    @property
    def label(self) -> str:
        return f"{self.first}+" if self.last is None else f"{self.first}–{self.last}"


@dataclasses.dataclass(frozen=True)
class AgeRow:
    """One row of a reference table: the value for each sex in an age band."""

    ages: AgeBand
    male: float
    female: float
    status: str

    def amount(self, sex: Sex) -> float:
        return self.male if sex == "male" else self.female


@dataclasses.dataclass(frozen=True)
class LifeStageRow:
    ages: AgeBand
    amount: float
    status: str


@dataclasses.dataclass(frozen=True)
class IntakeTable:
    """An RDA or UL table: rows by age and sex, plus pregnancy and lactation rows."""

    kind: str
    source: Source
    rows: tuple[AgeRow, ...]
    pregnant: tuple[LifeStageRow, ...]
    lactating: tuple[LifeStageRow, ...]


@dataclasses.dataclass(frozen=True)
class UpperLimit:
    """Magnesium's counts supplements and medicines only; zinc's all sources (the UI says so)."""

    table: IntakeTable


@dataclasses.dataclass(frozen=True)
class DailyValue:
    """The label Daily Value (adults and children 4+), the basis of "% DV"."""

    amount: float
    source: Source


@dataclasses.dataclass(frozen=True)
class Nutrient:
    id: str
    name: str
    unit: str
    rda: IntakeTable
    upper_limit: UpperLimit
    daily_value: DailyValue


@dataclasses.dataclass(frozen=True, slots=True)
class Serving:
    label: str
    grams: float


@dataclasses.dataclass(frozen=True, slots=True)
class FoodSource:
    database: str
    ndb_number: str | None
    fdc_id: int | None
    status: str
    citation: str | None = None
    """The database's full citation, as its publisher asks to be cited."""

    @property
    def line(self) -> str:
        """E.g. "USDA SR28 (2015), NDB 12006, FDC 170554 (VERIFIED)"."""
        parts = [self.database]
        if self.ndb_number:
            parts.append(f"NDB {self.ndb_number}")
        if self.fdc_id:
            parts.append(f"FDC {self.fdc_id}")
        return f"{', '.join(parts)} ({self.status})"


@dataclasses.dataclass(frozen=True, slots=True)
class Food:
    """A food of the catalogue: one we reviewed by hand (it has a ``category``), or a record
    of the USDA table as USDA gives it (its ``group`` is USDA's food group)."""

    id: str
    name: str
    category: str | None
    """A key of FOOD_CATEGORIES for a reviewed food; None for a food of the USDA table."""
    aliases: tuple[str, ...]
    mg_per_100g: float | None
    """None where the source has no value (which is not zero)."""
    zn_per_100g: float | None
    servings: tuple[Serving, ...]
    """At least one; the first is the default household measure."""
    source: FoodSource
    note: str | None
    group: str | None = None
    """USDA's food group ("Beverages") for a food of the USDA table."""
    se_ug_per_100g: float | None = None
    """Selenium in µg per 100 g, from the same database record as the other values; None
    where the source has no value (the gap suggestions must respect its upper limit)."""

    @property
    def reviewed(self) -> bool:
        return self.category is not None

    @property
    def kind(self) -> str:
        """What sort of food this is, in words: our category, or USDA's food group."""
        if self.category is not None:
            return FOOD_CATEGORIES[self.category]
        return self.group or "USDA food"

    def known(self, nutrient: str) -> bool:
        """Whether the source gives a value for ``nutrient``."""
        return self.known_per_100g(nutrient) is not None

    def per_100g(self, nutrient: NutrientId) -> float:
        """The amount per 100 g; 0 where the source has none (see ``known``)."""
        value = self.mg_per_100g if nutrient == "magnesium" else self.zn_per_100g
        return value or 0.0

    def known_per_100g(self, nutrient: str) -> float | None:
        """Any nutrient this food records (magnesium, zinc, selenium) per 100 g; None where
        the source has no value."""
        values = {
            "magnesium": self.mg_per_100g,
            "zinc": self.zn_per_100g,
            "selenium": self.se_ug_per_100g,
        }
        return values.get(nutrient)

    @property
    def default_serving(self) -> Serving:
        return self.servings[0]


NIH_ODS = "NIH ODS table"
"""The source of an everyday food taken from the ODS "Selected Food Sources of Magnesium"."""


@dataclasses.dataclass(frozen=True)
class EverydayFood:
    """One of the everyday foods a /assess food group stands for, in its usual serving."""

    label: str
    """The food and its serving, e.g. "Raisins, 1/2 cup"."""
    mg: float
    """Magnesium in that serving."""
    source: str
    """Where the value comes from: the catalogue food's database, or the NIH ODS table."""


@dataclasses.dataclass(frozen=True)
class FoodGroup:
    """A /assess food group (a key of FOOD_CATEGORIES) and the everyday foods it stands for."""

    category: str
    foods: tuple[EverydayFood, ...]


@dataclasses.dataclass(frozen=True)
class Evidence:
    level: str
    """A key of EVIDENCE_LEVELS."""
    reason: str


@dataclasses.dataclass(frozen=True)
class Citation:
    """`reference` (journal or venue) and at least one of doi, pmid and url."""

    reference: str
    doi: str | None
    pmid: str | None
    url: str | None

    @property
    def link(self) -> str:
        """The best link to the paper: DOI, then PubMed, then the URL."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        if self.url is None:
            raise ValueError(f"{self.reference}: a citation needs a doi, pmid or url")
        return self.url


@dataclasses.dataclass(frozen=True)
class Study:
    id: str
    title: str
    authors: str
    year: int
    design: str
    """A key of STUDY_DESIGNS."""
    design_detail: str
    population: str | None
    n: int | None
    """Total participants (or animals) where reported."""
    n_detail: str | None
    duration: str | None
    intervention: str | None
    igf1_finding: str
    other_findings: str | None
    caveats: tuple[str, ...]
    evidence: Evidence
    supplements: tuple[str, ...]
    """Keys of SUPPLEMENTS the study bears on; empty for indirect (e.g. IL-6) studies."""
    keywords: tuple[str, ...]
    citation: Citation
    funding: str
    """Who paid, as the sources state it, or that the sources we read do not say."""
    status: str
    """Status of the record's weakest key claim; status_note says which part."""
    status_note: str | None


@dataclasses.dataclass(frozen=True)
class OverviewPoint:
    """One line of the honest bottom line, with the strength of its evidence."""

    id: str
    title: str
    text: str
    evidence: Evidence
    studies: tuple[str, ...]
    """Ids of the studies it rests on."""
