-- Times are checked to be what the code writes, fixed-width UTC ISO-8601 text (so text order
-- is time order), as PostgreSQL has checked them since its 0003 and 0005. SQLite cannot add
-- a CHECK to a column, so both tables are rebuilt as they were, with it: every row and id is
-- kept, and so is the intake log's AUTOINCREMENT counter (an undone id is never reused).
-- The '.' and '+' are literal in GLOB.
CREATE TABLE intake_entries_checked (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL,
    logged_at    TEXT NOT NULL CHECK (logged_at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]+00:00'),
    kind         TEXT NOT NULL CHECK (kind IN ('food', 'supplement')),
    item_id      TEXT NOT NULL,
    label        TEXT NOT NULL,
    amount       REAL NOT NULL CHECK (amount > 0),
    unit         TEXT NOT NULL,
    grams        REAL CHECK (grams IS NULL OR grams > 0),
    magnesium_mg REAL NOT NULL CHECK (magnesium_mg >= 0),
    zinc_mg      REAL NOT NULL CHECK (zinc_mg >= 0),
    b6_mg        REAL NOT NULL DEFAULT 0 CHECK (b6_mg >= 0)
) STRICT;

INSERT INTO intake_entries_checked (id, user_id, logged_at, kind, item_id, label, amount, unit,
                                    grams, magnesium_mg, zinc_mg, b6_mg)
    SELECT id, user_id, logged_at, kind, item_id, label, amount, unit, grams, magnesium_mg,
           zinc_mg, b6_mg
    FROM intake_entries;
DELETE FROM sqlite_sequence WHERE name = 'intake_entries_checked';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'intake_entries_checked', seq FROM sqlite_sequence WHERE name = 'intake_entries';
DROP TABLE intake_entries;
ALTER TABLE intake_entries_checked RENAME TO intake_entries;  -- renames its sqlite_sequence row
CREATE INDEX intake_entries_by_user_time ON intake_entries (user_id, logged_at);

CREATE TABLE reminders_checked (
    user_id      INTEGER PRIMARY KEY,
    local_time   TEXT NOT NULL
        CHECK (local_time GLOB '[01][0-9]:[0-5][0-9]' OR local_time GLOB '2[0-3]:[0-5][0-9]'),
    timezone     TEXT NOT NULL,
    next_due_at  TEXT CHECK (next_due_at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]+00:00'),
    last_sent_at TEXT CHECK (last_sent_at GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]+00:00'),
    off_reason   TEXT CHECK (off_reason IN ('dms_closed')),
    off_told     INTEGER NOT NULL DEFAULT 0 CHECK (off_told IN (0, 1)),
    updated_at   TEXT NOT NULL
) STRICT;

INSERT INTO reminders_checked (user_id, local_time, timezone, next_due_at, last_sent_at,
                               off_reason, off_told, updated_at)
    SELECT user_id, local_time, timezone, next_due_at, last_sent_at, off_reason, off_told,
           updated_at
    FROM reminders;
DROP TABLE reminders;
ALTER TABLE reminders_checked RENAME TO reminders;
CREATE INDEX reminders_by_due ON reminders (next_due_at) WHERE next_due_at IS NOT NULL;
