"""Derive bot/content/usda_sr28.json.gz from the USDA SR28 originals in usda/sr28/.

Reads FOOD_DES, WEIGHT and FD_GROUP (September 2015), brings them to the May 2016 state with
the update files in usda/sr28/update-2016-05/, takes magnesium, zinc and selenium per 100 g from
ABBREV.txt (already May 2016), and writes one compact, byte-for-byte reproducible file.

    python3 usda/derive.py                # writes bot/content/usda_sr28.json.gz
    python3 usda/derive.py --out PATH     # writes elsewhere
    python3 usda/derive.py --check        # exit 1 if the shipped file is not what we derive

Standard library only; not part of the package. See usda/SOURCE.md for the provenance.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SR28 = HERE / "sr28"
DEFAULT_OUT = HERE.parent / "bot" / "content" / "usda_sr28.json.gz"

CITATION = (
    "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. "
    "USDA National Nutrient Database for Standard Reference, Release 28 (Slightly revised). "
    "Version Current: May 2016."
)
RELEASE = "SR28 (May 2016)"

# Every original the output depends on, relative to usda/sr28/; their sha256 go into the output.
FILES = (
    "ABBREV.txt",
    "FD_GROUP.txt",
    "FOOD_DES.txt",
    "NUTR_DEF.txt",
    "WEIGHT.txt",
    "update-2016-05/ADD_FOOD.txt",
    "update-2016-05/ADD_WGT.txt",
    "update-2016-05/CHG_FOOD.txt",
    "update-2016-05/CHG_WGT.txt",
)

# Fields per record, from the SR28 documentation.
FOOD_DES_FIELDS = 14
WEIGHT_FIELDS = 7
FD_GROUP_FIELDS = 2
NUTR_DEF_FIELDS = 6
ABBREV_FIELDS = 53

# ABBREV columns (0-based) and the NUTR_DEF number and unit each must correspond to.
ABBREV_NUTRIENTS = {
    "Magnesium": (12, "304", "mg"),
    "Zinc": (16, "309", "mg"),
    "Selenium": (19, "317", "\N{MICRO SIGN}g"),
}

Record = list[str]


class SourceError(Exception):
    """An original does not look the way the SR28 documentation says it should."""


def parse_line(line: str) -> Record:
    """Split one record: fields separated by ^, text fields wrapped in ~."""
    fields = []
    for raw in line.split("^"):
        if len(raw) >= 2 and raw.startswith("~") and raw.endswith("~"):
            fields.append(raw[1:-1])
        elif "~" in raw:
            raise SourceError(f"unbalanced ~ in field {raw!r} of {line!r}")
        else:
            fields.append(raw)
    return fields


def read_records(name: str, fields: int, encoding: str = "cp1252") -> list[Record]:
    """Every record of one original, CRLF or LF line ends, each checked for its field count."""
    text = (SR28 / name).read_bytes().decode(encoding)
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    records = []
    for number, line in enumerate(lines, start=1):
        if "\r" in line:
            raise SourceError(f"{name}:{number}: stray carriage return")
        record = parse_line(line)
        if len(record) != fields:
            raise SourceError(f"{name}:{number}: {len(record)} fields, expected {fields}")
        records.append(record)
    return records


def sha256(name: str) -> str:
    return hashlib.sha256((SR28 / name).read_bytes()).hexdigest()


def number(text: str, where: str) -> float | None:
    """A numeric field; empty means no data (None), never zero."""
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        raise SourceError(f"{where}: not a number: {text!r}") from None


def required(text: str, where: str) -> float:
    value = number(text, where)
    if value is None:
        raise SourceError(f"{where}: empty")
    return value


def keyed(records: list[Record], name: str) -> dict[str, Record]:
    by_ndb: dict[str, Record] = {}
    for record in records:
        if len(record[0]) != 5 or not record[0].isdigit():
            raise SourceError(f"{name}: bad NDB_No {record[0]!r}")
        if record[0] in by_ndb:
            raise SourceError(f"{name}: NDB_No {record[0]} twice")
        by_ndb[record[0]] = record
    return by_ndb


def foods_may_2016() -> dict[str, Record]:
    """FOOD_DES (Sep 2015) with ADD_FOOD added and CHG_FOOD's descriptions replacing rows."""
    foods = keyed(read_records("FOOD_DES.txt", FOOD_DES_FIELDS), "FOOD_DES.txt")
    added = read_records("update-2016-05/ADD_FOOD.txt", FOOD_DES_FIELDS)
    for record in added:
        if record[0] in foods:
            raise SourceError(f"ADD_FOOD: {record[0]} is already in FOOD_DES")
        foods[record[0]] = record
    for record in read_records("update-2016-05/CHG_FOOD.txt", FOOD_DES_FIELDS):
        if record[0] not in foods:
            raise SourceError(f"CHG_FOOD: {record[0]} is not in FOOD_DES")
        foods[record[0]] = record
    return foods


