"""Review claims one at a time: the claim, its sentence, the article, and three verdict keys."""
import streamlit as st

from app_pages.common import (CSS, L, date_text, db, esc, flag_label, highlight, joined, lang, md, number_text,
                              own_db, predicate_label, reviewer_name, selection_helper, shortcut_helper,
                              verdict_badge)
from checker import Verdict, add_verdict, corrections, labels, review, storage
from checker.vocabulary import PREDICATES

database = db()
st.markdown(CSS, unsafe_allow_html=True)


# --- filters, in the sidebar (the reviewer's name is drawn by app.py on every page) -----
# The claim shown and the filters live in the URL (?claim=…&predicate=…&order=…): a link opens the same
# claim for a colleague. The URL is read once, when a session opens on it; after that the page writes it.
URL = {"claim": "claim_id", "article": "f_article", "predicate": "f_predicate", "order": "f_order",
       "open": "f_open", "flagged": "f_flagged", "mode": "f_mode"}
ORDERS = ("article", "company", "conflicts")
MODES = ("review", "second", "disputed")  # one's own queue; a second opinion; a lead's disagreements
if not st.session_state.get("_review_url_read"):
    st.session_state["_review_url_read"] = True
    for param, key in URL.items():
        if param in st.query_params:
            value = st.query_params[param]
            st.session_state[key] = value == "1" if key in ("f_open", "f_flagged") else value


def may_lead(name: str) -> bool:
    """Whether this reviewer may settle disagreements: anyone, unless secrets.toml lists the leads
    ([checker] leads = ["李华"])."""
    try:
        leads = st.secrets.get("checker", {}).get("leads")
    except Exception:  # no secrets file
        leads = None
    return not leads or name in leads


def refilter():
    """A filter changed: show the first claim that matches the new filters."""
    st.session_state.pop("claim_id", None)
    st.session_state["visited"] = []
    st.session_state["so_after"] = 0


with st.sidebar:
    modes = MODES if may_lead(reviewer_name()) else MODES[:2]
    if st.session_state.get("f_mode") not in modes:
        st.session_state["f_mode"] = "review"
    st.selectbox(L("rv.mode"), modes, key="f_mode", on_change=refilter, format_func=lambda m: L(f"mode.{m}"))
    predicates = [""] + storage.predicates_in_use(database)
    if st.session_state.get("f_predicate") not in predicates:
        st.session_state["f_predicate"] = ""
    st.selectbox(L("rv.predicate"), predicates, key="f_predicate", on_change=refilter,
                 format_func=lambda p: L("rv.all_predicates") if not p else predicate_label(p))
    if st.session_state.get("f_order") not in ORDERS:
        st.session_state["f_order"] = "article"
    mode = st.session_state["f_mode"]
    st.selectbox(L("rv.order"), ORDERS, key="f_order", on_change=refilter, format_func=lambda o: L(f"order.{o}"),
                 disabled=mode != "review")
    st.session_state.setdefault("f_open", True)
    st.session_state.setdefault("f_flagged", False)
    st.toggle(L("rv.only_open"), key="f_open", on_change=refilter, disabled=mode != "review")
    st.toggle(L("rv.only_flagged"), key="f_flagged", on_change=refilter)
    if st.session_state.get("f_article"):
        art = storage.get_article(database, st.session_state["f_article"])
        st.caption(L("rv.article", name=md(art["name"]) if art else "?"))
        if st.button(L("rv.all_articles"), key="clear_article"):
            st.session_state["f_article"] = None
            st.session_state.pop("claim_id", None)
            st.rerun()

filters = dict(article_id=st.session_state.get("f_article"), predicate=st.session_state.get("f_predicate") or None,
               only_open=st.session_state.get("f_open", True), flagged=st.session_state.get("f_flagged", False))
order = st.session_state["f_order"]


def queue_next(conn, after=None):
    """The next claim in the chosen mode and order (after the claim `after`)."""
    if mode == "second":  # claims someone else judged and I have not, oldest verdict first
        found = review.next_second_opinion(conn, reviewer_name(), st.session_state.get("so_after", 0) if after else 0,
                                           filters["article_id"], filters["predicate"], filters["flagged"])
        if found is None:
            return None
        st.session_state["so_after"] = found[1]
        return found[0]
    if mode == "disputed":
        return review.next_disputed(conn, (after["article_seq"], after["position"]) if after else None,
                                    filters["article_id"], filters["predicate"])
    if order == "conflicts":
        return review.next_in_conflicts(conn, after, **filters)
    return storage.next_claim(conn, **filters, order=order,
                              after=storage.queue_key(after, order) if after else None)


