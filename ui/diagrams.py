"""Diagrams laid out on the server: Graphviz turns the DOT text into an SVG once (cached), the browser shows it.

st.graphviz_chart lays a graph out in the browser (viz.js, WebAssembly) at every rerun: 2–5 s for the network
diagram on a busy 2-core classroom machine, against 0.1–0.6 s for the same page showing a ready SVG
(benchmarks/pages.py). The layout needs Graphviz's `dot` program (Debian's graphviz package, which
scripts/system_deps.sh installs); where it is missing the browser lays the graph out as before.
"""
from __future__ import annotations

import math
import re

import graphviz
import streamlit as st

from ui import presentation

MIN_LABEL_PX = 12   # the smallest label a student reads on a screen of their own (a phone held at arm's length)
PX_PER_PT = 4 / 3   # Graphviz sizes its SVG in points; the browser draws 1 pt as 4/3 CSS px


@st.cache_data(show_spinner=False, max_entries=128)
def diagram_svg(dot: str) -> str | None:
    """The SVG drawing of a DOT graph, or None when Graphviz's `dot` program is not installed."""
    try:
        svg = graphviz.Source(dot).pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound:
        return None
    return svg[svg.index("<svg"):]  # st.image takes the <svg> element itself, without the XML prologue


def show_diagram(dot: str, where=st) -> None:
    """Draw a DOT graph as wide as its column: a server-side SVG, or the browser's layout without Graphviz."""
    svg = diagram_svg(dot)
    if svg is None:
        where.graphviz_chart(dot, width="stretch")
    else:
        where.image(svg, width="stretch")


def svg_geometry(svg: str) -> tuple[float, float]:
    """(width of the drawing in its own units, size of its smallest text in those units)."""
    width = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ', svg).group(1))
    return width, min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))


def min_width_px(svg: str, label_px: float) -> int:
    """The narrowest the drawing may be shown with its smallest text still `label_px` CSS px tall."""
    width, smallest = svg_geometry(svg)
    return math.ceil(width * label_px / smallest)


def show_responsive_diagram(wide_dot: str, tall_dot: str, key: str, where=st) -> None:
    """One graph in two layouts; the browser shows the one that fits the column it is in.

    The wide layout fills the column wherever its smallest label comes out at MIN_LABEL_PX or more (on a
    projector in the presentation view: presentation.MIN_PX); a narrower column (a phone, a laptop with the
    sidebar open) gets the tall layout at its own size, never wider than the column. A CSS container query
    picks one, so the page never scrolls sideways and the server needs no idea of the screen's width.
    """
    wide, tall = diagram_svg(wide_dot), diagram_svg(tall_dot)
    if wide is None or tall is None:   # no Graphviz here: the browser lays out the wide graph
        where.graphviz_chart(wide_dot, width="stretch")
        return
    least = min_width_px(wide, presentation.MIN_PX if presentation.is_on() else MIN_LABEL_PX)
    with where.container(key=key):
        st.html(f"""<style>
.st-key-{key} {{ container: {key} / inline-size; }}
@container {key} (width < {least}px) {{ .st-key-{key}_wide {{ display: none; }} }}
@container {key} (width >= {least}px) {{ .st-key-{key}_tall {{ display: none; }} }}
</style>""")
        st.container(key=f"{key}_wide").image(wide, width="stretch")
        st.container(key=f"{key}_tall").image(tall, width="content")
