"""The spot-the-bug page's curves: the same network trained with and without a bug, one line each (Vega-Lite,
drawn by the browser, values on hover). Specs are made once per content and language (st.cache_data)."""
from __future__ import annotations

from typing import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from ui.palette import BLUE, GRID_GREY, RED

FONT_SIZE = 13


@st.cache_data(show_spinner=False, max_entries=32)
def two_runs(steps: Sequence[int], buggy: Sequence[float], fixed: Sequence[float], title: str, step_word: str,
             legend: tuple[str, str], percent: bool = False, floor: float | None = None,
             floor_label: str = "") -> dict:
    """One line per run (the buggy one red, the fixed one blue); optionally a dashed horizontal line at `floor`."""
    frame = pd.DataFrame({"step": list(steps) * 2, "value": list(buggy) + list(fixed),
                          "run": [legend[0]] * len(buggy) + [legend[1]] * len(fixed)})
    fmt = ".0%" if percent else ".2f"
    lines = alt.Chart(frame, title=title).mark_line(strokeWidth=2).encode(
        x=alt.X("step:Q", title=step_word, axis=alt.Axis(labelFontSize=FONT_SIZE - 1, titleFontSize=FONT_SIZE)),
        y=alt.Y("value:Q", title=None, axis=alt.Axis(format=fmt, labelFontSize=FONT_SIZE - 1),
                scale=alt.Scale(domain=[0, 1]) if percent else alt.Scale(zero=True)),
        color=alt.Color("run:N", sort=list(legend), title=None, scale=alt.Scale(domain=list(legend), range=[RED, BLUE]),
                        legend=alt.Legend(orient="top", labelFontSize=FONT_SIZE)),
        tooltip=[alt.Tooltip("run:N", title=" "), alt.Tooltip("step:Q", title=step_word),
                 alt.Tooltip("value:Q", title=title, format=".1%" if percent else ".4f")])
    layers = [lines]
    if floor is not None:
        rule = pd.DataFrame({"floor": [floor], "label": [f"{floor_label} = {floor:.3f}"]})
        base = alt.Chart(rule).encode(y="floor:Q")
        layers += [base.mark_rule(strokeDash=[6, 4], color=GRID_GREY),
                   base.mark_text(align="right", baseline="bottom", dy=-3, x="width", color=GRID_GREY,
                                  fontSize=FONT_SIZE - 1).encode(text="label:N")]
    return alt.layer(*layers).properties(height=280).to_dict()
