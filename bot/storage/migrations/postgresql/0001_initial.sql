-- Small key/value facts about the bot itself, e.g. the hash of the last command registration.
CREATE TABLE bot_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
