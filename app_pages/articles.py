"""Articles: a searchable page-at-a-time list, and one article with its claims highlighted."""
import streamlit as st

from app_pages.common import CSS, L, date_text, db, flag_label, highlight, lang, md, number_text, predicate_label
from checker import labels, storage, versions

PAGE = 50
database = db()
st.markdown(CSS, unsafe_allow_html=True)
st.header(L("ar.header"))

search = st.text_input(L("ar.search"), key="article_search")
total = storage.count_articles(database)
page = st.number_input(L("page"), min_value=1, max_value=max(1, -(-total // PAGE)), value=1, key="article_page")
rows = storage.list_articles(database, search, limit=PAGE, offset=(page - 1) * PAGE)
st.caption(L("ar.count", total=total, shown=len(rows)))

table = st.dataframe(
    [{L("ar.col_file"): r["name"], L("ar.col_title"): r["title"] or "", L("ar.col_company"): r["main_entity"] or "",
      L("ar.col_published"): date_text(r["published"]), L("ar.col_claims"): r["n_claims"],
      L("ar.col_reviewed"): r["reviewed"], L("ar.col_damage"): r["damaged_spans"] or 0,
      L("ar.col_encoding"): r["encoding"] or "",
      L("ar.col_version"): L("ar.version_old", v=r["version"]) if r["superseded_by"] else f"v{r['version']}"}
     for r in rows],
    hide_index=True, on_select="rerun", selection_mode="single-row", width="stretch",
    key=f"article_table:{search}:{page}")  # a new search or page starts with no stale selection

if search.strip() and (found := storage.search_claims(database, search, limit=PAGE)):
    with st.expander(L("ar.claims_found", q=search.strip(), n=PAGE)):
        st.dataframe([{L("ar.col_file"): c["article"], L("ar.col_text"): c["text"]} for c in found],
                     hide_index=True, width="stretch", key="claims_found")

selected = [i for i in (table.selection.rows if table and table.selection else []) if i < len(rows)]
if selected:
    art = storage.get_article(database, rows[selected[0]]["id"])
    claims = storage.claims_for_article(database, art["id"])
    st.subheader(md(art["title"] or art["name"]))
    meta = [L("ar.meta_file", v=art["name"]), L("ar.meta_encoding", v=art["encoding"] or "?"),
            L("ar.meta_chars", v=art["chars"])]
    if art["published"]:
        meta.append(L("ar.meta_published", v=date_text(art["published"])))
    if art["source"]:
        meta.append(L("ar.meta_source", v=art["source"]))
    st.caption(" · ".join(md(m) for m in meta))
    if len(all_versions := versions.versions(database, art["id"])) > 1:
        st.info(L("ar.versions", n=len(all_versions), list=" → ".join(
            f"**v{v['version']}**" if v["id"] == art["id"] else f"v{v['version']}" for v in all_versions)))
        if art["superseded_by"]:
            st.caption(L("ar.superseded"))
        else:
            earlier = [v for v in all_versions if v["superseded_by"] == art["id"]]
            if earlier:
                diff = versions.changes(database, earlier[-1]["id"], art["id"])
                st.caption(L("ar.changed", added="；".join(md(x) for x in diff["added"]) or L("ar.none"),
                             removed="；".join(md(x) for x in diff["removed"]) or L("ar.none")))
    if st.button(L("ar.review", n=art["n_claims"]), key="review_article", type="primary"):
        st.session_state["f_article"] = art["id"]
        st.session_state.pop("claim_id", None)
        st.switch_page("app_pages/review.py")
    spans = [(c["start"], c["end"], "claim" if not c["empty"] else "damage") for c in claims]
    spans += [(d["start"], d["end"], "damage") for d in art["damage"]]
    st.markdown(f'<div class="article-text" data-testid="article-text">{highlight(art["text"], spans)}</div>',
                unsafe_allow_html=True)
    if art["damage"]:
        st.markdown(f"**{L('ar.damage')}**")
        st.dataframe([{L("ar.col_kind"): flag_label(d["kind"]), L("ar.col_text"): d["text"], L("ar.col_at"): d["start"]}
                      for d in art["damage"]], hide_index=True)
    st.markdown(f"**{L('ar.claims')}**")
    st.dataframe([{L("ar.col_claim"): c["text"], L("ar.col_predicate"): predicate_label(c["predicate"]),
                   L("ar.col_number"): number_text(c["number"]) if c["number"] is not None else "",
                   L("ar.col_unit"): c["unit"] or "", L("ar.col_empty"): L("yes") if c["empty"] else "",
                   L("ar.col_flags"): "、".join(flag_label(f) for f in c["flags"]),
                   L("col.verdict"): labels.verdict_label(c["verdict"], lang()) if c["verdict"] else ""}
                  for c in claims], hide_index=True, width="stretch")
