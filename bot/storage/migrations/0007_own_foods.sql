-- A person's own foods, copied from a packet's label: the name (one per person as names are
-- compared, lower case and singular: name_key), what one serving is, and the magnesium and
-- zinc in it. AUTOINCREMENT: a removed food's number is never given to another one, so a
-- saved meal that held it skips it rather than logging a different food. Times are
-- fixed-width UTC ISO-8601 text, as everywhere.
CREATE TABLE own_foods (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    name_key      TEXT NOT NULL CHECK (length(name_key) >= 1),
    serving       TEXT NOT NULL CHECK (length(serving) BETWEEN 1 AND 100),
    serving_grams REAL CHECK (serving_grams > 0 AND serving_grams <= 2000),
    magnesium_mg  REAL NOT NULL CHECK (magnesium_mg > 0 AND magnesium_mg <= 2000),
    zinc_mg       REAL NOT NULL DEFAULT 0 CHECK (zinc_mg >= 0 AND zinc_mg <= 300),
    saved_at      TEXT NOT NULL CHECK (saved_at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]+00:00'),
    UNIQUE (user_id, name_key)
) STRICT;
