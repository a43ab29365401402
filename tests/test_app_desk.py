"""The review desk through AppTest: verdicts land on the claims shown, per-claim notes, group
verdicts that never silently overwrite another reviewer, the reviewer kept across reloads."""
import gc
import re

import pytest
from streamlit.testing.v1 import AppTest

from checker import Verdict, add_verdict, facts, open_db, storage
from checker.vocabulary import label
from checker.cli import main
from checker.labels import t
from conftest import ROOT

APP = str(ROOT / "app.py")
SAME_ARTICLE = "测试贷平台调查\n\n测试贷成立于年，总部位于上海。据工商资料，测试贷成立于2016年。\n"
OTHER_ARTICLE = "测试贷又出问题\n\n测试贷成立于2017年，逾期金额超过3亿元。\n"


@pytest.fixture(autouse=True)
def close_connections():
    """Connections opened here are closed now, not by a later garbage collection that would delete
    their -wal files in the middle of another test."""
    yield
    gc.collect()


def widget(elements, prefix):
    """The one widget whose key starts with `prefix` (keys carry the claim or group id)."""
    found = [w for w in elements if (w.key or "").startswith(prefix)]
    assert len(found) == 1, [w.key for w in elements]
    return found[0]


def shown_group(app, db_file):
    """(entity, predicate) of the group the facts page shows below the table: read from its
    statements' Review buttons, which carry the claim ids."""
    ids = [b.key[len("review_"):] for b in app.button if (b.key or "").startswith("review_")]
    db = open_db(db_file)
    groups = {group_of(db, i) for i in ids}
    assert len(groups) == 1, groups
    return groups.pop()


def picked_label(app):
    sb = app.selectbox(key="facts_pick")
    return sb.options[sb.index]


def group_of(db, claim_id):
    c = storage.get_claim(db, claim_id)
    return c["entity"], c["predicate"]


# --- defect 1: the facts page acts on the group it shows -----------------------------------

def test_desk_facts_group_follows_the_filters(app, db_file):
    app.switch_page("app_pages/facts.py").run()
    pick = app.selectbox(key="facts_pick")
    pick.select_index(2).run()
    entity, predicate = shown_group(app, db_file)
    title = app.subheader[0].value
    assert entity in title
    # narrow the list to this company: the group opened is still the one shown
    app.text_input(key="facts_entity").input(entity).run()
    assert not app.exception
    assert shown_group(app, db_file) == (entity, predicate)
    assert app.subheader[0].value == title
    # a status filter that leaves it out: the picker and the page agree on another group
    status = next(g["status"] for g in facts.groups(open_db(db_file)) if (g["entity"], g["predicate"]) == (entity, predicate))
    other = next(s for s in ("conflict", "empty", "changed", "agree", "single") if s != status)
    app.text_input(key="facts_entity").input("").run()
    app.selectbox(key="facts_status").select(other).run()
    assert not app.exception
    now = shown_group(app, db_file)
    assert now != (entity, predicate)
    assert now[0] in picked_label(app) and label(now[1]) in picked_label(app)
    assert now[0] in app.subheader[0].value


def test_desk_group_verdict_acts_on_the_group_shown(app, db_file):
    app.text_input(key="reviewer").input("李华").run()
    app.switch_page("app_pages/facts.py").run()
    app.selectbox(key="facts_pick").select_index(1).run()
    app.selectbox(key="facts_status").select("conflict").run()
    entity, predicate = shown_group(app, db_file)
    widget(app.radio, "gv_verdict").set_value("unsupported").run()
    widget(app.radio, "gv_scope").set_value("all").run()
    widget(app.button, "gv_apply").click().run()
    assert not app.exception
    db = open_db(db_file)
    rows = list(db.query("SELECT claim_id FROM verdicts"))
    assert rows
    assert {group_of(db, r["claim_id"]) for r in rows} == {(entity, predicate)}


