-- A person's saved meals: a name (one per person as names are compared: name_key) and up to
-- 30 items, each what one entry of their log held (a catalogue food or their own by id, or a
-- supplement, with its amount). No foreign key: the repository removes a meal's items with
-- it, in one transaction (and `magbot db copy` copies tables in name order).
CREATE TABLE meals (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id  INTEGER NOT NULL,
    name     TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    name_key TEXT NOT NULL CHECK (length(name_key) >= 1),
    saved_at TEXT NOT NULL CHECK (saved_at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]+00:00'),
    UNIQUE (user_id, name_key)
) STRICT;

CREATE TABLE meal_items (
    meal_id      INTEGER NOT NULL,
    position     INTEGER NOT NULL CHECK (position BETWEEN 1 AND 30),
    user_id      INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('food', 'supplement')),
    item_id      TEXT NOT NULL,
    label        TEXT NOT NULL,
    amount       REAL NOT NULL CHECK (amount > 0),
    unit         TEXT NOT NULL,
    grams        REAL CHECK (grams IS NULL OR grams > 0),
    magnesium_mg REAL NOT NULL CHECK (magnesium_mg >= 0),
    zinc_mg      REAL NOT NULL CHECK (zinc_mg >= 0),
    b6_mg        REAL NOT NULL DEFAULT 0 CHECK (b6_mg >= 0),
    PRIMARY KEY (meal_id, position)
) STRICT;

CREATE INDEX meal_items_by_user ON meal_items (user_id);

-- Entries logged together by one /meal log share batch_id (the id of the first of them), so
-- that /intake undo takes back the whole meal. NULL for an entry logged on its own.
ALTER TABLE intake_entries ADD COLUMN batch_id INTEGER;
