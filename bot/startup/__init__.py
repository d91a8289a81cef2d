"""Getting the bot connected: waiting out an unreachable service, and registering commands
only when they changed."""