# --- defect 2: no preselected group verdict, counts, never silently over another reviewer ---

def test_desk_group_verdict_has_no_defaults_and_keeps_others_verdicts(app, db_file):
    app.text_input(key="reviewer").input("李华").run()
    app.switch_page("app_pages/facts.py").run()
    entity, predicate = shown_group(app, db_file)
    db = open_db(db_file)
    ids = [r[0] for r in db.execute("SELECT id FROM claims WHERE entity = ? AND predicate = ? AND stale = 0",
                                    [entity, predicate])]
    assert len(ids) >= 2
    add_verdict(db, Verdict(ids[0], "verified", "张三", "工商登记"))
    app.run()
    assert widget(app.radio, "gv_verdict").value is None
    assert widget(app.radio, "gv_scope").value is None
    assert not [b for b in app.button if (b.key or "").startswith("gv_apply") and not b.disabled]
    widget(app.radio, "gv_verdict").set_value("contradictory").run()
    widget(app.radio, "gv_scope").set_value("all").run()
    said = " ".join(c.value for c in app.caption) + " ".join(w.value for w in app.warning)
    assert str(len(ids) - 1) in said and "张三" in said
    widget(app.button, "gv_apply").click().run()
    assert not app.exception
    assert storage.get_claim(db, ids[0])["verdict"] == "verified"  # 张三's verdict stands
    assert {storage.get_claim(db, i)["verdict"] for i in ids[1:]} == {"contradictory"}
    # the choice does not carry over to another group
    app.selectbox(key="facts_pick").select_index(1).run()
    assert widget(app.radio, "gv_verdict").value is None


def test_desk_group_verdict_replaces_others_only_when_asked(app, db_file):
    app.text_input(key="reviewer").input("李华").run()
    app.switch_page("app_pages/facts.py").run()
    entity, predicate = shown_group(app, db_file)
    db = open_db(db_file)
    first = next(db.execute("SELECT id FROM claims WHERE entity = ? AND predicate = ?", [entity, predicate]))[0]
    add_verdict(db, Verdict(first, "verified", "张三"))
    app.run()
    widget(app.radio, "gv_verdict").set_value("unsupported").run()
    widget(app.radio, "gv_scope").set_value("all").run()
    widget(app.checkbox, "gv_overwrite").check().run()
    widget(app.button, "gv_apply").click().run()
    assert storage.get_claim(db, first)["verdict"] == "unsupported"
    assert [h["reviewer"] for h in storage.history(db, first)] == ["张三", "李华"]


# --- defect 3: a note belongs to its claim ----------------------------------------------------

def test_desk_note_stays_with_its_claim(app, db_file):
    db = open_db(db_file)
    app.text_input(key="reviewer").input("王小明").run()
    first = app.session_state["claim_id"]
    widget(app.text_area, "note").input("只属于第一条").run()
    widget(app.text_input, "evidence").input("http://example.org/a").run()
    # a filter change shows another claim: its boxes are empty
    other = next(p for p in storage.predicates_in_use(db) if p != storage.get_claim(db, first)["predicate"])
    app.selectbox(key="f_predicate").select(other).run()
    second = app.session_state["claim_id"]
    assert second != first
    assert widget(app.text_area, "note").value == ""
    assert widget(app.text_input, "evidence").value == ""
    app.button(key="btn_verified").click().run()
    assert [(h["note"], h["evidence"]) for h in storage.history(db, second)] == [("", "")]
    # Back brings a claim whose boxes hold nothing typed for another one
    third = app.session_state["claim_id"]
    widget(app.text_area, "note").input("第三条的笔记").run()
    app.button(key="btn_back").click().run()
    assert app.session_state["claim_id"] == second
    assert widget(app.text_area, "note").value == ""


# --- defect 4: the reviewer is kept, tables say nothing of None, no emoji --------------------

