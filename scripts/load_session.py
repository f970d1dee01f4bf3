"""One simulated user of the load test (``scripts/load_test.py``): a browser context looping
through the dashboard's pages, and what the sessions measure together (``Stats``, latency
percentiles, CPU seconds of the app and the browser).

The scripts run in the page (``INIT_SCRIPT``, ``MET``, ``DONE``, ``SEEN``, ``PROBLEMS``) tell when
the script run an action caused has finished and its output is on the page; see the load test's
docstring for how latency and errors are counted.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

NAV_LINK = '[data-testid="stSidebarNavLink"]'

#: Counts finished script runs; installed before any page script.
INIT_SCRIPT = """
window.__kpiRuns = 0;
new MutationObserver((mutations) => {
  for (const m of mutations) {
    const now = m.target.getAttribute('data-test-script-state');
    if (now === 'notRunning' && m.oldValue !== 'notRunning') window.__kpiRuns += 1;
  }
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
"""
#: True when the output an action must produce is on the page; arg = expectation.
MET = """(exp) => {
  const has = (tag, text) => [...document.querySelectorAll(tag)].some((h) => h.innerText.trim() === text);
  if (exp.h1 && !has('h1', exp.h1)) return false;
  if (exp.h2 && !has('h2', exp.h2)) return false;
  if (exp.param) {
    const value = new URLSearchParams(location.search).get(exp.param[0]) || '';
    if (value === exp.param[1]) return false;  // the run has not rewritten the URL yet
  }
  return true;
}"""
#: True when the run has finished and its output is there; arg = [runs before, expectation, need a
#: counted run]. A counted run is required when the expected output was there before the action
#: (or after a page load); otherwise the output appearing proves that the run delivered it (a very
#: quick run can go running -> notRunning within one React render, leaving the attribute unchanged).
DONE = (
    """([before, exp, needRun]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (needRun && (window.__kpiRuns || 0) <= before) return false;
  return ("""
    + MET
    + """)(exp);
}"""
)
#: What the page showed when an action timed out (for the error detail).
SEEN = """() => JSON.stringify({
  url: location.href, runs: window.__kpiRuns,
  state: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
  connection: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-connection-state'),
  h1: [...document.querySelectorAll('h1')].map((h) => h.innerText.trim()),
})"""
PROBLEMS = """() => {
  const boxes = document.querySelectorAll('[data-testid="stException"]').length;
  const traceback = document.body ? document.body.innerText.includes('Traceback') : false;
  return {boxes, traceback};
}"""


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)  # action kind -> ms
    errors: list[dict] = field(default_factory=list)
    stubbed: int = 0
    unobserved_runs: int = 0  # actions whose run never showed as "running" in the DOM
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds during the run
    load_start: list[float] = field(default_factory=list)  # 1/5/15-min load average at the start
    interrupted: bool = False  # stopped by SIGINT/SIGTERM before the time was up
    base_path_probes: int = 0  # 404s of /<page>/_stcore/health|host-config (not errors)

    def record(self, kind: str, ms: float) -> None:
        self.latencies.setdefault(kind, []).append(ms)

    def error(self, session: int, kind: str, detail: str) -> None:
        self.errors.append({"session": session, "kind": kind, "detail": detail[:500], "t": time.time()})


class Session:
    """One simulated user: a browser context with one page, looping through the actions."""

    def __init__(self, index: int, context, base: str, args, stats: Stats, kpis, title_of) -> None:
        self.index, self.context, self.base, self.args, self.stats = index, context, base, args, stats
        self.kpis, self.title_of = kpis, title_of
        self.rng = random.Random(args.seed * 1000 + index)
        self.page = None
        self.lang, self.path = "ja", ""
        self.actions = 0

    async def start(self) -> None:
        self.page = await self.context.new_page()
        self.page.on("pageerror", lambda exc: self.stats.error(self.index, "pageerror", str(exc)))
        self.page.on("console", self._console)

    def _console(self, message) -> None:
        if message.type == "error":
            location = message.location.get("url", "") if message.location else ""
            if "status of 404" in message.text and re.fullmatch(
                re.escape(self.base) + r"/[^/]+/_stcore/(health|host-config)", location
            ):
                # Streamlit's frontend, opened on a page URL (/kpi?...), first looks for the server
                # under /kpi/_stcore/... (streamlit/streamlit#7074): known, harmless, counted apart.
                self.stats.base_path_probes += 1
                return
            self.stats.error(self.index, "console", f"{message.text} {location}".strip())

    async def _runs(self) -> int:
        return await self.page.evaluate("window.__kpiRuns || 0")

    async def _act(self, kind: str, do, expect: dict, *, navigation: bool = False) -> bool:
        """Do one action, wait for its run to finish; record latency or an error."""
        page = self.page
        before = 0 if navigation else await self._runs()
        need_run = navigation or await page.evaluate(MET, expect)
        start = time.perf_counter()
        try:
            response = await do()
            if navigation and (response is None or response.status >= 400):
                status = "no response" if response is None else response.status
                self.stats.error(self.index, "navigation", f"{kind}: {page.url} -> {status}")
                return False
            await page.wait_for_function(
                DONE, arg=[before, expect, need_run], timeout=self.args.action_timeout * 1000
            )
        except Exception as exc:  # timeouts and failed navigations are errors of the run
            name = "timeout" if "Timeout" in type(exc).__name__ else "navigation" if navigation else "action"
            seen = ""
            with contextlib.suppress(Exception):
                seen = await page.evaluate(SEEN)
            self.stats.error(
                self.index, name, f"{kind}: {type(exc).__name__}: {str(exc).splitlines()[0]}; page: {seen}"
            )
            await self._check_page(kind)
            return False
        self.stats.record(kind, (time.perf_counter() - start) * 1000)
        self.actions += 1
        if await self._runs() <= before:
            self.stats.unobserved_runs += 1
        await self._check_page(kind)
        return True

    async def _check_page(self, kind: str) -> None:
        with contextlib.suppress(Exception):  # a page that is gone has been reported already
            found = await self.page.evaluate(PROBLEMS)
            if found["boxes"] or found["traceback"]:
                self.stats.error(self.index, "exception", f"{kind} on {self.page.url}: {found}")

    # --- the actions -------------------------------------------------------------------------
    async def open_overview(self) -> bool:
        self.lang, self.path = "ja", ""
        return await self._act(
            "load_overview",
            lambda: self.page.goto(f"{self.base}/?lang=ja", wait_until="commit"),
            {"h1": self.title_of["ja"][""]},
            navigation=True,
        )

    async def deep_link(self) -> bool:
        kpi_id, name = self.rng.choice(self.kpis)
        self.lang, self.path = "en", "kpi"
        return await self._act(
            "deep_link_kpi",
            lambda: self.page.goto(f"{self.base}/kpi?kpi={kpi_id}&lang=en", wait_until="commit"),
            {"h1": self.title_of["en"]["kpi"], "h2": name},
            navigation=True,
        )

    async def go(self, path: str) -> bool:
        self.path = path
        link = self.page.locator(f'{NAV_LINK}[href="{self.base}/{path}"]')
        return await self._act(
            f"page_{path or 'overview'}",
            lambda: link.click(),
            {"h1": self.title_of[self.lang][path]},
        )

    async def switch_language(self) -> bool:
        self.lang = "en" if self.lang == "ja" else "ja"
        label = "English" if self.lang == "en" else "日本語"
        radio = self.page.locator('[data-testid="stSidebar"] [data-testid="stRadio"] label', has_text=label)
        return await self._act(
            "switch_language", lambda: radio.click(), {"h1": self.title_of[self.lang][self.path]}
        )

    async def filter_bureau(self, reset: bool = False) -> bool:
        page = self.page
        current = await page.evaluate("new URLSearchParams(location.search).get('bureau') || ''")
        if reset and not current:
            return True

        async def pick():
            await page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
            options = page.locator('[role="option"]')
            await options.first.wait_for(timeout=self.args.action_timeout * 1000)
            count = await options.count()
            if reset:
                choice = 0  # "all"
            else:
                selected = await options.evaluate_all(
                    "(os) => os.findIndex((o) => o.getAttribute('aria-selected') === 'true')"
                )
                choice = self.rng.choice([i for i in range(1, count) if i != selected] or [0])
            await options.nth(choice).click()

        return await self._act(
            "reset_bureau" if reset else "filter_bureau", pick, {"param": ["bureau", current]}
        )

    async def loop(self, deadline: float) -> None:
        steps = [
            self.open_overview,
            lambda: self.go("years"),
            lambda: self.go("bureaus"),
            self.switch_language,
            self.filter_bureau,
            lambda: self.go("kpi"),
            lambda: self.go("export"),
            self.switch_language,
            lambda: self.filter_bureau(reset=True),
            lambda: self.go(""),
            self.deep_link,
        ]
        while time.monotonic() < deadline and self.actions < self.args.max_actions:
            for step in steps:
                if time.monotonic() >= deadline or self.actions >= self.args.max_actions:
                    return
                if not await step():
                    break  # start over with a fresh page load after an error
                await asyncio.sleep(self.rng.uniform(0, 2 * self.args.think))


def percentiles(values: list[float]) -> dict[str, float | int]:
    """Nearest-rank percentiles in milliseconds."""
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def rank(p: float) -> float:
        return round(ordered[max(0, min(len(ordered) - 1, int(-(-p * len(ordered) // 100)) - 1))], 1)

    return {
        "n": len(ordered),
        "p50": rank(50),
        "p90": rank(90),
        "p99": rank(99),
        "max": round(ordered[-1], 1),
    }


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds used) of a process, from /proc (Linux)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()  # after "(comm)", which may contain spaces
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(app_pid: int | None) -> dict[str, float]:
    """CPU seconds used so far by the app process and by this script's other live descendants (the
    Playwright driver and Chromium; renderers that already exited are not counted)."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _stat(int(entry.name))) is not None:
            parents[int(entry.name)], used[int(entry.name)] = found

    def descends(pid: int) -> bool:
        for _ in range(64):
            pid = parents.get(pid, 0)
            if pid == os.getpid():
                return True
            if pid <= 1:
                return False
        return False

    app = used.get(app_pid, 0.0) if app_pid else 0.0
    browser = sum(cpu for pid, cpu in used.items() if pid != app_pid and descends(pid))
    return {"app": app, "browser": browser}
