"""Review claims one at a time: the claim, its sentence, the article, and three verdict keys."""
import streamlit as st

from app_pages.common import (CSS, VERDICT_BADGE, db, esc, highlight, joined, md, number_text, own_db,
                              predicate_label, reviewer_name, shortcut_helper)
from checker import Verdict, add_verdict
from checker import storage

database = db()
st.markdown(CSS, unsafe_allow_html=True)

# --- filters, in the sidebar (the reviewer's name is drawn by app.py on every page) -----
def refilter():
    """A filter changed: show the first claim that matches the new filters."""
    st.session_state.pop("claim_id", None)


with st.sidebar:
    predicates = [""] + storage.predicates_in_use(database)
    st.selectbox("Predicate", predicates, key="f_predicate", on_change=refilter,
                 format_func=lambda p: "All predicates" if not p else predicate_label(p))
    st.toggle("Only claims without a verdict", value=True, key="f_open", on_change=refilter)
    st.toggle("Only empty or damaged claims", value=False, key="f_flagged", on_change=refilter)
    if st.session_state.get("f_article"):
        art = storage.get_article(database, st.session_state["f_article"])
        st.caption(f"Article: {md(art['name']) if art else '?'}")
        if st.button("Show all articles", key="clear_article"):
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
        st.session_state["flash"] = ("error", "Type your name in the sidebar first: every verdict records who gave it.")
        return
    with own_db() as conn:  # callbacks run later, maybe on another thread
        add_verdict(conn, Verdict(claim["id"], verdict, reviewer, st.session_state.get(f"note:{claim['id']}", ""),
                                  st.session_state.get(f"evidence:{claim['id']}", "")))
    st.session_state["flash"] = ("success", f"Saved {verdict}: {md(claim['text'])}")
    advance(claim)


def back(claim):
    with own_db() as conn:  # callbacks run later, maybe on another thread
        prev = storage.previous_claim(conn, (claim["article_seq"], claim["position"]), **filters,
                                      flagged=st.session_state.get("f_flagged", False))
    if prev:
        st.session_state["claim_id"] = prev["id"]


claim = current()
prog = storage.progress(database, **filters)
st.progress(prog["reviewed"] / prog["total"] if prog["total"] else 0.0,
            text=f"Reviewed {prog['reviewed']} / {prog['total']} · verified {prog['verified']} · unsupported {prog['unsupported']}"
                 f" · contradictory {prog['contradictory']}")

if flash := st.session_state.pop("flash", None):
    (st.error if flash[0] == "error" else st.toast)(flash[1])

if claim is None:
    st.success("Nothing left to review with these filters.")
    st.stop()

article = storage.get_article(database, claim["article_id"])
if article is None:  # deleted behind our back: say so rather than crash
    st.error("This claim's article is no longer in the database.")
    st.stop()
text = article["text"]
badge, color = VERDICT_BADGE.get(claim["verdict"], VERDICT_BADGE[None])

value = "(empty: the text leaves it out)" if claim["empty"] else claim["value"]
if claim["number"] is None:
    norm = ""
elif claim["kind"] == "date":  # a year is not a quantity: 2015, not 2,015
    norm = f" = {claim['date'] or int(claim['number'])} ({claim['qualifier']})"
else:
    norm = f" = {number_text(claim['number'])} {claim['unit'] or ''} ({claim['qualifier']})"
tags = [f'<span class="tag {color}">{esc(badge)}</span>']
if claim["empty"]:
    tags.append('<span class="tag red">empty fact 空</span>')
tags += [f'<span class="tag violet">{esc(f)}</span>' for f in claim["flags"]]
as_of = f"<br><b>As of</b> {esc(claim['as_of'])}" if claim["as_of"] else ""
st.markdown(f"""<div class="claim-card" data-testid="claim-card">
<div class="claim-text">{esc(claim['text'])}</div>
<div class="claim-grid">
 <div><b>Predicate</b><br>{esc(predicate_label(claim['predicate']))}</div>
 <div><b>Value</b><br>{esc(value)}{esc(norm)}</div>
 <div><b>Subject</b><br>{esc(claim['subject'])}{as_of}</div>
 <div>{' '.join(tags)}<br>{esc(joined(article['name'], article.get('published')))}</div>
</div></div>""", unsafe_allow_html=True)

spans = [(claim["start"], claim["end"], "claim")]
spans += [(d["start"], d["end"], "damage") for d in article["damage"]
          if d["start"] < claim["sentence_end"] and d["end"] > claim["sentence_start"]]
st.markdown(f'<div class="sentence" data-testid="claim-sentence">'
            f'{highlight(text, spans, (claim["sentence_start"], claim["sentence_end"]))}</div>',
            unsafe_allow_html=True)

# the boxes belong to this claim (the key carries its id): nothing typed for one claim reaches another
st.text_area("Note (why; what you checked)", key=f"note:{claim['id']}", height=80)
st.text_input("Evidence (URL or document reference)", key=f"evidence:{claim['id']}")

b = st.columns(5)
b[0].button("Verified", icon=":material/check_circle:", key="btn_verified", shortcut="V", on_click=decide, args=(claim, "verified"),
            type="primary", width="stretch")
b[1].button("Unsupported", icon=":material/help:", key="btn_unsupported", shortcut="U", on_click=decide, args=(claim, "unsupported"),
            width="stretch")
b[2].button("Contradictory", icon=":material/cancel:", key="btn_contradictory", shortcut="X", on_click=decide,
            args=(claim, "contradictory"), width="stretch")
b[3].button("Skip", key="btn_skip", shortcut="S", on_click=advance, args=(claim,), width="stretch")
b[4].button("Back", key="btn_back", shortcut="B", on_click=back, args=(claim,), width="stretch")
st.caption("Keys: V verified · U unsupported · X contradictory · S skip · B back (not while the cursor is in a "
           "text box: press Esc first)")
shortcut_helper({"v": "btn_verified", "u": "btn_unsupported", "x": "btn_contradictory", "s": "btn_skip",
                 "b": "btn_back"}, "The cursor is in a text box: press Esc, then V / U / X / S / B")

with st.expander("Whole article", expanded=False):
    st.markdown(f'<div class="article-text">{highlight(text, spans)}</div>', unsafe_allow_html=True)

hist = storage.history(database, claim["id"])
if hist:
    with st.expander(f"History of this claim ({len(hist)})"):
        st.dataframe([{k: h[k] for k in ("created_at", "reviewer", "verdict", "note", "evidence")} for h in hist],
                     hide_index=True)
