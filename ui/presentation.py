"""Presentation view: the page as a class reads it from a projector (1280 x 720).

A switch in the sidebar, or ?present=1 in a link, turns it on. It hides the sidebar, the toolbar and the
secondary controls (help icons, "link to this view", sections a page marks with `secondary()`), sets the type
larger (the root size: every rem-sized text grows, nothing a class reads stays under 16 px), lets the page use
the whole width (charts drawn "stretch" grow with it), and pins the lesson bar with its Previous/Next to the
top of the screen. Plain CSS of ours, injected with st.html: nothing is fetched from anywhere.
"""
from __future__ import annotations

import copy

import streamlit as st

from googlenet.i18n import t
from ui import page_style

KEY = "present"             # session state: the switch (the widget's own key)
SECONDARY = "secondary_"    # containers keyed "secondary_…" are hidden in the presentation view
ROOT_PX = 21                # the root font size: captions and code (0.875 rem) come out at 18 px
MIN_PX = 16                 # the smallest type a class reads from the back of a room
GUTTER_REM = 2.6            # room on the right for the pinned "leave" button (38 px wide, 8 px from the edge)
BASE_PX = 17                # the normal view's root font size (.streamlit/config.toml: baseFontSize)
# Vega-Lite charts draw their own text (sized in the spec, so CSS would only make labels overlap): in the
# presentation view every size in the spec is raised to at least MIN_PX and the chart lays itself out anew.
CHART_CONFIG = {"axis": {"labelFontSize": MIN_PX, "titleFontSize": MIN_PX + 1},
                "legend": {"labelFontSize": MIN_PX, "titleFontSize": MIN_PX},
                "title": {"fontSize": MIN_PX + 3}, "header": {"labelFontSize": MIN_PX, "titleFontSize": MIN_PX},
                "text": {"fontSize": MIN_PX}}

CSS = f"""
<style>
html {{ font-size: {ROOT_PX}px !important; }}
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stTooltipIcon"],
[class*="st-key-{SECONDARY}"], .st-key-url_share_box {{ display: none !important; }}
/* The right padding is a gutter for the "leave" button pinned in the corner: it never covers text. */
[data-testid="stMainBlockContainer"] {{ max-width: 100% !important;
  padding: 0.6rem {GUTTER_REM}rem 3rem 1.2rem !important; }}
[data-testid="stMain"] {{ margin-left: 0 !important; }}
.stApp p, .stApp li, .stApp label, .stApp td, .stApp th, .stApp code, .stApp small,
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {{ font-size: max(1em, 16px); }}
[data-testid="stMetricValue"] {{ font-size: clamp(1.35rem, 14cqi, 2.1rem) !important; }}   /* ui.page_style */
[data-testid="stCaptionContainer"] {{ color: #374151 !important; }}   /* grey captions wash out on a projector */
/* Downloads are for the students' own screens (ui.downloads keys them dl_…; any other download button too). */
[class*="st-key-dl_"], [data-testid="stMain"] [data-testid="stDownloadButton"] {{ display: none !important; }}
/* "Leave presentation": an icon in the gutter; its words for screen readers, and on screen while the pointer
   is on it (or the keyboard's focus). */
.st-key-present_exit_box {{ position: fixed; right: 8px; bottom: 10px; z-index: 1000; width: auto !important; }}
.st-key-present_exit_box button {{ padding: 0.35rem; min-height: 0; }}
.st-key-present_exit_box button:not(:hover):not(:focus-visible) [data-testid="stMarkdownContainer"] {{
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }}
/* The lesson bar stays at the top of the screen: its wrapper (or the bar itself) is sticky in the page. */
[data-testid="stMainBlockContainer"] div:has(> .st-key-lesson_bar), .st-key-lesson_bar {{ position: sticky; top: 0;
  z-index: 990; }}
.st-key-lesson_bar {{ background: #ffffff; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.12); }}
</style>
"""


def follow_link() -> None:
    """At the session's first run: ?present=1 in the address turns the view on (afterwards the switch rules)."""
    if KEY not in st.session_state:
        asked = st.query_params.get("present")
        st.session_state[KEY] = asked == "1"
        if asked not in (None, "0", "1"):
            from ui.url_state import report_bad

            report_bad("present", asked)


def is_on() -> bool:
    return bool(st.session_state.get(KEY))


def url_params() -> dict[str, str]:
    return {"present": "1"} if is_on() else {}


def switch() -> None:
    """The sidebar's switch (drawn on every run, so it keeps its state while the sidebar is hidden)."""
    st.toggle(t("present.switch"), key=KEY, help=t("present.switch.help"))


def _leave() -> None:
    st.session_state[KEY] = False


def apply() -> None:
    """The app's CSS for every screen (ui.page_style); in the presentation view also the projector's style,
    and a small way back (the sidebar with the switch is hidden)."""
    page_style.apply()
    if not is_on():
        return
    st.html(CSS)
    with st.container(key="present_exit_box"):   # pinned to the bottom right corner, in the page's gutter
        st.button(t("present.exit"), key="present_exit", on_click=_leave, icon=":material/close_fullscreen:")


def px(width: int) -> int:
    """A width in px (a table column's) set for the normal view, grown with the type in the presentation view."""
    return round(width * ROOT_PX / BASE_PX) if is_on() else width


def chart(spec: dict) -> dict:
    """A Vega-Lite spec as the presentation view draws it (larger text); unchanged when the view is off."""
    if not is_on():
        return spec
    return _at_least(copy.deepcopy(spec) | {"config": _merged(spec.get("config", {}), CHART_CONFIG)})


def _merged(config: dict, larger: dict) -> dict:
    out = copy.deepcopy(config)
    for part, sizes in larger.items():
        out[part] = {**out.get(part, {}), **{k: max(v, out.get(part, {}).get(k, 0)) for k, v in sizes.items()}}
    return out


def _at_least(node):
    """Every "fontSize" in the spec raised to MIN_PX (marks such as the numbers on bars set their own)."""
    if isinstance(node, dict):
        return {k: max(v, MIN_PX) if k.endswith("ontSize") and isinstance(v, (int, float)) else _at_least(v)
                for k, v in node.items()}
    if isinstance(node, list):
        return [_at_least(v) for v in node]
    return node


def secondary(key: str):
    """A container the presentation view hides (e.g. a long listing nobody reads from the back of the room)."""
    return st.container(key=f"{SECONDARY}{key}")
