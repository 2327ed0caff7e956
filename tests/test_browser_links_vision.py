"""In Chromium, fresh browsers open links with state: the receptive-field page on a unit of the paper network's 3b
with the coffee photo (English), and the training lab set to a residual net with its settings and the residual
experiment (Chinese) - the view the link names, and the address still naming it once the page has run (and, on
the receptive-field page, the unit a click on the picture picks)."""
from __future__ import annotations

from browser_helpers import assert_no_exception, screenshot, wait_idle
from googlenet.i18n import t
from test_browser_branch_vote import click_picture
from test_browser_links_lessons import fresh_page, query

RF_LINK = {"variant": "paper", "layer": "inception3b", "row": "3", "col": "20", "photo": "coffee"}
TRAIN_LINK = {"preset": "resnet_small", "data": "mnist", "depth": "12", "epochs": "3", "lr": "0.01", "batch": "32",
              "experiment": "residual"}


def open_link(browser, base: str, page_name: str, lang: str, params: dict[str, str]):
    context, page = fresh_page(browser)
    page.goto(f"{base}/{page_name}?lang={lang}&" + "&".join(f"{k}={v}" for k, v in params.items()))
    wait_idle(page)
    assert_no_exception(page)
    return context, page


def test_links_with_state_in_a_fresh_browser(streamlit_server, browser):
    context, page = open_link(browser, streamlit_server.url, "receptive_field", "en", RF_LINK)
    from googlenet.receptive_field import receptive_fields

    main = page.inner_text('[data-testid="stMain"]')
    assert t("click.rf.caption", lang="en", row=3, col=20) in main and t("input.sample.coffee", lang="en") in main
    assert t("exp.rf.px", lang="en", n=receptive_fields("paper")["inception3b"].rf) in main   # the paper net's 3b
    assert query(page.url) | RF_LINK == query(page.url) and query(page.url)["lang"] == "en"
    screenshot(page, "link_receptive_field_en")
    click_picture(page, 0.02, 0.02)      # a click reruns only the fragment: the address names the unit clicked
    assert query(page.url)["row"] == "0" and query(page.url)["col"] == "0"
    context.close()

    context, page = open_link(browser, streamlit_server.url, "training", "zh", TRAIN_LINK)
    main = page.inner_text('[data-testid="stMain"]')
    assert t("trainexp.residual.button", lang="zh", n=3) in main and t("train.preset.resnet_small", lang="zh") in main
    assert t("train.none_yet", lang="zh") in main                              # a link never starts training
    assert query(page.url) | TRAIN_LINK == query(page.url) and query(page.url)["lang"] == "zh"
    screenshot(page, "link_training_zh")
    context.close()
