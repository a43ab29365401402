"""Claim-checking workbench: `streamlit run app.py [-- --db PATH]`.

A router only: each page lives in app_pages/ and calls the `checker` library.
"""
import streamlit as st

from app_pages.common import L, ensure_ready, settings_box

st.set_page_config(page_title="核查工作台 · Claim checker", page_icon=":material/fact_check:", layout="wide")
ensure_ready()
settings_box()

pages = [
    st.Page("app_pages/review.py", title=L("nav.review"), icon=":material/fact_check:", default=True),
    st.Page("app_pages/facts.py", title=L("nav.facts"), icon=":material/compare_arrows:"),
    st.Page("app_pages/dashboard.py", title=L("nav.dashboard"), icon=":material/monitoring:"),
    st.Page("app_pages/articles.py", title=L("nav.articles"), icon=":material/article:"),
    st.Page("app_pages/import_articles.py", title=L("nav.import"), icon=":material/upload_file:"),
    st.Page("app_pages/export.py", title=L("nav.export"), icon=":material/download:"),
]
st.navigation(pages).run()
