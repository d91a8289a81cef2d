"""Reading a paged answer the way a person does: press Next until the last page."""


async def every_page(discord, msg):
    """The message as it reads on each page, pressing Next until the last."""
    pages = [msg]
    while msg.buttons and not msg.button("Next").disabled:
        msg = await discord.click(msg, "Next")
        pages.append(msg)
    return pages
