"""End to end in a real browser: `streamlit run app.py` on a free port, driven by Playwright (Chromium).

Uses Debian's /usr/bin/chromium (never `playwright install`). Without it the tests are skipped,
except in CI (environment variable CI set), where a missing browser is a failure.

- test_browser_review_journey: a reviewer names themself, gives one verdict with the mouse and one with
  the keyboard shortcut, downloads the CSV from the Export page; both verdicts are in SQLite.
- test_browser_escapes_article_and_reviewer_html: an article full of HTML is shown as text, never run.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from checker.labels import t
from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NAME_LABEL = t("side.name")
HEALTH_TIMEOUT = 90       # seconds for the server to answer /_stcore/health
FIRST_RENDER = 120_000    # ms: the first page load builds the pipeline (and ingests data/)
STEP = 30_000             # ms: one rerun
SCREENSHOT_COPY = Path("/tmp/review_page.png")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
expect.set_options(timeout=STEP)


# --- the browser ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file() or not os.access(CHROMIUM, os.X_OK):
        message = (f"{CHROMIUM} is missing: install Debian's chromium (bash scripts/install.sh --test); "
                   "the browser tests never download a browser")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    """A fresh context (one Streamlit session) with downloads on; dialogs and page errors recorded."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000},
                                  locale="zh-CN")
    context.set_default_timeout(STEP)
    pg = context.new_page()
    pg.dialogs = []
    pg.errors = []

    def on_dialog(dialog):
        pg.dialogs.append((dialog.type, dialog.message))
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    try:
        yield pg
    finally:
        context.close()


