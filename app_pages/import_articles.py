"""Import: upload files or paste an article; every file gets an outcome line."""
import streamlit as st

from app_pages.common import L, date_text, db, nlp
from checker import ingest_upload, storage
from checker.batch import ingest_items
from checker.ingest import from_text

database = db()
st.header(L("im.header"))
st.caption(L("im.help"))

files = st.file_uploader(L("im.files"), accept_multiple_files=True, key="upload",
                         type=["txt", "html", "htm", "csv", "jsonl", "json", "zip", "md"])
replace = st.checkbox(L("im.replace"), key="replace_invalid", help=L("im.replace_help"))


def with_progress(jobs: list) -> list:
    """Run (name, ingest) jobs under a progress bar that names the file being read. RETURNS the outcomes."""
    bar = st.progress(0.0, text=L("im.extracting"))
    outcomes = []
    for i, (name, run) in enumerate(jobs):
        bar.progress(i / len(jobs), text=L("im.reading", name=name, i=i + 1, n=len(jobs)))
        outcomes += run()
    bar.progress(1.0, text=L("im.read_done", n=len(jobs)))
    return outcomes


if st.button(L("im.ingest_files"), key="ingest_files", disabled=not files):
    invalid = "replace" if replace else "refuse"
    outcomes = with_progress([(f.name, lambda f=f: ingest_upload(database, nlp(), f.name, f.getvalue(), invalid))
                              for f in files])
    st.session_state["import_outcomes"] = [o.__dict__ for o in outcomes]

with st.form("paste", clear_on_submit=True):
    name = st.text_input(L("im.paste_name"), key="paste_name", placeholder=L("im.paste_placeholder"))
    text = st.text_area(L("im.paste_text"), key="paste_text", height=220)
    if st.form_submit_button(L("im.ingest_paste"), key="ingest_paste"):
        label = name.strip() or L("im.pasted")
        outcomes = with_progress([(label, lambda: ingest_items(database, nlp(), [from_text(label, text)]))])
        st.session_state["import_outcomes"] = [o.__dict__ for o in outcomes]


def ok_text(ok) -> str:
    """Plain words, not emoji (Debian's Chromium draws ✅ and ❌ as empty boxes without an emoji font)."""
    return L("yes") if ok else L("failed")


if outcomes := st.session_state.get("import_outcomes"):  # this batch
    good = sum(o["ok"] for o in outcomes)
    (st.success if good == len(outcomes) else st.warning)(L("im.result", good=good, n=len(outcomes)))
    st.dataframe([{L("im.col_file"): o["name"], L("im.col_ok"): ok_text(o["ok"]), L("im.col_what"): o["message"]}
                  for o in outcomes], hide_index=True, width="stretch")

with st.expander(L("im.recent")):
    st.dataframe([{L("im.col_at"): date_text(r["at"]), L("im.col_file"): r["name"], L("im.col_ok"): ok_text(r["ok"]),
                   L("im.col_what"): r["message"]} for r in storage.recent_ingest_log(database)],
                 hide_index=True, width="stretch")
