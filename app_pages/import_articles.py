"""Import: upload files or paste an article; every file gets an outcome line."""
import streamlit as st

from app_pages.common import db, nlp
from checker import ingest_upload, storage
from checker.batch import ingest_items
from checker.ingest import from_text

database = db()
st.header("Import articles")
st.caption("Text (.txt), web pages (.html), tables (.csv with a text/正文 column), JSON lines (.jsonl) or a .zip "
           "of them, in UTF-8, GBK/GB18030, Big5 or UTF-16. Each article is stored with its claims, all or nothing.")

files = st.file_uploader("Files", accept_multiple_files=True, key="upload",
                         type=["txt", "html", "htm", "csv", "jsonl", "json", "zip", "md"])
replace = st.checkbox("Store invalid bytes in UTF-8 files as � instead of refusing the file", key="replace_invalid",
                      help="A UTF-8 file with a few invalid bytes is refused by default, naming them and their offsets.")
if st.button("Ingest uploaded files", key="ingest_files", disabled=not files):
    outcomes = []
    with st.spinner("Extracting claims…"):
        for f in files:
            outcomes += ingest_upload(database, nlp(), f.name, f.getvalue(), "replace" if replace else "refuse")
    st.session_state["import_outcomes"] = [o.__dict__ for o in outcomes]

with st.form("paste", clear_on_submit=True):
    name = st.text_input("Name for the pasted article", key="paste_name", placeholder="e.g. 利信金融 2025-08 repost")
    text = st.text_area("Paste the article text", key="paste_text", height=220)
    if st.form_submit_button("Ingest pasted text"):
        outcomes = ingest_items(database, nlp(), [from_text(name.strip() or "pasted article", text)])
        st.session_state["import_outcomes"] = [o.__dict__ for o in outcomes]

if outcomes := st.session_state.get("import_outcomes"):  # this batch
    good = sum(o["ok"] for o in outcomes)
    (st.success if good == len(outcomes) else st.warning)(f"{good} of {len(outcomes)} ingested.")
    st.dataframe([{"file": o["name"], "ok": "yes" if o["ok"] else "FAILED", "what happened": o["message"]}
                  for o in outcomes], hide_index=True, width="stretch")

with st.expander("Recent imports (all reviewers)"):
    st.dataframe([{"at": r["at"], "file": r["name"], "ok": "yes" if r["ok"] else "FAILED", "what happened": r["message"]}
                  for r in storage.recent_ingest_log(database)], hide_index=True, width="stretch")
