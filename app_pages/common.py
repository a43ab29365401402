"""What every page shares: the database path, the cached pipeline, escaped highlighting."""
from __future__ import annotations

import argparse
import html
import json
from contextlib import contextmanager
import re
import sys

import streamlit as st

from checker import bootstrap, build_pipeline, db_path, open_db
from checker.vocabulary import label

VERDICT_BADGE = {"verified": ("已核实 verified", "green"), "unsupported": ("无依据 unsupported", "orange"),
                 "contradictory": ("矛盾 contradictory", "red"), None: ("未审 open", "gray")}


def _cli_db() -> str | None:
    """`streamlit run app.py -- --db PATH`."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    args, _ = parser.parse_known_args(sys.argv[1:])
    return args.db


def database_path() -> str:
    return str(db_path(_cli_db()))


@st.cache_resource(show_spinner="Loading the Chinese pipeline…")
def nlp():
    """The spaCy pipeline, loaded once per process (read-only)."""
    return build_pipeline()


@st.cache_resource(show_spinner="Preparing the sample articles…")
def _bootstrapped(path: str) -> int:
    """Create the database and ingest data/ on first start; once per process and path."""
    db = open_db(path)
    try:
        return len(bootstrap(db, nlp()))
    finally:
        db.conn.close()


def ensure_ready() -> None:
    _bootstrapped(database_path())


def db():
    """A connection for this script run. Not cached: Streamlit may run reruns on other threads,
    and a sqlite3 connection must not cross threads. Opening one is cheap."""
    return open_db(database_path())


@contextmanager
def own_db():
    """A short-lived connection for code that runs later, maybe on another thread: button
    callbacks (run at the start of the next run) and download-button data builders."""
    conn = db()
    try:
        yield conn
    finally:
        conn.conn.close()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md(text) -> str:
    """Text from an article or a reviewer, made inert for Streamlit's markdown (no links, no emphasis)."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def _keep_name_in_url() -> None:
    name = (st.session_state.get("reviewer") or "").strip()
    if name:
        st.query_params["reviewer"] = name
    else:
        st.query_params.pop("reviewer", None)


def reviewer_box() -> None:
    """The reviewer's name, in the sidebar of every page (drawn by app.py so it persists). It is
    kept in the URL (?reviewer=…), so a reload or a bookmark keeps it."""
    if "reviewer" not in st.session_state and st.query_params.get("reviewer"):
        st.session_state["reviewer"] = st.query_params["reviewer"]
    st.sidebar.text_input("Your name (saved with each verdict)", key="reviewer", placeholder="e.g. 王小明",
                          on_change=_keep_name_in_url)
    if reviewer_name() and st.query_params.get("reviewer") != reviewer_name():
        _keep_name_in_url()  # a page switch drops the query string: put the name back


def reviewer_name() -> str:
    return (st.session_state.get("reviewer") or "").strip()


def esc(text) -> str:
    """Escape anything from an article, a note or a name before it goes into HTML. Line breaks
    become <br>: a raw blank line would end the HTML block and let Markdown through."""
    out = html.escape("" if text is None else str(text), quote=True)
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def highlight(text: str, spans: list[tuple[int, int, str]], window: tuple[int, int] | None = None) -> str:
    """HTML for `text` (escaped) with `spans` (start, end, css class) marked; `window` limits the range."""
    lo, hi = window or (0, len(text))
    out, pos = [], lo
    for s, e, cls in sorted(sp for sp in spans if sp[1] > lo and sp[0] < hi):
        s, e = max(s, pos), min(e, hi)
        if s < pos or e <= s:
            continue
        out.append(esc(text[pos:s]))
        out.append(f'<mark class="{esc(cls)}">{esc(text[s:e])}</mark>')
        pos = e
    out.append(esc(text[pos:hi]))
    return "".join(out)


