"""Glossary: every term of the app in English and Chinese, with the word 《动手学深度学习》 uses where it differs.

The table is googlenet.glossary.TERMS; the search box filters it (a fragment: typing redraws only the table).
"""
import streamlit as st

from googlenet.glossary import TERMS, definition_key, search
from googlenet.i18n import t

st.title(t("glossary.title"))
st.markdown(t("glossary.intro"))


@st.fragment
def glossary_table() -> None:
    query = st.text_input(t("glossary.search"), placeholder=t("glossary.search.placeholder"), key="glossary_query")
    found = search(query)
    st.caption(t("glossary.count", shown=len(found), total=len(TERMS)))
    if not found:
        st.info(t("glossary.none", query=query))
        return
    rows = [{t("glossary.col.en"): term.en, t("glossary.col.zh"): term.zh,
             t("glossary.col.d2l"): term.d2l or "—", t("glossary.col.definition"): t(definition_key(term))}
            for term in found]
    st.dataframe(rows, hide_index=True, width="stretch",
                 column_config={t("glossary.col.definition"): st.column_config.TextColumn(width="large")})


glossary_table()
st.caption(t("glossary.caption"))
