"""Feature maps, branch by branch: what each of the four branches of an Inception block sees in a photo."""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import streamlit as st
from matplotlib.ticker import FuncFormatter

from googlenet.costs import stage_shapes
from googlenet.features import (BLOCKS, BRANCH_COLOURS, BRANCHES, STEM, branch_offsets, branch_stats,
                                capture_branches, concat_band_image, channel_means, filter_image, heat_image,
                                most_active, overlay, tile_channels)
from googlenet.i18n import t
from googlenet.images import preprocessed_crop, to_batch
from googlenet.runtime.inference import image_fingerprint, model_fingerprint
from googlenet.model import STAGE_ORDER
from ui.image_input import pick_image
from ui.models import model_for_pictures

LAYERS = STEM + BLOCKS
TOP_K_OPTIONS = (4, 9, 16, 25, 36, 64)
BRANCH_MARKDOWN_COLOURS = {"branch1": "blue", "branch2": "orange", "branch3": "green", "branch4": "red"}


@st.cache_data(show_spinner=False, max_entries=24, ttl=3600)
def block_maps(image_key: str, layer: str, model_key: str, _model, _image) -> dict:
    """One forward pass for one picture and one layer: every branch's maps (C, H, W) and the crop.

    Cached on the picture's hash, the layer and the weights, so moving a slider re-renders instantly.
    """
    captured = capture_branches(_model, to_batch(_image), [layer])[layer]
    return {"maps": {part: x[0].numpy() for part, x in captured.items()},
            "crop": np.asarray(preprocessed_crop(_image))}


def layer_label(layer: str) -> str:
    if layer in STEM:
        return t(f"fmaps.block.{layer}")
    return t("fmaps.block.inception", name=layer.removeprefix("inception"))


def grid_columns(n: int, widest: int = 16) -> int:
    """Columns for n tiles on a wide row: about twice as wide as tall, full rows where possible (16 -> 8)."""
    low = math.ceil(math.sqrt(2 * n))
    for cols in range(low, min(widest, n) + 1):
        if n % cols == 0:
            return cols
    return min(low, n)


def part_label(part: str) -> str:
    return t(f"fmaps.branch.{part}")


def shape_text(shape) -> str:
    return "×".join(str(s) for s in shape)


def input_shape(layer: str) -> tuple:
    """The shape that enters `layer`: the output of the stage before it (3×224×224 for conv1)."""
    shapes = stage_shapes("torchvision")
    before = [s for s in STAGE_ORDER[:STAGE_ORDER.index(layer)] if s in shapes]
    return shapes[before[-1]] if before else (3, 224, 224)


