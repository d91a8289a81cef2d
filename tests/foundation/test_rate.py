"""The logging limit (bot/exts/_rate.py) on its own clock: a burst of ``rate``, then one use
every ``per / rate`` seconds; people are let go once their allowance is whole again, and never
while they are still being held back."""

import pytest
from discord import app_commands

from bot.exts import _rate
from bot.exts._rate import SharedCooldown


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(_rate.time, "monotonic", lambda: now[0])
    return now


def test_a_burst_of_rate_uses_then_one_every_per_over_rate_seconds(clock):
    limit = SharedCooldown(rate=5, per=10)
    for _ in range(5):
        limit.hit(1)
    with pytest.raises(app_commands.CommandOnCooldown) as refused:
        limit.hit(1)
    assert refused.value.retry_after == pytest.approx(2.0)
    clock[0] += 1.9
    with pytest.raises(app_commands.CommandOnCooldown):
        limit.hit(1)
    clock[0] += 0.1
    limit.hit(1)  # 2 s after the burst: one more
    with pytest.raises(app_commands.CommandOnCooldown):
        limit.hit(1)
    limit.hit(2)  # somebody else is not held back


def test_a_refused_use_does_not_count(clock):
    limit = SharedCooldown(rate=2, per=10)
    limit.hit(1)
    limit.hit(1)
    for _ in range(3):
        with pytest.raises(app_commands.CommandOnCooldown):
            limit.hit(1)
    clock[0] += 5
    limit.hit(1)


def test_people_are_let_go_once_whole_again_but_not_while_held_back(clock):
    limit = SharedCooldown(rate=3, per=10)
    for person in range(1, 1_200):
        if person == 990:  # just before the first look: someone uses their whole allowance
            for _ in range(3):
                limit.hit(0)
        limit.hit(person)
        clock[0] += 0.01  # 12 s in all: the first people are whole again by the end
    assert len(limit._whole_at) < 1_000
    with pytest.raises(app_commands.CommandOnCooldown):
        limit.hit(0)  # still held back: not forgotten
