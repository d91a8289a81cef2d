-- A person's own settings: they pick their reference intakes and when their day ends.
CREATE TABLE profiles (
    user_id    INTEGER PRIMARY KEY,
    sex        TEXT CHECK (sex IN ('male', 'female')),
    age        INTEGER CHECK (age BETWEEN 1 AND 120),
    life_stage TEXT CHECK (life_stage IN ('pregnant', 'lactating')),
    timezone   TEXT NOT NULL DEFAULT 'UTC',
    updated_at TEXT NOT NULL
) STRICT;
