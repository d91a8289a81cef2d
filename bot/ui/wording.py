"""Sentences that several answers end with, written once."""

NOT_ADVICE = "Describes, does not prescribe; not medical advice."
