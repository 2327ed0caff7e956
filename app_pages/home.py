"""Home: what GoogLeNet is, the whole network as a diagram, and a guided path through the pages.

Often the first page after start-up. Its words and links need nothing heavy, so they are drawn first. The
diagram's shapes are traced through the model: googlenet.diagrams imports torch, and tracing on the meta
device imports torch._dynamo as well (about 4 s of CPU together on this 2-core machine). So the diagram's
place is kept with a container and filled last, and its DOT text is kept on disk between server starts
(kept_network_dot): after the first start ever, the home page needs no torch at all.
"""
import streamlit as st
from streamlit.runtime.caching.cache_errors import CacheError

from googlenet.i18n import get_language, t
from ui.nav import available_pages
from ui.source_stamp import package_stamp


def network_dot_text(variant: str, lang: str) -> str:
    """The whole network as DOT text, labelled in `lang`."""
    from googlenet.diagrams import NETWORK_LABELS, network_dot

    return network_dot(variant, labels={key: t(f"home.label.{key}", lang=lang) for key in NETWORK_LABELS})


@st.cache_data(persist="disk", show_spinner=False, max_entries=16)
def kept_network_dot(variant: str, lang: str, source: str) -> str:
    """network_dot_text, kept on disk. `source` (the package's stamp) is only part of the key: a changed
    model or label computes it again."""
    return network_dot_text(variant, lang)


def network_diagram(variant: str, lang: str) -> str:
    try:
        return kept_network_dot(variant, lang, package_stamp())
    except CacheError:  # Streamlit writes the file in place: another worker's first start may be mid-write
        return network_dot_text(variant, lang)


st.title(t("home.title"))
st.markdown(f"#### {t('home.subtitle')}")
st.markdown(t("home.intro"))

c1, c2, c3, c4 = st.columns(4)  # height="stretch": the four cards line up although only one has a delta
c1.metric(t("home.metric.year"), t("home.metric.year.value"), border=True, height="stretch")
c2.metric(t("home.metric.top5"), "6.67%", border=True, height="stretch")
c3.metric(t("home.metric.layers"), "22", help=t("home.metric.layers.help"), border=True, height="stretch")
c4.metric(t("home.metric.params"), "~6.8M", delta=t("home.metric.params.delta"), delta_color="off",
          delta_arrow="off", border=True, height="stretch")

diagram = st.container()  # its heading now, the diagram last (see the docstring)
diagram.subheader(t("home.diagram.title"))

st.subheader(t("home.path.title"))
st.write(t("home.path.intro"))
steps = [p for p in available_pages() if p.path != "app_pages/home.py"]
columns = st.columns(3)
for n, page in enumerate(steps, start=1):
    with columns[(n - 1) % 3].container(border=True):
        st.page_link(page.path, label=f"{t('home.path.step', n=n)} · {t(page.title_key)}", icon=page.icon)
        st.caption(t(page.blurb_key))

with diagram:
    from ui.diagrams import show_diagram

    variant = st.radio(t("home.diagram.variant"), ["paper", "torchvision"], horizontal=True,
                       format_func=lambda v: t(f"home.variant.{v}"), key="home_variant")
    show_diagram(network_diagram(variant, get_language()))
    st.caption(t("home.diagram.caption"))
