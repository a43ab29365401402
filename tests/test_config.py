"""Server hardening lives in .streamlit/config.toml: upload limit, XSRF, no tracebacks for users."""
import tomllib

from checker.ingest import MAX_ARTICLE_BYTES, MAX_COLLECTION_BYTES, read_bytes
from conftest import ROOT


def test_config_hardening():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert cfg["server"]["enableXsrfProtection"] is True
    assert 0 < cfg["server"]["maxUploadSize"] <= MAX_COLLECTION_BYTES / 1e6
    assert cfg["client"]["showErrorDetails"] == "none"


def test_config_oversized_article_gets_a_message():
    [err] = list(read_bytes("big.txt", b"a" * (MAX_ARTICLE_BYTES + 1)))
    assert "big.txt" in str(err) and "too large" in str(err) and "split it" in str(err)
