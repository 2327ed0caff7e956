"""GoogLeNet Explorer: entry point. Sets the language, draws the sidebar, runs the chosen page.

Imports here stay light (no torch, torchvision or matplotlib): each page imports what it draws, so the
first page after start-up waits only for what it shows.
"""
from pathlib import Path

import streamlit as st

import ui.language  # noqa: F401  (fragment reruns and callbacks speak the session's language)
from googlenet.i18n import LANGUAGE_NAMES, LANGUAGES, language_from_locale, set_language, t
from googlenet.runtime.first_import import load_torch
from ui import lesson_bar, presentation, url_state
from ui.concept_check import show_concept_checks
from ui.nav import available_pages
from ui.state import keep_choices
from ui.weights_panel import weights_panel

# The tab's icon is a file of ours, served by the app (a Material icon would be fetched from a font server).
FAVICON = str(Path(__file__).resolve().parent / "assets" / "favicon.png")
st.set_page_config(page_title="GoogLeNet Explorer", page_icon=FAVICON, layout="wide")

# Language: ?lang=en|zh in the address wins (handy for sharing a link with a class), then the
# choice made in this session, then the browser's language, then Chinese.
if "lang" not in st.session_state:
    requested = st.query_params.get("lang")
    st.session_state.lang = requested if requested in LANGUAGES else language_from_locale(st.context.locale)
    if requested is not None and requested not in LANGUAGES:
        url_state.report_bad("lang", requested)   # e.g. ?lang=fr: a short notice, the browser's language instead
set_language(st.session_state.lang)
presentation.follow_link()   # ?present=1: the presentation view (read at the session's first run)

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
current = st.navigation(pages, expanded=True)   # every page in the sidebar, no "View more"

page = current.url_path or "home"   # the default page's url_path is "" (the root address)
keep_choices()   # settings made on other pages survive this run, whichever page it draws
lesson_bar.follow_link(page)   # ?lesson=…&step=…: that lesson, on its step's page (may switch page)
url_state.open_view(page)      # the link's choices into the page's widgets when it opens; the view into the address

with st.sidebar:
    presentation.switch()
    url_state.share_button()   # "Link to this view"
    weights_panel()   # found, or missing: the command line and a download button

presentation.apply()   # the projector's style (and a way back) when the presentation view is on
lesson_bar.draw()      # step n of N, the teacher's note, the question, Previous / Next / Leave
if page != "home":     # the home page is drawn without torch; the others import it, one session at a time
    load_torch()
current.run()
show_concept_checks(current.url_path)   # "Check yourself": the page's questions, each its own fragment
url_state.publish()    # choices whose widgets were first drawn in this run
