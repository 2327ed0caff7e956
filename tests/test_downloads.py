"""ui.downloads: the CSV carries the headings the page shows; a Vega chart becomes a real PNG on the server."""
import io

import pandas as pd
import streamlit as st
from PIL import Image

from googlenet.i18n import set_language
from ui import downloads


def test_csv_uses_the_shown_headings_and_leaves_hidden_columns_out():
    frame = pd.DataFrame({"params": [9408, 114688], "macs": [118013952, 359661568], "note": ["a", "b"]})
    config = {"params": st.column_config.NumberColumn("参数量"), "macs": "乘加次数", "note": None}
    text = downloads.csv_bytes(frame, config).decode("utf-8-sig")
    assert text.splitlines() == ["参数量,乘加次数", "9408,118013952", "114688,359661568"]
    assert downloads.csv_bytes(frame.style, None).startswith("\ufeff".encode())   # a Styler: its data


def test_a_container_wide_vega_chart_becomes_a_png_of_the_fixed_width():
    spec = {"data": {"values": [{"x": "3a", "y": 1}, {"x": "4e", "y": 3}]}, "mark": "bar", "width": "container",
            "encoding": {"x": {"field": "x", "type": "nominal"}, "y": {"field": "y", "type": "quantitative"}}}
    picture = Image.open(io.BytesIO(downloads.vega_png(spec, scale=1)))
    assert picture.format == "PNG"
    assert downloads.VEGA_WIDTH <= picture.width < downloads.VEGA_WIDTH + 120   # the plot area plus its axis


def test_file_names_are_safe_and_say_the_language():
    set_language("zh")
    assert downloads.file_name("Table 1 / 表", "csv") == "googlenet_Table_1_zh.csv"
    set_language("en")
    assert downloads.file_name("", "png") == "googlenet_download_en.png"


def test_pictures_diagrams_and_small_tables_become_files():
    import numpy as np

    grey = np.zeros((4, 6), dtype=np.uint8)
    assert Image.open(io.BytesIO(downloads.png_of(grey))).size == (6, 4)   # an array: encoded as PNG
    # A diagram drawn by Graphviz at DIAGRAM_DPI (72 dpi would be 2.7 times smaller), Chinese labels and all.
    big = Image.open(io.BytesIO(downloads.diagram_png('digraph inception {\n a [label="拼接"]; a -> b; }')))
    small = Image.open(io.BytesIO(downloads.diagram_png("digraph {\n a -> b; }", dpi=72)))
    assert big.format == "PNG" and big.height > 2 * small.height
    # A map and its legend as one picture, the legend scaled to the map's width.
    assert downloads.stacked(np.zeros((10, 20, 3), np.uint8), np.zeros((2, 40), np.uint8)).size == (20, 11)
    # A Markdown table's CSV: the same rows without Markdown's marks.
    assert downloads.plain_cells([["**3a**", "`/history`", 5]]) == [["3a", "/history", "5"]]