# --- the server ----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: Path, log: Path):
        self.db, self.log_path = db, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, CHECKER_DB=str(db), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
                   PYTHONUNBUFFERED="1")
        self.log = open(log, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1", "--", "--db", str(db)],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_healthy(self, timeout: float = HEALTH_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"streamlit exited with {self.proc.returncode}:\n{self.output()[-4000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        return
            except OSError:
                pass
            time.sleep(0.25)
        pytest.fail(f"streamlit did not answer /_stcore/health within {timeout}s:\n{self.output()[-4000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)  # the process group we started, nothing else
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        self.log.close()


@pytest.fixture
def start_app(tmp_path):
    """start_app(db) -> a running Server on a free port; killed (whole process group) at the end."""
    started = []

    def start(db: Path) -> Server:
        server = Server(db, tmp_path / f"streamlit-{len(started)}.log")
        started.append(server)
        server.wait_healthy()
        return server

    yield start
    for server in started:
        server.stop()


# --- helpers -------------------------------------------------------------------------------------

def query(db: Path, sql: str, args=()) -> list[dict]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, args)]
    finally:
        conn.close()


def app_error(page, server: Server) -> str:
    """What went wrong in the app, if anything: an exception box on the page or a traceback in the log."""
    problems = []
    if page.locator('[data-testid="stException"]').count() or \
            page.get_by_text("This app has encountered an error").count():
        problems.append("the page shows an app error")
    log = ANSI.sub("", server.output())
    if "Traceback" in log:
        problems.append("server log:\n" + log[log.index("Traceback"):][-6000:])
    return "\n".join(problems)


def wait_rows(db: Path, n: int, page, server: Server, timeout: float = STEP / 1000) -> list[dict]:
    """The verdicts table once it holds n rows (the write happens in the server's rerun)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = query(db, "SELECT claim_id, verdict, reviewer, note, evidence FROM verdicts ORDER BY id")
        if len(rows) >= n:
            return rows
        if time.monotonic() > deadline or app_error(page, server):
            pytest.fail(f"expected {n} verdict rows, found {len(rows)}\n{app_error(page, server)}")
        time.sleep(0.1)


def wait_idle(page) -> None:
    """Streamlit has finished the rerun: no 'Running…' icon and no faded (stale) element."""
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
               && !document.querySelector('[data-stale="true"]')""", timeout=STEP)


def claim_text(page):
    return page.get_by_test_id("claim-card").locator(".claim-text")


def commit_name(page, name: str) -> None:
    box = page.get_by_label(NAME_LABEL)
    box.fill(name)
    box.press("Enter")  # a text_input sends its value on Enter or blur
    expect(box).to_have_value(name)
    wait_idle(page)


def focus_page_body(page) -> None:
    """Take the focus out of any text field so that st.button shortcuts fire."""
    page.get_by_test_id("claim-card").click()
    page.evaluate("() => document.activeElement && document.activeElement !== document.body"
                  " && document.activeElement.blur()")
    assert page.evaluate("() => document.activeElement === document.body || !document.activeElement")


# --- the journey ---------------------------------------------------------------------------------

def test_browser_review_journey(page, start_app, tmp_path):
    db = tmp_path / "checker.db"
    server = start_app(db)
    name = "王小明 Tester"

    page.goto(server.url)
    card = claim_text(page)
    expect(card).to_be_visible(timeout=FIRST_RENDER)  # first start: pipeline + the samples of data/
    assert query(db, "SELECT count(*) AS n FROM articles")[0]["n"] >= 8
    commit_name(page, name)

    first = card.inner_text().strip()
    assert first
    first_ids = [r["id"] for r in query(db, "SELECT id FROM claims WHERE text = ?", (first,))]
    assert first_ids, first

    # 1) the mouse: Verified
    page.get_by_role("button", name=t("verdict.verified")).click()
    rows = wait_rows(db, 1, page, server)
    assert [(r["verdict"], r["reviewer"]) for r in rows] == [("verified", name)]
    verified_id = rows[0]["claim_id"]
    assert verified_id in first_ids
    expect(page.get_by_text(re.compile(r"已审 1 / \d+"))).to_be_visible()
    expect(card).not_to_have_text(first)
    wait_idle(page)
    second = card.inner_text().strip()
    second_ids = [r["id"] for r in query(db, "SELECT id FROM claims WHERE text = ?", (second,))]

    # 2) the keyboard: U = unsupported, with the focus on the page, not in a text field
    focus_page_body(page)
    page.keyboard.press("u")
    rows = wait_rows(db, 2, page, server)
    assert [(r["verdict"], r["reviewer"]) for r in rows] == [("verified", name), ("unsupported", name)]
    assert rows[1]["claim_id"] in second_ids and rows[1]["claim_id"] != verified_id
    expect(page.get_by_text(re.compile(r"已审 2 / \d+ · 已核实 1 · 无依据 1"))).to_be_visible()
    expect(card).not_to_have_text(second)
    wait_idle(page)

    shot = tmp_path / "review.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    shutil.copyfile(shot, SCREENSHOT_COPY)

    # 3) Export: the CSV for Excel
    page.get_by_role("link", name=t("nav.export")).click()
    button = page.get_by_role("button", name=re.compile(t("ex.csv")))
    expect(button).to_be_visible()
    expect(page.get_by_text(re.compile(r"其中 2 条已有结论"))).to_be_visible()
    wait_idle(page)
    with page.expect_download(timeout=STEP) as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    saved = tmp_path / "verdicts.csv"
    download.save_as(saved)
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), raw[:20]
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(table) == query(db, "SELECT count(*) AS n FROM claims WHERE stale = 0")[0]["n"]
    mine = [r for r in table if r["claim_id"] == verified_id]
    assert len(mine) == 1
    assert (mine[0]["claim"], mine[0]["verdict"], mine[0]["reviewer"]) == (first, "verified", name)
    assert {r["verdict"] for r in table if r["verdict"]} == {"verified", "unsupported"}

    # 4) SQLite, read after the app is done: both history rows, the right reviewer, mirrored on the claims
    rows = query(db, "SELECT claim_id, verdict, reviewer FROM verdicts ORDER BY id")
    assert [(r["verdict"], r["reviewer"]) for r in rows] == [("verified", name), ("unsupported", name)]
    mirrored = {r["id"]: (r["verdict"], r["verdict_by"]) for r in
                query(db, "SELECT id, verdict, verdict_by FROM claims WHERE verdict IS NOT NULL")}
    assert mirrored == {rows[0]["claim_id"]: ("verified", name), rows[1]["claim_id"]: ("unsupported", name)}
    assert not page.dialogs
    assert not page.errors, page.errors
    assert not app_error(page, server), app_error(page, server)


