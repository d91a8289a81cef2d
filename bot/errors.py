"""The one exception type for mistakes a user can fix."""


class UserError(Exception):
    """A problem with what the user asked for; its message is shown to them as is."""
