"""Facts across articles: where articles disagree or leave a fact empty, side by side."""
import streamlit as st

from app_pages.common import (CSS, L, date_text, db, esc, highlight, joined, lang, md, own_db, predicate_label,
                              reviewer_name, verdict_badge)
from checker import VERDICTS, facts, labels, review, storage
from checker.compare import STATUSES

PAGE = 100
database = db()
st.markdown(CSS, unsafe_allow_html=True)
st.header(L("fx.header"))


def status_label(s: str) -> str:
    return labels.status_label(s, lang())


def value_text(value: str) -> str:
    return L("empty_short") if value == "(empty)" else value


counts = facts.status_counts(database)
cols = st.columns(len(STATUSES))
for col, s in zip(cols, STATUSES):
    col.metric(status_label(s), counts[s])

f1, f2, f3 = st.columns([2, 3, 3])
status = f1.selectbox(L("fx.status"), [""] + list(STATUSES), key="facts_status",
                      format_func=lambda s: L("fx.all_status") if not s else status_label(s))
entity = f2.text_input(L("fx.company"), key="facts_entity")
predicate = f3.selectbox(L("rv.predicate"), [""] + storage.predicates_in_use(database), key="facts_predicate",
                         format_func=lambda p: L("rv.all_predicates") if not p else predicate_label(p))
page = st.number_input(L("page"), min_value=1, value=1, key="facts_page")
rows = facts.groups(database, status=status or None, entity=entity or None, predicate=predicate or None,
                    limit=PAGE, offset=(page - 1) * PAGE)
if not rows:
    st.info(L("fx.none"))
    st.stop()


def values_text(summary):
    return " · ".join(value_text(v["value"]) + (f" ({L('as_of')} {', '.join(date_text(a) for a in v['as_of'])}"
                                                f"{'…' if v.get('more_as_of') else ''})"
                                                if v["as_of"] else "") + f" ×{v['sources']}" for v in summary)


def group_key(g) -> str:
    """A fact group's id on this page: `entity|predicate` (the picker's value, never a row number)."""
    return f"{g['entity']}|{g['predicate']}"


by_key = {group_key(g): g for g in rows}
COLUMNS = {"fx.col_status": "small", "fx.col_company": "small", "fx.col_fact": "small", "fx.col_values": "large",
           "fx.col_sources": "small", "fx.col_articles": "small", "fx.col_claims": "small"}
st.dataframe(
    [dict(zip([L(k) for k in COLUMNS], (status_label(g["status"]), g["entity"], predicate_label(g["predicate"]),
                                        values_text(g["summary"]), g["n_sources"], g["n_articles"], g["n_claims"])))
     for g in rows],
    hide_index=True, key="facts_table", width="stretch", height=min(400, 38 + 35 * len(rows)),
    column_config={L(k): st.column_config.Column(width=w) for k, w in COLUMNS.items()})
# the group opened stays open while it is listed; otherwise the first listed one is opened, and the
# picker is told so (its value is the group's id, so the label and the page below always agree)
if st.session_state.get("facts_pick") not in by_key:
    st.session_state["facts_pick"] = next(iter(by_key))
pick = st.selectbox(L("fx.open"), list(by_key), key="facts_pick",
                    format_func=lambda k: f"{status_label(by_key[k]['status'])} · {by_key[k]['entity']} · "
                                          f"{predicate_label(by_key[k]['predicate'])}")
group = by_key[pick]
gid = group_key(group)
SHOWN = 100
members = facts.members(database, group["entity"], group["predicate"], limit=SHOWN)
help_ = facts.suggestion(members)
st.subheader(f"{md(group['entity'])} · {predicate_label(group['predicate'])} · {status_label(group['status'])}")
if flash := st.session_state.pop("facts_flash", None):
    (st.error if flash[0] == "error" else st.success)(flash[1])
if help_["contradictory"]:
    st.warning(L("fx.disagree", n=len(help_["contradictory"])))
if any(m["empty"] for m in members) and help_["fill"]:
    st.info(L("fx.fill", values="; ".join(L("fx.fill_value", value=md(v["value"]), n=v["sources"])
                                          for v in help_["fill"])))


def open_in_review(claim_id):
    st.session_state["claim_id"] = claim_id
    st.session_state["f_article"] = None


if group["n_claims"] > SHOWN:
    st.caption(L("fx.shown", shown=SHOWN, total=group["n_claims"]))
for m in members:
    badge, color = verdict_badge(m["verdict"])
    tags = [f'<span class="tag {color}">{esc(badge)}</span>']
    if m["conflict"]:
        tags.append(f'<span class="tag red">{esc(L("fx.disagrees_tag"))}</span>')
    if m["empty"]:
        tags.append(f'<span class="tag red">{esc(L("rv.empty_tag"))}</span>')
    value = value_text(facts.display_value(m["value"], m["qualifier"], m["empty"]))
    as_of = f" · {esc(L('as_of'))} {esc(date_text(m['as_of']))}" if m["as_of"] else ""
    off = m["sentence_start"]
    sentence = highlight(m["sentence"], [(m["start"] - off, m["end"] - off, "claim")])
    with st.container(border=True):
        c1, c2 = st.columns([5, 1])
        c1.markdown(f'<div data-testid="fact-member"><b>{esc(value)}</b>{as_of} {" ".join(tags)}<br>'
                    f'<span class="sentence-small">{sentence}</span><br>'
                    f'<small>{esc(joined(m["article"], date_text(m["published"]), L("source") + " " + m["source"][:8]))}'
                    f'</small></div>', unsafe_allow_html=True)
        if c2.button(L("fx.review"), key=f"review_{m['id']}", on_click=open_in_review, args=(m["id"],)):
            st.switch_page("app_pages/review.py")

