"""Failed sign-ins limited per client address and in all, shared by every session of the process.

A password guess costs an attacker nothing but a new browser session, so the limit cannot live
in ``st.session_state``. :class:`Throttle` keeps, per address, the times of recent attempts
in a sliding window (a minute by default): an address with ``per_address`` of them in the
window, or the whole process with ``overall``, is refused until the oldest one leaves it.

An allowed attempt counts at once (before the password is checked), so sessions racing each
other cannot slip past the limit; a successful sign-in forgets its address's attempts. Refused
attempts are not counted, so a locked-out address waits at most one window. Streamlit-free.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from math import ceil
from typing import Literal

#: Defaults: at most 5 failed sign-ins per address and 30 in all within a minute.
PER_ADDRESS, OVERALL, WINDOW = 5, 30, 60.0


@dataclass(frozen=True)
class Refusal:
    """Why an attempt is refused and how many whole seconds until the next may be made."""

    scope: Literal["address", "all"]
    seconds: int


class Throttle:
    def __init__(
        self,
        per_address: int = PER_ADDRESS,
        overall: int = OVERALL,
        window: float = WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_address, self.overall, self.window, self._clock = per_address, overall, window, clock
        self._all: deque[tuple[float, str]] = deque()
        self._by_address: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def attempt(self, address: str) -> Refusal | None:
        """None (and the attempt counts) when ``address`` may try now, else the refusal."""
        with self._lock:
            now = self._clock()
            self._expire(now)
            mine = self._by_address.get(address, ())
            if len(mine) >= self.per_address:
                return Refusal("address", self._seconds(mine[0], now))
            if len(self._all) >= self.overall:
                return Refusal("all", self._seconds(self._all[0][0], now))
            self._by_address.setdefault(address, deque()).append(now)
            self._all.append((now, address))
            return None

    def succeeded(self, address: str) -> None:
        """Forget the attempts of an address that has just signed in."""
        with self._lock:
            self._by_address.pop(address, None)
            self._all = deque(entry for entry in self._all if entry[1] != address)

    def clear(self) -> None:
        with self._lock:
            self._all.clear()
            self._by_address.clear()

    def remembered(self) -> int:
        """Attempts held in memory (never more than ``overall``)."""
        with self._lock:
            return len(self._all)

    def _expire(self, now: float) -> None:
        while self._all and self._all[0][0] <= now - self.window:
            _, address = self._all.popleft()
            mine = self._by_address[address]
            mine.popleft()
            if not mine:
                del self._by_address[address]

    def _seconds(self, oldest: float, now: float) -> int:
        return max(1, ceil(oldest + self.window - now))
