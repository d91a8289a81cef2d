-- A person's intake log. Each row keeps the magnesium and zinc computed when it was logged,
-- so later changes to the food tables never rewrite history. Times are UTC ISO-8601 text of
-- fixed width, so text order is time order. AUTOINCREMENT: an undone id is never reused.
CREATE TABLE intake_entries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL,
    logged_at    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('food', 'supplement')),
    item_id      TEXT NOT NULL,
    label        TEXT NOT NULL,
    amount       REAL NOT NULL CHECK (amount > 0),
    unit         TEXT NOT NULL,
    grams        REAL CHECK (grams IS NULL OR grams > 0),
    magnesium_mg REAL NOT NULL CHECK (magnesium_mg >= 0),
    zinc_mg      REAL NOT NULL CHECK (zinc_mg >= 0)
) STRICT;

CREATE INDEX intake_entries_by_user_time ON intake_entries (user_id, logged_at);
