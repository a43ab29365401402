"""Claim-checking workbench: `streamlit run app.py [-- --db PATH]`.

A router only: each page lives in app_pages/ and calls the `checker` library.
"""
import streamlit as st

from app_pages.common import ensure_ready, reviewer_box

st.set_page_config(page_title="核查工作台 · Claim checker", page_icon="🔎", layout="wide")
ensure_ready()
reviewer_box()

pages = [
    st.Page("app_pages/review.py", title="Review claims", icon=":material/fact_check:", default=True),
    st.Page("app_pages/facts.py", title="Facts across articles", icon=":material/compare_arrows:"),
    st.Page("app_pages/articles.py", title="Articles", icon=":material/article:"),
    st.Page("app_pages/import_articles.py", title="Import", icon=":material/upload_file:"),
    st.Page("app_pages/export.py", title="Export", icon=":material/download:"),
]
st.navigation(pages).run()
