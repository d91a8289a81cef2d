"""Discord's rules for command registrations, the acknowledgement rules, and the error shape."""

import pytest

from fakediscord.objects import APP_ID, GUILD_ID

pytestmark = pytest.mark.asyncio(loop_scope="module")

X = "x"
PUT = f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"


def option(name: str = "opt", kind: int = 3, **extra) -> dict:
    return {"name": name, "description": "d", "type": kind, **extra}


def command(name: str = "cmd", **extra) -> dict:
    return {"name": name, "description": "d", "type": 1, **extra}


def sub(name: str, *options: dict, kind: int = 1) -> dict:
    return option(name, kind, options=list(options))


CASES = {
    "name with a space": (command("bad name"), "0.name", "invalid"),
    "name in upper case": (command("Foods"), "0.name", "lower case"),
    "name over 32": (command(X * 33), "0.name", "32"),
    "empty description": (command(description=""), "0.description", "between 1 and 100"),
    "description over 100": (command(description=X * 101), "0.description", "100"),
    "more than 25 options": (
        command(options=[option(f"o{i}") for i in range(26)]),
        "0.options",
        "between 0 and 25",
    ),
    "required after optional": (
        command(options=[option("a"), option("b", required=True)]),
        "0.options.1.required",
        "before non-required",
    ),
    "option name in upper case": (command(options=[option("Food")]), "0.options.0.name", "lower"),
    "more than 25 choices": (
        command(options=[option(choices=[{"name": str(i), "value": str(i)} for i in range(26)])]),
        "0.options.0.choices",
        "between 0 and 25",
    ),
    "choice name over 100": (
        command(options=[option(choices=[{"name": X * 101, "value": "v"}])]),
        "0.options.0.choices.0.name",
        "100",
    ),
    "autocomplete with choices": (
        command(options=[option(autocomplete=True, choices=[{"name": "a", "value": "a"}])]),
        "0.options.0.autocomplete",
        "cannot be set",
    ),
    "nesting too deep": (
        command(options=[sub("group", sub("inner", sub("deep")), kind=2)]),
        "0.options.0.options.0.options.0.type",
        "Nesting",
    ),
    "sub-commands mixed with options": (
        command(options=[sub("log"), option("plain")]),
        "0.options",
        "cannot be mixed",
    ),
    "over 8000 characters": (
        command(
            options=[
                option(
                    f"o{i}",
                    description=X * 100,
                    choices=[{"name": X * 100, "value": f"v{c}"} for c in range(4)],
                )
                for i in range(20)
            ]
        ),
        "0",
        "8000",
    ),
}


def error_at(body: dict, path: str) -> list[dict]:
    node = body["errors"]
    for part in path.split("."):
        node = node[part]
    return node["_errors"]


@pytest.mark.parametrize(("body", "path", "reason"), CASES.values(), ids=CASES)
async def test_registration_breaking_a_rule_is_refused(send, fake_discord, body, path, reason):
    status, reply = await send("PUT", PUT, [body])
    assert (status, reply["code"]) == (400, 50035)
    assert any(reason in e["message"] for e in error_at(reply, path)), reply
    assert any(reason in v.message for v in fake_discord.take_violations())
    assert fake_discord.commands.get(GUILD_ID) is None


async def test_valid_registration_is_stored_with_ids(send, fake_discord):
    body = [command("intake", options=[sub("log", option("food", required=True), option("n", 4))])]
    status, reply = await send("PUT", PUT, body)
    assert status == 200, reply
    assert reply[0]["id"]
    assert reply[0]["guild_id"] == str(GUILD_ID)
    status, listed = await send("GET", PUT)
    assert listed == reply
    await send("PUT", PUT, [])


async def test_second_initial_response_is_already_acknowledged(
    callback, interact, send, fake_discord
):
    record = await interact()
    url = f"/interactions/{record.id}/{record.token}/callback"
    assert (await send("POST", url, {"type": 4, "data": {"content": "one"}}))[0] == 204
    status, body = await send("POST", url, {"type": 4, "data": {"content": "two"}})
    assert (status, body["code"]) == (400, 40060)
    assert [v.code for v in fake_discord.take_violations()] == ["40060"]


async def test_first_response_after_the_deadline_is_unknown_interaction(
    interact, send, fake_discord
):
    record = await interact()
    record.dispatched_at -= fake_discord.response_deadline + 0.1  # as if 3.1 s had passed
    url = f"/interactions/{record.id}/{record.token}/callback"
    status, body = await send("POST", url, {"type": 4, "data": {"content": "late"}})
    assert (status, body["code"]) == (404, 10062)
    assert [v.code for v in fake_discord.take_violations()] == ["10062"]


async def test_wrong_callback_type_for_the_interaction_is_refused(callback, fake_discord):
    status, body = await callback({"type": 8, "data": {"choices": []}})
    assert (status, body["code"]) == (400, 50035)
    assert "callback type 8" in error_at(body, "type")[0]["message"]
    fake_discord.take_violations()


async def test_bot_routes_need_the_token(http, fake_discord):
    async with http.get(f"{fake_discord.api_base}/users/@me") as response:
        assert response.status == 401
        assert response.headers["Content-Type"] == "application/json"


async def test_openapi_schema_catches_what_the_limits_table_does_not(callback, fake_discord):
    status, body = await callback({"type": 4, "data": {"embeds": [{"color": 2**24}]}})
    assert (status, body["code"]) == (400, 50035)
    assert "OpenAPI" in error_at(body, "data.embeds.0.color")[0]["message"]
    fake_discord.take_violations()

