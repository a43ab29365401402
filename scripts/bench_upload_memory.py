"""Server memory for a hostile upload: `streamlit run app.py` on a free port, a zip whose header
declares 1,000 bytes but which unpacks to 1 GB uploaded on the Import page with Playwright
(Debian's /usr/bin/chromium), and the server's resident memory printed before and after.

    python scripts/bench_upload_memory.py [REAL_BYTES]    # default 1,000,000,000

Prints the idle peak (VmHWM after the first page, samples ingested) and the peak after the
upload, from /proc/PID/status. A figure, never a test.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from checker.labels import t  # noqa: E402


def memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in MB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) // 1024
    return out


def main() -> None:
    import make_bad_inputs as corpus
    from playwright.sync_api import sync_playwright

    real = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000_000
    work = Path(tempfile.mkdtemp(prefix="upload-memory-"))
    bomb = work / "bomb.zip"
    bomb.write_bytes(corpus.lying_zip(real=real, declared=1000))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = work / "checker.db"
    env = dict(os.environ, CHECKER_DB=str(db), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1", "--", "--db", str(db)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(360):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                time.sleep(0.25)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.set_default_timeout(180_000)
            page.goto(f"{url}/import_articles")
            page.locator('input[type="file"]').first.wait_for(state="attached")
            time.sleep(2)
            idle = memory(proc.pid)
            page.locator('input[type="file"]').first.set_input_files(str(bomb))
            page.get_by_role("button", name=t("im.ingest_files")).click()
            page.get_by_text("bomb.zip/bomb.txt").first.wait_for(state="attached")  # a data-grid cell
            after = memory(proc.pid)
            browser.close()
        print(f"lying zip: {bomb.stat().st_size / 1e6:.1f} MB, header 1,000 bytes, unpacks to {real / 1e9:.1f} GB")
        print(f"server idle (samples ingested): {idle['VmRSS']} MB resident, peak {idle['VmHWM']} MB")
        print(f"after the upload:               {after['VmRSS']} MB resident, peak {after['VmHWM']} MB "
              f"(+{after['VmHWM'] - idle['VmHWM']} MB over the idle peak)")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the process group started here, nothing else
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