def apply_group(entity, predicate, key):
    """The button's callback: the group is the one drawn with the button (its id is bound here),
    whatever the filters say by the time the click arrives."""
    reviewer = reviewer_name()
    if not reviewer:
        st.session_state["facts_flash"] = ("error", L("need_name"))
        return
    verdict, scope = st.session_state.get(f"gv_verdict:{key}"), st.session_state.get(f"gv_scope:{key}")
    with own_db() as conn:  # callbacks run later, maybe on another thread
        ids = review.group_targets(conn, entity, predicate, scope, st.session_state.get(f"gv_same:{key}"))
        done = review.apply_group_verdict(conn, ids, verdict, reviewer, st.session_state.get(f"gv_note:{key}", ""),
                                          overwrite_others=st.session_state.get(f"gv_overwrite:{key}", False))
    message = L("fx.gv_saved", verdict=labels.verdict_label(verdict, lang()), n=done["saved"],
                group=f"{md(entity)} · {predicate_label(predicate)}")
    if done["kept"]:
        message += " " + L("fx.gv_kept", n=sum(done["kept"].values()), names=md(review.names_text(done["kept"])))
    st.session_state["facts_flash"] = ("success", message)
    for part in ("verdict", "scope", "same", "note", "overwrite"):
        st.session_state.pop(f"gv_{part}:{key}", None)


st.markdown("**" + L("fx.gv_title", group=f"{md(group['entity'])} · {predicate_label(group['predicate'])}") + "**")
# every choice is keyed by the group: nothing is preselected and nothing carries over to another group
verdict = st.radio(L("fx.gv_verdict"), VERDICTS, index=None, horizontal=True, key=f"gv_verdict:{gid}",
                   format_func=lambda v: labels.verdict_label(v, lang()))
scope = st.radio(L("fx.gv_scope"), review.SCOPES, index=None, key=f"gv_scope:{gid}",
                 format_func=lambda s: L(f"scope.{s}"))
same_as = None
if scope == "same_value":
    same_as = st.selectbox(L("fx.gv_same"), [m["id"] for m in members], index=None, key=f"gv_same:{gid}",
                           format_func=lambda cid: next(f"{m['value'] or L('empty_short')} — {m['article']}"
                                                        for m in members if m["id"] == cid))
st.text_input(L("fx.gv_note"), key=f"gv_note:{gid}")
ready = bool(verdict and scope and (scope != "same_value" or same_as))
if ready:
    ids = review.group_targets(database, group["entity"], group["predicate"], scope, same_as)
    seen = review.summary(database, ids, reviewer_name())
    others = sum(seen["others"].values())
    overwrite = False
    if others:
        overwrite = st.checkbox(L("fx.gv_overwrite", n=others, names=md(review.names_text(seen["others"]))),
                                value=False, key=f"gv_overwrite:{gid}")
    change = seen["open"] + seen["mine"] + (others if overwrite else 0)
    judged = seen["mine"] + others
    text = L("fx.gv_will", verdict=labels.verdict_label(verdict, lang()), change=change, total=seen["total"])
    if judged:
        text += " " + L("fx.gv_judged", n=judged, mine=seen["mine"])
        if others:
            text += L("fx.gv_others_replaced" if overwrite else "fx.gv_others_kept",
                      names=md(review.names_text(seen["others"])))
        text += "。" if lang() == "zh" else "."
    st.caption(text)
if not reviewer_name():
    st.caption(L("fx.gv_need_name"))
st.button(L("fx.gv_apply"), key=f"gv_apply:{gid}", type="primary", disabled=not (ready and reviewer_name()),
          on_click=apply_group, args=(group["entity"], group["predicate"], gid))

with st.expander(L("fx.aliases")):
    st.caption(L("fx.aliases_help"))
    a1, a2, a3 = st.columns([2, 2, 1])
    alias = a1.text_input(L("fx.alias_from"), key="alias_from")
    into = a2.text_input(L("fx.alias_into"), key="alias_into")
    if a3.button(L("fx.merge"), key="alias_merge") and alias and into:
        try:
            moved = facts.merge(database, alias, into, reviewer_name())
            st.success(L("fx.merged", alias=md(alias), into=md(into), n=moved))
        except ValueError as exc:
            st.error(str(exc))
    known = facts.aliases(database)
    if known:
        st.dataframe([{L("fx.col_alias"): a["alias"], L("fx.col_company"): a["entity"],
                       L("col.reviewer"): a["created_by"] or "", L("col.time"): date_text(a["created_at"])}
                      for a in known], hide_index=True)
        undo = st.selectbox(L("fx.split_pick"), [a["alias"] for a in known], key="alias_split_pick")
        if st.button(L("fx.split"), key="alias_split"):
            moved = facts.split(database, undo)
            st.success(L("fx.splitted", alias=md(undo), n=moved))
