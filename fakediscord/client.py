"""A client that acts like a person in the guild: runs commands, clicks, fills in modals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .interactions import (
    UsageError,
    command_data,
    component_data,
    interaction,
    modal_data,
)
from .kinds import (
    AUTOCOMPLETE,
    CHOICES,
    COMMAND,
    COMPONENT,
    DEFERRED,
    DEFERRED_UPDATE,
    LOADING,
    MODAL,
    MODAL_SUBMIT,
    STRING_SELECT,
)
from .messages import Choice, Message, Modal
from .objects import ALICE, FakeUser
from .records import InteractionRecord
from .server import FakeDiscord
from .violations import DiscordRuleViolation
from .where import IN_SERVER, Where


class NoResponseError(AssertionError):
    """What the user sees as "The application did not respond"."""


class DiscordClient:
    """Acts as users of the fake's guild. `last` is the record of the latest interaction.

    Each call raises DiscordRuleViolation if the bot sent something Discord would refuse,
    and NoResponseError if it did not answer in time.
    """

    def __init__(self, fake: FakeDiscord, *, timeout: float = 10.0) -> None:
        self.fake = fake
        self.timeout = timeout
        self.last: InteractionRecord | None = None

    async def slash(
        self,
        command: str,
        /,
        *,
        user: FakeUser = ALICE,
        where: Where = IN_SERVER,
        options: Mapping[str, Any] | None = None,
        **values: Any,
    ) -> Message | Modal:
        """Run `/command` ("intake log" for a sub-command); options by keyword or `options`.

        `where`: the bot's server (default), a DM with the bot, a server the bot is not in…
        """
        commands = await self._commands(where)
        data = command_data(commands, command, {**(options or {}), **values}, where=where)
        payload = interaction(COMMAND, user, data, where=where)
        return await self._act(payload, f"/{command} in {where.name}", where=where)

    async def autocomplete(
        self,
        command: str,
        option: str,
        typed: str,
        /,
        *,
        user: FakeUser = ALICE,
        where: Where = IN_SERVER,
        **values: Any,
    ) -> list[Choice]:
        """Type `typed` into `option` of `/command`; the choices the bot offers."""
        commands = await self._commands(where)
        data = command_data(commands, command, values, focused=(option, typed), where=where)
        payload = interaction(AUTOCOMPLETE, user, data, where=where)
        record = await self._dispatch(payload, f"/{command} {option}", where)
        if record.callback_type != CHOICES:
            raise UsageError(f"autocomplete was answered with callback {record.callback_type}")
        return [Choice(c["name"], c["value"]) for c in record.callback_data["choices"]]

    async def click(self, message: Message, button: str, /, *, user: FakeUser = ALICE):
        """Click the button with this label or custom_id on `message`."""
        target = message.button(button)
        if target.disabled or target.custom_id is None:
            raise UsageError(f"button {button!r} cannot be clicked (disabled or a link)")
        return await self._component(message, target.raw, None, user, f"click {button!r}")

    async def select(
        self,
        message: Message,
        custom_id: str | None,
        values: Sequence[str],
        /,
        *,
        user: FakeUser = ALICE,
    ) -> Message | Modal:
        """Pick `values` in the select `custom_id` (None: the message's only select)."""
        target = message.select(custom_id)
        offered = {value for _, value in target.options}
        if target.raw.get("type") == STRING_SELECT and not set(values) <= offered:
            raise UsageError(f"select {target.custom_id!r} offers only {sorted(offered)}")
        if not target.min_values <= len(values) <= target.max_values or target.disabled:
            raise UsageError(f"select {target.custom_id!r} cannot take {len(values)} value(s)")
        return await self._component(message, target.raw, list(values), user, "select")

    async def submit_modal(
        self, modal: Modal, values: Mapping[str, str], /, *, user: FakeUser = ALICE
    ) -> Message | Modal:
        """Fill in `modal` (keys: input labels or custom_ids) and submit it."""
        by_label = {label: custom_id for custom_id, label in modal.inputs.items()}
        filled = {}
        for key, value in values.items():
            if key not in modal.inputs and key not in by_label:
                raise UsageError(f"modal {modal.title!r} has no input {key!r}: {modal.inputs}")
            filled[by_label.get(key, key)] = value
        source = self.fake.messages.get(modal.source_id or 0)
        payload = interaction(
            MODAL_SUBMIT,
            user,
            modal_data(modal.raw, filled),
            source.payload if source else None,
            modal.where,
        )
        return await self._act(payload, f"modal {modal.title!r}", where=modal.where)

    async def dm(self, user: FakeUser, count: int = 1, *, within: float | None = None) -> Message:
        """Wait until `user` has `count` DMs from the bot; the latest one."""
        messages = await self.fake.wait_for(
            lambda: len(dms := self.fake.dms_to(user)) >= count and dms,
            self.timeout if within is None else within,
            f"DM number {count} to {user.name}",
        )
        self._raise_violations()
        return Message.of(messages[count - 1])

    # the waiting ---------------------------------------------------------------------------

    async def _commands(self, where: Where) -> list[dict[str, Any]]:
        return await self.fake.wait_for(
            lambda: self.fake.registered_commands(where.guild_id),
            self.timeout,
            "the bot to register its commands",
        )

    async def _component(self, message: Message, component: dict, values, user, what: str):
        """Use a component of `message`, in the place the message was posted."""
        source = self.fake.messages[message.id]
        data = component_data(component, values)
        payload = interaction(COMPONENT, user, data, source.payload, source.where)
        return await self._act(payload, what, source.version, source.where)

    async def _dispatch(
        self, payload: dict[str, Any], what: str, where: Where = IN_SERVER
    ) -> InteractionRecord:
        """Send the interaction and wait for the first callback (or a rule broken)."""
        fake = self.fake
        record = await fake.dispatch_interaction(payload, where)
        self.last = record
        limit = fake.response_deadline + 0.5
        try:
            await fake.wait_for(
                lambda: record.callback_type is not None or fake.unreported_violations(),
                limit,
                f"the response to {what}",
            )
        except TimeoutError:
            self._raise_violations()
            raise NoResponseError(
                f"The application did not respond to {what} within {limit} s"
            ) from None
        self._raise_violations()
        return record

    async def _act(
        self, payload: dict, what: str, source_version: int = 0, where: Where = IN_SERVER
    ) -> Message | Modal:
        record = await self._dispatch(payload, what, where)
        if record.callback_type == MODAL:
            return Modal.of(record.callback_data, record.source_message_id, where)
        # after a type-6 defer the clicked message is the original: it must change
        baseline = source_version if record.callback_type == DEFERRED_UPDATE else 0
        if record.callback_type in (DEFERRED, DEFERRED_UPDATE):
            await self.fake.wait_for(
                lambda: (
                    record.followup_ids
                    or self._original_done(record, baseline)
                    or self.fake.unreported_violations()
                ),
                self.timeout,
                f"the bot to finish {what} after deferring",
            )
            self._raise_violations()
        if self._original_done(record, baseline):
            return Message.of(self.fake.messages[record.original_id or 0])
        if record.followup_ids:
            return Message.of(self.fake.messages[record.followup_ids[0]])
        raise NoResponseError(f"interaction {record.id} has no message to show")

    def _original_done(self, record: InteractionRecord, baseline: int) -> bool:
        """The original response exists, is no longer "thinking…", and changed since baseline."""
        original = self.fake.messages.get(record.original_id or 0)
        return bool(
            original and not original.payload["flags"] & LOADING and original.version > baseline
        )

    def _raise_violations(self) -> None:
        found = self.fake.take_violations()
        if found:
            raise DiscordRuleViolation(found)