def test_desk_reviewer_name_survives_a_reload(db_file, monkeypatch):
    monkeypatch.setenv("CHECKER_DB", str(db_file))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.text_input(key="reviewer").input("王小明").run()
    assert at.query_params.get("reviewer") in ("王小明", ["王小明"])
    reloaded = AppTest.from_file(APP, default_timeout=120)  # a new session opened on the same URL
    reloaded.query_params["reviewer"] = "王小明"
    reloaded.run()
    assert not reloaded.exception
    assert reloaded.text_input(key="reviewer").value == "王小明"
    reloaded.button(key="btn_verified").click().run()
    assert [h["reviewer"] for h in storage.history(open_db(db_file), at.session_state["claim_id"])] == ["王小明"]


EMOJI = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff]")


def test_desk_tables_have_no_none_and_no_emoji(app, db_file):
    app.switch_page("app_pages/import_articles.py").run()
    app.text_input(key="paste_name").input("无日期文章")
    app.text_area(key="paste_text").input(OTHER_ARTICLE)
    app.button(key="ingest_paste").click().run()
    assert not app.exception
    for frame in app.dataframe:
        text = frame.value.to_string()
        assert not EMOJI.search(text), text
    app.switch_page("app_pages/articles.py").run()
    for frame in app.dataframe:
        assert not frame.value.isna().any().any(), frame.value
        assert "None" not in frame.value.astype(str).to_string()
    # the review card of a claim from an article without a date: no dangling separator
    db = open_db(db_file)
    [art] = list(db.query("SELECT id FROM articles WHERE name = ?", ["无日期文章"]))
    claim = storage.claims_for_article(db, art["id"])[0]
    link = AppTest.from_file(APP, default_timeout=120)  # a link to the claim, opened in a new session
    link.query_params["claim"] = claim["id"]
    link.run()
    assert link.session_state["claim_id"] == claim["id"]
    card = next(m.value for m in link.markdown if 'data-testid="claim-card"' in m.value)
    assert "None" not in card
    assert not re.search(r"·\s*<", card), card


