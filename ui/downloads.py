"""Downloads: every chart as a PNG and every table as a CSV, for a teacher's slides and a student's notes.

Pages call `show_png`, `show_vega` and `show_table` instead of st.image / st.vega_lite_chart / st.dataframe:
each draws what it did before and puts a small download button under it. The file is made only when the
button is pressed (Streamlit runs a callable `data` then, on its own thread), and pressing it does not rerun
the page (`on_click="ignore"`), so a page with ten buttons costs no more to draw than before.

* CSV: the columns carry the headings the page shows (their column_config labels; hidden columns left out),
  UTF-8 with a byte-order mark so that spreadsheet programs read the Chinese correctly.
* PNG of a Vega-Lite chart: rendered on the server by vl-convert (Vega's own renderer, no browser, nothing
  fetched), at twice the size for a sharp slide.

The buttons' keys start with `dl_`: the presentation view hides them (ui/presentation.py).
"""
from __future__ import annotations

import copy
import io
import re
import struct
from typing import Callable

import pandas as pd
import streamlit as st

from googlenet.i18n import get_language, t
from ui.page_style import WIDE_CHART_KEY   # on a phone such a box scrolls sideways, its chart kept legible

KEY_PREFIX = "dl_"         # every download button's key starts with this (the presentation view hides them)
VEGA_WIDTH = 720           # a "container"-wide Vega chart has no container on the server: this many px
VEGA_SCALE = 2             # PNG pixels per chart pixel
CSV_ENCODING = "utf-8-sig"  # the byte-order mark tells Excel the file is UTF-8 (Chinese headings and names)


def file_name(name: str, extension: str) -> str:
    """`googlenet_<name>_<language>.<extension>`, with only letters, digits, '-' and '_' in `name`."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_") or "download"
    return f"googlenet_{safe}_{get_language()}.{extension}"


def _button(label: str, data, name: str, extension: str, mime: str, where, key: str | None) -> None:
    where.download_button(label, data, file_name=file_name(name, extension), mime=mime,
                          key=KEY_PREFIX + (key or f"{name}_{extension}"), on_click="ignore", type="tertiary",
                          icon=":material/download:", help=t("download.help"))


# ------------------------------------------------------------------------------------------ PNG
def download_png(png: bytes | Callable[[], bytes], name: str, where=st, key: str | None = None) -> None:
    """A "PNG" button for an image the page already has (bytes) or can make on demand (a function)."""
    _button(t("download.png"), png, name, "png", "image/png", where, key)


def png_of(picture) -> bytes:
    """PNG bytes of a picture: PNG bytes as they are, a PIL image or an array (H×W or H×W×3, uint8) encoded."""
    if isinstance(picture, (bytes, bytearray)):
        return bytes(picture)
    from PIL import Image

    if not isinstance(picture, Image.Image):
        picture = Image.fromarray(picture)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def stacked(*pictures):
    """The pictures one under the other (e.g. a map and its colour legend) as one PIL image, each scaled to the
    first one's width: one file for a slide."""
    from PIL import Image

    images = [Image.open(io.BytesIO(p)) if isinstance(p, (bytes, bytearray)) else
              p if isinstance(p, Image.Image) else Image.fromarray(p) for p in pictures]
    width = images[0].width
    images = [im.convert("RGB").resize((width, max(1, round(im.height * width / im.width)))) for im in images]
    out = Image.new("RGB", (width, sum(im.height for im in images)), "white")
    top = 0
    for im in images:
        out.paste(im, (0, top))
        top += im.height
    return out


WIDE_CHART_PX, WIDE_CHART_RATIO = 900, 1.5   # a PNG this wide and this much wider than tall: a chart with text


def is_wide_chart(png) -> bool:
    """A wide chart (a matplotlib figure drawn for a laptop): on a phone's 356 px its text would be ~5 px."""
    if not isinstance(png, (bytes, bytearray)) or png[:8] != b"\x89PNG\r\n\x1a\n":
        return False
    width, height = struct.unpack(">II", png[16:24])   # the IHDR chunk: width, height
    return width >= WIDE_CHART_PX and width >= WIDE_CHART_RATIO * height


def show_png(png, name: str, where=st, key: str | None = None, **image_kw) -> None:
    """st.image(png) with its PNG button under it. `png`: PNG bytes, or a PIL image / array (what st.image
    takes), then encoded as PNG only when the button is pressed. A wide chart sits in a box of its own, which
    a phone scrolls sideways rather than shrinking the chart's text out of reach."""
    if is_wide_chart(png):
        where = where.container(key=WIDE_CHART_KEY + (key or name))
    where.image(png, **{"width": "stretch", **image_kw})
    download_png(png if isinstance(png, (bytes, bytearray)) else (lambda: png_of(png)), name, where, key)


# ------------------------------------------------------------------------------------------ diagrams
DIAGRAM_DPI = 192   # Graphviz draws 72 dpi by default: a sharp picture at 2.7 times that


