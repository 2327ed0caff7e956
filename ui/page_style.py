"""The app's own CSS for every screen, from a phone (390 px wide) to a projector: what a student must read is
never cut off, and the page itself never scrolls sideways.

Streamlit already stacks st.columns on narrow screens, and tables (st.dataframe) and code scroll inside their own
box. What is left, measured in Chromium at 390 x 844 and 1280 x 800 (tests/test_browser.py):
* metric values end in "…" when their card is narrow (a row of four at 1280 px: "128,049,152");
* page links ("Why do sources give different numbers? The numb…", the home page's steps) end in "…";
* Markdown tables wider than the screen push the page sideways (the glossary's, on a phone).
Plain CSS of ours, injected with st.html (a <style> alone takes no room on the page); nothing is fetched.
"""
from __future__ import annotations

import streamlit as st

WIDE_CHART_KEY = "wide_chart_"   # the key prefix of a wide chart's box (ui.downloads.show_png)
CHART_MIN_PX = 760   # a wide chart (1,400 px, text ~28 px) shown at least this wide: text ~15 px
PHONE_PX = 640   # Streamlit stacks st.columns below this width: the same line for our narrow-screen rules

CSS = f"""
<style>
/* A metric's number shrinks with a narrow card (down to 1.35rem), then wraps; it never ends in "…". */
[data-testid="stMetric"] {{ container-type: inline-size; }}
[data-testid="stMetricValue"] {{ font-size: clamp(1.35rem, 14cqi, 2.25rem); }}
[data-testid="stMetricValue"] > div, [data-testid="stMetricValue"] p,
[data-testid="stMetricLabel"] > div, [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] p {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere; }}
/* Page links in the page (the home page's steps, "the numbers, reconciled"): the whole title, on two lines if
   need be. */
[data-testid="stMain"] [data-testid="stPageLink-NavLink"] span:not([data-testid="stIconMaterial"]),
[data-testid="stMain"] [data-testid="stPageLink-NavLink"] [data-testid="stMarkdownContainer"],
[data-testid="stMain"] [data-testid="stPageLink-NavLink"] p {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }}
/* Between a phone and a wide screen, Streamlit's 5rem side margins would take 170 px from every table. */
@media (min-width: {PHONE_PX + 1}px) and (max-width: 1500px) {{
  [data-testid="stMain"] [data-testid="stMainBlockContainer"] {{ padding-left: 1.5rem; padding-right: 1.5rem; }}
}}
/* A Markdown table wider than the page scrolls inside its own box, not the page. */
[data-testid="stMain"] [data-testid="stMarkdownContainer"] table {{
  display: block; max-width: 100%; overflow-x: auto; }}
@media (max-width: {PHONE_PX}px) {{
  /* On a phone a table keeps its words whole (what does not fit scrolls in the table's box), but a long
     piece of code breaks, and the cells' padding is halved: most tables then fit the screen. */
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(td, th) {{ padding: 0.35rem 0.4rem; }}
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(td, th) code {{ overflow-wrap: anywhere; }}
  /* A wide chart (ui.downloads.is_wide_chart) keeps {CHART_MIN_PX} px, so its text stays legible; its own box
     scrolls sideways, not the page. */
  [class*="st-key-{WIDE_CHART_KEY}"] {{ overflow-x: auto; }}
  [class*="st-key-{WIDE_CHART_KEY}"] :is([data-testid="stFullScreenFrame"], [data-testid="stImage"], img) {{
    min-width: {CHART_MIN_PX}px; }}
}}
</style>
"""


def apply() -> None:
    st.html(CSS)
