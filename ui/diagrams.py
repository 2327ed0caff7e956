"""Diagrams laid out on the server: Graphviz turns the DOT text into an SVG once (cached), the browser shows it.

st.graphviz_chart lays a graph out in the browser (viz.js, WebAssembly) at every rerun: 2–5 s for the network
diagram on a busy 2-core classroom machine, against 0.1–0.6 s for the same page showing a ready SVG
(benchmarks/pages.py). The layout needs Graphviz's `dot` program (Debian's graphviz package, which
scripts/system_deps.sh installs); where it is missing the browser lays the graph out as before.
"""
from __future__ import annotations

import graphviz
import streamlit as st


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
