"""magbot: a Discord bot on magnesium, zinc and IGF-1."""
