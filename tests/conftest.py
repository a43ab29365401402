from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from checker import build_pipeline

    return build_pipeline()


@pytest.fixture
def db_file(tmp_path):
    return tmp_path / "checker.db"


@pytest.fixture
def fresh_db(db_file):
    from checker import open_db

    db = open_db(db_file)
    yield db
    db.conn.close()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, nlp):
    """A database with data/ ingested, shared read-only by tests that only query."""
    from checker import ingest_paths, open_db

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    db = open_db(path)
    outcomes = ingest_paths(db, nlp, [DATA])
    assert all(o.ok for o in outcomes), [o for o in outcomes if not o.ok]
    db.conn.close()
    return path


def extract_text(nlp, text):
    from checker import extract

    return extract(nlp, text, "test.txt").claims


@pytest.fixture
def app(db_file, monkeypatch):
    """The app (AppTest) on a fresh database, first run done without an exception."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CHECKER_DB", str(db_file))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    return at
