"""Home: what GoogLeNet is, the whole network as a diagram, and a guided path through the pages.

Often the first page after start-up. Its words and links need nothing heavy, so they are drawn first; the
diagram's shapes are traced through the model (googlenet.diagrams imports torch, seconds on a small
machine), so its place is kept with a container and filled last, while the reader is already reading.
"""
import streamlit as st

from googlenet.i18n import t
from ui.nav import available_pages

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
    from googlenet.diagrams import NETWORK_LABELS, network_dot
    from ui.diagrams import show_diagram

    variant = st.radio(t("home.diagram.variant"), ["paper", "torchvision"], horizontal=True,
                       format_func=lambda v: t(f"home.variant.{v}"), key="home_variant")
    labels = {key: t(f"home.label.{key}") for key in NETWORK_LABELS}
    show_diagram(network_dot(variant, labels=labels))
    st.caption(t("home.diagram.caption"))
