"""Interactive bar charts drawn by the browser (Vega-Lite through Altair): hover a bar for its exact value.

For charts that change with every widget move (the layer explorer, the Inception lab's fields) a Vega-Lite
spec is a few kilobytes, where a matplotlib PNG took 0.5–1.5 s of the server's time per new drawing on a busy
2-core machine (py-spy on the architecture page). Building the spec with Altair and checking it against the
Vega-Lite schema costs 50–100 ms, so each spec is made once per set of arguments (st.cache_data) and drawn
with st.vega_lite_chart. Colours come from ui.palette.
"""
from __future__ import annotations

from typing import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from ui.palette import BASE, BOTTLENECK, HIGHLIGHT, NAIVE

FONT_SIZE = 13      # axis labels and bar values: readable on a projector
SI = ".3~s"         # 1_582_671_872 -> "1.58G", 9_408 -> "9.41k"


@st.cache_data(show_spinner=False, max_entries=256)
def share_bars(names: Sequence[str], shares: Sequence[float], selected: str | None, title: str,
               labels: tuple[str, str], show_names: bool = True) -> dict:
    """The Vega-Lite spec of one bar per layer, its share of the network's total (the selected layer in red, its
    value in bold).

    `labels` name the layer and the share in the hover box.
    """
    frame = pd.DataFrame({"layer": list(names), "share": list(shares), "chosen": [n == selected for n in names]})
    top = max(max(shares), 0.01) * 1.3
    base = alt.Chart(frame, title=title).encode(
        y=alt.Y("layer:N", sort=list(names), title=None,
                axis=alt.Axis(labels=show_names, ticks=show_names, labelFontSize=FONT_SIZE, labelLimit=220,
                              labelOverlap=False)),
        x=alt.X("share:Q", title=None, scale=alt.Scale(domain=[0, top]),
                axis=alt.Axis(format="%", labelFontSize=FONT_SIZE - 1, tickCount=4)),
        tooltip=[alt.Tooltip("layer:N", title=labels[0]), alt.Tooltip("share:Q", title=labels[1], format=".1%")])
    bars = base.mark_bar().encode(color=alt.condition("datum.chosen", alt.value(HIGHLIGHT), alt.value(BASE)))
    values = [base.transform_filter(("" if bold else "!") + "datum.chosen")
              .mark_text(align="left", dx=3, fontSize=FONT_SIZE - 1, fontWeight="bold" if bold else "normal")
              .encode(text=alt.Text("share:Q", format=".1%")) for bold in (False, True)]
    return alt.layer(bars, *values).properties(height=len(names) * 26).to_dict()  # each layer's name on its line


@st.cache_data(show_spinner=False, max_entries=256)
def branch_bars(branches: Sequence[str], naive: Sequence[int], bottleneck: Sequence[int], title: str,
                legend: tuple[str, str], branch_word: str) -> dict:
    """The Vega-Lite spec of two bars per branch, without and with the 1x1 reductions, each with its value on top.

    A branch name may hold a line break ("Branch 3\\n1x1 -> 5x5"): it is shown on two lines. The hover box names
    the branch (`branch_word`), the design and the exact value (under the chart's title).
    """
    frame = pd.DataFrame({"branch": [b for b in branches for _ in legend],
                          "design": [d for _ in branches for d in legend],
                          "value": [v for pair in zip(naive, bottleneck) for v in pair]})
    base = alt.Chart(frame, title=title).encode(
        x=alt.X("branch:N", sort=list(branches), title=None,
                axis=alt.Axis(labelAngle=0, labelFontSize=FONT_SIZE - 1, labelExpr="split(datum.label, '\\n')")),
        xOffset=alt.XOffset("design:N", sort=list(legend)),
        y=alt.Y("value:Q", title=None, axis=alt.Axis(labelExpr="datum.value == 0 ? '0' : format(datum.value, '~s')",
                                                      labelFontSize=FONT_SIZE - 1),
                scale=alt.Scale(domain=[0, max(*naive, *bottleneck, 1) * 1.18])),
        tooltip=[alt.Tooltip("branch:N", title=branch_word), alt.Tooltip("design:N", title=" "),
                 alt.Tooltip("value:Q", title=title, format=",")])
    bars = base.mark_bar().encode(color=alt.Color("design:N", sort=list(legend), title=None,
                                                  scale=alt.Scale(domain=list(legend), range=[NAIVE, BOTTLENECK]),
                                                  legend=alt.Legend(orient="top", labelFontSize=FONT_SIZE)))
    values = base.mark_text(baseline="bottom", dy=-2, fontSize=FONT_SIZE - 3).encode(text=alt.Text("value:Q", format=SI))
    return (bars + values).properties(height=300).to_dict()
