"""Branch ablation: switch branches of Inception blocks off and watch the network's answer change: the pretrained
GoogLeNet on a photo, or a network trained in the training lab in this session on a digit (ui/ablation_lab.py).

Every widget is drawn before the picture is checked, so a bad upload (which stops the page) never drops
their state: what the switches show is always what the page computes.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from googlenet.ablation import (ALL_BLOCKS, Ablation, blind_logits, branch_scan, channels_off, compare, cut_block,
                                largest_difference, plain_logits, switches)
from googlenet.i18n import t
from googlenet.images import to_batch
from googlenet.model import BLOCKS, BRANCHES
from googlenet.runtime.inference import model_fingerprint
from googlenet.weights import looks_untrained
from ui.charts import show_figure
from ui.charts_experiments import block_label, branch_label, comparison_figure, scan_figure
from ui.concept_check import stop_page
from ui.downloads import show_table
from ui.ablation_lab import headline, lab_ablation_view
from ui.image_input import PickedImage, other_sample, pick_image
from ui.labels import class_name, percent_column
from ui.models import pretrained_model
from ui import url_state
from ui.network_choice import choose_network


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def intact_logits(img: str, model_key: str, _model, _image):
    return plain_logits(_model, to_batch(_image))


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def run_ablation(img: str, model_key: str, off: tuple, _model, _image) -> Ablation:
    """Intact and ablated probabilities for one picture (cached on the picture's hash and the switches)."""
    return compare(_model, to_batch(_image), dict(off), intact_logits=intact_logits(img, model_key, _model, _image))


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def blind_pair(imgs: tuple[str, str], model_key: str, off: tuple, _model, _images) -> list:
    """The ablated network's logits for two pictures, each in its own pass (cached on both hashes and the switches)."""
    return blind_logits(_model, [to_batch(image) for image in _images], dict(off))


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def run_scan(img: str, model_key: str, block: str, _model, _image) -> dict[str, float]:
    return branch_scan(_model, to_batch(_image), block, intact_logits(img, model_key, _model, _image))


def switch_controls() -> tuple[str, list[str]]:
    """The block and the branches to switch off, with the number of channels that go dark."""
    block = st.selectbox(t("exp.abl.block"), [*BLOCKS, ALL_BLOCKS], index=BLOCKS.index("inception4a"),
                         format_func=block_label, help=t("exp.abl.block.help"), key="abl_block")
    st.markdown(f"**{t('exp.abl.branches')}**")
    branches = [b for b in BRANCHES if st.checkbox(branch_label(b), key=f"abl_off_{b}",
                                                   help=t("exp.abl.branch3.help") if b == "branch3" else None)]
    count = channels_off(block, branches)
    if branches and block == ALL_BLOCKS:
        st.caption(t("exp.abl.channels.all", off=count.off, total=count.total))
    elif branches:
        st.caption(t("exp.abl.channels", block=block_label(block), off=count.off, total=count.total,
                     detail=" + ".join(str(w) for w in count.widths)))
    st.caption(t("exp.abl.try"))
    return block, branches


def same_for_every_photo(model, picked: PickedImage, model_key: str, off: tuple, block: str) -> None:
    """All four branches of `block` off: show, with the photo and another sample photo, that the ablated network
    gives both the very same answer (the intact network tells them apart)."""
    other = other_sample(picked)
    photos = (picked, other)
    ablated = blind_pair((picked.key, other.key), model_key, off, model, (picked.image, other.image))
    intact = [intact_logits(p.key, model_key, model, p.image).reshape(-1) for p in photos]
    with st.container(border=True):
        st.markdown("**" + t("exp.abl.cut.title", block=block_label(block)) + "**")
        st.markdown(t("exp.abl.cut.body", block=block_label(block)))
        for photo, column, before, after in zip(photos, st.columns(2, gap="medium"), intact, ablated):
            with column:
                st.image(photo.crop, caption=photo.name, width=160)
                for label, logits in ((t("exp.abl.cut.intact"), before), (t("exp.abl.cut.ablated"), after)):
                    probs = logits.softmax(0)
                    top = int(probs.argmax())
                    answer = t("exp.abl.cut.answer", name=class_name(top), prob=float(probs[top]))
                    st.markdown(t("exp.abl.cut.line", label=label, answer=answer))
        st.caption(t("exp.abl.cut.same", diff=largest_difference(ablated), block=block_label(block)))


def comparison_chart(result: Ablation, key: tuple) -> None:
    classes = result.compared_classes()
    show_figure(key, lambda: comparison_figure(
        [class_name(c) for c in classes], [float(result.intact[c]) for c in classes],
        [float(result.ablated[c]) for c in classes], t("exp.abl.chart.title"), t("exp.abl.chart.x"),
        (t("exp.abl.chart.intact"), t("exp.abl.chart.ablated"))), name="ablation_top_classes")


def top5_table(result: Ablation) -> None:
    intact, ablated = result.top("intact"), result.top("ablated")
    probability_columns = (t("exp.abl.table.intact_p"), t("exp.abl.table.ablated_p"))
    show_table(pd.DataFrame({
        t("exp.abl.table.rank"): range(1, len(intact) + 1),
        t("exp.abl.table.intact"): [class_name(c) for c, _ in intact],
        probability_columns[0]: [p for _, p in intact],
        t("exp.abl.table.ablated"): [class_name(c) for c, _ in ablated],
        probability_columns[1]: [p for _, p in ablated],
    }), "ablation_top5", hide_index=True, width="stretch", column_config={
        col: percent_column(col) for col in probability_columns})


def scan_chart(shifts: dict[str, float], top: int, block: str, key: tuple) -> None:
    labels = [branch_label(b) for b in shifts]
    show_figure(key, lambda: scan_figure(labels, list(shifts.values()), t("exp.abl.scan.chart.x")),
                name="branch_scan")
    st.caption(f"{class_name(top)} · {block_label(block)}")


st.title(t("nav.ablation"))
st.markdown(t("exp.abl.intro"))
lab_run = choose_network("abl_network", "exp.abl.network.help", "exp.abl.network.none")
if lab_run is not None:
    lab_ablation_view(lab_run)
    stop_page("ablation")   # its concept checks, then st.stop()

model = pretrained_model()   # None after a notice with the fetch command
if model is None:
    st.info(t("exp.abl.no_weights"))
    stop_page("ablation")   # its concept checks, then st.stop()

picked = pick_image("abl")    # None after a bad upload: pick_image has shown the reason


@url_state.fragment   # the block, the switches and the scan travel in the link
def ablation_view(model, picked) -> None:
    """A fragment: the block, the switches and the scan redraw the results, not the picker above.
    The layout first, then every widget, then the results: a bad upload leaves the switches in place."""
    numbers, cut = st.container(), st.container()
    left, right = st.columns([1, 2], gap="large")
    table, scan = st.container(), st.expander(t("exp.abl.scan.title"))
    with left:
        block, branches = switch_controls()
    with scan:
        st.write(t("exp.abl.scan.intro"))
        scan_on = st.toggle(t("exp.abl.scan.run"), key="abl_scan")
    if picked is None:
        return

    img, model_key = picked.key, model_fingerprint(model)
    off = switches(block, branches)
    with st.spinner(t("exp.abl.running")):
        result = run_ablation(img, model_key, off, model, picked.image)
    with numbers:
        if looks_untrained(result.intact):
            st.warning(t("exp.abl.untrained", prob=float(result.intact.max())))
        headline(result, class_name)
    blocked = cut_block(dict(off))
    if blocked is not None:
        with cut:
            same_for_every_photo(model, picked, model_key, off, blocked)
    with right:
        if not branches:
            st.info(t("exp.abl.none"))
        comparison_chart(result, ("ablation", img, model_key, off))
    with table:
        top5_table(result)
    if scan_on:
        with scan:
            shifts = run_scan(img, model_key, block, model, picked.image)
            scan_chart(shifts, result.top_class, block, ("scan", img, model_key, block))


ablation_view(model, picked)
