"""Each of Discord's message, component, modal and autocomplete limits, refused like Discord."""

import pytest

from fakediscord.kinds import AUTOCOMPLETE, COMMAND

pytestmark = pytest.mark.asyncio(loop_scope="module")

X = "x"


def button(custom_id: str = "b", **extra) -> dict:
    return {"type": 2, "style": 1, "label": "ok", "custom_id": custom_id, **extra}


def select(**extra) -> dict:
    options = [{"label": "a", "value": "a"}]
    return {"type": 3, "custom_id": "s", "options": options, **extra}


def row(*children: dict) -> dict:
    return {"type": 1, "components": list(children)}


def text_input(**extra) -> dict:
    return {"type": 4, "custom_id": "t", "style": 1, "label": "Name", **extra}


def modal(*rows: dict, title: str = "Form") -> dict:
    return {"type": 9, "data": {"custom_id": "m", "title": title, "components": list(rows)}}


def message(**data) -> dict:
    return {"type": 4, "data": data}


def field(name: str = "n", value: str = "v") -> dict:
    return {"name": name, "value": value}


MESSAGE_CASES = {
    "content over 2000": (message(content=X * 2001), "data.content", "2000 or fewer"),
    "more than 10 embeds": (
        message(embeds=[{"title": "t"}] * 11),
        "data.embeds",
        "between 0 and 10",
    ),
    "embed title over 256": (message(embeds=[{"title": X * 257}]), "data.embeds.0.title", "256"),
    "embed description over 4096": (
        message(embeds=[{"description": X * 4097}]),
        "data.embeds.0.description",
        "4096",
    ),
    "more than 25 fields": (
        message(embeds=[{"fields": [field()] * 26}]),
        "data.embeds.0.fields",
        "between 0 and 25",
    ),
    "field name over 256": (
        message(embeds=[{"fields": [field(name=X * 257)]}]),
        "data.embeds.0.fields.0.name",
        "256",
    ),
    "field value over 1024": (
        message(embeds=[{"fields": [field(value=X * 1025)]}]),
        "data.embeds.0.fields.0.value",
        "1024",
    ),
    "empty field value": (
        message(embeds=[{"fields": [field(value="")]}]),
        "data.embeds.0.fields.0.value",
        "between 1 and 1024",
    ),
    "footer over 2048": (
        message(embeds=[{"footer": {"text": X * 2049}}]),
        "data.embeds.0.footer.text",
        "2048",
    ),
    "author name over 256": (
        message(embeds=[{"author": {"name": X * 257}}]),
        "data.embeds.0.author.name",
        "256",
    ),
    "6000 over all embeds": (
        message(embeds=[{"description": X * 4000}, {"description": X * 2001}]),
        "data.embeds",
        "6000",
    ),
    "more than 5 action rows": (
        message(components=[row(button(f"b{i}")) for i in range(6)]),
        "data.components",
        "between 0 and 5",
    ),
    "more than 5 buttons in a row": (
        message(components=[row(*(button(f"b{i}") for i in range(6)))]),
        "data.components.0.components",
        "between 1 and 5",
    ),
    "select not alone in its row": (
        message(components=[row(select(), button())]),
        "data.components.0.components",
        "alone in its action row",
    ),
    "button label over 80": (
        message(components=[row(button(label=X * 81))]),
        "data.components.0.components.0.label",
        "80",
    ),
    "custom_id over 100": (
        message(components=[row(button(X * 101))]),
        "data.components.0.components.0.custom_id",
        "100",
    ),
    "custom_id missing": (
        message(components=[row({"type": 2, "style": 1, "label": "ok"})]),
        "data.components.0.components.0.custom_id",
        "required",
    ),
    "custom_id not unique": (
        message(components=[row(button("same")), row(button("same"))]),
        "data.components.1.components.0.custom_id",
        "cannot be duplicated",
    ),
    "select without options": (
        message(components=[row(select(options=[]))]),
        "data.components.0.components.0.options",
        "between 1 and 25",
    ),
    "select with 26 options": (
        message(
            components=[
                row(select(options=[{"label": str(i), "value": str(i)} for i in range(26)]))
            ]
        ),
        "data.components.0.components.0.options",
        "between 1 and 25",
    ),
    "select option label over 100": (
        message(components=[row(select(options=[{"label": X * 101, "value": "v"}]))]),
        "data.components.0.components.0.options.0.label",
        "100",
    ),
    "select option value over 100": (
        message(components=[row(select(options=[{"label": "l", "value": X * 101}]))]),
        "data.components.0.components.0.options.0.value",
        "100",
    ),
    "select option description over 100": (
        message(
            components=[row(select(options=[{"label": "l", "value": "v", "description": X * 101}]))]
        ),
        "data.components.0.components.0.options.0.description",
        "100",
    ),
    "select placeholder over 150": (
        message(components=[row(select(placeholder=X * 151))]),
        "data.components.0.components.0.placeholder",
        "150",
    ),
    "select min_values over 25": (
        message(components=[row(select(min_values=26))]),
        "data.components.0.components.0.min_values",
        "between 0 and 25",
    ),
    "select max_values over 25": (
        message(components=[row(select(max_values=26))]),
        "data.components.0.components.0.max_values",
        "between 1 and 25",
    ),
    "modal title over 45": (modal(row(text_input()), title=X * 46), "data.title", "45"),
    "modal without components": (modal(), "data.components", "between 1 and 5"),
    "modal with 6 components": (
        modal(*(row(text_input(custom_id=f"t{i}")) for i in range(6))),
        "data.components",
        "between 1 and 5",
    ),
    "text input label over 45": (
        modal(row(text_input(label=X * 46))),
        "data.components.0.components.0.label",
        "45",
    ),
    "text input value over 4000": (
        modal(row(text_input(value=X * 4001))),
        "data.components.0.components.0.value",
        "4000",
    ),
    "text input placeholder over 100": (
        modal(row(text_input(placeholder=X * 101))),
        "data.components.0.components.0.placeholder",
        "100",
    ),
}