def weights_may_2016() -> dict[tuple[str, int], Record]:
    """WEIGHT (Sep 2015) with ADD_WGT and CHG_WGT rows replacing or adding (NDB_No, Seq)."""
    weights: dict[tuple[str, int], Record] = {}
    for record in read_records("WEIGHT.txt", WEIGHT_FIELDS):
        key = (record[0], int(record[1]))
        if key in weights:
            raise SourceError(f"WEIGHT: {key} twice")
        weights[key] = record
    for name in ("update-2016-05/ADD_WGT.txt", "update-2016-05/CHG_WGT.txt"):
        for record in read_records(name, WEIGHT_FIELDS):
            weights[(record[0], int(record[1]))] = record
    return weights


def check_nutrient_definitions() -> None:
    """The ABBREV columns we read are the nutrients and units NUTR_DEF names."""
    units = {record[0]: record[1] for record in read_records("NUTR_DEF.txt", NUTR_DEF_FIELDS)}
    for nutrient, (_, nutr_no, unit) in ABBREV_NUTRIENTS.items():
        if units.get(nutr_no) != unit:
            raise SourceError(f"NUTR_DEF: {nutr_no} ({nutrient}) is {units.get(nutr_no)!r}")


def derive() -> dict[str, Any]:
    check_nutrient_definitions()
    groups = dict(read_records("FD_GROUP.txt", FD_GROUP_FIELDS))
    foods = foods_may_2016()
    # ABBREV is plain ASCII except one UTF-8 "é" (NDB 22996); decoding it strictly as UTF-8
    # fails loudly should another copy turn out to be Latin-1.
    abbrev = keyed(read_records("ABBREV.txt", ABBREV_FIELDS, "utf-8"), "ABBREV.txt")
    if abbrev.keys() != foods.keys():
        only_abbrev = sorted(abbrev.keys() - foods.keys())
        only_des = sorted(foods.keys() - abbrev.keys())
        raise SourceError(f"ABBREV only: {only_abbrev}; FOOD_DES only: {only_des}")

    measures: dict[str, list[tuple[int, list[Any]]]] = {ndb: [] for ndb in foods}
    for (ndb, seq), record in weights_may_2016().items():
        if ndb not in measures:
            raise SourceError(f"WEIGHT: {ndb} is not a food")
        where = f"WEIGHT {ndb}/{seq}"
        amount = required(record[2], where)
        grams = required(record[4], where)
        measures[ndb].append((seq, [amount, record[3], grams]))

    rows = []
    for ndb in sorted(foods):
        food = foods[ndb]
        if food[1] not in groups:
            raise SourceError(f"FOOD_DES {ndb}: unknown food group {food[1]}")
        if food[6] not in ("Y", ""):
            raise SourceError(f"FOOD_DES {ndb}: Survey is {food[6]!r}")
        values = abbrev[ndb]
        mg, zn, se = (
            number(values[column], f"ABBREV {ndb} {nutrient}")
            for nutrient, (column, _, _) in ABBREV_NUTRIENTS.items()
        )
        rows.append(
            [
                ndb,
                None,  # fdc_id: no public SR Legacy mapping was found; see usda/SOURCE.md
                food[1],
                food[2],
                food[4],
                food[6] == "Y",
                mg,
                zn,
                se,
                [measure for _, measure in sorted(measures[ndb], key=lambda item: item[0])],
            ]
        )

    return {
        "source": {
            "citation": CITATION,
            "release": RELEASE,
            "files": {name: sha256(name) for name in FILES},
        },
        "groups": dict(sorted(groups.items())),
        "foods": rows,
    }


def encode(table: dict[str, Any]) -> bytes:
    """Compact JSON, gzip with no file name and mtime 0: the same input gives the same bytes."""
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail if --out differs from what would be written",
    )
    args = parser.parse_args(argv)
    try:
        data = encode(derive())
    except SourceError as error:
        sys.stderr.write(f"derive: {error}\n")
        return 2
    if args.check:
        if not args.out.is_file() or args.out.read_bytes() != data:
            sys.stderr.write(f"derive: {args.out} is not up to date; run usda/derive.py\n")
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
