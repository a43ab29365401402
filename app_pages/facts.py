"""Facts across articles: where articles disagree or leave a fact empty, side by side."""
import streamlit as st

from app_pages.common import (CSS, VERDICT_BADGE, db, esc, highlight, joined, md, own_db, predicate_label,
                              reviewer_name)
from checker import VERDICTS, facts, review, storage
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


def group_key(g) -> str:
    """A fact group's id on this page: `entity|predicate` (the picker's value, never a row number)."""
    return f"{g['entity']}|{g['predicate']}"


by_key = {group_key(g): g for g in rows}
st.dataframe(
    [{"status": STATUS_LABEL[g["status"]], "company": g["entity"], "fact": predicate_label(g["predicate"]),
      "values stated (× independent sources)": values_text(g["summary"]), "sources": g["n_sources"],
      "articles": g["n_articles"], "claims": g["n_claims"]} for g in rows],
    hide_index=True, key="facts_table", width="stretch", height=min(400, 38 + 35 * len(rows)),
    column_config={"status": st.column_config.TextColumn(width="small"),
                   "company": st.column_config.TextColumn(width="small"),
                   "fact": st.column_config.TextColumn(width="small"),
                   "values stated (× independent sources)": st.column_config.TextColumn(width="large"),
                   "sources": st.column_config.NumberColumn(width="small"),
                   "articles": st.column_config.NumberColumn(width="small"),
                   "claims": st.column_config.NumberColumn(width="small")})
# the group opened stays open while it is listed; otherwise the first listed one is opened, and the
# picker is told so (its value is the group's id, so the label and the page below always agree)
if st.session_state.get("facts_pick") not in by_key:
    st.session_state["facts_pick"] = next(iter(by_key))
pick = st.selectbox("Open a fact group", list(by_key), key="facts_pick",
                    format_func=lambda k: f"{STATUS_LABEL[by_key[k]['status']]} · {by_key[k]['entity']} · "
                                          f"{predicate_label(by_key[k]['predicate'])}")
group = by_key[pick]
gid = group_key(group)
SHOWN = 100
members = facts.members(database, group["entity"], group["predicate"], limit=SHOWN)
help_ = facts.suggestion(members)
st.subheader(f"{md(group['entity'])} · {predicate_label(group['predicate'])} · {STATUS_LABEL[group['status']]}")
if flash := st.session_state.pop("facts_flash", None):
    (st.error if flash[0] == "error" else st.success)(flash[1])
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
                    f'<small>{esc(joined(m["article"], m["published"], "source " + m["source"][:8]))}'
                    f'</small></div>', unsafe_allow_html=True)
        if c2.button("Review", key=f"review_{m['id']}", on_click=open_in_review, args=(m["id"],)):
            st.switch_page("app_pages/review.py")

SCOPE_LABEL = {"all": "every claim in this group", "conflicting": "only the claims that disagree",
               "same_value": "every claim stating the same value as the one I pick below"}


def apply_group(entity, predicate, key):
    """The button's callback: the group is the one drawn with the button (its id is bound here),
    whatever the filters say by the time the click arrives."""
    reviewer = reviewer_name()
    if not reviewer:
        st.session_state["facts_flash"] = ("error", "Type your name in the sidebar first: every verdict records who gave it.")
        return
    verdict, scope = st.session_state.get(f"gv_verdict:{key}"), st.session_state.get(f"gv_scope:{key}")
    with own_db() as conn:  # callbacks run later, maybe on another thread
        ids = review.group_targets(conn, entity, predicate, scope, st.session_state.get(f"gv_same:{key}"))
        done = review.apply_group_verdict(conn, ids, verdict, reviewer, st.session_state.get(f"gv_note:{key}", ""),
                                          overwrite_others=st.session_state.get(f"gv_overwrite:{key}", False))
    message = f"Saved {verdict} on {done['saved']} claims of {md(entity)} · {predicate_label(predicate)}."
    if done["kept"]:
        message += f" {sum(done['kept'].values())} kept another reviewer's verdict ({md(review.names_text(done['kept']))})."
    st.session_state["facts_flash"] = ("success", message)
    for part in ("verdict", "scope", "same", "note", "overwrite"):
        st.session_state.pop(f"gv_{part}:{key}", None)


st.markdown(f"**One verdict for many claims of {md(group['entity'])} · {predicate_label(group['predicate'])}** "
            "(each claim still gets its own history row)")
# every choice is keyed by the group: nothing is preselected and nothing carries over to another group
verdict = st.radio("Verdict", VERDICTS, index=None, horizontal=True, key=f"gv_verdict:{gid}")
scope = st.radio("Apply to", review.SCOPES, index=None, key=f"gv_scope:{gid}", format_func=SCOPE_LABEL.get)
same_as = None
if scope == "same_value":
    same_as = st.selectbox("Same value as", [m["id"] for m in members], index=None, key=f"gv_same:{gid}",
                           format_func=lambda cid: next(f"{m['value'] or '(empty)'} — {m['article']}"
                                                        for m in members if m["id"] == cid))
st.text_input("Note", key=f"gv_note:{gid}")
ready = bool(verdict and scope and (scope != "same_value" or same_as))
if ready:
    ids = review.group_targets(database, group["entity"], group["predicate"], scope, same_as)
    seen = review.summary(database, ids, reviewer_name())
    others = sum(seen["others"].values())
    overwrite = False
    if others:
        overwrite = st.checkbox(f"Also replace the {others} verdicts of other reviewers "
                                f"({md(review.names_text(seen['others']))})", value=False, key=f"gv_overwrite:{gid}")
    change = seen["open"] + seen["mine"] + (others if overwrite else 0)
    judged = seen["mine"] + others
    text = f"This records **{verdict}** on {change} of {seen['total']} claims."
    if judged:
        text += f" {judged} already have a verdict: yours {seen['mine']}"
        if others:
            text += f"; other reviewers {md(review.names_text(seen['others']))}" + (
                ", replaced" if overwrite else ", kept as they are")
        text += "."
    st.caption(text)
if not reviewer_name():
    st.caption("Type your name in the sidebar to give a verdict.")
st.button("Apply verdict", key=f"gv_apply:{gid}", type="primary", disabled=not (ready and reviewer_name()),
          on_click=apply_group, args=(group["entity"], group["predicate"], gid))

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
