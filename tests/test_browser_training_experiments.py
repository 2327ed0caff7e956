"""The training lab's experiments in a real browser (Chromium): in Chinese the softmax pair (right loss and the
articles' bug), in English the plain-vs-residual trio, each with its curves and its computed verdict; then both
results read again in the other language. A few steps per run. Screenshots in tests/artifacts."""
from __future__ import annotations

from browser_helpers import assert_no_exception, open_page, screenshot, wait_idle
from googlenet.i18n import t
from test_browser_training import set_max_steps


def switch_language(page, lang: str) -> None:
    page.locator(".st-key-lang_switch").get_by_text({"en": "English", "zh": "中文"}[lang], exact=True).click()
    page.wait_for_timeout(300)
    wait_idle(page)


def run_experiment(page, lang: str, tab: str, button: str, result_title: str) -> None:
    page.locator(".st-key-trainexp_kind").get_by_text(t(f"trainexp.tab.{tab}", lang=lang), exact=True).click()
    page.get_by_role("button", name=button).wait_for(timeout=30_000)
    page.get_by_role("button", name=button).click()
    page.locator('[data-testid="stProgress"]').first.wait_for(timeout=30_000)   # the runs' progress bars
    page.get_by_role("heading", name=result_title).first.wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)


def test_softmax_pair_and_plain_vs_residual_trio_in_both_languages(streamlit_server, page):
    open_page(page, streamlit_server, "training", "zh")
    page.get_by_role("heading", name=t("trainexp.title", lang="zh")).first.wait_for(timeout=30_000)
    set_max_steps(page, "zh", 4)

    run_experiment(page, "zh", "softmax", t("trainexp.softmax.button", lang="zh"),
                   t("trainexp.softmax.title", lang="zh"))
    body = page.inner_text("body")
    assert t("trainexp.softmax.numbers", lang="zh").split("{")[0] in body
    assert t("trainexp.chart.loss", lang="zh") not in body        # (drawn inside the figure, not as text)
    screenshot(page, "training_experiment_softmax_zh")

    switch_language(page, "en")
    run_experiment(page, "en", "residual", t("trainexp.residual.button", lang="en", n=3),
                   t("trainexp.residual.title", lang="en"))
    body = page.inner_text("body")
    assert t("trainexp.residual.numbers", lang="en").split("{")[0] in body
    assert t("trainexp.softmax.title", lang="en") in body          # the softmax pair's result stays, now in English
    rows = page.locator('[data-testid="stDataFrame"] [aria-rowcount]').first.get_attribute("aria-rowcount")
    assert rows == "6", rows                                        # a header row, the pair and the trio
    screenshot(page, "training_experiment_residual_en")

    switch_language(page, "zh")
    page.get_by_role("heading", name=t("trainexp.residual.title", lang="zh")).first.wait_for(timeout=60_000)
    wait_idle(page)
    assert_no_exception(page)
    assert t("trainexp.residual.numbers", lang="zh").split("{")[0] in page.inner_text("body")
    screenshot(page, "training_experiment_residual_zh")

    # The small residual net's settings: depth up to 20 blocks, the shortcuts switch, aux and BN off with reasons.
    page.locator(".st-key-train_preset").get_by_text(t("train.preset.resnet_small", lang="zh"), exact=True).click()
    page.get_by_text(t("train.shortcuts", lang="zh"), exact=True).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    assert t("train.depth.resnet", lang="zh") in page.inner_text("body")
    screenshot(page, "training_resnet_settings_zh")

    # The same session on the feature maps page: the softmax pair's Inception nets are offered, the residual
    # trio is left out with the reason.
    page.locator('[data-testid="stSidebarNav"]').get_by_text(t("nav.feature_maps", lang="zh"), exact=True).click()
    page.get_by_role("heading", name=t("nav.feature_maps", lang="zh")).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert t("train.explainers.left_out", lang="zh", runs="#3, #4, #5") in main
    assert t("fmaps.network", lang="zh") in main
    screenshot(page, "training_experiment_feature_maps_zh")
