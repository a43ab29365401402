"""Facts across articles: where articles disagree or leave a fact empty, side by side."""
import streamlit as st

from app_pages.common import CSS, VERDICT_BADGE, db, esc, highlight, md, predicate_label, reviewer_name
from checker import VERDICTS, facts, storage
from checker.compare import STATUSES

PAGE = 100
STATUS_LABEL = {"conflict": "矛盾 conflict", "empty": "缺失 empty", "changed": "变化 changed over time",
                "agree": "一致 agree", "single": "单一来源 single"}
database = db()
st.markdown(CSS, unsafe_allow_html=True)
st.header("Facts across articles")

counts = facts.status_counts(database)
cols = st.columns(len(STATUSES))
for col, s in zip(cols, STATUSES):
    col.metric(STATUS_LABEL[s], counts[s])

f1, f2, f3 = st.columns([2, 3, 3])
status = f1.selectbox("Status", [""] + list(STATUSES), key="facts_status",
                      format_func=lambda s: "All (conflicts and empties first)" if not s else STATUS_LABEL[s])
entity = f2.text_input("Company contains", key="facts_entity")
predicate = f3.selectbox("Predicate", [""] + storage.predicates_in_use(database), key="facts_predicate",
                         format_func=lambda p: "All predicates" if not p else predicate_label(p))
page = st.number_input("Page", min_value=1, value=1, key="facts_page")
rows = facts.groups(database, status=status or None, entity=entity or None, predicate=predicate or None,
                    limit=PAGE, offset=(page - 1) * PAGE)
if not rows:
    st.info("No fact groups match these filters.")
    st.stop()


def values_text(summary):
    return " · ".join(f"{v['value']}" + (f" (as of {', '.join(v['as_of'])})" if v["as_of"] else "")
                      + f" ×{v['sources']}" for v in summary)


st.dataframe(
    [{"status": STATUS_LABEL[g["status"]], "company": g["entity"], "fact": predicate_label(g["predicate"]),
      "values stated (× independent sources)": values_text(g["summary"]), "sources": g["n_sources"],
      "articles": g["n_articles"], "claims": g["n_claims"]} for g in rows],
    hide_index=True, key="facts_table", width="stretch", height=min(400, 38 + 35 * len(rows)))
pick = st.selectbox("Open a fact group", range(len(rows)), key="facts_pick",
                    format_func=lambda i: f"{STATUS_LABEL[rows[i]['status']]} · {rows[i]['entity']} · "
                                          f"{predicate_label(rows[i]['predicate'])}")
group = rows[pick]
SHOWN = 100
members = facts.members(database, group["entity"], group["predicate"], limit=SHOWN)
help_ = facts.suggestion(members)
st.subheader(f"{md(group['entity'])} · {predicate_label(group['predicate'])} · {STATUS_LABEL[group['status']]}")
if help_["contradictory"]:
    st.warning(f"{len(help_['contradictory'])} statements disagree with another about the same time: "
               "suggested verdict **contradictory** for them.")
if any(m["empty"] for m in members) and help_["fill"]:
    st.info("Where an article leaves this fact empty, other articles give: "
            + "; ".join(f"{md(v['value'])} ({v['sources']} source{'s' if v['sources'] > 1 else ''})"
                        for v in help_["fill"]))


def open_in_review(claim_id):
    st.session_state["claim_id"] = claim_id
    st.session_state["f_article"] = None


if group["n_claims"] > SHOWN:
    st.caption(f"Showing the first {SHOWN} of {group['n_claims']} statements; group verdicts apply to all.")
for m in members:
    badge, color = VERDICT_BADGE.get(m["verdict"], VERDICT_BADGE[None])
    tags = [f'<span class="tag {color}">{esc(badge)}</span>']
    if m["conflict"]:
        tags.append('<span class="tag red">disagrees</span>')
    if m["empty"]:
        tags.append('<span class="tag red">empty fact 空</span>')
    value = facts.display_value(m["value"], m["qualifier"], m["empty"])
    as_of = f" · as of {esc(m['as_of'])}" if m["as_of"] else ""
    off = m["sentence_start"]
    sentence = highlight(m["sentence"], [(m["start"] - off, m["end"] - off, "claim")])
    with st.container(border=True):
        c1, c2 = st.columns([5, 1])
        c1.markdown(f'<div data-testid="fact-member"><b>{esc(value)}</b>{as_of} {" ".join(tags)}<br>'
                    f'<span class="sentence-small">{sentence}</span><br>'
                    f'<small>{esc(m["article"])} · {esc(m["published"] or "")} · source {esc(m["source"][:8])}'
                    f'</small></div>', unsafe_allow_html=True)
        if c2.button("Review", key=f"review_{m['id']}", on_click=open_in_review, args=(m["id"],)):
            st.switch_page("app_pages/review.py")

st.markdown("**One verdict for many claims** (each claim still gets its own history row)")
with st.form("group_verdict"):
    verdict = st.radio("Verdict", VERDICTS, horizontal=True, key="group_verdict_choice",
                       index=VERDICTS.index("contradictory") if group["status"] == "conflict" else 0)
    scope = st.radio("Apply to", ["every claim in this group", "only the claims that disagree",
                                  "every claim stating the same value as the first one I pick below"],
                     key="group_scope")
    same_as = st.selectbox("Same value as", [m["id"] for m in members], key="group_same_as",
                           format_func=lambda cid: next(f"{m['value'] or '(empty)'} — {m['article']}"
                                                        for m in members if m["id"] == cid))
    note = st.text_input("Note", key="group_note")
    if st.form_submit_button("Apply verdict", type="primary"):
        if not reviewer_name():
            st.error("Type your name in the sidebar first: every verdict records who gave it.")
        else:
            if scope.startswith("every claim in"):
                ids = facts.group_claim_ids(database, group["entity"], group["predicate"])
            elif scope.startswith("only"):
                ids = help_["contradictory"]
            else:
                ids = facts.same_statement(database, same_as)
            n = facts.apply_verdict(database, ids, verdict, reviewer_name(), note) if ids else 0
            st.success(f"Saved {verdict} on {n} claims.")

with st.expander("Entities and aliases"):
    st.caption("Two names for one company (掌眾金融 and 掌众金融 are merged automatically): merge them so their facts "
               "are compared; split them again if that was wrong.")
    a1, a2, a3 = st.columns([2, 2, 1])
    alias = a1.text_input("This name…", key="alias_from")
    into = a2.text_input("…is the same company as", key="alias_into")
    if a3.button("Merge", key="alias_merge") and alias and into:
        try:
            moved = facts.merge(database, alias, into, reviewer_name())
            st.success(f"{md(alias)} → {md(into)}: {moved} claims moved.")
        except ValueError as exc:
            st.error(str(exc))
    known = facts.aliases(database)
    if known:
        st.dataframe(known, hide_index=True)
        undo = st.selectbox("Split again", [a["alias"] for a in known], key="alias_split_pick")
        if st.button("Split", key="alias_split"):
            moved = facts.split(database, undo)
            st.success(f"{md(undo)} is its own company again ({moved} claims).")
