"""The training lab in a real browser, both languages: a short run, live charts while it trains, the results;
a short run of the seed articles' net on real MNIST."""
from __future__ import annotations

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot, upload, wait_idle
from googlenet.i18n import t
from picture_corpus import awkward_pictures


def set_max_steps(page, lang: str, steps: int) -> None:
    page.get_by_text(t("train.more", lang=lang), exact=True).click()
    box = page.get_by_role("spinbutton", name=t("train.max_steps", lang=lang))
    box.fill(str(steps))
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_idle(page)


def short_lab_run(page, server, lang: str, steps: int) -> None:
    """Open the training lab, train its default settings for `steps` steps and wait for the results (drawn
    once the run has finished: other pages offer finished runs only)."""
    open_page(page, server, "training", lang)
    page.get_by_role("heading", name=t("nav.training", lang=lang)).first.wait_for(timeout=30_000)
    set_max_steps(page, lang, steps)
    page.get_by_role("button", name=t("train.start", lang=lang)).click()
    page.get_by_role("heading", name=t("train.results", lang=lang)).first.wait_for(timeout=90_000)
    wait_idle(page)


# One language: the whole flow takes about a minute per language, and tests/test_browser.py opens the lab in both
# languages, the AppTests (tests/test_pages_training*.py) run its every step in both.
@pytest.mark.parametrize("lang", ["zh"])
def test_short_training_run_in_a_real_browser(streamlit_server, page, lang, tmp_path):
    open_page(page, streamlit_server, "training", lang)
    page.get_by_role("heading", name=t("nav.training", lang=lang)).first.wait_for(timeout=30_000)
    assert_no_exception(page)
    set_max_steps(page, lang, 30)

    page.get_by_role("button", name=t("train.start", lang=lang)).click()
    # While it trains: the progress bar and the live charts.
    page.locator('[data-testid="stProgress"]').first.wait_for(timeout=30_000)
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)
    screenshot(page, f"training_live_{lang}")

    page.get_by_role("heading", name=t("train.results", lang=lang)).first.wait_for(timeout=90_000)
    wait_idle(page)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("train.metric.test_acc", lang=lang) in body
    assert t("train.grad.title", lang=lang) in body
    screenshot(page, f"training_run_{lang}")

    # The next test digit: only the "try it" fragment reruns, still in the chosen language.
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=t("train.try.index", lang=lang))
    thumb = slider.get_by_role("slider")
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_timeout(500)
    wait_idle(page)
    assert_no_exception(page)
    assert slider.locator('[data-testid="stSliderThumbValue"]').inner_text().strip() == "1"
    assert t("train.try.truth", lang=lang).split("{")[0].replace("**", "") in page.inner_text("body")

    # A picture of an awkward shape (10 x 3000 pixels) in the digit uploader: shown letterboxed, then read.
    name, blob, _ = next(p for p in awkward_pictures() if p[0].startswith("tall"))
    (tmp_path / name).write_bytes(blob)
    page.get_by_role("tab", name=t("train.try.upload_tab", lang=lang)).click()
    upload(page, tmp_path / name, index=0)
    assert_no_exception(page)
    page.get_by_text(t("train.try.seen", lang=lang, size=8)).first.wait_for(timeout=30_000)
    screenshot(page, f"training_upload_{lang}")

    # Both runs, with and without auxiliary classifiers, and the verdict computed from them.
    page.get_by_role("button", name=t("train.compare", lang=lang)).click()
    page.get_by_text(t("train.verdict.numbers", lang=lang).split("{")[0].strip()).first.wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    screenshot(page, f"training_compare_{lang}")
    settings_change_keeps_every_run(page, lang, runs=3)   # the first run and the two compared
    downloaded_weights_load_back(page, lang, tmp_path, runs=3)


def results_shown(page, lang: str, runs: int) -> None:
    """Every run's results are on the page: the verdict, one table row per run, the charts."""
    page.get_by_text(t("train.verdict.numbers", lang=lang).split("{")[0].strip()).first.wait_for(timeout=30_000)
    rows = page.locator('[data-testid="stDataFrame"] [aria-rowcount]').first.get_attribute("aria-rowcount")
    assert rows == str(runs + 1), rows   # a header row and one per run
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 2   # confusion matrix, probabilities
    assert page.locator('[data-testid="stImage"]').count() >= 3          # curves, gradients, a test digit