CSS = """<style>
mark.claim{background:#ffe066;padding:0 2px;border-radius:3px}
mark.other{background:#e7f0ff}
mark.damage{background:#ffc9c9;text-decoration:underline wavy #c92a2a}
.article-text{font-size:1.05rem;line-height:1.9;max-height:28rem;overflow-y:auto;border:1px solid #ddd;
 padding:.8rem;border-radius:6px;background:#fff}
.claim-card{border:1px solid #e0e0e0;border-radius:8px;padding:.7rem 1rem;margin-bottom:.6rem}
.claim-text{font-size:1.4rem;font-weight:600;margin-bottom:.4rem}
.claim-grid{display:grid;grid-template-columns:2fr 2fr 2fr 3fr;gap:.8rem}
.tag{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.8rem;margin:0 .2rem .2rem 0}
.tag.green{background:#d3f9d8}.tag.orange{background:#ffe8cc}.tag.red{background:#ffe3e3}
.tag.gray{background:#f1f3f5}.tag.violet{background:#f3d9fa}
.sentence{font-size:1.25rem;line-height:1.9;padding:.6rem .8rem;border-left:4px solid #ffd43b;background:#fffbea}
</style>"""


def number_text(n) -> str:
    """38.69亿 as 3,869,000,000 (never 3.869e+09); 3.5 as 3.5."""
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,}"


def predicate_label(name: str) -> str:
    return f"{label(name)} ({name})"


def joined(*parts, sep: str = " · ") -> str:
    """Non-empty parts joined: no `None`, no dangling separator when a date is missing."""
    return sep.join(str(p) for p in parts if p not in (None, ""))


_SHORTCUT_JS = """<div data-testid="shortcut-hint" id="shortcut-hint" style="display:none;position:fixed;right:1.2rem;
bottom:1.2rem;z-index:1000;background:#fff3bf;border:1px solid #f08c00;border-radius:6px;padding:.4rem .7rem;
font-size:.9rem">__HINT__</div>
<script>
(() => {
  const hint = () => document.getElementById("shortcut-hint");
  const KEYS = __KEYS__;
  if (window.__checkerShortcuts) { window.__checkerShortcuts.keys = KEYS; return; }
  window.__checkerShortcuts = {keys: KEYS};
  const onPage = () => !!document.querySelector(".st-key-btn_verified");
  const isText = el => !!el && (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
      (el.tagName === "INPUT" && !["checkbox", "radio", "range", "button", "submit", "reset", "file"].includes(el.type)));
  const show = on => { const h = hint(); if (h) h.style.display = on && onPage() ? "block" : "none"; };
  document.addEventListener("focusin", e => show(isText(e.target)), true);
  document.addEventListener("focusout", () => setTimeout(() => show(isText(document.activeElement)), 0), true);
  document.addEventListener("keydown", e => {
    if (!onPage() || e.ctrlKey || e.metaKey || e.altKey) return;
    const el = document.activeElement;
    if (e.key === "Escape" && isText(el)) { el.blur(); show(false); return; }
    const target = window.__checkerShortcuts.keys[(e.key || "").toLowerCase()];
    // focus left on a toggle, checkbox or radio: Streamlit ignores the key there, so press the button here
    if (target && el && el.tagName === "INPUT" && !isText(el)) {
      const button = document.querySelector(".st-key-" + target + " button");
      if (button && !button.disabled) { e.preventDefault(); e.stopPropagation(); el.blur(); button.click(); }
    }
  }, true);
})();
</script>"""


def shortcut_helper(keys: dict[str, str], hint: str) -> None:
    """Keyboard shortcuts that work wherever the focus was left (a sidebar toggle keeps it), and a
    hint while the cursor is in a text box, where a letter is text (Escape leaves the box)."""
    st.html(_SHORTCUT_JS.replace("__HINT__", html.escape(hint)).replace("__KEYS__", json.dumps(keys)),
            unsafe_allow_javascript=True)
