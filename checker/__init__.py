"""Claim-checking workbench: ingest Chinese articles, extract atomic claims, review, compare, export.

The public API; the Streamlit app and the CLI use only these.
"""
from .batch import Outcome, bootstrap, ingest_paths, ingest_upload
from .decode import decode_bytes
from .errors import CheckerError, InputError
from .extract import Extraction, build_pipeline, extract
from .models import VERDICTS, Article, Claim, Verdict
from .normalize import normalize
from .storage import add_verdict, add_verdicts, db_path, open_db

__all__ = [
    "Article", "CheckerError", "Claim", "Extraction", "InputError", "Outcome", "VERDICTS", "Verdict",
    "add_verdict", "add_verdicts", "bootstrap", "build_pipeline", "db_path", "decode_bytes", "extract",
    "ingest_paths", "ingest_upload", "normalize", "open_db",
]
