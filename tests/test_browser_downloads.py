"""Downloads in a real browser (Chromium): on the Architecture page in Chinese, the PNG button under a chart
(a Vega-Lite chart, drawn on the server by vl-convert when pressed) and the CSV button under Table 1 each give
a file that opens — a PNG Pillow reads, a CSV with the Chinese headings the page shows — and pressing them
starts no rerun. The downloaded chart and the page around the buttons are saved for a look."""
from __future__ import annotations

import io

import pandas as pd
from PIL import Image

from browser_helpers import ARTIFACTS, IDLE, assert_no_exception, open_page, wait_idle
from googlenet.i18n import t


def download(page, key: str):
    """Press the download button with widget key `key`; the file the browser saved."""
    with page.expect_download(timeout=60_000) as started:
        page.locator(f'.st-key-{key}[data-stale="false"] button').first.click()
    return started.value


def test_a_chart_as_png_and_a_table_as_csv(streamlit_server, page):
    open_page(page, streamlit_server, "architecture", "zh")
    page.get_by_role("heading", name=t("nav.architecture", lang="zh")).first.wait_for(timeout=30_000)
    wait_idle(page)
    runs = page.evaluate("window.__seen.states.filter(([s]) => s === 'running').length")

    chart = download(page, "dl_params_share_png")
    assert chart.suggested_filename == "googlenet_params_share_zh.png"
    picture = Image.open(io.BytesIO(open(chart.path(), "rb").read()))
    assert picture.format == "PNG" and picture.width >= 1000   # the chart at twice its size, for a slide
    picture.save(ARTIFACTS / "download_params_share_zh.png")

    table = download(page, "dl_table1_paper_224_csv")
    assert table.suggested_filename == "googlenet_table1_paper_224_zh.csv"
    frame = pd.read_csv(table.path(), encoding="utf-8-sig")
    assert list(frame.columns[:3]) == [t(f"arch.col.{c}", lang="zh") for c in ("type", "patch", "output")]
    assert frame[t("arch.col.params", lang="zh")].sum() > 6_000_000   # every layer's weights (about 6.6 M)

    page.wait_for_selector(IDLE)
    assert page.evaluate("window.__seen.states.filter(([s]) => s === 'running').length") == runs   # no rerun
    assert_no_exception(page)
    buttons = page.locator(".st-key-dl_params_share_png").locator("xpath=ancestor::*[@data-testid='stHorizontalBlock'][1]")
    buttons.scroll_into_view_if_needed()
    buttons.screenshot(path=str(ARTIFACTS / "download_buttons_zh.png"))
