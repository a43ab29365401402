"""The review journey through Streamlit's AppTest, against a temporary database."""
import pytest

from checker import facts, open_db, storage
from checker.labels import t


def test_app_first_start_ingests_samples(app, db_file):
    db = open_db(db_file)
    assert db["articles"].count >= 8
    assert app.session_state["claim_id"] is not None


def test_app_review_journey(app, db_file):
    db = open_db(db_file)
    first = app.session_state["claim_id"]
    app.text_input(key="reviewer").input("王小明").run()
    app.text_area(key=f"note:{first}").input("核对了工商登记").run()
    app.button(key="btn_verified").click().run()
    assert not app.exception
    hist = storage.history(db, first)
    assert [(h["verdict"], h["reviewer"], h["note"]) for h in hist] == [("verified", "王小明", "核对了工商登记")]
    second = app.session_state["claim_id"]
    assert second and second != first
    shown = storage.get_claim(db, second)
    assert any(shown["text"] in m.value for m in app.markdown)
    assert app.text_area(key=f"note:{second}").value == ""
    assert storage.progress(db)["reviewed"] == 1

    app.button(key="btn_contradictory").click().run()
    assert storage.get_claim(db, second)["verdict"] == "contradictory"
    third = app.session_state["claim_id"]
    app.button(key="btn_skip").click().run()
    fourth = app.session_state["claim_id"]
    assert fourth != third and storage.get_claim(db, third)["verdict"] is None  # skip records nothing
    app.button(key="btn_back").click().run()
    assert app.session_state["claim_id"] == third


def test_app_refuses_a_verdict_without_a_name(app, db_file):
    first = app.session_state["claim_id"]
    app.button(key="btn_verified").click().run()
    assert app.session_state["claim_id"] == first
    assert storage.history(open_db(db_file), first) == []
    assert any(t("need_name") == e.value for e in app.error)


@pytest.mark.parametrize("page", ["app_pages/articles.py", "app_pages/import_articles.py", "app_pages/export.py",
                                  "app_pages/dashboard.py"])
def test_app_pages_render(app, page):
    app.switch_page(page).run()
    assert not app.exception


def test_app_facts_page_group_verdict(app, db_file):
    app.text_input(key="reviewer").input("李华").run()
    app.switch_page("app_pages/facts.py").run()
    assert not app.exception
    first = facts.groups(open_db(db_file), limit=1)[0]
    assert app.selectbox(key="facts_pick").value == f"{first['entity']}|{first['predicate']}"  # conflicts first
    shown = " ".join(m.value for m in app.markdown)
    assert t("fx.disagrees_tag") in shown
    gid = app.selectbox(key="facts_pick").value
    app.radio(key=f"gv_verdict:{gid}").set_value("contradictory")
    app.radio(key=f"gv_scope:{gid}").set_value("all")
    app.text_input(key=f"gv_note:{gid}").input("两篇报道数字不一").run()
    app.button(key=f"gv_apply:{gid}").click().run()
    assert not app.exception
    db = open_db(db_file)
    rows = list(db.query("SELECT claim_id, verdict, reviewer, note FROM verdicts"))
    assert len(rows) >= 2
    assert {(r["verdict"], r["reviewer"], r["note"]) for r in rows} == {("contradictory", "李华", "两篇报道数字不一")}
    assert len({r["claim_id"] for r in rows}) == len(rows)  # one history row per claim


def test_app_import_pasted_article(app, db_file):
    app.switch_page("app_pages/import_articles.py").run()
    app.text_input(key="paste_name").input("粘贴测试")
    app.text_area(key="paste_text").input("某某金融逾期\n某某金融成立于2016年，逾期金额超过2亿元。")
    app.button(key="ingest_paste").click().run()
    assert not app.exception
    db = open_db(db_file)
    [art] = list(db.query("SELECT id, name FROM articles WHERE name = ?", ["粘贴测试"]))
    claims = storage.claims_for_article(db, art["id"])
    assert {(c["predicate"], c["number"]) for c in claims} >= {("founded", 2016), ("overdue_amount", 2e8)}
    assert any(t("im.result", good=1, n=1) == s.value for s in app.success)
    [bar] = app.get("progress")  # the file being read, then done
    assert bar.proto.value == 100 and bar.proto.text == t("im.read_done", n=1)


def test_app_import_empty_paste_says_so(app):
    app.switch_page("app_pages/import_articles.py").run()
    app.button(key="ingest_paste").click().run()
    assert not app.exception
    assert any(t("im.result", good=0, n=1) == w.value for w in app.warning)


def test_app_filters_show_matching_claims(app, db_file):
    app.selectbox(key="f_predicate").select("founded").run()
    assert not app.exception
    claim = storage.get_claim(open_db(db_file), app.session_state["claim_id"])
    assert claim["predicate"] == "founded"
    app.selectbox(key="f_predicate").select("").run()
    app.toggle(key="f_flagged").set_value(True).run()
    claim = storage.get_claim(open_db(db_file), app.session_state["claim_id"])
    assert claim["empty"] or claim["flags"]


def test_app_markdown_in_article_text_is_inert():
    from app_pages.common import md

    assert md("[点我](javascript:alert(1)) **粗体**") == "\\[点我\\]\\(javascript:\u200balert\\(1\\)\\) \\*\\*粗体\\*\\*"


@pytest.mark.parametrize("text", [":smile: 逾期", ":+1:", "达:100:", ":red[警告]", ":blue-background[x]",
                                  ":material/warning: 风险", "邮箱:example@qq.com", ":streamlit:"])
def test_app_streamlit_shortcodes_in_article_text_are_inert(text):
    """Streamlit turns :smile:, :red[…] and :material/…: into emoji, colour and icons after undoing
    Markdown escapes; a zero-width space after the colon keeps them literal, in md() and esc()."""
    import re

    from app_pages.common import esc, md

    shortcode = re.compile(r":[A-Za-z_+\-/]|:\d+:")
    for shown in (md(text), esc(text)):
        unescaped = re.sub(r"\\(.)", r"\1", shown)  # what the Markdown parser hands the plugins
        assert not shortcode.search(unescaped), shown
        assert unescaped.replace("\u200b", "").replace("&amp;", "&") == text  # nothing else changed


def test_app_highlight_escapes_and_keeps_markdown_out():
    from app_pages.common import highlight

    text = "第一行<script>x</script>\r\r![](http://t/p.png)\n[链接](http://e)"
    out = highlight(text, [(3, 11, "claim")])
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\n" not in out and "\r" not in out  # a blank line would end the HTML block
    assert '<mark class="claim">' in out


def test_app_articles_search_finds_text_and_claims(app, db_file):
    app.switch_page("app_pages/articles.py").run()
    app.text_input(key="article_search").input("利信金融").run()
    assert not app.exception
    files = set(app.dataframe[0].value.iloc[:, 0])
    texts = {r["name"]: r["text"] for r in open_db(db_file).query("SELECT name, text FROM articles")}
    assert files == {name for name, text in texts.items() if "利信金融" in text or "利信金融" in name}
    assert {n for n in files if "lixin" in n} == {n for n in texts if "lixin" in n}
    [expander] = [e for e in app.expander if e.label == t("ar.claims_found", q="利信金融", n=50)]
    found = expander.dataframe[0].value
    assert len(found) and all("利信金融" in text for text in found.iloc[:, 1])
