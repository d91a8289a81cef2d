"""Two backends, one schema: after every migration, SQLite's and PostgreSQL's live schemas are
the same (tables, columns, mapped types, NOT NULL, defaults, keys, indexes, and what each
CHECK accepts), except for the differences listed in INTENDED, each with its reason.

CHECKs are written in each engine's own words (GLOB against a regular expression, IN against
``= ANY (ARRAY[…])``), so they are compared by what they do: each one is evaluated, on its own
engine, over the same probe values (every literal either side mentions, its near misses, and
values of the column's type that the columns of this schema see).
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import product

import pytest

from bot.domain.intake import Entry, Intake
from bot.storage import Storage
from bot.storage.backend import Database, load_migrations

INTENDED: dict[str, str] = {
    "table schema_version: only on postgresql": (
        "PostgreSQL's record of the migrations applied; SQLite keeps the version in "
        "PRAGMA user_version (see bot/storage/postgres.py)."
    ),
    "profiles.age: type": (
        "A 32-bit integer on PostgreSQL: ages are 1–120 (its CHECK), SQLite's INTEGER is "
        "64-bit whatever it is declared as."
    ),
    "reminders.off_told: type": "A 32-bit integer on PostgreSQL: 0 or 1 (its CHECK).",
}
"""Differences the test accepts, each with why. An entry no longer found fails the test too."""

STAMP = "2027-01-10T19:00:00.000000+00:00"
PROBES: dict[str, list[object]] = {
    "TEXT": [
        "",
        "x",
        "UTC",
        "07:30",
        "7:30",
        "00:00",
        "23:59",
        "24:00",
        "19:60",
        "2:30",
        STAMP,
        "2027-01-10T19:00:00+00:00",
        "2027-01-10T19:00:00.000000+01:00",
        "2027-01-10 19:00:00.000000+00:00",
        "2027-01-10T19:00:00.0000000+00:00",
        "2027-1-10T19:00:00.000000+00:00",
        "2027-01-1xT19:00:00.000000+00:00",
        "12027-01-10T19:00:00.000000+00:00",
        STAMP + "\n",
        "x" + STAMP,
        STAMP[:-1],
    ],
    "INTEGER": [-(2**40), -1, 0, 1, 2, 3, 10, 119, 120, 121, 2**31, 2**40],
    "REAL": [-1.0, -1e-9, 0.0, 1e-9, 0.5, 1.0, 120.0, 1e9],
}
"""Values of each mapped type every CHECK is tried on, besides the literals it names."""


@dataclasses.dataclass(frozen=True)
class Column:
    type: str
    not_null: bool
    default: str | None
    identity: bool


@dataclasses.dataclass(frozen=True)
class Check:
    columns: tuple[str, ...]
    expression: str


@dataclasses.dataclass
class Table:
    columns: dict[str, Column]
    primary_key: tuple[str, ...]
    unique: set[tuple[str, ...]]
    foreign_keys: set[tuple[tuple[str, ...], str, tuple[str, ...]]]
    checks: list[Check]
    strict: bool


@dataclasses.dataclass
class Schema:
    dialect: str
    db: Database
    tables: dict[str, Table]
    indexes: dict[str, tuple[str, tuple[str, ...], bool, str | None]]
    """Name → (table, columns, unique, the partial index's condition)."""


# --- SQLite -------------------------------------------------------------------------------


def _outside_quotes(sql: str) -> Iterable[tuple[int, str]]:
    """(index, character) of ``sql`` outside '…' literals and "…" identifiers."""
    quote = None
    for i, char in enumerate(sql):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        else:
            yield i, char


def _balanced(sql: str, start: int) -> str:
    """The text inside the parentheses that open at ``sql[start]``."""
    depth = 0
    for i, char in _outside_quotes(sql[start:]):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return sql[start + 1 : start + i]
    raise ValueError(f"unbalanced: {sql[start:]}")


def _sqlite_checks(sql: str, columns: Iterable[str]) -> list[Check]:
    kept = dict(_outside_quotes(sql))
    outside = "".join(kept.get(i, " ") for i in range(len(sql)))
    checks = []
    for match in re.finditer(r"\bCHECK\s*\(", outside, re.IGNORECASE):
        expression = _balanced(sql, match.end() - 1)
        masked = re.sub(r"'(?:[^']|'')*'", "''", expression)
        named = tuple(sorted(c for c in columns if re.search(rf"\b{c}\b", masked)))
        checks.append(Check(named, expression))
    return checks


async def sqlite_schema(db: Database) -> Schema:
    tables: dict[str, Table] = {}
    indexes = {}
    strict = {
        row["name"]: bool(row["strict"])
        for row in await db.fetch(
            "SELECT name, strict FROM pragma_table_list WHERE schema = 'main'"
        )
    }
    for table_row in await db.fetch(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ):
        name, sql = table_row["name"], table_row["sql"]
        info = await db.fetch("SELECT * FROM pragma_table_info(?) ORDER BY cid", (name,))
        autoincrement = "AUTOINCREMENT" in sql.upper()
        columns = {
            row["name"]: Column(
                type=row["type"].upper(),
                not_null=bool(row["notnull"] or row["pk"]),  # STRICT: a key is never NULL
                default=row["dflt_value"],
                identity=autoincrement and row["pk"] == 1,
            )
            for row in info
        }
        primary_key = tuple(row["name"] for row in sorted(info, key=lambda r: r["pk"]) if row["pk"])
        unique = set()
        for index in await db.fetch("SELECT * FROM pragma_index_list(?)", (name,)):
            indexed = tuple(
                row["name"]
                for row in await db.fetch(
                    "SELECT name FROM pragma_index_info(?) ORDER BY seqno", (index["name"],)
                )
            )
            if index["origin"] == "u":
                unique.add(indexed)
            elif index["origin"] == "c":
                [(index_sql,)] = await db.fetch(
                    "SELECT sql FROM sqlite_master WHERE name = ?", (index["name"],)
                )
                where = re.search(r"\bWHERE\b(.*)$", index_sql, re.IGNORECASE | re.DOTALL)
                condition = _normal(where.group(1)) if where else None
                indexes[index["name"]] = (name, indexed, bool(index["unique"]), condition)
        references: dict[int, list[sqlite3.Row]] = {}
        for row in await db.fetch("SELECT * FROM pragma_foreign_key_list(?)", (name,)):
            references.setdefault(row["id"], []).append(row)
        foreign_keys = {
            (tuple(r["from"] for r in rows), rows[0]["table"], tuple(r["to"] for r in rows))
            for rows in references.values()
        }
        tables[name] = Table(
            columns, primary_key, unique, foreign_keys, _sqlite_checks(sql, columns), strict[name]
        )
    return Schema("sqlite", db, tables, indexes)


# --- PostgreSQL ---------------------------------------------------------------------------

POSTGRES_TYPES = {
    "bigint": "INTEGER",
    "integer": "INTEGER (32-bit)",
    "smallint": "INTEGER (16-bit)",
    "double precision": "REAL",
    "real": "REAL (32-bit)",
    "text": "TEXT",
    "bytea": "BLOB",
}


# The catalog queries are built from our own constants only (hence the noqa: S608).
def _columns_of(keys: str, table: str) -> str:
    """The names of the columns numbered in the array ``keys`` of ``table`` (catalog SQL)."""
    return (
        f"ARRAY(SELECT a.attname FROM unnest({keys}) WITH ORDINALITY AS k(attnum, n)"  # noqa: S608
        f" JOIN pg_attribute AS a ON a.attrelid = {table} AND a.attnum = k.attnum ORDER BY k.n)"
    )


_INDEXES = (
    "SELECT t.relname AS table_name, ix.relname AS index_name, i.indisprimary AS is_primary,"  # noqa: S608
    " i.indisunique AS is_unique, pg_get_expr(i.indpred, i.indrelid) AS predicate,"
    f" c.contype::text AS constraint_type, {_columns_of('i.indkey', 't.oid')} AS columns"
    " FROM pg_index AS i JOIN pg_class AS t ON t.oid = i.indrelid"
    " JOIN pg_class AS ix ON ix.oid = i.indexrelid"
    " LEFT JOIN pg_constraint AS c ON c.conindid = i.indexrelid AND c.conrelid = t.oid"
    " WHERE t.relnamespace = current_schema()::regnamespace"
)
_CONSTRAINTS = (
    "SELECT t.relname AS table_name, c.contype::text AS kind, f.relname AS target,"  # noqa: S608
    " pg_get_expr(c.conbin, c.conrelid) AS expression,"
    f" {_columns_of('c.conkey', 'c.conrelid')} AS columns,"
    f" {_columns_of('c.confkey', 'c.confrelid')} AS target_columns"
    " FROM pg_constraint AS c JOIN pg_class AS t ON t.oid = c.conrelid"
    " LEFT JOIN pg_class AS f ON f.oid = c.confrelid"
    " WHERE t.relnamespace = current_schema()::regnamespace AND c.contype IN ('c', 'f')"
)


async def postgres_schema(db: Database) -> Schema:
    tables: dict[str, Table] = {}
    for row in await db.fetch(
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    ):
        tables[row["table_name"]] = Table({}, (), set(), set(), [], strict=True)
    for row in await db.fetch(
        "SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity"
        " FROM information_schema.columns WHERE table_schema = current_schema()"
        " ORDER BY table_name, ordinal_position"
    ):
        default = row["column_default"]
        tables[row["table_name"]].columns[row["column_name"]] = Column(
            type=POSTGRES_TYPES.get(row["data_type"], row["data_type"]),
            not_null=row["is_nullable"] == "NO",
            default=re.sub(r"::[a-z ]+$", "", default) if default is not None else None,
            identity=row["is_identity"] == "YES",
        )
    indexes = {}
    for row in await db.fetch(_INDEXES):
        table, columns = tables[row["table_name"]], tuple(row["columns"])
        if row["is_primary"]:
            table.primary_key = columns
        elif row["constraint_type"] == "u":
            table.unique.add(columns)
        else:
            condition = _normal(row["predicate"]) if row["predicate"] else None
            indexes[row["index_name"]] = (row["table_name"], columns, row["is_unique"], condition)
    for row in await db.fetch(_CONSTRAINTS):
        table, columns = tables[row["table_name"]], tuple(sorted(row["columns"]))
        if row["kind"] == "c":
            table.checks.append(Check(columns, row["expression"]))
        else:
            table.foreign_keys.add(
                (tuple(row["columns"]), row["target"], tuple(row["target_columns"]))
            )
    return Schema("postgresql", db, tables, indexes)


# --- Comparing ----------------------------------------------------------------------------


def _normal(sql: str) -> str:
    """An index condition in one spelling: lower case, single spaces, no outer parentheses."""
    text = " ".join(sql.split()).lower()
    while text.startswith("(") and text.endswith(")") and _balanced(text, 0) == text[1:-1]:
        text = text[1:-1].strip()
    return text


def _literals(expression: str) -> set[object]:
    found: set[object] = {m.replace("''", "'") for m in re.findall(r"'((?:[^']|'')*)'", expression)}
    for number in re.findall(r"(?<![\w.'])-?\d+(?:\.\d+)?(?![\w'])", expression):
        value = float(number) if "." in number else int(number)
        found |= {value - 1, value, value + 1}
    return found


def _probes(column: Column, literals: set[object]) -> list[object]:
    kind = column.type.split()[0]
    values: list[object] = [None, *PROBES[kind]]
    for literal in literals:
        if kind == "TEXT" and isinstance(literal, str):
            values += [literal, literal + "x", "x" + literal, literal.upper()]
        elif kind == "INTEGER" and isinstance(literal, int):
            values.append(literal)
        elif kind == "REAL" and isinstance(literal, int | float):
            values.append(float(literal))
    if column.type == "INTEGER (32-bit)":  # a type difference of its own; probe within it
        values = [v for v in values if not isinstance(v, int) or -(2**31) <= v < 2**31]
    return list(dict.fromkeys(values))


_PG_CAST = {mapped: postgres for postgres, mapped in POSTGRES_TYPES.items()}


async def _passes(
    schema: Schema, table: str, checks: list[Check], values: dict[str, object]
) -> bool:
    """Whether a row with these values in these columns satisfies every one of ``checks``
    (a CHECK that is NULL passes, as in both engines)."""
    if schema.dialect == "sqlite":
        row = ", ".join(f'? AS "{name}"' for name in values)
    else:
        types = {name: _PG_CAST[schema.tables[table].columns[name].type] for name in values}
        row = ", ".join(f'?::{types[name]} AS "{name}"' for name in values)
    for check in checks:
        [(result,)] = await schema.db.fetch(
            f"SELECT ({check.expression}) FROM (SELECT {row}) AS probe",  # noqa: S608 (our own schema)
            tuple(values.values()),
        )
        if result is not None and not result:
            return False
    return True


async def compare(sqlite: Schema, postgres: Schema) -> dict[str, str]:
    """Every difference: a short stable key (what INTENDED lists) → what differs."""
    found: dict[str, str] = {}
    for name in sorted(sqlite.tables.keys() ^ postgres.tables.keys()):
        side = "sqlite" if name in sqlite.tables else "postgresql"
        found[f"table {name}: only on {side}"] = f"table {name} exists only on {side}"
    for name in sorted(sqlite.tables.keys() & postgres.tables.keys()):
        lite, pg = sqlite.tables[name], postgres.tables[name]
        if not lite.strict:
            found[f"{name}: not STRICT"] = f"SQLite's {name} is not STRICT: its types are hints"
        if list(lite.columns) != list(pg.columns):
            found[f"{name}: columns"] = f"columns {list(lite.columns)} ≠ {list(pg.columns)}"
        for column in lite.columns.keys() & pg.columns.keys():
            a, b = lite.columns[column], pg.columns[column]
            for field in dataclasses.fields(Column):
                x, y = getattr(a, field.name), getattr(b, field.name)
                if x != y:
                    key = f"{name}.{column}: {field.name.replace('_', ' ')}"
                    found[key] = f"{key}: {x!r} on sqlite, {y!r} on postgresql"
        for what in ("primary_key", "unique", "foreign_keys"):
            x, y = getattr(lite, what), getattr(pg, what)
            if x != y:
                found[f"{name}: {what}"] = f"{name} {what}: {x} on sqlite, {y} on postgresql"
        found |= await _compare_checks(name, sqlite, postgres)
    for index in sorted(sqlite.indexes.keys() | postgres.indexes.keys()):
        x, y = sqlite.indexes.get(index), postgres.indexes.get(index)
        if x != y:
            found[f"index {index}"] = f"index {index}: {x} on sqlite, {y} on postgresql"
    return found


async def _compare_checks(name: str, sqlite: Schema, postgres: Schema) -> dict[str, str]:
    found = {}
    lite, pg = sqlite.tables[name], postgres.tables[name]
    groups = {c.columns for c in lite.checks} | {c.columns for c in pg.checks}
    for names in sorted(groups):
        ours = [c for c in lite.checks if c.columns == names]
        theirs = [c for c in pg.checks if c.columns == names]
        literals = set().union(*(_literals(c.expression) for c in (*ours, *theirs)))
        key = f"{name}.{'+'.join(names)}: CHECK"
        if not ours or not theirs:
            side = "sqlite" if ours else "postgresql"
            found[key] = f"{key} only on {side}: {[c.expression for c in ours or theirs]}"
            continue
        per_column = [_probes(pg.columns[n], literals) for n in names]
        for values in product(*per_column):
            row = dict(zip(names, values, strict=True))
            a = await _passes(sqlite, name, ours, row)
            b = await _passes(postgres, name, theirs, row)
            if a != b:
                verdict = {True: "accepts", False: "refuses"}
                found[key] = (
                    f"{key}: {values!r}: sqlite {verdict[a]}, postgresql {verdict[b]}"
                    f" ({[c.expression for c in ours]} / {[c.expression for c in theirs]})"
                )
                break
    return found


# --- The tests ----------------------------------------------------------------------------


@pytest.fixture
async def postgres_storage(postgres_server):
    storage = await Storage.open(postgres_server.new_database())
    yield storage
    await storage.close()


async def test_both_backends_have_one_schema(tmp_path, postgres_storage):
    lite = await Storage.open(tmp_path / "magbot.sqlite3")
    try:
        found = await compare(
            await sqlite_schema(lite.db), await postgres_schema(postgres_storage.db)
        )
    finally:
        await lite.close()
    unintended = {key: why for key, why in found.items() if key not in INTENDED}
    assert unintended == {}, "\n".join(unintended.values())
    assert set(INTENDED) <= set(found), f"no longer differ: {set(INTENDED) - set(found)}"


async def test_a_check_missing_on_one_backend_is_found(tmp_path, postgres_storage):
    """The comparison itself: SQLite migrated with one CHECK left out of its migrations."""
    path = tmp_path / "magbot.sqlite3"
    migrations = load_migrations()
    with sqlite3.connect(path) as conn:
        for _, _, sql in migrations:
            conn.executescript(sql.replace("CHECK (kind IN ('food', 'supplement'))", ""))
        conn.execute(f"PRAGMA user_version = {len(migrations)}")
    lite = await Storage.open(path)
    try:
        found = await compare(
            await sqlite_schema(lite.db), await postgres_schema(postgres_storage.db)
        )
    finally:
        await lite.close()
    assert "intake_entries.kind: CHECK" in found


async def test_checking_the_times_on_sqlite_keeps_every_row_and_never_reuses_an_id(tmp_path):
    """SQLite's 0006 rebuilds the intake log and the reminders to check their times: what was
    stored before stays, an undone entry's id is still never given again, and a time in any
    other shape is refused from then on."""
    path = tmp_path / "magbot.sqlite3"
    migrations = load_migrations()
    checked = next(v for v, name, _ in migrations if name.endswith("_checked_times.sql"))
    with sqlite3.connect(path) as conn:
        for _, _, sql in migrations[: checked - 1]:
            conn.executescript(sql)
        for at in ("2026-11-30T08:00:00.000000+00:00", "2026-11-30T09:00:00.000000+00:00"):
            conn.execute(
                "INSERT INTO intake_entries (user_id, logged_at, kind, item_id, label, amount,"
                " unit, grams, magnesium_mg, zinc_mg) VALUES (7, ?, 'supplement', 'citrate',"
                " 'Magnesium citrate', 300, 'mg elemental', NULL, 300, 0)",
                (at,),
            )
        conn.execute("DELETE FROM intake_entries WHERE id = 2")  # /intake undo
        conn.execute(
            "INSERT INTO reminders (user_id, local_time, timezone, next_due_at, updated_at)"
            " VALUES (7, '08:00', 'UTC', '2026-12-01T08:00:00.000000+00:00', 'x')"
        )
        conn.execute(f"PRAGMA user_version = {checked - 1}")
    storage = await Storage.open(path)
    try:
        [entry] = await storage.intake.all_entries(7)
        assert (entry.id, entry.magnesium_mg) == (1, 300)
        again = await storage.intake.add_entry(7, entry_intake(entry))
        assert again.id == 3, "id 2 was undone: never given again"
        reminder = await storage.reminders.get(7)
        assert reminder is not None
        assert reminder.next_due_at == datetime(2026, 12, 1, 8, tzinfo=UTC)
        for sql in (
            "UPDATE reminders SET next_due_at = '2026-12-01 08:00:00' WHERE user_id = 7",
            "UPDATE intake_entries SET logged_at = '2026-11-30T08:00:00+00:00' WHERE id = 1",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
                await storage.db.write(sql)
    finally:
        await storage.close()


def entry_intake(entry: Entry) -> Intake:
    return Intake(**{f.name: getattr(entry, f.name) for f in dataclasses.fields(Intake)})