def diagram_png(dot: str, dpi: int = DIAGRAM_DPI) -> bytes:
    """A DOT graph drawn as PNG by Graphviz itself (its fonts come from the system: Chinese labels included;
    vl-convert's SVG renderer draws no text without fonts of its own)."""
    import graphviz

    sharp = re.sub(r"^(\s*(?:strict\s+)?(?:di)?graph[^{]*\{)", rf"\1 dpi={dpi};", dot, count=1)
    return graphviz.Source(sharp).pipe(format="png")


def download_diagram(dot: str, name: str, where=st, key: str | None = None) -> None:
    """A PNG button for a diagram ui.diagrams drew, where Graphviz is installed (without it the browser laid
    the graph out, and there is nothing on the server to draw it with)."""
    from ui.diagrams import diagram_svg

    if diagram_svg(dot) is not None:
        download_png(lambda: diagram_png(dot), name, where, key)


# ------------------------------------------------------------------------------------------ Vega-Lite
def vega_png(spec: dict, scale: int = VEGA_SCALE) -> bytes:
    """The chart of a Vega-Lite spec as PNG, drawn on the server (vl-convert: Vega's renderer, offline)."""
    import vl_convert

    return vl_convert.vegalite_to_png(_fixed_width(spec), scale=scale)


def _fixed_width(spec: dict) -> dict:
    """The spec with every "container" width replaced by VEGA_WIDTH px (there is no container off-screen)."""
    def fix(node):
        if isinstance(node, dict):
            return {k: VEGA_WIDTH if k == "width" and v == "container" else fix(v) for k, v in node.items()}
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node

    out = fix(copy.deepcopy(spec))
    if "width" not in out and not any(k in out for k in ("hconcat", "concat", "facet", "repeat")):
        out["width"] = VEGA_WIDTH
    return out


def show_vega(spec: dict, name: str, where=st, key: str | None = None, **chart_kw) -> None:
    """st.vega_lite_chart(spec) with a PNG button under it (the PNG drawn only when pressed)."""
    where.vega_lite_chart(spec, **{"width": "stretch", **chart_kw})
    download_png(lambda: vega_png(spec), name, where, key)


# ------------------------------------------------------------------------------------------ CSV
def table_for_csv(frame, column_config: dict | None = None, column_order=None) -> pd.DataFrame:
    """The table as the page shows it: a Styler's data, its columns in the order shown (`column_order`, if the page
    gives one), renamed to their column_config labels, columns the config hides (None) left out."""
    if hasattr(frame, "data") and not isinstance(frame, pd.DataFrame):   # a pandas Styler
        frame = frame.data
    frame = pd.DataFrame(frame)
    if column_order is not None:
        frame = frame[[c for c in column_order if c in frame.columns]]
    renames, hidden = {}, []
    for column, config in (column_config or {}).items():
        if column not in frame.columns:
            continue
        if config is None:
            hidden.append(column)
        elif isinstance(config, str):
            renames[column] = config
        elif isinstance(config, dict) and config.get("label"):
            renames[column] = config["label"]
    return frame.drop(columns=hidden).rename(columns=renames)


def csv_bytes(frame, column_config: dict | None = None, column_order=None) -> bytes:
    return table_for_csv(frame, column_config, column_order).to_csv(index=False).encode(CSV_ENCODING)


def download_csv(frame, name: str, where=st, key: str | None = None, column_config: dict | None = None,
                 column_order=None) -> None:
    """A "CSV" button for a table (a DataFrame, a Styler, or anything pd.DataFrame takes)."""
    _button(t("download.csv"), lambda: csv_bytes(frame, column_config, column_order), name, "csv", "text/csv",
            where, key)


def show_table(frame, name: str, where=st, key: str | None = None, **dataframe_kw) -> None:
    """st.dataframe(frame, **dataframe_kw) with its CSV button under it (headings as shown)."""
    where.dataframe(frame, **dataframe_kw)
    download_csv(frame, name, where, key, dataframe_kw.get("column_config"), dataframe_kw.get("column_order"))



def show_static_table(frame, name: str, where=st, key: str | None = None) -> None:
    """st.table(frame) (a small table drawn in full) with its CSV button under it; the row labels st.table shows
    (an index other than 0, 1, 2, ...) become the CSV's first column."""
    where.table(frame)
    labelled_rows = isinstance(frame, pd.DataFrame) and not isinstance(frame.index, pd.RangeIndex)
    download_csv(frame.reset_index(names=frame.index.name or "") if labelled_rows else frame, name, where, key)


def show_markdown_table(header: list[str], rows: list[list[str]], name: str, where=st, key: str | None = None,
                        right: set[int] = frozenset()) -> None:
    """A Markdown table (ui.markdown_table: it wraps long text) with a CSV button of the same rows under it."""
    from ui.markdown_table import markdown_table

    where.markdown(markdown_table(header, rows, right=right))
    download_csv(pd.DataFrame(plain_cells(rows), columns=plain_cells([header])[0]), name, where, key)


def plain_cells(rows: list[list[str]]) -> list[list[str]]:
    """The cells without Markdown's bold and code marks (a spreadsheet would show them as characters)."""
    return [[re.sub(r"\*\*|`", "", str(cell)) for cell in row] for row in rows]
