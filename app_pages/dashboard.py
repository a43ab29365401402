"""Dashboard: how far the desk has got, by company, article and reviewer; verdicts by fact status;
the open conflicts."""
import pandas as pd
import streamlit as st

from app_pages.common import L, database_path, db, lang, predicate_label
from checker import dashboard, facts, labels, open_db, review, storage
from checker.models import VERDICTS

st.header(L("db.header"))


@st.cache_data(ttl=60, show_spinner=False)
def figures(path: str) -> dict:
    """Every aggregate of the page, computed at most once a minute."""
    conn = open_db(path)
    try:
        return {"reviewer": dashboard.by_reviewer(conn), "company": dashboard.by_company(conn),
                "article": dashboard.by_article(conn), "status": dashboard.by_status(conn)}
    finally:
        conn.conn.close()


def verdict_frame(rows: list[dict], index: str, label: str) -> pd.DataFrame:
    frame = pd.DataFrame([{label: r[index], **{labels.verdict_label(v, lang()): r[v] or 0 for v in VERDICTS}}
                          for r in rows])
    return frame.set_index(label) if not frame.empty else frame


database = db()
prog = storage.progress(database)
data = figures(database_path())
c1, c2, c3 = st.columns(3)
c1.metric(L("db.reviewed"), f"{prog['reviewed']:,} / {prog['total']:,}")
c2.metric(L("db.disputed"), review.count_disputed(database))
c3.metric(L("db.conflicts"), facts.status_counts(database)["conflict"])
st.caption(L("db.cached"))

st.subheader(L("db.by_reviewer"))
if data["reviewer"]:
    st.bar_chart(verdict_frame(data["reviewer"], "reviewer", L("col.reviewer")), horizontal=True)
else:
    st.info(L("db.none_yet"))

st.subheader(L("db.by_status"))
if data["status"]:
    rows = [{**r, "status": labels.status_label(r["status"], lang())} for r in data["status"]]
    st.bar_chart(verdict_frame(rows, "status", L("fx.col_status")))
    st.dataframe([{L("fx.col_status"): r["status"], L("fx.col_claims"): r["claims"], L("db.col_reviewed"): r["reviewed"]}
                  for r in rows], hide_index=True)

def progress_table(rows: list[dict], name: str, column: str) -> None:
    """Claims reviewed of each company or article, with the share as a bar."""
    st.dataframe([{column: r[name], L("fx.col_claims"): r["claims"], L("db.col_reviewed"): r["reviewed"],
                   L("db.col_share"): r["reviewed"] / r["claims"] if r["claims"] else 0.0} for r in rows],
                 hide_index=True, width="stretch",
                 column_config={L("db.col_share"): st.column_config.ProgressColumn(format="percent", min_value=0,
                                                                                   max_value=1)})


st.subheader(L("db.by_company"))
progress_table(data["company"], "company", L("fx.col_company"))

st.subheader(L("db.by_article"))
progress_table(data["article"], "article", L("ar.col_file"))

st.subheader(L("db.open_conflicts"))
conflicts = facts.groups(database, status="conflict", limit=20)
st.dataframe([{L("fx.col_company"): g["entity"], L("fx.col_fact"): predicate_label(g["predicate"]),
               L("fx.col_values"): " · ".join(f"{v['value']} ×{v['sources']}" for v in g["summary"]),
               L("fx.col_sources"): g["n_sources"]} for g in conflicts], hide_index=True, width="stretch",
             key="open_conflicts")
