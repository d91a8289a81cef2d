"""Pure domain logic: no discord, no database, no YAML, no I/O."""
