"""Articles: a searchable page-at-a-time list, and one article with its claims highlighted."""
import streamlit as st

from app_pages.common import CSS, db, highlight, md, number_text
from checker import storage

PAGE = 50
database = db()
st.markdown(CSS, unsafe_allow_html=True)
st.header("Articles")

search = st.text_input("Search title, file name or company", key="article_search")
total = storage.count_articles(database)
page = st.number_input("Page", min_value=1, max_value=max(1, -(-total // PAGE)), value=1, key="article_page")
rows = storage.list_articles(database, search, limit=PAGE, offset=(page - 1) * PAGE)
st.caption(f"{total} articles in the database; showing {len(rows)}.")

table = st.dataframe(
    [{"file": r["name"], "title": r["title"] or "", "company": r["main_entity"] or "", "published": r["published"] or "",
      "claims": r["n_claims"], "reviewed": r["reviewed"], "damaged spans": r["damaged_spans"] or 0,
      "encoding": r["encoding"] or ""} for r in rows],
    hide_index=True, on_select="rerun", selection_mode="single-row", width="stretch",
    key=f"article_table:{search}:{page}")  # a new search or page starts with no stale selection

selected = [i for i in (table.selection.rows if table and table.selection else []) if i < len(rows)]
if selected:
    art = storage.get_article(database, rows[selected[0]]["id"])
    claims = storage.claims_for_article(database, art["id"])
    st.subheader(md(art["title"] or art["name"]))
    meta = [f"file {art['name']}", f"encoding {art['encoding']}", f"{art['chars']} characters"]
    if art["published"]:
        meta.append(f"published {art['published']}")
    if art["source"]:
        meta.append(f"source {art['source']}")
    st.caption(" · ".join(md(m) for m in meta))
    if st.button(f"Review the {art['n_claims']} claims of this article", key="review_article", type="primary"):
        st.session_state["f_article"] = art["id"]
        st.session_state.pop("claim_id", None)
        st.switch_page("app_pages/review.py")
    spans = [(c["start"], c["end"], "claim" if not c["empty"] else "damage") for c in claims]
    spans += [(d["start"], d["end"], "damage") for d in art["damage"]]
    st.markdown(f'<div class="article-text" data-testid="article-text">{highlight(art["text"], spans)}</div>',
                unsafe_allow_html=True)
    if art["damage"]:
        st.markdown("**Damaged text**")
        st.dataframe([{"kind": d["kind"], "text": d["text"], "at": d["start"]} for d in art["damage"]], hide_index=True)
    st.markdown("**Claims**")
    st.dataframe([{"claim": c["text"], "predicate": c["predicate"],
                   "number": "" if c["number"] is None else number_text(c["number"]), "unit": c["unit"] or "",
                   "empty": "yes" if c["empty"] else "", "flags": ", ".join(c["flags"]), "verdict": c["verdict"] or ""}
                  for c in claims],
                 hide_index=True, width="stretch")
