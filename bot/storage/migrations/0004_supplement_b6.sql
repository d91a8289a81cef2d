-- Supplements can carry zinc (already in zinc_mg) and, for ZMA, vitamin B6. Entries logged
-- before keep their values; they had no B6.
ALTER TABLE intake_entries ADD COLUMN b6_mg REAL NOT NULL DEFAULT 0 CHECK (b6_mg >= 0);