def current():
    cid = st.session_state.get("claim_id")
    claim = storage.get_claim(database, cid) if cid else None
    if claim is None:
        claim = queue_next(database)
        st.session_state["claim_id"] = claim["id"] if claim else None
    return claim


def show(claim_id):
    """Move to another claim, remembering this one for Back."""
    if st.session_state.get("claim_id"):
        st.session_state.setdefault("visited", []).append(st.session_state["claim_id"])
        del st.session_state["visited"][:-200]
    st.session_state["claim_id"] = claim_id


def advance(claim):
    with own_db() as conn:  # callbacks run later, maybe on another thread
        nxt = queue_next(conn, claim)
    if nxt and nxt["id"] == claim["id"]:
        nxt = None
    show(nxt["id"] if nxt else None)


def decide(claim, verdict):
    reviewer = reviewer_name()
    if not reviewer:
        st.session_state["flash"] = ("error", L("need_name"))
        return
    note, evidence = st.session_state.get(f"note:{claim['id']}", ""), st.session_state.get(f"evidence:{claim['id']}", "")
    with own_db() as conn:  # callbacks run later, maybe on another thread
        if mode == "disputed":  # the lead's final verdict settles the disagreement
            review.settle(conn, claim["id"], verdict, reviewer, note, evidence)
        else:
            add_verdict(conn, Verdict(claim["id"], verdict, reviewer, note, evidence))
    st.session_state["flash"] = ("success", L("rv.saved", verdict=labels.verdict_label(verdict, lang()),
                                              claim=md(claim["text"])))
    advance(claim)


def back(claim):
    """The claim shown before this one (or, at the start, the one before it by article)."""
    visited = st.session_state.get("visited") or []
    if visited:
        st.session_state["claim_id"] = visited.pop()
        return
    with own_db() as conn:  # callbacks run later, maybe on another thread
        prev = storage.previous_claim(conn, (claim["article_seq"], claim["position"]), filters["article_id"],
                                      filters["predicate"], flagged=filters["flagged"])
    if prev:
        st.session_state["claim_id"] = prev["id"]


def undo():
    reviewer = reviewer_name()
    if not reviewer:
        st.session_state["flash"] = ("error", L("need_name"))
        return
    with own_db() as conn:  # callbacks run later, maybe on another thread
        done = review.undo_last(conn, reviewer)
        claim = storage.get_claim(conn, done["claim_id"]) if done else None
    if done is None:
        st.session_state["flash"] = ("error", L("rv.nothing_to_undo"))
        return
    show(done["claim_id"])  # back to the claim, to decide again
    st.session_state["flash"] = ("success", L("rv.undone", verdict=labels.verdict_label(done["verdict"], lang()),
                                              claim=md(claim["text"] if claim else done["claim_id"])))


def keep_in_url(claim_id):
    state = {"claim": claim_id, "mode": None if mode == "review" else mode,
             "article": filters["article_id"], "predicate": filters["predicate"],
             "order": None if order == "article" else order, "open": None if filters["only_open"] else "0",
             "flagged": "1" if filters["flagged"] else None}
    for param, value in state.items():
        if value and st.query_params.get(param) != value:
            st.query_params[param] = value
        elif not value and param in st.query_params:
            del st.query_params[param]


claim = current()
keep_in_url(claim["id"] if claim else None)
prog = storage.progress(database, filters["article_id"], filters["predicate"])
st.progress(prog["reviewed"] / prog["total"] if prog["total"] else 0.0, text=L("rv.progress", **prog))

if flash := st.session_state.pop("flash", None):
    (st.error if flash[0] == "error" else st.toast)(flash[1])

if claim is None:
    st.success(L("rv.done"))
    st.button(L("rv.undo"), key="btn_undo", icon=":material/undo:", on_click=undo)
    st.stop()

article = storage.get_article(database, claim["article_id"])
if article is None:  # deleted behind our back: say so rather than crash
    st.error(L("rv.gone"))
    st.stop()
