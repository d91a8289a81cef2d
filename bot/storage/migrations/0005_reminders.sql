-- A person's daily reminder to log: a local wall-clock time in their timezone. next_due_at is
-- the UTC instant of the next reminder (NULL while it is off), so the scheduler can sleep
-- until the earliest. off_reason says why magbot turned it off itself ('dms_closed': Discord
-- refused the DM); off_told whether the person has been told. Times are fixed-width UTC
-- ISO-8601 text, so text order is time order.
CREATE TABLE reminders (
    user_id      INTEGER PRIMARY KEY,
    local_time   TEXT NOT NULL
        CHECK (local_time GLOB '[01][0-9]:[0-5][0-9]' OR local_time GLOB '2[0-3]:[0-5][0-9]'),
    timezone     TEXT NOT NULL,
    next_due_at  TEXT,
    last_sent_at TEXT,
    off_reason   TEXT CHECK (off_reason IN ('dms_closed')),
    off_told     INTEGER NOT NULL DEFAULT 0 CHECK (off_told IN (0, 1)),
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX reminders_by_due ON reminders (next_due_at) WHERE next_due_at IS NOT NULL;