def test_desk_empty_fact_help_cites_only_other_articles(db_file, monkeypatch, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SAME_ARTICLE, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "in"), "--db", str(db_file)]) == 0
    monkeypatch.setenv("CHECKER_DB", str(db_file))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/facts.py").run()
    at.text_input(key="facts_entity").input("测试贷").run()
    assert label("founded") in at.subheader[0].value
    shown = " ".join(i.value for i in at.info)
    assert "2016" not in shown  # the only value is from the article that leaves it empty
    (tmp_path / "in" / "b.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "in" / "b.txt"), "--db", str(db_file)]) == 0
    at.run()
    shown = " ".join(i.value for i in at.info)
    assert "2017" in shown and "2016" not in shown


# --- defect 5: the CLI takes the labels it prints --------------------------------------------

@pytest.mark.parametrize("word,verdict", [("矛盾", "contradictory"), ("已核实", "verified"), ("无依据", "unsupported"),
                                          ("与来源矛盾", "contradictory"), ("verified", "verified")])
def test_desk_cli_group_verdict_takes_printed_labels(tmp_path, capsys, word, verdict):
    db = tmp_path / "c.db"
    (tmp_path / "a.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(db)]) == 0
    assert main(["facts", "--db", str(db)]) == 0
    assert "成立于" in capsys.readouterr().out
    assert main(["verdict", word, "--group", "测试贷", "成立于", "--reviewer", "王小明", "--db", str(db)]) == 0
    rows = list(open_db(db).query("SELECT c.predicate, v.verdict FROM verdicts v JOIN claims c ON c.id = v.claim_id"))
    assert rows == [{"predicate": "founded", "verdict": verdict}]


def test_desk_cli_group_verdict_keeps_another_reviewers_verdict(tmp_path, capsys):
    db = tmp_path / "c.db"
    (tmp_path / "a.txt").write_text(SAME_ARTICLE, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(db)]) == 0
    conn = open_db(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM claims WHERE predicate = 'founded' ORDER BY position")]
    add_verdict(conn, Verdict(ids[0], "verified", "张三"))
    capsys.readouterr()
    assert main(["verdict", "无依据", "--group", "测试贷", "founded", "--reviewer", "王小明", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "张三" in out
    assert [storage.get_claim(conn, i)["verdict"] for i in ids] == ["verified", "unsupported"]
    assert main(["verdict", "无依据", "--group", "测试贷", "founded", "--reviewer", "王小明", "--overwrite",
                 "--db", str(db)]) == 0
    assert [storage.get_claim(conn, i)["verdict"] for i in ids] == ["unsupported", "unsupported"]


# --- Chinese first, English as a setting --------------------------------------------------------

def test_desk_interface_is_chinese_by_default_and_english_on_request(app, db_file):
    labels_shown = {b.label for b in app.button}
    assert {"已核实", "无依据", "与来源矛盾", "跳过", "上一条"} <= labels_shown
    assert app.text_input(key="reviewer").label == t("side.name")
    assert re.match(r"已审 0 / \d+", app.get("progress")[0].proto.text)
    app.selectbox(key="lang").select("en").run()
    assert not app.exception
    assert {"verified", "unsupported", "contradictory", "Skip", "Back"} <= {b.label for b in app.button}
    assert app.query_params.get("lang") in ("en", ["en"])
    reloaded = AppTest.from_file(APP, default_timeout=120)
    reloaded.query_params["lang"] = "en"
    reloaded.run()
    assert reloaded.text_input(key="reviewer").label == "Your name (saved with each verdict)"


def test_desk_labels_cover_every_verdict_status_and_flag():
    from checker import labels
    from checker.compare import STATUSES
    from checker.models import VERDICTS

    assert [labels.verdict_label(v) for v in VERDICTS] == ["已核实", "无依据", "与来源矛盾"]
    assert [labels.status_label(s) for s in STATUSES] == ["矛盾", "缺失", "变化", "一致", "单一来源"]
    assert [labels.flag_label(f) for f in ("dropped_word", "mojibake", "mt_leftover")] == ["缺字", "乱码", "机翻残留"]
    assert all(zh and en for zh, en in labels.TEXT.values())
    assert labels.number_text(3869000000) == "38.69亿" and labels.number_text(3869000000, "en") == "3,869,000,000"
    assert labels.number_text(130000) == "13万" and labels.number_text(3.5) == "3.5"
    assert labels.date_text("2019-03-27") == "2019年3月27日" and labels.date_text("2024-09") == "2024年9月"
    assert labels.date_text("2026-11-26T11:09:03.120Z") == "2026年11月26日 11:09 UTC"
    assert labels.date_text("2024-12-18T16:30:00") == "2024年12月18日 16:30"  # an article's local time
    assert [labels.date_text(p) for p in ("2025-Q3", "2025-Q1~Q3", "2024-H1")] == ["2025年第三季度", "2025年前三季度", "2024年上半年"]


def test_desk_app_uses_the_signed_in_user(db_file, monkeypatch):
    monkeypatch.setenv("CHECKER_DB", str(db_file))
    at = AppTest.from_file(APP, default_timeout=120)
    at.user = {"is_logged_in": True, "name": "赵敏", "email": "zhao@example.org"}
    at.run()
    assert not at.exception
    assert not [w for w in at.text_input if w.key == "reviewer"]  # no name to type: the sign-in says who
    assert any("赵敏" in c.value for c in at.sidebar.caption)
    first = at.session_state["claim_id"]
    at.button(key="btn_verified").click().run()
    assert [h["reviewer"] for h in storage.history(open_db(db_file), first)] == ["赵敏"]


def test_desk_sign_in_configured_replaces_the_name_box(db_file, monkeypatch):
    monkeypatch.setenv("CHECKER_DB", str(db_file))
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert not [w for w in at.text_input if w.key == "reviewer"]
    assert [b.label for b in at.sidebar.button] == [t("side.sign_in")]
    first = at.session_state["claim_id"]
    at.button(key="btn_verified").click().run()
    assert storage.history(open_db(db_file), first) == []  # nobody signed in: no verdict


# --- undo, queue order, links ------------------------------------------------------------------

def test_desk_undo_retracts_my_last_verdict_only(app, db_file):
    db = open_db(db_file)
    app.text_input(key="reviewer").input("王小明").run()
    first = app.session_state["claim_id"]
    add_verdict(db, Verdict(first, "verified", "张三", "工商登记"))
    app.button(key="btn_contradictory").click().run()
    second = app.session_state["claim_id"]
    app.button(key="btn_unsupported").click().run()
    app.button(key="btn_undo").click().run()
    assert not app.exception
    assert app.session_state["claim_id"] == second  # back on the claim, to decide again
    assert storage.get_claim(db, second)["verdict"] is None
    assert [h["verdict"] for h in storage.history(db, second)] == ["unsupported", "retracted"]
    app.button(key="btn_undo").click().run()
    assert app.session_state["claim_id"] == first
    # 张三's verdict stands again, with its note in the export
    assert (storage.get_claim(db, first)["verdict"], storage.get_claim(db, first)["verdict_by"]) == ("verified", "张三")
    from checker import export
    row = next(r for r in export.rows(db) if r["claim_id"] == first)
    assert (row["verdict"], row["reviewer"], row["note"]) == ("verified", "张三", "工商登记")
    app.button(key="btn_undo").click().run()  # nothing of mine is left: 张三's verdict is not mine to undo
    assert storage.get_claim(db, first)["verdict"] == "verified"
    assert any(t("rv.nothing_to_undo") == e.value for e in app.error)


def test_desk_queue_orders(app, db_file):
    db = open_db(db_file)
    app.selectbox(key="f_order").select("conflicts").run()
    seen = []
    for _ in range(6):
        claim = storage.get_claim(db, app.session_state["claim_id"])
        seen.append((claim["entity"], claim["predicate"]))
        app.button(key="btn_skip").click().run()
    statuses = {(g["entity"], g["predicate"]): g["status"] for g in facts.groups(db, limit=1000)}
    assert {statuses[s] for s in seen} <= {"conflict", "empty"}
    assert statuses[seen[0]] == "conflict"
    app.selectbox(key="f_order").select("company").run()
    entities = []
    for _ in range(8):
        entities.append(storage.get_claim(db, app.session_state["claim_id"])["entity"])
        app.button(key="btn_skip").click().run()
    assert entities == sorted(entities)


def test_desk_link_opens_the_same_claim_and_filters(app, db_file):
    app.selectbox(key="f_predicate").select("founded").run()
    app.selectbox(key="f_order").select("company").run()
    app.button(key="btn_skip").click().run()
    shown = app.session_state["claim_id"]
    params = dict(app.query_params)
    assert params.get("claim") in (shown, [shown]) and params.get("predicate") in ("founded", ["founded"])
    colleague = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        colleague.query_params[k] = v if isinstance(v, str) else v[0]
    colleague.run()
    assert not colleague.exception
    assert colleague.session_state["claim_id"] == shown
    assert colleague.selectbox(key="f_predicate").value == "founded"
    assert colleague.selectbox(key="f_order").value == "company"


def test_desk_cli_undo(tmp_path, capsys):
    db = tmp_path / "c.db"
    (tmp_path / "a.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(db)]) == 0
    conn = open_db(db)
    claim = storage.next_claim(conn)
    assert main(["verdict", claim["id"], "已核实", "--reviewer", "王小明", "--db", str(db)]) == 0
    assert main(["undo", "--reviewer", "王小明", "--db", str(db)]) == 0
    assert storage.get_claim(conn, claim["id"])["verdict"] is None
    assert [h["verdict"] for h in storage.history(conn, claim["id"])] == ["verified", "retracted"]
    assert main(["undo", "--reviewer", "王小明", "--db", str(db)]) == 2
    assert "no verdict to undo" in capsys.readouterr().err


# --- two reviewers and a lead ---------------------------------------------------------------------

def session(db_file, **params):
    """A new browser session opened on the app's URL with these query parameters."""
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    return at


def card(at):
    return next(m.value for m in at.markdown if 'data-testid="claim-card"' in m.value)


def test_desk_second_opinion_disagreement_and_lead(app, db_file, monkeypatch):
    db = open_db(db_file)
    app.text_input(key="reviewer").input("甲").run()
    first = app.session_state["claim_id"]
    app.text_area(key=f"note:{first}").input("年报写2015年").run()
    app.button(key="btn_verified").click().run()
    # 乙 gives a second opinion without seeing 甲's
    second = session(db_file, reviewer="乙", mode="second")
    assert second.session_state["claim_id"] == first
    assert t("verdict.verified") not in card(second) and "甲" not in card(second)
    assert not [e for e in second.expander if "历史" in e.label]
    second.button(key="btn_contradictory").click().run()
    assert storage.get_claim(db, first)["disputed"] == 1
    assert second.session_state["claim_id"] is None  # nothing else was judged by someone else
    # the lead sees both verdicts and settles
    lead = session(db_file, reviewer="组长", mode="disputed")
    assert lead.session_state["claim_id"] == first
    table = lead.dataframe[0].value  # each reviewer's latest verdict
    assert sorted(zip(table[t("col.reviewer")], table[t("col.verdict")])) == [("乙", "与来源矛盾"), ("甲", "已核实")]
    lead.button(key="btn_verified").click().run()
    claim = storage.get_claim(db, first)
    assert (claim["verdict"], claim["verdict_by"], claim["disputed"]) == ("verified", "组长", 0)
    assert [(h["reviewer"], h["verdict"], h["role"]) for h in storage.history(db, first)] == [
        ("甲", "verified", None), ("乙", "contradictory", None), ("组长", "verified", "lead")]
    assert lead.session_state["claim_id"] is None  # the queue of disagreements is empty
    app.button(key="btn_back").click().run()  # 甲 looks at the claim again: the history names the lead
    assert app.session_state["claim_id"] == first
    history = app.dataframe[-1].value
    assert list(history[t("col.reviewer")]) == ["甲", "乙", "组长" + t("rv.as_lead")]


def test_desk_only_listed_leads_settle(db_file, monkeypatch):
    monkeypatch.setenv("CHECKER_DB", str(db_file))
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["checker"] = {"leads": ["组长"]}
    at.query_params["reviewer"] = "乙"
    at.run()
    assert "disputed" not in at.selectbox(key="f_mode").options and len(at.selectbox(key="f_mode").options) == 2
    at.text_input(key="reviewer").input("组长").run()
    assert len(at.selectbox(key="f_mode").options) == 3


# --- dashboard ----------------------------------------------------------------------------------

def test_desk_dashboard_counts_progress(app, db_file):
    db = open_db(db_file)
    ids = [r[0] for r in db.execute("SELECT id FROM claims WHERE entity = '利信金融' LIMIT 3")]
    add_verdict(db, Verdict(ids[0], "verified", "甲"))
    add_verdict(db, Verdict(ids[1], "contradictory", "乙"))
    add_verdict(db, Verdict(ids[2], "contradictory", "甲"))
    app.switch_page("app_pages/dashboard.py").run()
    assert not app.exception
    assert app.metric[0].value == f"3 / {storage.progress(db)['total']:,}"
    assert len(app.get("vega_lite_chart")) == 2  # verdicts by reviewer, verdicts by fact status
    from checker import dashboard
    reviewers = {r["reviewer"]: r for r in dashboard.by_reviewer(db)}
    assert (reviewers["甲"]["verified"], reviewers["甲"]["contradictory"], reviewers["乙"]["contradictory"]) == (1, 1, 1)
    company = next(r for r in dashboard.by_company(db) if r["company"] == "利信金融")
    assert (company["reviewed"], company["verified"], company["contradictory"]) == (3, 1, 2)
    assert sum(r["reviewed"] for r in dashboard.by_status(db)) <= 3
    tables = [f.value for f in app.dataframe]
    assert any("利信金融" in t.to_string() for t in tables)
    conflicts = app.dataframe[-1].value
    assert len(conflicts) == facts.status_counts(db)["conflict"]


# --- corrections of the extraction, beside the verdict ---------------------------------------------

def test_desk_corrections_from_the_review_page(db_file, monkeypatch, tmp_path):
    from checker import corrections

    (tmp_path / "a.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(db_file)]) == 0
    monkeypatch.setenv("CHECKER_DB", str(db_file))
    db = open_db(db_file)
    founded = next(c for c in db.query("SELECT id, article_id FROM claims WHERE predicate = 'founded'"))
    at = session(db_file, reviewer="甲", claim=founded["id"])
    cid = founded["id"]
    assert at.session_state["claim_id"] == cid
    at.text_input(key=f"cx_value:{cid}").input("2017年").run()
    at.button(key="btn_fix").click().run()
    assert not at.exception and not at.error
    assert corrections.current(db, cid)["value"] == "2017年"
    at.text_input(key=f"cx_value:{cid}").input("2099年").run()
    at.button(key="btn_fix").click().run()
    assert at.error and corrections.current(db, cid)["value"] == "2017年"  # not in the sentence: refused
    at.text_input(key=f"cx_add:{cid}").input("逾期金额超过3亿元").run()
    at.selectbox(key=f"cx_add_predicate:{cid}").select("overdue_balance").run()
    at.button(key="btn_add_claim").click().run()
    assert not at.error
    at.button(key="btn_not_claim").click().run()
    assert corrections.current(db, cid) == {}
    gold = corrections.gold_claims(db, founded["article_id"])
    assert "founded" not in {g["predicate"] for g in gold} and "overdue_balance" in {g["predicate"] for g in gold}
    assert storage.history(db, cid) == []  # a correction is not a verdict


@pytest.mark.parametrize("page", ["app_pages/review.py", "app_pages/facts.py", "app_pages/dashboard.py",
                                  "app_pages/articles.py", "app_pages/import_articles.py", "app_pages/export.py"])
def test_desk_every_page_in_english(db_file, monkeypatch, page):
    monkeypatch.setenv("CHECKER_DB", str(db_file))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    chinese = re.compile("[\u4e00-\u9fff]")
    assert not [b.label for b in at.button if chinese.search(b.label)]  # buttons carry no article text
    assert not [h.value for h in at.header if chinese.search(h.value)]


def test_desk_claim_with_an_open_predicate_opens(db_file, monkeypatch, tmp_path):
    """A claim whose predicate is the clause's own words (not a canonical one) opens in the review
    page, corrections panel included, and a missed claim can be added under an open predicate."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("青松贷近况\n青松贷的到账时间最快为三分钟，出借人规模达到12万人。\n",
                                            encoding="utf-8")
    assert main(["ingest", str(tmp_path / "in"), "--db", str(db_file)]) == 0
    monkeypatch.setenv("CHECKER_DB", str(db_file))
    db = open_db(db_file)
    [claim] = [c for c in db.query("SELECT * FROM claims WHERE value = '12万人'")]
    assert claim["predicate"] == "出借人规模"
    link = AppTest.from_file(APP, default_timeout=120)
    link.query_params["claim"] = claim["id"]
    link.query_params["reviewer"] = "王小明"
    link.run()
    assert not link.exception, link.exception
    assert link.session_state["claim_id"] == claim["id"]
    assert link.selectbox(key=f"cx_predicate:{claim['id']}").value == "出借人规模"
