"""Key press to next claim, in a real browser: prints figures, asserts nothing.

    python scripts/bench_review_latency.py [--claims 100000] [--verdicts 50] [--db PATH]

Builds a synthetic database (bench_scale.synthesize: no extraction) of --claims claims, starts
`streamlit run app.py` on it, opens Debian's Chromium (/usr/bin/chromium) through Playwright, and
gives --verdicts verdicts with the V key. For each, the time from the key press to the next claim
on screen (the card's claim id changed); then the median and the 95th percentile.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_scale import synthesize  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CARD = '[data-testid="claim-card"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1", "--", "--db", str(db)],
                            cwd=ROOT, stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True,
                            env=dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false"))
    url = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.25)
    raise SystemExit(f"streamlit did not start; see {log}")


def measure(url: str, n: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/?reviewer=bench")
        page.wait_for_selector(CARD, timeout=180_000)
        idle = """() => !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
                        && !document.querySelector('[data-stale="true"]')"""
        times = []
        for _ in range(n):
            page.wait_for_function(idle, timeout=60_000)
            page.evaluate("() => document.activeElement && document.activeElement.blur()")
            before = page.get_attribute(CARD, "data-claim-id")
            start = time.perf_counter()
            page.keyboard.press("v")
            page.wait_for_function(f"id => {{ const c = document.querySelector('{CARD}'); "
                                   "return c && c.dataset.claimId !== id; }", arg=before, polling="raf",
                                   timeout=60_000)
            times.append(time.perf_counter() - start)
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--verdicts", type=int, default=50)
    parser.add_argument("--db", help="an existing database to use instead of a synthetic one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        if not args.db:
            synthesize(db, args.claims // 10, 10)
        proc, url = serve(db, Path(tmp) / "streamlit.log")
        try:
            times = sorted(measure(url, args.verdicts))
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"key press -> next claim on screen, {len(times)} verdicts with V at {args.claims:,} claims: "
          f"median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"min {times[0] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