# --- HTML in articles, names and notes is text ---------------------------------------------------

EVIL_ARTICLE = """恶意金融平台调查

恶意金融成立于2015年，逾期金额超过1亿元。<img src=x onerror="window.__xss=1">
<script>window.__xss=2</script>
据报道，该平台注册资本5000万元。
"""
EVIL_NAME = "<b>x</b><script>window.__xss=3</script>"
EVIL_NOTE = '<img src=y onerror="window.__xss=4"><script>window.__xss=5</script> checked **bold**'


def no_script_ran(page) -> None:
    assert page.evaluate("() => window.__xss") is None
    assert not page.dialogs, page.dialogs
    assert page.locator('img[src="x"], img[src="y"]').count() == 0
    assert not page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('__xss'))")
    assert page.locator("b", has_text=re.compile(r"^x$")).count() == 0


def test_browser_escapes_article_and_reviewer_html(page, start_app, tmp_path):
    db = tmp_path / "checker.db"
    src = tmp_path / "evil.txt"
    src.write_text(EVIL_ARTICLE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "checker", "ingest", str(src), "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    claims = query(db, "SELECT id, text FROM claims ORDER BY position")
    founded = [c for c in claims if c["text"].startswith("恶意金融 成立于")]
    assert founded, claims
    claim = founded[0]

    server = start_app(db)  # the database has an article: the samples of data/ are not ingested
    page.goto(f"{server.url}/?claim={claim['id']}")
    card = claim_text(page)
    expect(card).to_have_text(claim["text"], timeout=FIRST_RENDER)
    assert query(db, "SELECT count(*) AS n FROM articles")[0]["n"] == 1

    page.get_by_text(t("rv.whole_article")).click()
    article = page.locator(".article-text")
    expect(article).to_be_visible()
    expect(article).to_contain_text("<script>window.__xss=2</script>")
    shown = page.locator("body").inner_text()
    assert '<img src=x onerror="window.__xss=1">' in shown
    assert "<img src=x onerror=" in shown and "<script>" in shown
    no_script_ran(page)

    # a reviewer name and a note full of HTML: saved as typed, shown as text
    commit_name(page, EVIL_NAME)
    note = page.get_by_label(t("rv.note"))
    note.fill(EVIL_NOTE)
    note.press("Tab")
    wait_idle(page)
    page.get_by_role("button", name=t("verdict.verified")).click()
    rows = wait_rows(db, 1, page, server)
    assert [(r["claim_id"], r["verdict"], r["reviewer"], r["note"]) for r in rows] == [
        (claim["id"], "verified", EVIL_NAME, EVIL_NOTE)]
    expect(card).not_to_have_text(claim["text"])
    wait_idle(page)
    no_script_ran(page)

    # back to the claim: its history (name and note) is drawn, still nothing runs
    page.get_by_role("button", name=re.compile("^" + t("rv.back"))).click()
    expect(card).to_have_text(claim["text"])
    history = page.get_by_text(t("rv.history", n=1))
    expect(history).to_be_visible()
    history.click()
    expect(page.get_by_test_id("stDataFrame").last).to_be_visible()
    wait_idle(page)
    no_script_ran(page)
    assert not page.errors, page.errors
    assert not app_error(page, server), app_error(page, server)


# --- shortcuts wherever the focus was left; the facts table fits the window -----------------------

def test_browser_shortcuts_after_a_toggle_and_hint_in_a_text_box(page, start_app, tmp_path):
    db = tmp_path / "checker.db"
    server = start_app(db)
    page.goto(f"{server.url}/?reviewer=%E7%8E%8B%E5%B0%8F%E6%98%8E")  # ?reviewer=王小明
    card = claim_text(page)
    expect(card).to_be_visible(timeout=FIRST_RENDER)
    expect(page.get_by_label(NAME_LABEL)).to_have_value("王小明")  # the name comes from the URL
    # a click on a sidebar toggle leaves the focus there; the shortcut still works
    page.locator(".st-key-f_open label").click()
    wait_idle(page)
    first = card.inner_text().strip()
    page.keyboard.press("u")
    rows = wait_rows(db, 1, page, server)
    assert [(r["verdict"], r["reviewer"]) for r in rows] == [("unsupported", "王小明")]
    expect(card).not_to_have_text(first)
    wait_idle(page)
    # in a text box a letter is text: the page says how to leave the box, Escape does it
    page.locator(".st-key-note textarea, [class*='st-key-note'] textarea").first.click()
    hint = page.get_by_test_id("shortcut-hint")
    expect(hint).to_be_visible()
    page.keyboard.press("Escape")
    expect(hint).to_be_hidden()
    page.keyboard.press("v")
    rows = wait_rows(db, 2, page, server)
    assert rows[1]["verdict"] == "verified"
    assert not page.errors, page.errors
    assert not app_error(page, server), app_error(page, server)


def test_browser_facts_table_fits_1400px(page, start_app, tmp_path):
    db = tmp_path / "checker.db"
    server = start_app(db)
    page.goto(server.url)
    expect(claim_text(page)).to_be_visible(timeout=FIRST_RENDER)
    page.goto(f"{server.url}/facts")
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    wait_idle(page)
    page.wait_for_timeout(500)  # the grid sizes its columns after the first paint
    widths = table.evaluate("""el => {
        const s = el.querySelector('.dvn-scroller');
        return s ? [s.scrollWidth, s.clientWidth] : null; }""")
    assert widths, "no data grid scroller found"
    assert widths[0] <= widths[1] + 1, f"the table scrolls sideways: content {widths[0]} px in {widths[1]} px"
    assert not app_error(page, server), app_error(page, server)


# --- two reviewers and a lead, each in their own browser context -----------------------------------

def new_page(browser, url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    context.set_default_timeout(STEP)
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.goto(url)
    return context, pg


def test_browser_two_reviewers_disagree_and_the_lead_settles(browser, start_app, tmp_path):
    db = tmp_path / "checker.db"
    server = start_app(db)
    contexts = []
    try:
        ctx, first_reviewer = new_page(browser, f"{server.url}/?reviewer=%E7%94%B2")  # 甲
        contexts.append(ctx)
        card_a = claim_text(first_reviewer)
        expect(card_a).to_be_visible(timeout=FIRST_RENDER)
        wait_idle(first_reviewer)
        shown = card_a.inner_text().strip()
        first_reviewer.get_by_role("button", name=t("verdict.verified")).click()
        [row] = wait_rows(db, 1, first_reviewer, server)
        claim_id = row["claim_id"]
        assert (row["verdict"], row["reviewer"]) == ("verified", "甲")

        # 乙, in another context, is asked for a second opinion on the same claim, without 甲's verdict
        ctx, second_reviewer = new_page(browser, f"{server.url}/?reviewer=%E4%B9%99&mode=second")  # 乙
        contexts.append(ctx)
        card_b = second_reviewer.get_by_test_id("claim-card")
        expect(card_b.locator(".claim-text")).to_have_text(shown)
        expect(card_b).to_contain_text(t("rv.hidden_verdict"))
        expect(card_b).not_to_contain_text(t("verdict.verified"))
        wait_idle(second_reviewer)
        focus_page_body(second_reviewer)
        second_reviewer.keyboard.press("x")
        rows = wait_rows(db, 2, second_reviewer, server)
        assert [(r["claim_id"], r["verdict"], r["reviewer"]) for r in rows][1] == (claim_id, "contradictory", "乙")
        assert query(db, "SELECT disputed FROM claims WHERE id = ?", (claim_id,))[0]["disputed"] == 1

        # the lead opens the disagreement queue: the claim, both verdicts; the lead's verdict is final
        ctx, lead = new_page(browser, f"{server.url}/?reviewer=%E7%BB%84%E9%95%BF&mode=disputed")  # 组长
        contexts.append(ctx)
        expect(claim_text(lead)).to_have_text(shown, timeout=FIRST_RENDER)
        expect(lead.get_by_text(t("rv.dispute"))).to_be_visible()
        wait_idle(lead)
        lead.get_by_role("button", name=t("verdict.unsupported")).click()
        rows = wait_rows(db, 3, lead, server)
        assert (rows[2]["claim_id"], rows[2]["verdict"], rows[2]["reviewer"]) == (claim_id, "unsupported", "组长")
        claim = query(db, "SELECT verdict, verdict_by, disputed FROM claims WHERE id = ?", (claim_id,))[0]
        assert claim == {"verdict": "unsupported", "verdict_by": "组长", "disputed": 0}
        assert query(db, "SELECT role FROM verdicts ORDER BY id")[2]["role"] == "lead"
        expect(lead.get_by_text(t("rv.done"))).to_be_visible()  # nothing else is disputed
        for pg in (first_reviewer, second_reviewer, lead):
            assert not pg.errors, pg.errors
            assert not app_error(pg, server), app_error(pg, server)
    finally:
        for ctx in contexts:
            ctx.close()


# --- a missed claim added by selecting its words in the sentence ---------------------------------

MISSED = "测试贷又出问题\n\n测试贷成立于2017年，逾期金额超过3亿元。\n"


def test_browser_select_words_to_add_a_missed_claim(page, start_app, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(MISSED, encoding="utf-8")
    db = tmp_path / "checker.db"
    done = subprocess.run([sys.executable, "-m", "checker", "ingest", str(src), "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    founded = query(db, "SELECT id FROM claims WHERE predicate = 'founded'")[0]["id"]
    server = start_app(db)
    page.goto(f"{server.url}/?reviewer=%E7%94%B2&claim={founded}")
    expect(claim_text(page)).to_be_visible(timeout=FIRST_RENDER)
    page.get_by_text(t("cx.title")).click()
    box = page.locator('[class*="st-key-cx_add-"] input')
    expect(box).to_be_visible()
    wait_idle(page)
    words = "逾期金额超过3亿元"
    page.evaluate("""words => {
        const el = document.querySelector('[data-testid="claim-sentence"]');
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const at = node.textContent.indexOf(words);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                const sel = window.getSelection();
                sel.removeAllRanges();
                sel.addRange(range);
                el.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
                return;
            }
        }
        throw new Error("words not in the sentence");
    }""", words)
    expect(box).to_have_value(words)
    box.press("Enter")  # commit the box as a reviewer's Enter does (the helper's blur may race a rerun)
    page.wait_for_timeout(300)
    wait_idle(page)
    page.locator('[class*="st-key-cx_add_predicate-"] input').click()
    page.keyboard.type("逾期余额")
    page.keyboard.press("Enter")
    expect(page.locator('[class*="st-key-cx_add_predicate-"] input')).to_have_value("逾期余额")
    page.wait_for_timeout(300)  # let the rerun that Enter starts begin, so wait_idle waits for its end
    wait_idle(page)
    expect(box).to_have_value(words)  # the selection survived the rerun
    page.get_by_role("button", name=t("cx.add")).click()
    deadline = time.monotonic() + STEP / 1000
    while not (rows := query(db, "SELECT action, fields FROM corrections")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [r["action"] for r in rows] == ["add"], app_error(page, server)
    import json as json_
    fields = json_.loads(rows[0]["fields"])
    assert (fields["predicate"], MISSED[fields["start"]:fields["end"]], fields["number"]) == (
        "overdue_balance", words, 300000000)
    assert not page.errors, page.errors
    assert not app_error(page, server), app_error(page, server)
