"""The load generator's own process stays out of the measurements."""

import gc

from bench.load import collector_held_off


def test_the_collector_is_held_off_during_a_load_and_runs_again_after_it():
    assert gc.isenabled()
    with collector_held_off():
        assert not gc.isenabled()  # no full pass over the fakes' records mid-load
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with collector_held_off():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
