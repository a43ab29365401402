"""Review claims one at a time: the claim, its sentence, the article, and three verdict keys."""
import streamlit as st

from app_pages.common import (CSS, L, date_text, db, esc, flag_label, highlight, joined, lang, md, number_text,
                              own_db, predicate_label, reviewer_name, shortcut_helper, verdict_badge)
from checker import Verdict, add_verdict, labels, storage

database = db()
st.markdown(CSS, unsafe_allow_html=True)


# --- filters, in the sidebar (the reviewer's name is drawn by app.py on every page) -----
def refilter():
    """A filter changed: show the first claim that matches the new filters."""
    st.session_state.pop("claim_id", None)


with st.sidebar:
    predicates = [""] + storage.predicates_in_use(database)
    st.selectbox(L("rv.predicate"), predicates, key="f_predicate", on_change=refilter,
                 format_func=lambda p: L("rv.all_predicates") if not p else predicate_label(p))
    st.toggle(L("rv.only_open"), value=True, key="f_open", on_change=refilter)
    st.toggle(L("rv.only_flagged"), value=False, key="f_flagged", on_change=refilter)
    if st.session_state.get("f_article"):
        art = storage.get_article(database, st.session_state["f_article"])
        st.caption(L("rv.article", name=md(art["name"]) if art else "?"))
        if st.button(L("rv.all_articles"), key="clear_article"):
            st.session_state["f_article"] = None
            st.session_state.pop("claim_id", None)
            st.rerun()

filters = dict(article_id=st.session_state.get("f_article"), predicate=st.session_state.get("f_predicate") or None)

# a link from another page: ?claim=ID
if "claim" in st.query_params:
    st.session_state["claim_id"] = st.query_params["claim"]
    del st.query_params["claim"]


def current():
    cid = st.session_state.get("claim_id")
    claim = storage.get_claim(database, cid) if cid else None
    if claim is None:
        claim = storage.next_claim(database, **filters, only_open=st.session_state.get("f_open", True),
                                   flagged=st.session_state.get("f_flagged", False))
        st.session_state["claim_id"] = claim["id"] if claim else None
    return claim


def advance(claim):
    with own_db() as conn:  # callbacks run later, maybe on another thread
        nxt = storage.next_claim(conn, **filters, after=(claim["article_seq"], claim["position"]),
                                 only_open=st.session_state.get("f_open", True),
                                 flagged=st.session_state.get("f_flagged", False))
    if nxt and nxt["id"] == claim["id"]:
        nxt = None
    st.session_state["claim_id"] = nxt["id"] if nxt else None


def decide(claim, verdict):
    reviewer = reviewer_name()
    if not reviewer:
        st.session_state["flash"] = ("error", L("need_name"))
        return
    with own_db() as conn:  # callbacks run later, maybe on another thread
        add_verdict(conn, Verdict(claim["id"], verdict, reviewer, st.session_state.get(f"note:{claim['id']}", ""),
                                  st.session_state.get(f"evidence:{claim['id']}", "")))
    st.session_state["flash"] = ("success", L("rv.saved", verdict=labels.verdict_label(verdict, lang()),
                                              claim=md(claim["text"])))
    advance(claim)


def back(claim):
    with own_db() as conn:  # callbacks run later, maybe on another thread
        prev = storage.previous_claim(conn, (claim["article_seq"], claim["position"]), **filters,
                                      flagged=st.session_state.get("f_flagged", False))
    if prev:
        st.session_state["claim_id"] = prev["id"]


claim = current()
prog = storage.progress(database, **filters)
st.progress(prog["reviewed"] / prog["total"] if prog["total"] else 0.0, text=L("rv.progress", **prog))

if flash := st.session_state.pop("flash", None):
    (st.error if flash[0] == "error" else st.toast)(flash[1])

if claim is None:
    st.success(L("rv.done"))
    st.stop()

article = storage.get_article(database, claim["article_id"])
if article is None:  # deleted behind our back: say so rather than crash
    st.error(L("rv.gone"))
    st.stop()
text = article["text"]
badge, color = verdict_badge(claim["verdict"])

