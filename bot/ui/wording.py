"""Sentences that several answers end with, written once."""

NOT_ADVICE = "Describes, does not prescribe; not medical advice."
"""On every answer with health content (food values, studies, intakes, the self-check)."""
