-- SQLite's 0006 adds the checks on the intake log's and the reminders' times that PostgreSQL
-- has had since its 0003 and 0005. Nothing to change here; the number keeps both backends'
-- versions meaning the same schema.
SELECT 1;