value = L("empty_value") if claim["empty"] else claim["value"]
qualifier = labels.qualifier_label(claim["qualifier"], lang())
if claim["number"] is None:
    norm = ""
elif claim["kind"] == "date":  # a year is not a quantity: 2015, not 2,015
    norm = f" = {date_text(claim['date'] or str(int(claim['number'])))} ({qualifier})"
else:
    norm = f" = {number_text(claim['number'])} {claim['unit'] or ''} ({qualifier})"
tags = [f'<span class="tag {color}">{esc(badge)}</span>']
if claim["empty"]:
    tags.append(f'<span class="tag red">{esc(L("rv.empty_tag"))}</span>')
tags += [f'<span class="tag violet">{esc(flag_label(f))}</span>' for f in claim["flags"]]
as_of = f"<br><b>{esc(L('rv.f_as_of'))}</b> {esc(date_text(claim['as_of']))}" if claim["as_of"] else ""
st.markdown(f"""<div class="claim-card" data-testid="claim-card">
<div class="claim-text">{esc(claim['text'])}</div>
<div class="claim-grid">
 <div><b>{esc(L('rv.f_predicate'))}</b><br>{esc(predicate_label(claim['predicate']))}</div>
 <div><b>{esc(L('rv.f_value'))}</b><br>{esc(value)}{esc(norm)}</div>
 <div><b>{esc(L('rv.f_subject'))}</b><br>{esc(claim['subject'])}{as_of}</div>
 <div>{' '.join(tags)}<br>{esc(joined(article['name'], date_text(article.get('published'))))}</div>
</div></div>""", unsafe_allow_html=True)

spans = [(claim["start"], claim["end"], "claim")]
spans += [(d["start"], d["end"], "damage") for d in article["damage"]
          if d["start"] < claim["sentence_end"] and d["end"] > claim["sentence_start"]]
st.markdown(f'<div class="sentence" data-testid="claim-sentence">'
            f'{highlight(text, spans, (claim["sentence_start"], claim["sentence_end"]))}</div>',
            unsafe_allow_html=True)

# the boxes belong to this claim (the key carries its id): nothing typed for one claim reaches another
st.text_area(L("rv.note"), key=f"note:{claim['id']}", height=80)
st.text_input(L("rv.evidence"), key=f"evidence:{claim['id']}")

b = st.columns(5)
b[0].button(labels.verdict_label("verified", lang()), icon=":material/check_circle:", key="btn_verified", shortcut="V",
            on_click=decide, args=(claim, "verified"), type="primary", width="stretch")
b[1].button(labels.verdict_label("unsupported", lang()), icon=":material/help:", key="btn_unsupported", shortcut="U",
            on_click=decide, args=(claim, "unsupported"), width="stretch")
b[2].button(labels.verdict_label("contradictory", lang()), icon=":material/cancel:", key="btn_contradictory",
            shortcut="X", on_click=decide, args=(claim, "contradictory"), width="stretch")
b[3].button(L("rv.skip"), key="btn_skip", shortcut="S", on_click=advance, args=(claim,), width="stretch")
b[4].button(L("rv.back"), key="btn_back", shortcut="B", on_click=back, args=(claim,), width="stretch")
st.caption(L("rv.keys"))
shortcut_helper({"v": "btn_verified", "u": "btn_unsupported", "x": "btn_contradictory", "s": "btn_skip",
                 "b": "btn_back"}, L("rv.keys_hint"))

with st.expander(L("rv.whole_article"), expanded=False):
    st.markdown(f'<div class="article-text">{highlight(text, spans)}</div>', unsafe_allow_html=True)

hist = storage.history(database, claim["id"])
if hist:
    with st.expander(L("rv.history", n=len(hist))):
        st.dataframe([{L("col.time"): date_text(h["created_at"]), L("col.reviewer"): h["reviewer"],
                       L("col.verdict"): labels.verdict_label(h["verdict"], lang()), L("col.note"): h["note"] or "",
                       L("col.evidence"): h["evidence"] or ""} for h in hist], hide_index=True)
