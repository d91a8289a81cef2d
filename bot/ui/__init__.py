"""Turning domain results into Discord embeds, views and files, within Discord's limits."""
