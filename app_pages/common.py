"""What every page shares: the database path, the cached pipeline, escaped highlighting."""
from __future__ import annotations

import argparse
import html
import json
from contextlib import contextmanager
import re
import sys

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from checker import bootstrap, build_pipeline, db_path, open_db
from checker import labels

VERDICT_COLOR = {"verified": "green", "unsupported": "orange", "contradictory": "red"}


def _cli_db() -> str | None:
    """`streamlit run app.py -- --db PATH`."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    args, _ = parser.parse_known_args(sys.argv[1:])
    return args.db


def database_path() -> str:
    return str(db_path(_cli_db()))


@st.cache_resource(show_spinner="正在加载中文处理管线 · Loading the Chinese pipeline…")
def nlp():
    """The spaCy pipeline, loaded once per process (read-only)."""
    return build_pipeline()


@st.cache_resource(show_spinner="正在准备示例文章 · Preparing the sample articles…")
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


#: Where Streamlit reads a shortcode: `:smile:`, `:+1:`, `:100:`, `:red[…]`, `:material/warning:`
#: (a colon before a letter also opens a text directive, which swallows the word).
_SHORTCODE = re.compile(r":(?=[A-Za-z_+\-/]|\d+:)")


def inert_shortcodes(text: str) -> str:
    """A zero-width space after each colon that would open a shortcode: Streamlit's emoji, icon
    and colour plugins read the text after Markdown escapes are undone, so a backslash is not enough."""
    return _SHORTCODE.sub(":\u200b", text)


def md(text) -> str:
    """Text from an article or a reviewer, made inert for Streamlit's markdown (no links, no
    emphasis, no emoji, icon or colour shortcodes)."""
    return _MD_SPECIAL.sub(r"\\\1", inert_shortcodes("" if text is None else str(text)))


_LAST_LANG = [labels.DEFAULT_LANG]


def lang() -> str:
    """The interface language: Simplified Chinese unless the reviewer chose English (?lang=en).
    (Outside a script run, where AppTest formats widget options, the language of the last run.)"""
    if get_script_run_ctx() is None:
        return _LAST_LANG[0]
    chosen = st.session_state.get("lang") or st.query_params.get("lang") or labels.DEFAULT_LANG
    _LAST_LANG[0] = chosen if chosen in labels.LANGS else labels.DEFAULT_LANG
    return _LAST_LANG[0]


def L(key: str, **values) -> str:
    """A label from checker/labels.py in the reviewer's language."""
    return labels.t(key, lang(), **values)


def _keep_in_url(key: str, default: str = "") -> None:
    value = (st.session_state.get(key) or "").strip()
    if value and value != default:
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    elif key in st.query_params:
        del st.query_params[key]


def signed_in_name() -> str:
    """The signed-in user's name when the deployment uses st.login (configured in secrets), else ""."""
    try:
        if st.user.get("is_logged_in"):
            return str(st.user.get("name") or st.user.get("email") or "").strip()
    except Exception:  # st.user is not available outside a Streamlit run
        pass
    return ""


def sign_in_configured() -> bool:
    """True when secrets.toml has an [auth] section (st.login with an OpenID Connect provider)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def settings_box() -> None:
    """Language and the reviewer's name, in the sidebar of every page (drawn by app.py so they
    persist). Both are kept in the URL (?reviewer=…&lang=en), so a reload or a bookmark keeps them.
    When the deployment signs people in (st.login), the name is the signed-in user's."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = lang()
    st.sidebar.selectbox(labels.t("side.lang", lang()), labels.LANGS, key="lang",
                         format_func={"zh": "简体中文", "en": "English"}.get)
    _keep_in_url("lang", labels.DEFAULT_LANG)
    user = signed_in_name()
    if user:
        st.session_state["reviewer"] = user
        st.sidebar.caption(L("side.signed_in", name=md(user)))
        if st.sidebar.button(L("side.sign_out"), key="sign_out"):
            st.logout()
        return
    if sign_in_configured():  # names come from the sign-in only
        st.session_state.pop("reviewer", None)
        st.sidebar.caption(L("side.sign_in_help"))
        if st.sidebar.button(L("side.sign_in"), key="sign_in", type="primary"):
            st.login()
        return
    if "reviewer" not in st.session_state and st.query_params.get("reviewer"):
        st.session_state["reviewer"] = st.query_params["reviewer"]
    st.sidebar.text_input(L("side.name"), key="reviewer", placeholder=L("side.name_placeholder"))
    _keep_in_url("reviewer")  # also puts it back after a page switch dropped the query string


def reviewer_name() -> str:
    return (st.session_state.get("reviewer") or "").strip()


def verdict_badge(verdict: str | None) -> tuple[str, str]:
    """(label, colour) of a verdict tag."""
    return labels.verdict_label(verdict, lang()), VERDICT_COLOR.get(verdict, "gray")


def esc(text) -> str:
    """Escape anything from an article, a note or a name before it goes into HTML. Line breaks
    become <br>: a raw blank line would end the HTML block and let Markdown through."""
    out = html.escape(inert_shortcodes("" if text is None else str(text)), quote=True)
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
    """38.69亿 (Chinese) or 3,869,000,000 (English), never 3.869e+09."""
    return labels.number_text(n, lang())


def date_text(iso) -> str:
    return labels.date_text(iso, lang())


def predicate_label(name: str) -> str:
    return labels.predicate_label(name, lang())


def flag_label(flag: str) -> str:
    return labels.flag_label(flag, lang())


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


_SELECTION_JS = """<script>
(() => {
  if (window.__checkerSelection) return;
  window.__checkerSelection = true;
  // text selected in the claim's sentence goes into the "missed claim" box (a text_input commits on blur)
  document.addEventListener("mouseup", () => setTimeout(() => {
    const sel = window.getSelection();
    const text = sel ? sel.toString().trim() : "";
    const sentence = document.querySelector('[data-testid="claim-sentence"]');
    if (!text || !sentence || !sel.anchorNode || !sentence.contains(sel.anchorNode)) return;
    const input = document.querySelector('[class*="st-key-cx_add-"] input');
    if (!input) return;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    setter.call(input, text);
    input.dispatchEvent(new Event("input", {bubbles: true}));
    input.focus();
    input.blur();
  }, 0), true);
})();
</script>"""


def selection_helper() -> None:
    """Text selected in the sentence fills the box that adds a missed claim."""
    st.html(_SELECTION_JS, unsafe_allow_javascript=True)
