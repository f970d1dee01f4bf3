"""Failed sign-ins limited per client address and in all (dashboard/throttle.py)."""

from __future__ import annotations

import threading

import pytest

from dashboard.throttle import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def fail(throttle: Throttle, address: str, times: int) -> None:
    """``times`` attempts that are allowed and then fail (an attempt counts until a success)."""
    for _ in range(times):
        assert throttle.attempt(address) is None


def test_five_failures_from_one_address_lock_it_out_for_the_rest_of_the_minute(clock) -> None:
    throttle = Throttle(per_address=5, overall=30, window=60, clock=clock)
    fail(throttle, "198.51.100.7", 5)
    refused = throttle.attempt("198.51.100.7")
    assert refused is not None and refused.scope == "address" and refused.seconds == 60
    assert throttle.attempt("203.0.113.9") is None  # another address may still try
    clock.now += 59.5
    assert throttle.attempt("198.51.100.7").seconds == 1
    clock.now += 0.5
    assert throttle.attempt("198.51.100.7") is None


def test_thirty_failures_in_all_lock_everyone_out(clock) -> None:
    throttle = Throttle(per_address=5, overall=30, window=60, clock=clock)
    for i in range(30):
        fail(throttle, f"192.0.2.{i}", 1)
        clock.now += 1
    refused = throttle.attempt("203.0.113.200")  # never failed before
    assert refused is not None and refused.scope == "all" and refused.seconds == 30
    clock.now += 30
    assert throttle.attempt("203.0.113.200") is None


def test_a_refused_attempt_is_not_counted_and_a_success_forgets_the_address(clock) -> None:
    throttle = Throttle(per_address=2, overall=30, window=60, clock=clock)
    fail(throttle, "a", 2)
    for _ in range(10):
        assert throttle.attempt("a") is not None
    clock.now += 60
    assert throttle.attempt("a") is None  # only the 2 failures counted, both expired
    throttle.succeeded("a")
    fail(throttle, "a", 1)
    assert throttle.attempt("a") is None


def test_concurrent_attempts_cannot_exceed_the_limit(clock) -> None:
    """An attempt counts from the moment it is allowed: racing sessions cannot all slip through."""
    throttle = Throttle(per_address=5, overall=30, window=60, clock=clock)
    allowed = []
    start = threading.Barrier(20)

    def guess() -> None:
        start.wait()
        if throttle.attempt("198.51.100.7") is None:
            allowed.append(1)  # the password check would run here, and fail

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == 5


def test_memory_stays_bounded(clock) -> None:
    throttle = Throttle(per_address=5, overall=30, window=60, clock=clock)
    for i in range(10_000):
        throttle.attempt(f"addr-{i}")
        clock.now += 0.01
    assert throttle.remembered() <= 30
