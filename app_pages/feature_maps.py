"""Feature maps, branch by branch: what each of the four branches of an Inception block sees in a photo."""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from googlenet.features import (LAYERS, branch_stats, capture_layer, channel_means, channel_rank, concat_channel,
                                input_shape, most_active)
from googlenet.i18n import t
from googlenet.images import to_batch
from googlenet.model import BRANCHES, INCEPTION_CONFIG, INPUT_SIZE, STEM
from googlenet.runtime.inference import model_fingerprint
from googlenet.viz import BRANCH_COLOURS, filter_image, heat_image, overlay, tile_channels, wide_grid_columns
from ui.charts import show_figure
from ui.charts_vision import concat_figure
from ui.image_input import pick_image
from ui.labels import block_label
from ui.models import model_for_pictures

TOP_K_OPTIONS = (4, 9, 16, 25, 36, 64)
PICK_PX = 300   # the enlarged channel and its overlay


@st.cache_data(show_spinner=False, max_entries=24, ttl=3600)
def block_maps(image_key: str, layer: str, model_key: str, _model, _image) -> dict[str, np.ndarray]:
    """One forward pass for one picture and one layer: every branch's maps (C, H, W).

    Cached on the picture's hash, the layer and the weights, so moving a slider re-renders instantly.
    """
    return capture_layer(_model, to_batch(_image), layer)


def layer_label(layer: str) -> str:
    if layer in STEM:
        return t(f"fmaps.block.{layer}")
    return block_label(layer)


def part_label(part: str) -> str:
    return t(f"fmaps.branch.{part}")


def shape_text(shape) -> str:
    return "×".join(str(s) for s in shape)


def grid(maps: np.ndarray, top_k: int, normalize: str, cols: int | None = None) -> tuple[np.ndarray, int]:
    """The `top_k` most active channels tiled into one picture, and how many that is."""
    shown = min(top_k, maps.shape[0])
    return tile_channels(maps, order=most_active(maps, shown), cols=cols, normalize=normalize), shown


@st.fragment
def channel_picker(maps: dict[str, np.ndarray], crop: np.ndarray, layer: str) -> None:
    """Pick one channel of one branch; show it enlarged and over the picture, with its numbers.
    A fragment: the branch and channel redraw only this section."""
    st.subheader(t("fmaps.pick.title"))
    parts = [p for p in BRANCHES if p in maps] or ["output"]
    controls, left, right = st.columns([2, 3, 3], gap="medium")
    with controls:
        part = parts[0]
        if len(parts) > 1:
            part = st.selectbox(t("fmaps.pick.branch"), parts, format_func=part_label, key="fm_branch")
        x = maps[part]
        # One slider per layer and branch: each keeps its own position, starting at the most active channel.
        c = st.slider(t("fmaps.pick.channel"), 0, x.shape[0] - 1, value=most_active(x, 1)[0],
                      key=f"fm_channel_{layer}_{part}")
        one = branch_stats(x[c])
        st.markdown(t("fmaps.pick.stats", c=c, part=part_label(part) if part != "output" else layer_label(layer),
                      mean=one.mean, max=float(x[c].max()), zeros=one.zero_fraction, rank=channel_rank(x, c),
                      channels=x.shape[0]))
        if part in BRANCHES:
            offset = concat_channel(layer, part, 0)
            st.markdown(t("fmaps.pick.concat", concat=offset + c, offset=offset, c=c))
    h, w = x.shape[1:]
    left.image(heat_image(x[c], size=(INPUT_SIZE, INPUT_SIZE)), width=PICK_PX, caption=t("fmaps.pick.map_caption", c=c, h=h, w=w))
    # The same colour map as the enlarged map beside it (heat_image's viridis), so the two read alike.
    right.image(overlay(crop, x[c], opacity=0.6, cmap="viridis", by_strength=True), width=PICK_PX,
                caption=t("fmaps.pick.overlay_caption"))


def show_stem(maps: dict[str, np.ndarray], layer: str, top_k: int, normalize: str) -> None:
    out = maps["output"]
    st.markdown(t("fmaps.summary.stem", block=layer_label(layer), inp=shape_text(input_shape(layer)),
                  out=shape_text(out.shape)))
    grid_col, stats_col = st.columns([3, 1], gap="large")
    picture, shown = grid(out, top_k, normalize, cols=wide_grid_columns(min(top_k, out.shape[0])))
    grid_col.image(picture, caption=t("fmaps.stem.grid", shown=shown, channels=out.shape[0]), width="stretch")
    stats = branch_stats(out)
    stats_col.metric(t("fmaps.stats.channels"), stats.channels)
    stats_col.metric(t("fmaps.stats.shape"), shape_text(stats.shape))
    stats_col.metric(t("fmaps.stats.mean"), f"{stats.mean:.3g}")
    stats_col.metric(t("fmaps.stats.zeros"), f"{stats.zero_fraction:.0%}")