def settings_change_keeps_every_run(page, lang: str, runs: int) -> None:
    """The settings form reruns on its own: every run's results stay, and one block (no place for an aux
    head) still disables the comparison button below the form."""
    epochs = page.locator(".st-key-train_epochs").get_by_role("slider")
    epochs.focus()
    epochs.press("ArrowRight")
    page.wait_for_timeout(300)
    wait_idle(page)
    assert_no_exception(page)
    results_shown(page, lang, runs)
    depth = page.locator(".st-key-train_depth").get_by_role("slider")
    depth.focus()
    depth.press("Home")      # one block
    compare = page.get_by_role("button", name=t("train.compare", lang=lang))
    page.wait_for_function("b => b.disabled", arg=compare.element_handle(), timeout=30_000)
    wait_idle(page)
    assert page.get_by_role("button", name=t("train.compare", lang=lang)).is_disabled()
    depth.press("End")
    page.wait_for_timeout(300)
    wait_idle(page)
    assert page.get_by_role("button", name=t("train.compare", lang=lang)).is_enabled()
    results_shown(page, lang, runs)


def downloaded_weights_load_back(page, lang: str, tmp_path, runs: int) -> None:
    """The chosen run's weights, downloaded and put back into the uploader, become a run of their own."""
    with page.expect_download() as download:
        page.locator(".st-key-train_download").get_by_role("button").first.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.stat().st_size > 10_000
    upload(page, path, index=page.locator('[data-testid="stFileUploader"]').count() - 1)
    page.get_by_text(t("train.load.ok", lang=lang).split("{")[0]).first.wait_for(timeout=60_000)
    assert_no_exception(page)
    results_shown(page, lang, runs + 1)
    screenshot(page, f"training_loaded_{lang}")


def test_stop_in_the_middle_of_a_run_with_aux_heads(streamlit_server, page):
    """The crash a student found: Stop while a run with auxiliary heads trains. The stopped run is kept and
    evaluated, the page draws, and so does every later visit."""
    lang = "en"
    open_page(page, streamlit_server, "training", lang)
    page.get_by_role("heading", name=t("nav.training", lang=lang)).first.wait_for(timeout=30_000)
    set_max_steps(page, lang, 2000)
    page.get_by_role("button", name=t("train.start", lang=lang)).click()
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    page.get_by_role("button", name=t("train.stop", lang=lang), exact=True).click()
    page.get_by_role("heading", name=t("train.results", lang=lang)).first.wait_for(timeout=90_000)
    wait_idle(page)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("train.stopped", lang=lang).split("{")[0] in body
    assert t("train.confusion.title", lang=lang) in body
    screenshot(page, f"training_stopped_{lang}")

    # Visit another page and come back: the stopped run is still there, drawn without an error.
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text(t("nav.home", lang=lang), exact=True).click()
    wait_idle(page)
    nav.get_by_text(t("nav.training", lang=lang), exact=True).click()
    page.get_by_role("heading", name=t("train.results", lang=lang)).first.wait_for(timeout=60_000)
    wait_idle(page)
    assert_no_exception(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_short_run_of_the_seed_net_on_real_mnist(streamlit_server, page, lang):
    """The seed articles' network picks real MNIST by itself; the run says which data it used and how many
    images, and "Try the network" shows the run's own 28x28 test digits."""
    open_page(page, streamlit_server, "training", lang)
    page.get_by_role("heading", name=t("nav.training", lang=lang)).first.wait_for(timeout=30_000)
    page.locator(".st-key-train_preset").get_by_text(t("train.preset.seed_mnist", lang=lang), exact=True).click()
    page.locator(".st-key-train_data_seed_mnist").first.wait_for(timeout=30_000)
    wait_idle(page)
    mnist_option = page.locator(".st-key-train_data_seed_mnist").get_by_role("radio").first
    assert mnist_option.is_checked()
    set_max_steps(page, lang, 15)
    page.get_by_role("button", name=t("train.start", lang=lang)).click()
    page.get_by_role("heading", name=t("train.results", lang=lang)).first.wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    body = page.inner_text("body")
    mnist = t("train.data.mnist", lang=lang)
    assert t("train.metric.data", lang=lang, n=1, data=mnist, n_train=4000, n_test=1000).replace("**", "") in body
    assert t("train.try.caption", lang=lang, n=1, data=mnist, size=28, max="255") in body
    screenshot(page, f"training_mnist_{lang}")
    slider = page.locator(".st-key-train_test_index_mnist")
    thumb = slider.get_by_role("slider")
    thumb.focus()
    thumb.press("End")                                         # the last of the run's own 1,000 MNIST test digits
    page.wait_for_timeout(500)
    wait_idle(page)
    assert_no_exception(page)
    assert slider.locator('[data-testid="stSliderThumbValue"]').inner_text().strip() == "999"
