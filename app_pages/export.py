"""Export: CSV for Excel, JSON lines, and schema.org ClaimReview (written to a temporary file row by
row when the button is pressed, never built as one string)."""
import streamlit as st

from app_pages.common import L, db, own_db
from checker import export, storage

database = db()
st.header(L("ex.header"))
prog = storage.progress(database)
st.caption(L("ex.count", total=prog["total"], reviewed=prog["reviewed"]))
reviewed_only = st.checkbox(L("ex.reviewed_only"), key="export_reviewed_only")
publisher = st.text_input(L("ex.publisher"), key="publisher")


def deferred(build):
    """Data built on click, on a connection of the thread that builds it."""
    def run():
        with own_db() as conn:
            return build(conn)
    return run


st.download_button(L("ex.csv"), icon=":material/download:", key="dl_csv", type="primary", on_click="ignore",
                   data=deferred(lambda d: export.to_file(lambda f: export.write_csv(d, f, reviewed_only))),
                   file_name="verdicts.csv",
                   mime="text/csv")
st.download_button(L("ex.jsonl"), icon=":material/download:", key="dl_jsonl", on_click="ignore",
                   data=deferred(lambda d: export.to_file(lambda f: export.write_jsonl(d, f, reviewed_only))),
                   file_name="verdicts.jsonl", mime="application/x-ndjson")
st.download_button(L("ex.claimreview"), icon=":material/download:", key="dl_claimreview", on_click="ignore",
                   data=deferred(lambda d: export.to_file(lambda f: export.write_claim_reviews(d, f, publisher))),
                   file_name="claimreview.json", mime="application/ld+json")
st.caption(L("ex.help"))
