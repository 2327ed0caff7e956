"""Glossary: every term of the app in English and Chinese, with the word 《动手学深度学习》 uses where it differs.

The table is googlenet.glossary.TERMS; the search box filters it (a fragment: typing redraws only the table).
A Markdown table, so the definitions wrap instead of being cut off in a grid cell.
"""
import streamlit as st

from googlenet.glossary import TERMS, definition_key, search
from googlenet.i18n import t
from ui import url_state
from ui.downloads import show_markdown_table

st.title(t("glossary.title"))
st.markdown(t("glossary.intro"))


@url_state.fragment   # the search travels in the link (?q=)
def glossary_table() -> None:
    query = st.text_input(t("glossary.search"), placeholder=t("glossary.search.placeholder"), key="glossary_query")
    found = search(query)
    st.caption(t("glossary.count", shown=len(found), total=len(TERMS)))
    if not found:
        st.info(t("glossary.none", query=query))
        return
    # The rows shown as a CSV too (without a search: the whole glossary).
    show_markdown_table(glossary_header(), glossary_rows(found), "glossary")


def glossary_header() -> list[str]:
    return [t(f"glossary.col.{c}") for c in ("en", "zh", "d2l", "definition")]


def glossary_rows(terms) -> list[list[str]]:
    return [[term.en, term.zh, term.d2l or "—", t(definition_key(term))] for term in terms]


glossary_table()
st.caption(t("glossary.caption"))
