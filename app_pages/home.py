"""Home: what GoogLeNet is, its headline numbers (and why sources disagree), the whole network as a diagram,
and a guided path through the pages.

Often the first page after start-up. Its words, the published numbers and the links need nothing heavy, so
they are drawn first. Two parts need PyTorch: the diagram's shapes are traced through the model
(googlenet.diagrams imports torch, and tracing on the meta device imports torch._dynamo as well: about 4 s of
CPU together on this 2-core machine), and "The numbers, reconciled" builds the networks and reads
torchvision's weights metadata. So their places are kept with containers and filled last, and their results
are kept on disk between server starts (kept_network_dot, kept_reconciled): after the first start ever, the
home page needs no torch at all.

?section=numbers in the address (ui.reconciled.reconciled_link, from any page that shows a headline number)
opens "The numbers, reconciled" at the top.
"""
from importlib.metadata import version

import streamlit as st
from streamlit.runtime.caching.cache_errors import CacheError

from googlenet.headline_numbers import (ALEXNET_PAPER_PARAMS, HEADLINE_TOP5, LAYERS_WITH_PARAMETERS,
                                        LAYERS_WITH_POOLING, SINGLE_TOP5, millions, table1_sums)
from googlenet.i18n import get_language, t
from ui.classroom_link import class_banner
from ui.nav import available_pages
from ui.reconciled import reconciled_link, reconciled_section, section_requested
from ui.source_stamp import package_stamp


def network_dot_text(variant: str, lang: str, tall: bool = False) -> str:
    """The whole network as DOT text, labelled in `lang`: four rows, or one column (`tall`, for a phone)."""
    from googlenet.diagrams import NETWORK_LABELS, network_dot

    return network_dot(variant, labels={key: t(f"home.label.{key}", lang=lang) for key in NETWORK_LABELS},
                       tall=tall)


@st.cache_data(persist="disk", show_spinner=False, max_entries=16)
def kept_network_dot(variant: str, lang: str, source: str, tall: bool = False) -> str:
    """network_dot_text, kept on disk. `source` (the package's stamp) is only part of the key: a changed
    model or label computes it again."""
    return network_dot_text(variant, lang, tall)


def network_diagram(variant: str, lang: str, tall: bool = False) -> str:
    try:
        return kept_network_dot(variant, lang, package_stamp(), tall)
    except CacheError:  # Streamlit writes the file in place: another worker's first start may be mid-write
        return network_dot_text(variant, lang, tall)


def reconciled_numbers():
    from googlenet.headline_numbers import reconciled

    return reconciled()


@st.cache_data(persist="disk", show_spinner=False, max_entries=4)
def kept_reconciled(source: str, torchvision_version: str):
    """googlenet.headline_numbers.reconciled(), kept on disk; a changed package or torchvision (whose weights
    metadata it reads) computes it again."""
    return reconciled_numbers()


def headline_numbers():
    try:
        return kept_reconciled(package_stamp(), version("torchvision"))
    except CacheError:  # as network_diagram
        return reconciled_numbers()


st.title(t("home.title"))
class_banner()   # a student who came by the class link: their teacher's photo awaits on the vision pages
requested = section_requested()
numbers_first = st.container() if requested else None   # a link from another page lands on the numbers
st.markdown(f"#### {t('home.subtitle')}")
st.markdown(t("home.intro"))

c1, c2, c3, c4 = st.columns(4)  # height="stretch": the four cards line up although only two have a delta
c1.metric(t("home.metric.year"), t("home.metric.year.value"), border=True, height="stretch")
# Deltas here say what a number counts (no colour, no arrow): they are not changes.
c2.metric(t("home.metric.top5"), f"{HEADLINE_TOP5.top5_error:.2f}%", border=True, height="stretch",
          delta=t("home.metric.top5.delta", models=HEADLINE_TOP5.models, crops=HEADLINE_TOP5.crops),
          delta_color="off", delta_arrow="off",
          help=t("home.metric.top5.help", models=HEADLINE_TOP5.models, crops=HEADLINE_TOP5.crops,
                 single=f"{SINGLE_TOP5.top5_error:.2f}"))
c3.metric(t("home.metric.layers"), str(LAYERS_WITH_PARAMETERS), border=True, height="stretch",
          help=t("home.metric.layers.help", layers=LAYERS_WITH_PARAMETERS, with_pools=LAYERS_WITH_POOLING))
# The published sum, not a count from the model; the delta gives AlexNet's published size beside it.
c4.metric(t("home.metric.params"), f"~{millions(table1_sums().params_read_as_thousands)}",
          delta=t("home.metric.params.delta", alexnet_m=f"{ALEXNET_PAPER_PARAMS / 1e6:.0f}M"),
          delta_color="off", delta_arrow="off", border=True, height="stretch", help=t("home.metric.params.help"))
reconciled_link()

numbers = numbers_first if requested else st.container()   # filled last (see the docstring)

diagram = st.container()  # its heading now, the diagram last (see the docstring)
diagram.subheader(t("home.diagram.title"))

st.subheader(t("home.path.title"))
st.write(t("home.path.intro"))
steps = [p for p in available_pages() if p.path != "app_pages/home.py"]
# One row of three columns per three steps: the page then holds them in reading order (1, 2, 3 | 4, 5, 6 ...), so
# Tab and a screen reader go 1, 2, 3 ... too (three tall columns would give 1, 4, 7, 2, 5, 8, ...).
for first in range(0, len(steps), 3):
    for n, (page, column) in enumerate(zip(steps[first:first + 3], st.columns(3)), start=first + 1):
        with column.container(border=True, height="stretch"):
            st.page_link(page.path, label=f"{t('home.path.step', n=n)} · {t(page.title_key)}", icon=page.icon)
            st.caption(t(page.blurb_key))

with diagram:
    from ui.diagrams import show_responsive_diagram
    from ui.downloads import download_diagram

    variant = st.radio(t("home.diagram.variant"), ["paper", "torchvision"], horizontal=True,
                       format_func=lambda v: t(f"home.variant.{v}"), key="home_variant")
    # Four rows where the labels come out large enough, else one column (a phone): the browser picks.
    show_responsive_diagram(network_diagram(variant, get_language()),
                            network_diagram(variant, get_language(), tall=True), key="network_diagram")
    download_diagram(network_diagram(variant, get_language()), f"network_{variant}")   # the four-row drawing
    st.caption(t("home.diagram.caption"))

with numbers, st.expander(t("reconciled.title"), expanded=requested, icon=":material/balance:"):
    reconciled_section(headline_numbers())
