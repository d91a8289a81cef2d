-- A person's own settings: they pick their reference intakes and when their day ends.
-- Discord ids need 64 bits. Times are UTC ISO-8601 text, as in SQLite, so that both backends
-- share the repositories' SQL and `magbot db copy` copies values unchanged.
CREATE TABLE profiles (
    user_id    BIGINT PRIMARY KEY,
    sex        TEXT CHECK (sex IN ('male', 'female')),
    age        INTEGER CHECK (age BETWEEN 1 AND 120),
    life_stage TEXT CHECK (life_stage IN ('pregnant', 'lactating')),
    timezone   TEXT NOT NULL DEFAULT 'UTC',
    updated_at TEXT NOT NULL
);
