"""Load test: N browser sessions click through the dashboard for a fixed time against ONE app process.

    python scripts/load_test.py --start                      # own app on a free port, 10 sessions, 60 s
    python scripts/load_test.py --url http://127.0.0.1:8501 --sessions 4 --seconds 30 --out run.json

One headless Chromium (Debian's /usr/bin/chromium) with one browser context per session, driven
by Playwright's async API. Each session loops through: open the overview (a new Streamlit
session), the sidebar links to the years, bureaus, KPI and export pages, the language switch,
the bureau filter in the sidebar (a random bureau, later back to "all") and a KPI deep link
(``/kpi?kpi=<random id>&lang=en``), with a short random pause between actions.

Latency of an action = time from the click / ``goto`` until the script run it caused has finished
and its output is on the page: an init script counts the transitions of ``stApp``'s
``data-test-script-state`` attribute to ``notRunning`` (so a run that is quicker than one poll is
not missed), and the action waits until that count has grown (or, for a new page load, is at least
1), the state is ``notRunning`` and the element the action must produce is there (the page title in
the expected language, the KPI's name, or the ``bureau`` URL parameter the run writes). Plotly's
client-side drawing is not included.

Errors (the run fails when there is any): an exception box (``[data-testid="stException"]``) or
"Traceback" on the page, uncaught page errors, console errors, failed navigations (HTTP >= 400 or a
network error), and actions that time out. One console message is not an error: the 404 of
``/<page>/_stcore/health`` and ``/<page>/_stcore/host-config`` that Streamlit's frontend requests
when it is opened on a page URL (streamlit/streamlit#7074), counted in
``ignored_base_path_probe_404s``. Requests to hosts other than the app's (the favicon of a
``:material/...:`` page icon comes from fonts.gstatic.com) are answered locally with an empty
response, counted in ``external_requests_stubbed``: the test never leaves 127.0.0.1.

Bounded: no action starts after ``--seconds``; each waits at most ``--action-timeout``; a session
stops after ``--max-actions``; the whole run is cancelled after seconds + 2 x action-timeout + 30 s.
Exit status 0 only with zero errors and at least one action. Needs the ``playwright`` package.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import shlex
import signal
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.apphost import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, app_env, running_app  # noqa: E402
from scripts.load_session import INIT_SCRIPT, Session, Stats, cpu_seconds, percentiles  # noqa: E402

#: Sidebar navigation order (dashboard/streamlit_app.py) and each page's title key in dashboard/i18n.py.
PAGES = [("", "app_title"), ("years", "page_years"), ("bureaus", "page_bureaus"), ("kpi", "page_kpi")]
PAGES.append(("export", "page_export"))
APP_PID: list[int] = []  # the app started by --start, for its CPU time
FALLBACK_KPI = ("openroaming-wifi-metro-facilities", "Metropolitan facilities with OpenRoaming Wi-Fi")


def kpi_names(data: str | None, seeds: str | None) -> list[tuple[str, str]]:
    """(id, English name) of every KPI in the data file the app serves, for deep links."""
    try:
        from model.loader import load
        from model.settings import DEFAULT_DATA, DEFAULT_SEEDS

        dataset = load(Path(data or DEFAULT_DATA), Path(seeds or DEFAULT_SEEDS))
        return [(k.id, k.name.en) for k in dataset.kpis] or [FALLBACK_KPI]
    except Exception as exc:  # the deep links still work, only with one known KPI
        print(
            f"load_test: cannot read the KPI list ({exc}); deep links use {FALLBACK_KPI[0]}", file=sys.stderr
        )
        return [FALLBACK_KPI]


def titles() -> dict[str, dict[str, str]]:
    from model.words import word

    return {lang: {path: word(key, lang) for path, key in PAGES} for lang in ("ja", "en")}


async def run(args, base: str) -> tuple[Stats, float]:
    from playwright.async_api import async_playwright

    stats = Stats()
    kpis = kpi_names(args.data, args.seeds)
    title_of = titles()
    app_host = urlsplit(base).netloc

    async def stub_external(route) -> None:
        if urlsplit(route.request.url).netloc == app_host:
            await route.continue_()
            return
        stats.stubbed += 1
        if route.request.url.endswith(".svg"):
            await route.fulfill(
                status=200, content_type="image/svg+xml", body='<svg xmlns="http://www.w3.org/2000/svg"/>'
            )
        else:
            await route.fulfill(status=204, body="")

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            sessions = []
            for i in range(args.sessions):
                context = await browser.new_context(viewport=VIEWPORT)
                await context.add_init_script(INIT_SCRIPT)
                await context.route("**/*", stub_external)
                session = Session(i, context, base, args, stats, kpis, title_of)
                await session.start()
                sessions.append(session)
            cpu_before = cpu_seconds(APP_PID[0] if APP_PID else None)
            stats.load_start = [round(x, 2) for x in os.getloadavg()]
            started = time.monotonic()
            deadline = started + args.seconds

            async def staggered(session: Session) -> None:
                await asyncio.sleep(session.index * 0.2)  # users do not all arrive in the same ms
                await session.loop(deadline)

            limit = args.seconds + 2 * args.action_timeout + 30
            me, loop = asyncio.current_task(), asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):  # stop early, still clean up and report
                loop.add_signal_handler(signum, me.cancel)
            gathered = asyncio.gather(*(staggered(s) for s in sessions))
            try:
                await asyncio.wait_for(gathered, timeout=limit)
            except TimeoutError:
                stats.error(-1, "timeout", f"the run did not end within {limit} s; cancelled")
            except asyncio.CancelledError:
                me.uncancel()
                stats.interrupted = True
                print("load_test: interrupted; cleaning up", file=sys.stderr)
            finally:
                for signum in (signal.SIGINT, signal.SIGTERM):
                    loop.remove_signal_handler(signum)
                if gathered.done():  # mark a cancellation as seen (no "never retrieved" warning)
                    with contextlib.suppress(BaseException):
                        gathered.exception()
            elapsed = time.monotonic() - started
            cpu_after = cpu_seconds(APP_PID[0] if APP_PID else None)
            stats.cpu = {k: round(cpu_after[k] - cpu_before[k], 1) for k in cpu_after}
            for session in sessions:
                with contextlib.suppress(Exception):
                    await session.context.close()
        finally:
            await browser.close()
    return stats, elapsed


@contextlib.contextmanager
def own_app(data: str | None, seeds: str | None, log_path: Path) -> Iterator[str]:
    """``streamlit run`` on a free port (as ``make run`` does), healthy before use, stopped after."""
    with running_app(log_path, app_env(data=data, seeds=seeds)) as (url, process):
        APP_PID.append(process.pid)
        yield url


def machine() -> dict[str, str | int | None]:
    memory = None
    with contextlib.suppress(OSError), open("/proc/meminfo") as info:
        kib = int(next(line for line in info if line.startswith("MemTotal")).split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    return {"nproc": os.cpu_count(), "mem_total": memory, "platform": platform.platform()}


def _short(path: str) -> str:
    """A path relative to the project when it is inside it (``.venv/bin/python``)."""
    try:
        return str(Path(path).relative_to(ROOT))
    except ValueError:
        return path


def report(args, url: str, stats: Stats, elapsed: float) -> dict:
    navigations = ("load_overview", "deep_link_kpi")
    everything = [ms for values in stats.latencies.values() for ms in values]
    reruns = [ms for kind, values in stats.latencies.items() if kind not in navigations for ms in values]
    loads = [ms for kind, values in stats.latencies.items() if kind in navigations for ms in values]
    counts: dict[str, int] = {}
    for error in stats.errors:
        counts[error["kind"]] = counts.get(error["kind"], 0) + 1
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": shlex.join([_short(sys.executable), *sys.argv]),
        "machine": machine(),
        "url": url,
        "sessions": args.sessions,
        "seconds": args.seconds,
        "elapsed_s": round(elapsed, 1),
        "actions": len(everything),
        "actions_per_s": round(len(everything) / elapsed, 2) if elapsed else 0,
        "interrupted": stats.interrupted,
        "errors": len(stats.errors),
        "errors_by_kind": counts,
        "error_details": stats.errors[:50],
        "external_requests_stubbed": stats.stubbed,
        "runs_not_seen_running": stats.unobserved_runs,
        "ignored_base_path_probe_404s": stats.base_path_probes,
        "cpu_seconds": {
            "app": stats.cpu.get("app") if APP_PID else None,  # known with --start only
            "browser": stats.cpu.get("browser"),
            # other work on the machine shows here: compare with the CPU seconds above
            "load_average_start": stats.load_start,
            "load_average_end": [round(x, 2) for x in os.getloadavg()],
        },
        "latency_ms": {
            "reruns": percentiles(reruns),
            "page_loads": percentiles(loads),
            "all": percentiles(everything),
            "by_action": {kind: percentiles(values) for kind, values in sorted(stats.latencies.items())},
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="a running app, e.g. http://127.0.0.1:8501")
    target.add_argument("--start", action="store_true", help="start one app process on a free port")
    parser.add_argument("--sessions", type=int, default=10, help="browser sessions (default 10)")
    parser.add_argument("--seconds", type=float, default=60, help="test duration (default 60)")
    parser.add_argument("--out", type=Path, help="write the JSON report here")
    parser.add_argument("--data", help="data file for --start (KPI_DATA) and the deep-link KPI list")
    parser.add_argument("--seeds", help="seed folder for --start (KPI_SEEDS)")
    parser.add_argument("--think", type=float, default=0.3, help="mean pause between actions, s (0.3)")
    parser.add_argument("--action-timeout", type=float, default=30, help="max wait per action, s (30)")
    parser.add_argument("--max-actions", type=int, default=10_000, help="max actions per session")
    parser.add_argument("--seed", type=int, default=0, help="random seed (choices of KPIs and bureaus)")
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.seconds <= 0:
        parser.error("--sessions must be >= 1 and --seconds > 0")
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("load_test: the playwright package is not installed (pip install playwright)", file=sys.stderr)
        return 2
    if not CHROMIUM.is_file():
        print(f"load_test: {CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2

    # SIGTERM unwinds like Ctrl-C: the browser closes and the app started here is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with contextlib.ExitStack() as stack:
        if args.start:
            log = (args.out.parent if args.out else ROOT / ".cache") / "load-test-app.log"
            url = stack.enter_context(own_app(args.data, args.seeds, log))
        else:
            url = args.url.rstrip("/")
        print(f"load_test: {args.sessions} sessions for {args.seconds:g} s against {url}", file=sys.stderr)
        stats, elapsed = asyncio.run(run(args, url))

    result = report(args, url, stats, elapsed)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    reruns, loads = result["latency_ms"]["reruns"], result["latency_ms"]["page_loads"]
    print(
        f"actions {result['actions']} ({result['actions_per_s']}/s), errors {result['errors']} "
        f"{result['errors_by_kind'] or ''}\n"
        f"rerun latency ms: {reruns}\npage load latency ms: {loads}\n"
        f"CPU seconds: {result['cpu_seconds']}",
        file=sys.stderr,
    )
    if not args.out:
        print(text)
    if stats.interrupted:
        return 130
    return 0 if result["errors"] == 0 and result["actions"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