text = article["text"]
badge, color = verdict_badge(claim["verdict"])
if mode == "second":  # a second opinion is given without seeing the first
    badge, color = L("rv.hidden_verdict"), "gray"

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
st.markdown(f"""<div class="claim-card" data-testid="claim-card" data-claim-id="{esc(claim['id'])}">
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
st.button(L("rv.undo"), key="btn_undo", icon=":material/undo:", on_click=undo)
shortcut_helper({"v": "btn_verified", "u": "btn_unsupported", "x": "btn_contradictory", "s": "btn_skip",
                 "b": "btn_back"}, L("rv.keys_hint"))

def correct(claim, action):
    """A correction of the extraction (kept apart from verdicts and from the extraction itself)."""
    reviewer = reviewer_name()
    if not reviewer:
        st.session_state["flash"] = ("error", L("need_name"))
        return
    cid = claim["id"]
    try:
        with own_db() as conn:  # callbacks run later, maybe on another thread
            if action == "fix":
                corrections.fix(conn, cid, reviewer, st.session_state.get(f"cx_subject:{cid}"),
                                st.session_state.get(f"cx_predicate:{cid}"), st.session_state.get(f"cx_value:{cid}"))
            elif action == "not_a_claim":
                corrections.not_a_claim(conn, cid, reviewer)
            else:
                corrections.add(conn, claim["article_id"], reviewer, st.session_state.get(f"cx_add:{cid}", ""),
                                st.session_state.get(f"cx_add_predicate:{cid}") or "",
                                st.session_state.get(f"cx_subject:{cid}") or claim["subject"],
                                (claim["sentence_start"], claim["sentence_end"]))
                st.session_state.pop(f"cx_add:{cid}", None)
        st.session_state["flash"] = ("success", L("cx.saved"))
    except (KeyError, ValueError) as exc:
        st.session_state["flash"] = ("error", md(exc.args[0] if exc.args else exc))


with st.expander(L("cx.title"), expanded=False):
    cid = claim["id"]
    fixed = corrections.current(database, cid)
    mine = [c for c in corrections.for_article(database, claim["article_id"]) if c["claim_id"] == cid]
    if fixed == {}:
        st.caption(L("cx.is_not_claim", who=md(mine[-1]["reviewer"])))
    elif fixed:
        st.caption(L("cx.current", text=md(f"{fixed['subject']} {predicate_label(fixed['predicate'])} {fixed['value']}"),
                     who=md(mine[-1]["reviewer"])))
    shown = fixed or {"subject": claim["subject"], "predicate": claim["predicate"], "value": claim["value"]}
    c1, c2, c3 = st.columns([2, 2, 2])
    c1.text_input(L("cx.subject"), value=shown["subject"] or "", key=f"cx_subject:{cid}")
    # canonical predicates, the claim's own open one, and any words the reviewer types
    all_predicates = list(PREDICATES) + ([shown["predicate"]] if shown["predicate"] not in PREDICATES else [])
    c2.selectbox(L("cx.predicate"), all_predicates, index=all_predicates.index(shown["predicate"]),
                 key=f"cx_predicate:{cid}", format_func=predicate_label, accept_new_options=True)
    c3.text_input(L("cx.value"), value=shown["value"] or "", key=f"cx_value:{cid}")
    d1, d2 = st.columns(2)
    d1.button(L("cx.save"), key="btn_fix", on_click=correct, args=(claim, "fix"))
    d2.button(L("cx.not_claim"), key="btn_not_claim", on_click=correct, args=(claim, "not_a_claim"))
    a1, a2, a3 = st.columns([3, 2, 1])
    a1.text_input(L("cx.add_text"), key=f"cx_add:{cid}")
    selection_helper()
    a2.selectbox(L("cx.add_predicate"), all_predicates, index=None, key=f"cx_add_predicate:{cid}",
                 format_func=predicate_label, accept_new_options=True)
    a3.button(L("cx.add"), key="btn_add_claim", on_click=correct, args=(claim, "add"))

with st.expander(L("rv.whole_article"), expanded=False):
    st.markdown(f'<div class="article-text">{highlight(text, spans)}</div>', unsafe_allow_html=True)

if mode == "disputed":
    st.markdown(f"**{L('rv.dispute')}**")
    st.dataframe([{L("col.reviewer"): r["reviewer"], L("col.verdict"): labels.verdict_label(r["verdict"], lang()),
                   L("col.note"): r["note"] or "", L("col.evidence"): r["evidence"] or "",
                   L("col.time"): date_text(r["created_at"])}
                  for r in storage.standing_verdicts(database, claim["id"]).values()], hide_index=True,
                 key="dispute_table")
hist = storage.history(database, claim["id"]) if mode != "second" else []
if hist:
    with st.expander(L("rv.history", n=len(hist))):
        st.dataframe([{L("col.time"): date_text(h["created_at"]), L("col.reviewer"): h["reviewer"] + (L("rv.as_lead") if h.get("role") == "lead" else ""),
                       L("col.verdict"): labels.verdict_label(h["verdict"], lang()),
                       L("col.note"): h["note"] or "",
                       L("col.evidence"): h["evidence"] or ""} for h in hist], hide_index=True)
