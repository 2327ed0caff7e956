"""GoogLeNet Explorer: entry point. Sets the language, draws the sidebar, runs the chosen page."""
import streamlit as st

from googlenet.i18n import LANGUAGE_NAMES, LANGUAGES, language_from_locale, set_language, t
from googlenet.weights import FETCH_COMMAND, weights_path
from ui.nav import available_pages
from ui.state import keep_choices
from ui.style import apply_chart_style

st.set_page_config(page_title="GoogLeNet Explorer", page_icon=":material/hub:", layout="wide")

# Language: ?lang=en|zh in the address wins (handy for sharing a link with a class), then the
# choice made in this session, then the browser's language, then Chinese.
if "lang" not in st.session_state:
    requested = st.query_params.get("lang")
    st.session_state.lang = requested if requested in LANGUAGES else language_from_locale(st.context.locale)
set_language(st.session_state.lang)
apply_chart_style()

with st.sidebar:
    # The switch keeps its own widget state; the chosen language lives in session_state.lang, which
    # survives page changes. Its label reads the same in both languages, so switching keeps the widget.
    choice = st.radio(t("common.language"), LANGUAGES, index=LANGUAGES.index(st.session_state.lang),
                      format_func=LANGUAGE_NAMES.get, horizontal=True, key="lang_switch")
    if choice != st.session_state.lang:
        st.session_state.lang = choice
        set_language(choice)

pages = [st.Page(p.path, title=t(p.title_key), icon=p.icon, url_path=p.url_path,
                 default=p.path == "app_pages/home.py") for p in available_pages()]
current = st.navigation(pages)

with st.sidebar:
    found = weights_path()
    if found:
        st.success(t("common.weights_found", path=found.name))
    else:
        st.warning(t("common.weights_missing"))
        st.code(FETCH_COMMAND, language="bash")

keep_choices()   # settings made on other pages survive this run, whichever page it draws
current.run()
