"""The page "Which branch voted": its block x branch heat maps (Vega-Lite, drawn by the browser) and the legend
strip under the occlusion map.

Colour-blind-safe maps only: "cividis" for the tables (Nuñez, Anderton & Renslow 2018, made to look alike with
and without colour-vision deficiency), "viridis" for the occlusion map (van der Walt & Smith's matplotlib default);
both keep rising in lightness, so they read in grey too. Every chart has its legend and its numbers in the cells.
"""
from __future__ import annotations

from typing import Sequence

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from googlenet.viz import colourise

TABLE_SCHEME = "cividis"
OCCLUSION_CMAP = "viridis"
FONT_SIZE = 13
ROW = 34            # pixels per block row of a heat map
COLUMN = 72         # pixels per branch column: two lines of label ("B3", "5×5 (3×3)") fit above it


@st.cache_data(show_spinner=False, max_entries=128)
def share_heatmap(blocks: Sequence[str], branches: Sequence[str], shares: Sequence[Sequence[float]],
                  values: Sequence[Sequence[float]], words: tuple[str, str, str, str], title: str | None = None) -> dict:
    """Vega-Lite spec: one cell per (block, branch), coloured by its share (-1..1, fixed scale so two charts
    compare), the share written in the cell, the raw value in the hover box. `words`: the block, branch, share
    and value labels."""
    frame = pd.DataFrame([{"block": b, "branch": br, "share": float(shares[i][j]), "value": float(values[i][j])}
                          for i, b in enumerate(blocks) for j, br in enumerate(branches)])
    block_word, branch_word, share_word, value_word = words
    base = (alt.Chart(frame, title=title) if title else alt.Chart(frame)).encode(
        x=alt.X("branch:N", sort=list(branches), title=None,
                axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=FONT_SIZE - 1, labelLimit=140,
                              labelOverlap=False, labelExpr="split(datum.label, ' · ')")),   # two lines
        y=alt.Y("block:N", sort=list(blocks), title=None,
                axis=alt.Axis(labelFontSize=FONT_SIZE, labelOverlap=False)),
        tooltip=[alt.Tooltip("block:N", title=block_word), alt.Tooltip("branch:N", title=branch_word),
                 alt.Tooltip("share:Q", title=share_word, format="+.0%"),
                 alt.Tooltip("value:Q", title=value_word, format="+.3f")])
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("share:Q", title=share_word,
                        scale=alt.Scale(scheme=TABLE_SCHEME, domain=[-1, 1]),
                        legend=alt.Legend(format="+.0%", gradientLength=ROW * len(blocks) - 60,
                                          labelFontSize=FONT_SIZE - 2, titleOrient="left")))
    # cividis is dark at -100% and light at +100%: white type on the dark part, black on the light part.
    text = base.mark_text(fontSize=FONT_SIZE - 1).encode(
        text=alt.Text("share:Q", format="+.0%"),
        color=alt.condition("datum.share < -0.25", alt.value("white"), alt.value("black")))
    return alt.layer(cells, text).properties(width=alt.Step(COLUMN), height=ROW * len(blocks)).to_dict()


def numbers_frame(blocks: Sequence[str], branches: Sequence[str], values: np.ndarray, shares: np.ndarray,
                  channels: np.ndarray, words: tuple[str, str, str, str, str]) -> pd.DataFrame:
    """The table under the chart: one row per block and branch (block, branch, value, share, channels)."""
    block_word, branch_word, value_word, share_word, channel_word = words
    return pd.DataFrame([{block_word: b, branch_word: br, value_word: float(values[i, j]),
                          share_word: float(shares[i, j]), channel_word: int(channels[i, j])}
                         for i, b in enumerate(blocks) for j, br in enumerate(branches)])


def legend_strip(width: int = 448, height: int = 14) -> np.ndarray:
    """The occlusion map's colours from "no drop" (left) to "the largest drop" (right), as a picture."""
    row = colourise(np.linspace(0, 1, width), OCCLUSION_CMAP, stretch=False)
    return np.repeat(row[None], height, axis=0)