def show_branches(maps: dict[str, np.ndarray], layer: str, top_k: int, normalize: str) -> None:
    widths = INCEPTION_CONFIG[layer].branch_widths()
    st.markdown(t("fmaps.summary.block", block=layer_label(layer), inp=shape_text(input_shape(layer)),
                  out=shape_text(maps["output"].shape), parts=" + ".join(str(n) for n in widths.values())))
    for n, (part, column) in enumerate(zip(BRANCHES, st.columns(4, gap="medium")), start=1):
        x = maps[part]
        stats = branch_stats(x)
        picture, shown = grid(x, top_k, normalize)
        with column:
            # Two header lines in every column (name, then operation) keep the four grids level.
            name = t("fmaps.branch.short", n=n, channels=x.shape[0])
            # A chip in the branch's own colour, the same as in the bar chart and the diagrams.
            chip = f'<span style="color:{BRANCH_COLOURS[part]}; font-size:1.3em">■</span>'
            st.markdown(f"{chip} **{name}**  \n{t(f'fmaps.branch.op.{part}')}", unsafe_allow_html=True)
            st.image(picture, width="stretch", caption=t("fmaps.grid_caption", shown=shown, channels=x.shape[0]))
            st.caption(t("fmaps.stats_line", channels=stats.channels, h=stats.shape[1], w=stats.shape[2],
                         mean=stats.mean, zeros=stats.zero_fraction))
            if part == "branch3":
                st.caption(t("fmaps.branch3_note"))


def stats_table(maps: dict[str, np.ndarray]) -> None:
    parts = [*BRANCHES, "output"]
    stats = [branch_stats(maps[p]) for p in parts]
    st.subheader(t("fmaps.stats.title"))
    st.dataframe(pd.DataFrame({
        t("fmaps.stats.part"): [part_label(p) for p in parts],
        t("fmaps.stats.channels"): [s.channels for s in stats],
        t("fmaps.stats.shape"): [shape_text(s.shape) for s in stats],
        t("fmaps.stats.mean"): [f"{s.mean:.3g}" for s in stats],
        t("fmaps.stats.zeros"): [s.zero_fraction for s in stats],
    }), hide_index=True, width="stretch", column_config={
        # Whole percent, as the lines under the grids write it (a step of 0.01 leaves no decimals to "percent").
        t("fmaps.stats.zeros"): st.column_config.ProgressColumn(
            t("fmaps.stats.zeros"), format="percent", min_value=0.0, max_value=1.0, step=0.01),
    })
    st.caption(t("fmaps.stats.caption"))


def concatenated(out: np.ndarray, layer: str, cache_key: tuple) -> None:
    slices = INCEPTION_CONFIG[layer].branch_slices()
    st.subheader(t("fmaps.concat.title"))
    legend = [t("fmaps.branch.short", n=n, channels=s.stop - s.start) for n, s in enumerate(slices.values(), start=1)]
    show_figure(("concat", *cache_key), lambda: concat_figure(channel_means(out), slices, legend,
                                                              t("fmaps.concat.xlabel"), t("fmaps.concat.ylabel")))
    ranges = t("fmaps.concat.sep").join(t("fmaps.concat.range", part=part_label(p), first=s.start, last=s.stop - 1)
                                        for p, s in slices.items())
    st.caption(t("fmaps.concat.caption", ranges=ranges))


st.title(t("nav.feature_maps"))
st.markdown(t("fmaps.intro"))

model, pretrained = model_for_pictures()   # the untrained stand-in (with a banner) when weights are missing
picked = pick_image("fm")


@st.fragment
def maps_view(model, pretrained: bool, picked) -> None:
    """A fragment: the layer, grid size and brightness redraw the maps, not the picker above."""
    # The controls are drawn even after a refused upload, so they (and what they show) survive it.
    c1, c2, c3 = st.columns([2, 2, 3])
    layer = c1.selectbox(t("fmaps.block"), LAYERS, index=LAYERS.index("inception3a"), format_func=layer_label,
                         help=t("fmaps.block.help"), key="fm_block")
    top_k = c2.select_slider(t("fmaps.top_k"), TOP_K_OPTIONS, value=16, key="fm_topk")
    normalize = c3.radio(t("fmaps.normalize"), ["each", "shared"], horizontal=True, key="fm_norm",
                         format_func=lambda v: t(f"fmaps.normalize.{v}"), help=t("fmaps.normalize.help"))
    if picked is None:                          # a bad upload: pick_image has shown the reason
        return

    model_key = model_fingerprint(model, pretrained)
    maps = block_maps(picked.key, layer, model_key, model, picked.image)
    crop = np.asarray(picked.crop)   # the 224x224 picture the maps are laid over (cached once per picture)
    if layer in STEM:
        show_stem(maps, layer, top_k, normalize)
        channel_picker(maps, crop, layer)
        if layer == "conv1":
            with st.expander(t("fmaps.filters.title")):
                st.image(filter_image(model.conv1.conv.weight), width=420)
                st.caption(t("fmaps.filters.caption"))
    else:
        show_branches(maps, layer, top_k, normalize)
        stats_table(maps)
        channel_picker(maps, crop, layer)
        concatenated(maps["output"], layer, (picked.key, layer, model_key))


maps_view(model, pretrained, picked)
st.info(t("fmaps.depth_note"))
