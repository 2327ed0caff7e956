"""One real-browser pass: every page, both languages, a real upload where a page takes one, screenshots saved; and
nothing leaves the server: every request the browser makes (any tab, frame or worker) goes to the app itself.
Chinese on a phone (390 x 844), English on a laptop (1280 x 800): no page scrolls sideways, no metric or page link
is cut off, and the home page's network diagram has labels a student can read (tests/layout_checks.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot, upload, wait_idle
from layout_checks import LAPTOP, MIN_DIAGRAM_PX, PHONE, assert_fits, diagram_label_px
from test_browser_no_external_requests import outside
from googlenet.i18n import t
from ui.nav import available_pages
from ui.page_style import CHART_MIN_PX

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PAGES = available_pages()
SCREENS = {"zh": PHONE, "en": LAPTOP}


@pytest.fixture
def screen_page(browser, lang):
    """A page in a browser window the size of the language's screen (SCREENS)."""
    context = browser.new_context(locale="en-US", **SCREENS[lang])
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("info", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_in_a_real_browser(streamlit_server, screen_page, info, lang):
    page = screen_page
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    open_page(page, streamlit_server, info.url_path, lang)
    assert_no_exception(page)
    heading = t("home.title" if info.url_path == "home" else info.title_key, lang=lang)
    page.get_by_role("heading", name=heading).first.wait_for(timeout=30_000)
    # The sidebar shows every page's title in the chosen language: all of them, none behind "View more".
    sidebar = page.locator('[data-testid="stSidebarNav"]').inner_text()
    missing = [p.title_key for p in PAGES if t(p.title_key, lang=lang) not in sidebar]
    assert not missing, missing
    if page.locator('[data-testid="stFileUploader"]').count():
        upload(page, ASSETS / "chelsea_cat.jpg")
        page.get_by_text("chelsea_cat.jpg").first.wait_for(timeout=30_000)
        wait_idle(page)
        assert_no_exception(page)
    assert_fits(page, f"{info.url_path} {lang}")
    if info.url_path == "home":
        assert diagram_label_px(page) >= MIN_DIAGRAM_PX
    if info.url_path == "family" and lang == "zh":   # on the phone its wide charts keep their size, in their own box
        widths = page.evaluate("""() => [...document.querySelectorAll('[class*="st-key-wide_chart_"] img')]
                                        .map(img => img.getBoundingClientRect().width)""")
        assert len(widths) == 2 and min(widths) >= CHART_MIN_PX, widths
    screenshot(page, f"{info.url_path}_{lang}")
    # No font server, no CDN, no analytics: a classroom without internet sees the same app. (The app's own scripts
    # show the recorder saw the page's traffic; the tab icon, fetched whenever the browser gets to it, is ours.)
    assert any("/static/" in url for url in requested), sorted(set(requested))[:20]
    icons = page.eval_on_selector_all('link[rel~="icon"]', "links => links.map(l => l.href)")
    assert icons and not [i for i in icons if outside(i, streamlit_server.url)], icons
    foreign = sorted({url for url in requested if outside(url, streamlit_server.url)})
    assert not foreign, f"the browser fetched from outside the app: {foreign}"


def test_language_switch_in_the_sidebar(streamlit_server, page):
    open_page(page, streamlit_server, "home", "zh")
    page.get_by_role("heading", name=t("home.title", lang="zh")).first.wait_for()
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    wait_idle(page)
    page.get_by_role("heading", name=t("home.title", lang="en")).first.wait_for()
    assert t("home.path.title", lang="en") in page.inner_text("body")
    assert_no_exception(page)


def test_deep_link_on_a_freshly_started_server(fake_weights_file, browser):
    """A teacher shares /gradcam?lang=en right after starting the app: the first visit is not the home page.

    (Page files live in app_pages/, not pages/: with a pages/ folder Streamlit serves a first deep link the
    legacy way — the page file alone, without app.py's language switch and sidebar.)
    """
    from browser_helpers import start_server, stop_server

    server = start_server(Path(__file__).resolve().parent.parent, env={"GOOGLENET_WEIGHTS": str(fake_weights_file)})
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        open_page(page, server, "architecture", "en")
        page.get_by_role("heading", name=t("nav.architecture", lang="en")).first.wait_for(timeout=30_000)
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "English" in sidebar and t("nav.home", lang="en") in sidebar
        assert_no_exception(page)
    finally:
        context.close()
        stop_server(server)
