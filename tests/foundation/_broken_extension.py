"""An extension that fails to load, to show the others still do."""


async def setup(bot):
    raise RuntimeError("this extension is broken on purpose")
