"""One module per feature; each defines ``async def setup(bot)``."""
