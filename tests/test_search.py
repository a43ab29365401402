"""Full-text search (FTS5, trigram) over articles and claims: substrings of the text, every word,
short words, kept in step with writes, built for databases that predate it."""
import pytest

from checker import open_db, storage
from checker.batch import ingest_items
from checker.ingest import Item

ARTICLES = {
    "lixin.txt": "利信金融逾期调查\n利信金融成立于2015年，总部位于深圳。截至2024年，逾期率为3.5%。\n",
    "hongda.txt": "宏达小贷增资\n宏达小贷的注册资本为38.69亿元，催收外包给第三方公司。\n",
    "dao.txt": "导语：道和普惠\n道和普惠成立于2016年，总部位于杭州。\n",
}


@pytest.fixture
def db(fresh_db, nlp):
    outcomes = ingest_items(fresh_db, nlp, [Item(name, text, "utf_8") for name, text in ARTICLES.items()])
    assert all(o.ok for o in outcomes)
    return fresh_db


def names(rows):
    return sorted(r["name"] for r in rows)


@pytest.mark.parametrize("search,expected", [
    ("催收外包", ["hongda.txt"]),              # a substring of the body, not the title
    ("成立于", ["dao.txt", "lixin.txt"]),
    ("成立于 深圳", ["lixin.txt"]),             # every word must appear
    ("lixin", ["lixin.txt"]),                  # the file name
    ("宏达", ["hongda.txt"]),                   # two characters: title, name, company
    ("道", ["dao.txt"]),                        # one character
    ("成立于 道和", ["dao.txt"]),                # a long word narrowed by a short one
    ('"3.5%"', []),                            # quotes and % are taken literally, never as syntax
    ("3.5%", ["lixin.txt"]),
])
def test_search_articles(db, search, expected):
    assert names(storage.list_articles(db, search)) == expected


def test_search_claims(db):
    rows = storage.search_claims(db, "宏达小贷 注册资本")
    assert [r["predicate"] for r in rows] == ["registered_capital"] and rows[0]["article"] == "hongda.txt"
    assert storage.search_claims(db, "宏达") == []  # the claims index needs three characters


def test_search_index_follows_writes(db):
    art = storage.list_articles(db, "催收外包")[0]
    db.execute("DELETE FROM claims WHERE article_id = ?", [art["id"]])
    db.execute("DELETE FROM articles WHERE id = ?", [art["id"]])
    assert storage.list_articles(db, "催收外包") == []
    assert storage.search_claims(db, "注册资本") == []
    db.execute("UPDATE articles SET title = '新标题测试' WHERE name = 'dao.txt'")
    assert names(storage.list_articles(db, "新标题测试")) == ["dao.txt"]


def test_search_index_built_for_an_older_database(tmp_path, monkeypatch):
    """A database from before the search index (schema version 10) gets it, filled, when opened."""
    before = next(i for i, sql in enumerate(storage.MIGRATIONS) if "articles_fts" in sql)
    path = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(storage, "MIGRATIONS", storage.MIGRATIONS[:before])
        old = open_db(path)
        old.execute("INSERT INTO articles (id, name, title, text, ingested_at) VALUES "
                    "('a1', 'hongda.txt', '宏达小贷增资', '宏达小贷的注册资本为38.69亿元，催收外包给第三方公司。', '2024')")
        old.execute("INSERT INTO claims (id, article_id, position, predicate, start, \"end\", text, entity) VALUES "
                    "('c1', 'a1', 0, 'registered_capital', 0, 10, '宏达小贷 注册资本 38.69亿元', '宏达小贷')")
        old.conn.close()
    again = open_db(path)
    assert names(storage.list_articles(again, "催收外包")) == ["hongda.txt"]
    assert [c["id"] for c in storage.search_claims(again, "注册资本")] == ["c1"]
    again.conn.close()