def concat_figure(output: np.ndarray, sizes: dict[str, int]):
    """Mean activation per channel of the concatenated output, coloured by branch, with the band strip below."""
    means = channel_means(output)
    fig, (bars, strip) = plt.subplots(2, 1, figsize=(10, 4.5), height_ratios=[5, 1], sharex=True)
    for n, (part, (first, end)) in enumerate(zip(sizes, branch_offsets(sizes)), start=1):
        bars.bar(np.arange(first, end), means[first:end], width=1.0, color=BRANCH_COLOURS[part],
                 label=t("fmaps.branch.short", n=n, channels=end - first))
        bars.axvline(end - 0.5, color="#555555", lw=0.8, ls=":")
    bars.set_ylabel(t("fmaps.concat.ylabel"))
    # Plain tick labels: an untrained network's tiny values would otherwise get a "1e-12" multiplier on top.
    bars.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.2g}"))
    bars.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=4, frameon=False, fontsize=13,
                handlelength=1.2, columnspacing=1.2, borderaxespad=0.2)
    bars.set_xlim(-0.5, len(means) - 0.5)
    strip.imshow(concat_band_image(output, sizes, px=1), aspect="auto", interpolation="nearest",
                 extent=(-0.5, len(means) - 0.5, 1, 0))
    strip.set_yticks([])
    strip.set_xlabel(t("fmaps.concat.xlabel"))
    strip.spines[["left", "top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def channel_picker(maps: dict[str, np.ndarray], crop: np.ndarray, layer: str) -> None:
    """Pick one channel of one branch; show it enlarged and over the picture, with its numbers."""
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
        means = channel_means(x)
        rank = int((means > means[c]).sum()) + 1
        st.markdown(t("fmaps.pick.stats", c=c, part=part_label(part) if part != "output" else layer_label(layer),
                      mean=float(means[c]), max=float(x[c].max()), zeros=float((x[c] == 0).mean()),
                      rank=rank, channels=x.shape[0]))
        if part in BRANCHES:
            offset = branch_offsets([maps[p].shape[0] for p in BRANCHES])[BRANCHES.index(part)][0]
            st.markdown(t("fmaps.pick.concat", concat=offset + c, offset=offset, c=c))
    h, w = x.shape[1:]
    left.image(heat_image(x[c], size=(224, 224)), width=300,
               caption=t("fmaps.pick.map_caption", c=c, h=h, w=w))
    right.image(overlay(x[c], crop), width=300, caption=t("fmaps.pick.overlay_caption"))


st.title(t("nav.feature_maps"))
st.markdown(t("fmaps.intro"))

model, pretrained = model_for_pictures()   # the untrained stand-in (with a banner) when weights are missing
picked = pick_image("fm")
if picked is None:                          # a bad upload: pick_image has shown the reason
    st.stop()

c1, c2, c3 = st.columns([2, 2, 3])
layer = c1.selectbox(t("fmaps.block"), LAYERS, index=LAYERS.index("inception3a"), format_func=layer_label,
                     help=t("fmaps.block.help"), key="fm_block")
top_k = c2.select_slider(t("fmaps.top_k"), TOP_K_OPTIONS, value=16, key="fm_topk")
normalize = c3.radio(t("fmaps.normalize"), ["each", "shared"], horizontal=True, key="fm_norm",
                     format_func=lambda v: t(f"fmaps.normalize.{v}"), help=t("fmaps.normalize.help"))

data = block_maps(image_fingerprint(picked.image), layer, model_fingerprint(model, pretrained), model, picked.image)
maps, crop = data["maps"], data["crop"]
out = maps["output"]

if layer in STEM:
    st.markdown(t("fmaps.summary.stem", block=layer_label(layer), inp=shape_text(input_shape(layer)),
                  out=shape_text(out.shape)))
    grid_col, stats_col = st.columns([3, 1], gap="large")
    shown = min(top_k, out.shape[0])
    grid_col.image(tile_channels(out, top_k=shown, cols=grid_columns(shown), normalize=normalize),
                   caption=t("fmaps.stem.grid", shown=shown, channels=out.shape[0]), width="stretch")
    stats = branch_stats(out)
    stats_col.metric(t("fmaps.stats.channels"), stats.channels)
    stats_col.metric(t("fmaps.stats.shape"), shape_text(stats.shape))
    stats_col.metric(t("fmaps.stats.mean"), f"{stats.mean:.3g}")
    stats_col.metric(t("fmaps.stats.zeros"), f"{stats.zero_fraction:.0%}")
    channel_picker(maps, crop, layer)
    if layer == "conv1":
        with st.expander(t("fmaps.filters.title")):
            st.image(filter_image(model.conv1.conv.weight), width=420)
            st.caption(t("fmaps.filters.caption"))
else:
    sizes = {p: maps[p].shape[0] for p in BRANCHES}
    st.markdown(t("fmaps.summary.block", block=layer_label(layer), inp=shape_text(input_shape(layer)),
                  out=shape_text(out.shape), parts=" + ".join(str(n) for n in sizes.values())))
    rows = []
    for part, column in zip(BRANCHES, st.columns(4, gap="medium")):
        x = maps[part]
        stats = branch_stats(x)
        shown = min(top_k, x.shape[0])
        with column:
            # Two header lines in every column (name, then operation) keep the four grids level.
            name = t("fmaps.branch.short", n=BRANCHES.index(part) + 1, channels=x.shape[0])
            st.markdown(f"**:{BRANCH_MARKDOWN_COLOURS[part]}[{name}]**  \n{t(f'fmaps.branch.op.{part}')}")
            st.image(tile_channels(x, top_k=shown, normalize=normalize), width="stretch",
                     caption=t("fmaps.grid_caption", shown=shown, channels=x.shape[0]))
            st.caption(t("fmaps.stats_line", channels=stats.channels, h=stats.shape[1], w=stats.shape[2],
                         mean=stats.mean, zeros=stats.zero_fraction))
            if part == "branch3":
                st.caption(t("fmaps.branch3_note"))
        rows.append((part_label(part), stats))
    rows.append((part_label("output"), branch_stats(out)))
    st.subheader(t("fmaps.stats.title"))
    st.dataframe(pd.DataFrame({
        t("fmaps.stats.part"): [name for name, _ in rows],
        t("fmaps.stats.channels"): [s.channels for _, s in rows],
        t("fmaps.stats.shape"): [shape_text(s.shape) for _, s in rows],
        t("fmaps.stats.mean"): [f"{s.mean:.3g}" for _, s in rows],
        t("fmaps.stats.zeros"): [s.zero_fraction for _, s in rows],
    }), hide_index=True, width="stretch", column_config={
        t("fmaps.stats.zeros"): st.column_config.ProgressColumn(
            t("fmaps.stats.zeros"), format="percent", min_value=0.0, max_value=1.0),
    })
    st.caption(t("fmaps.stats.caption"))

    channel_picker(maps, crop, layer)

    st.subheader(t("fmaps.concat.title"))
    fig = concat_figure(out, sizes)
    st.pyplot(fig)
    plt.close(fig)
    ranges = t("fmaps.concat.sep").join(t("fmaps.concat.range", part=part_label(p), first=first, last=end - 1)
                       for p, (first, end) in zip(BRANCHES, branch_offsets(sizes)))
    st.caption(t("fmaps.concat.caption", ranges=ranges))

st.info(t("fmaps.depth_note"))