AUTOCOMPLETE_CASES = {
    "more than 25 choices": (
        [{"name": str(i), "value": str(i)} for i in range(26)],
        "data.choices",
        "between 0 and 25",
    ),
    "choice name over 100": ([{"name": X * 101, "value": "v"}], "data.choices.0.name", "100"),
    "empty choice name": ([{"name": "", "value": "v"}], "data.choices.0.name", "between 1 and 100"),
}


def error_at(body: dict, path: str) -> list[dict]:
    node = body["errors"]
    for part in path.split("."):
        node = node[part]
    return node["_errors"]


def assert_refused(reply, fake, path: str, reason: str) -> None:
    status, body = reply
    assert status == 400
    assert (body["code"], body["message"]) == (50035, "Invalid Form Body")
    assert any(reason in e["message"] for e in error_at(body, path)), body
    recorded = fake.take_violations()
    assert any(v.path == path and reason in v.message for v in recorded), recorded


@pytest.mark.parametrize(("body", "path", "reason"), MESSAGE_CASES.values(), ids=MESSAGE_CASES)
async def test_callback_breaking_a_limit_is_refused(callback, fake_discord, body, path, reason):
    assert_refused(await callback(body), fake_discord, path, reason)


@pytest.mark.parametrize(
    ("choices", "path", "reason"), AUTOCOMPLETE_CASES.values(), ids=AUTOCOMPLETE_CASES
)
async def test_autocomplete_breaking_a_limit_is_refused(
    callback, fake_discord, choices, path, reason
):
    reply = await callback({"type": 8, "data": {"choices": choices}}, AUTOCOMPLETE)
    assert_refused(reply, fake_discord, path, reason)


async def test_payload_within_every_limit_is_accepted(callback, fake_discord):
    rows = [row(*(button(f"r{r}b{b}", label=X * 80) for b in range(5))) for r in range(4)]
    rows.append(row(select(placeholder=X * 150, max_values=1)))
    embeds = [{"title": X * 256, "description": X * 344}] * 10
    status, body = await callback(message(content=X * 2000, embeds=embeds, components=rows))
    assert status == 204, body
    assert fake_discord.take_violations() == []


async def test_followup_and_edit_are_checked_too(callback, interact, send, fake_discord):
    record = await interact(COMMAND)
    webhook = f"/webhooks/{record.payload['application_id']}/{record.token}"
    status, _ = await send(
        "POST", f"/interactions/{record.id}/{record.token}/callback", {"type": 5}
    )
    assert status == 204
    reply = await send("PATCH", f"{webhook}/messages/@original", {"content": X * 2001})
    assert_refused(reply, fake_discord, "content", "2000")
    reply = await send("POST", f"{webhook}?wait=true", {"embeds": [{"title": X * 257}]})
    assert_refused(reply, fake_discord, "embeds.0.title", "256")
