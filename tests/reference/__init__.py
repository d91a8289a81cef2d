"""The gathered reference the tests check our content against, vendored from the team's
shared folder so a plain clone runs every check (see SOURCE.md)."""

from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent
