"""Feature maps, branch by branch: what each branch of an Inception block sees in a picture.

The network is GoogLeNet with its ImageNet weights, or one trained in the training lab in this session. The
same code draws both: the blocks, their branches and the channels each branch fills come from the network
(googlenet.network_anatomy); only GoogLeNet's stem layers and its hand-written branch names are its own.
"""
from __future__ import annotations

import hashlib
from typing import NamedTuple

import numpy as np
import pandas as pd
import streamlit as st

from googlenet.features import (LAYERS, branch_stats, capture_layer, channel_means, channel_rank, input_shape,
                                most_active)
from googlenet.i18n import t
from googlenet.images import to_batch
from googlenet.lab_network import digit_picture, lab_maps, max_value, prepare_input
from googlenet.microscope import lucid_index, microscope_name
from googlenet.model import BRANCHES, INPUT_SIZE, STEM
from googlenet.network_anatomy import BlockAnatomy, blocks_by_name, inception_blocks
from googlenet.runtime.inference import model_fingerprint
from googlenet.viz import BRANCH_COLOURS, filter_image, heat_image, overlay, tile_channels, wide_grid_columns
from ui.charts import show_figure
from ui.charts_vision import concat_figure
from ui.downloads import show_png, show_table
from ui.image_input import pick_image
from ui.labels import block_label
from ui.models import model_for_pictures
from ui.lab_network_view import lab_block_label, steps_text
from ui import url_state
from ui.network_choice import choose_network
from ui.page_links import FM_TOP_K, FM_TOP_K_DEFAULT
from ui.training_runs import RunRecord

TOP_K_OPTIONS = FM_TOP_K   # also the link's choices (ui/page_links.py)
PICK_PX = 300            # the enlarged channel and its overlay
LAB_CACHE_KEY = "fm_lab_maps"   # session state: {(run number, picture key): every block's maps}
LAB_CACHE_SIZE = 8


@st.cache_data(show_spinner=False, max_entries=24, ttl=3600)
def block_maps(image_key: str, layer: str, model_key: str, _model, _image) -> dict[str, np.ndarray]:
    """One forward pass for one picture and one layer: every branch's maps (C, H, W).

    Cached on the picture's hash, the layer and the weights, so moving a slider re-renders instantly.
    """
    return capture_layer(_model, to_batch(_image), layer)


class Shown(NamedTuple):
    """The layer on screen, for the drawing functions below, whichever network it belongs to."""
    layer: str                    # the module's name in its network
    title: str                    # how the page names it
    block: BlockAnatomy | None    # its branches (None: a plain convolution of GoogLeNet's stem)
    widget_id: str                # unique per network and layer: each keeps its own channel slider
    lab_run: int | None = None    # the lab run's number, None for GoogLeNet


def layer_label(layer: str) -> str:
    if layer in STEM:
        return t(f"fmaps.block.{layer}")
    return block_label(layer)


def part_label(shown: Shown, part: str) -> str:
    if part == "output" or shown.lab_run is None:
        return t(f"fmaps.branch.{part}")
    n = [b.name for b in shown.block.branches].index(part) + 1
    return t("fmaps.lab.branch", n=n, ops=steps_text(shown.block, part))


def shape_text(shape) -> str:
    return "×".join(str(s) for s in shape)


def grid(maps: np.ndarray, top_k: int, normalize: str, cols: int | None = None) -> tuple[np.ndarray, int]:
    """The `top_k` most active channels tiled into one picture, and how many that is."""
    shown = min(top_k, maps.shape[0])
    return tile_channels(maps, order=most_active(maps, shown), cols=cols, normalize=normalize), shown


@url_state.fragment   # the branch and channel travel in the link
def channel_picker(maps: dict[str, np.ndarray], picture: np.ndarray, shown: Shown) -> None:
    """Pick one channel of one branch; show it enlarged and over the picture, with its numbers.
    A fragment: the branch and channel redraw only this section."""
    st.subheader(t("fmaps.pick.title"))
    parts = [b.name for b in shown.block.branches] if shown.block else ["output"]
    controls, left, right = st.columns([2, 3, 3], gap="medium")
    with controls:
        part = parts[0]
        if len(parts) > 1:
            part = st.selectbox(t("fmaps.pick.branch"), parts, format_func=lambda p: part_label(shown, p),
                                key="fm_branch")
        x = maps[part]
        # One slider per layer and branch: each keeps its own position, starting at the most active channel.
        c = st.slider(t("fmaps.pick.channel"), 0, x.shape[0] - 1, value=most_active(x, 1)[0],
                      key=f"fm_channel_{shown.widget_id}_{part}")
        one = branch_stats(x[c])
        st.markdown(t("fmaps.pick.stats", c=c, part=part_label(shown, part) if part != "output" else shown.title,
                      mean=one.mean, max=float(x[c].max()), zeros=one.zero_fraction, rank=channel_rank(x, c),
                      channels=x.shape[0]))
        if shown.block is not None:
            offset = shown.block.branch_slices()[part].start
            st.markdown(t("fmaps.pick.concat", concat=offset + c, offset=offset, c=c))
            if shown.lab_run is None and part in BRANCHES:   # GoogLeNet: the name Microscope / Lucid would use
                lucid = lucid_index(shown.layer, part, c)
                st.caption(t("fmaps.pick.microscope", micro=microscope_name(shown.layer),
                             lucid="—" if lucid is None else lucid))
    h, w = x.shape[1:]
    show_png(heat_image(x[c], size=(INPUT_SIZE, INPUT_SIZE)), f"{part}_channel{c}", left, width=PICK_PX,
             caption=t("fmaps.pick.map_caption", c=c, h=h, w=w))
    # The same colour map as the enlarged map beside it (heat_image's viridis), so the two read alike.
    show_png(overlay(picture, x[c], opacity=0.6, cmap="viridis", by_strength=True), f"{part}_channel{c}_overlay",
             right, width=PICK_PX, caption=t("fmaps.pick.overlay_caption") if shown.lab_run is None
             else t("fmaps.lab.overlay_caption", size=picture.shape[0]))


def show_stem(maps: dict[str, np.ndarray], layer: str, top_k: int, normalize: str) -> None:
    out = maps["output"]
    st.markdown(t("fmaps.summary.stem", block=layer_label(layer), inp=shape_text(input_shape(layer)),
                  out=shape_text(out.shape)))
    grid_col, stats_col = st.columns([3, 1], gap="large")
    picture, shown = grid(out, top_k, normalize, cols=wide_grid_columns(min(top_k, out.shape[0])))
    show_png(picture, f"{layer}_maps", grid_col, caption=t("fmaps.stem.grid", shown=shown, channels=out.shape[0]))
    stats = branch_stats(out)
    stats_col.metric(t("fmaps.stats.channels"), stats.channels)
    stats_col.metric(t("fmaps.stats.shape"), shape_text(stats.shape))
    stats_col.metric(t("fmaps.stats.mean"), f"{stats.mean:.3g}")
    stats_col.metric(t("fmaps.stats.zeros"), f"{stats.zero_fraction:.0%}")


def block_summary(maps: dict[str, np.ndarray], shown: Shown) -> str:
    block, out = shown.block, maps["output"]
    parts = " + ".join(str(n) for n in block.branch_widths().values())
    if shown.lab_run is None:
        return t("fmaps.summary.block", block=shown.title, inp=shape_text(input_shape(shown.layer)),
                 out=shape_text(out.shape), parts=parts)
    # Every branch keeps the block's height and width (that is what lets them be concatenated).
    inp = shape_text((block.in_channels, *out.shape[1:]))
    return t("fmaps.lab.summary", block=shown.title, inp=inp, k=len(block.branches), out=shape_text(out.shape),
             parts=parts)


def show_branches(maps: dict[str, np.ndarray], shown: Shown, top_k: int, normalize: str) -> None:
    st.markdown(block_summary(maps, shown))
    branches = shown.block.branches
    for n, (branch, column) in enumerate(zip(branches, st.columns(len(branches), gap="medium")), start=1):
        part = branch.name
        x = maps[part]
        stats = branch_stats(x)
        picture, count = grid(x, top_k, normalize)
        with column:
            # Two header lines in every column (name, then operation) keep the grids level.
            name = t("fmaps.branch.short", n=n, channels=x.shape[0])
            # A chip in the branch's own colour, the same as in the bar chart and the diagrams.
            chip = f'<span style="color:{BRANCH_COLOURS.get(part, "#777777")}; font-size:1.3em">■</span>'
            op = t(f"fmaps.branch.op.{part}") if shown.lab_run is None else steps_text(shown.block, part)
            st.markdown(f"{chip} **{name}**  \n{op}", unsafe_allow_html=True)
            show_png(picture, f"{part}_maps", caption=t("fmaps.grid_caption", shown=count, channels=x.shape[0]))
            st.caption(t("fmaps.stats_line", channels=stats.channels, h=stats.shape[1], w=stats.shape[2],
                         mean=stats.mean, zeros=stats.zero_fraction))
            if shown.lab_run is None and part == "branch3":
                st.caption(t("fmaps.branch3_note"))
            elif shown.lab_run is not None:
                st.caption(t("fmaps.lab.module", module=branch.module))


def stats_table(maps: dict[str, np.ndarray], shown: Shown) -> None:
    parts = [*(b.name for b in shown.block.branches), "output"]
    stats = [branch_stats(maps[p]) for p in parts]
    st.subheader(t("fmaps.stats.title"))
    show_table(pd.DataFrame({
        t("fmaps.stats.part"): [part_label(shown, p) for p in parts],
        t("fmaps.stats.channels"): [s.channels for s in stats],
        t("fmaps.stats.shape"): [shape_text(s.shape) for s in stats],
        t("fmaps.stats.mean"): [f"{s.mean:.3g}" for s in stats],
        t("fmaps.stats.zeros"): [s.zero_fraction for s in stats],
    }), "branch_numbers", hide_index=True, width="stretch", column_config={
        # Whole percent, as the lines under the grids write it (a step of 0.01 leaves no decimals to "percent").
        t("fmaps.stats.zeros"): st.column_config.ProgressColumn(
            t("fmaps.stats.zeros"), format="percent", min_value=0.0, max_value=1.0, step=0.01),
    })
    # The ReLU sentence holds only where every branch ends in a ReLU (not in the article's Inception-A block).
    relu = all(b.relu_last for b in shown.block.branches)
    st.caption(t("fmaps.stats.caption") if relu else t("fmaps.lab.no_relu"))


def concatenated(out: np.ndarray, shown: Shown, cache_key: tuple) -> None:
    slices = shown.block.branch_slices()
    st.subheader(t("fmaps.concat.title"))
    legend = [t("fmaps.branch.short", n=n, channels=s.stop - s.start) for n, s in enumerate(slices.values(), start=1)]
    show_figure(("concat", *cache_key), lambda: concat_figure(channel_means(out), slices, legend,
                                                              t("fmaps.concat.xlabel"), t("fmaps.concat.ylabel")),
                name="concatenation")
    ranges = t("fmaps.concat.sep").join(t("fmaps.concat.range", part=part_label(shown, p), first=s.start,
                                          last=s.stop - 1) for p, s in slices.items())
    st.caption(t("fmaps.concat.caption", ranges=ranges))


def block_view(maps: dict[str, np.ndarray], picture: np.ndarray, shown: Shown, top_k: int, normalize: str,
               cache_key: tuple) -> None:
    """An Inception block of either network: its branches, their numbers, one channel, the concatenation."""
    show_branches(maps, shown, top_k, normalize)
    stats_table(maps, shown)
    channel_picker(maps, picture, shown)
    concatenated(maps["output"], shown, cache_key)


def grid_controls(c2, c3) -> tuple[int, str]:
    """How many channels per grid and how bright: the same two widgets for every network."""
    top_k = c2.select_slider(t("fmaps.top_k"), TOP_K_OPTIONS, value=FM_TOP_K_DEFAULT, key="fm_topk")
    normalize = c3.radio(t("fmaps.normalize"), ["each", "shared"], horizontal=True, key="fm_norm",
                         format_func=lambda v: t(f"fmaps.normalize.{v}"), help=t("fmaps.normalize.help"))
    return top_k, normalize


# ------------------------------------------------------------------------------------------------ GoogLeNet
@url_state.fragment   # the block, grid size and brightness travel in the link
def maps_view(model, pretrained: bool, picked) -> None:
    """A fragment: the layer, grid size and brightness redraw the maps, not the picker above."""
    # The controls are drawn even after a refused upload, so they (and what they show) survive it.
    c1, c2, c3 = st.columns([2, 2, 3])
    layer = c1.selectbox(t("fmaps.block"), LAYERS, index=LAYERS.index("inception3a"), format_func=layer_label,
                         help=t("fmaps.block.help"), key="fm_block")
    top_k, normalize = grid_controls(c2, c3)
    if picked is None:                          # a bad upload: pick_image has shown the reason
        return

    model_key = model_fingerprint(model, pretrained)
    maps = block_maps(picked.key, layer, model_key, model, picked.image)
    crop = np.asarray(picked.crop)   # the 224x224 picture the maps are laid over (cached once per picture)
    if layer in STEM:
        show_stem(maps, layer, top_k, normalize)
        channel_picker(maps, crop, Shown(layer, layer_label(layer), None, layer))
        if layer == "conv1":
            with st.expander(t("fmaps.filters.title")):
                show_png(filter_image(model.conv1.conv.weight), "conv1_filters", width=420)
                st.caption(t("fmaps.filters.caption"))
    else:
        shown = Shown(layer, layer_label(layer), blocks_by_name(model)[layer], layer)
        block_view(maps, crop, shown, top_k, normalize, (picked.key, layer, model_key))


# ------------------------------------------------------------------------------------------------ lab runs
def cached_lab_maps(rec: RunRecord, picture_key: str, digit: np.ndarray) -> dict[str, dict[str, np.ndarray]]:
    """Every block's maps for one run and one picture, computed once: kept in this session (run numbers are
    the session's own, so a cache shared between sessions could mix two students' run #1)."""
    cache: dict = st.session_state.setdefault(LAB_CACHE_KEY, {})
    key = (rec.number, picture_key)
    if key not in cache:
        cache[key] = lab_maps(rec.model, digit)
        for old in list(cache)[:-LAB_CACHE_SIZE]:
            del cache[old]
    return cache[key]


@url_state.fragment
def lab_view(rec: RunRecord, picked) -> None:
    """A lab run's network: the same views as GoogLeNet's blocks, on the picture prepared as a digit."""
    blocks = {b.name: b for b in inception_blocks(rec.model)}
    names = list(blocks)
    if not names:   # not one module of this network concatenates branches
        st.info(t("fmaps.lab.no_blocks", n=rec.number))
        return
    c1, c2, c3 = st.columns([2, 2, 3])
    layer = c1.selectbox(t("fmaps.lab.block"), names, format_func=lambda b: lab_block_label(blocks[b]),
                         help=t("fmaps.lab.block.help"), key=f"fm_block_run{rec.number}")
    top_k, normalize = grid_controls(c2, c3)
    if picked is None:
        return
    digit = prepare_input(rec.config, picked.image)
    picture = digit_picture(digit, max_value(rec.config), INPUT_SIZE)
    seen, note = st.columns([1, 4], vertical_alignment="center")
    seen.image(picture, width=112)
    note.caption(t("fmaps.lab.input", n=rec.number, size=digit.shape[-1]))
    if not digit.any():
        note.warning(t("fmaps.lab.empty"))
    maps = cached_lab_maps(rec, picked.key, digit)[layer]
    shown = Shown(layer, lab_block_label(blocks[layer]), blocks[layer],
                  f"run{rec.number}_{layer}", rec.number)
    # The chart's cache is shared by all sessions, whose run numbers repeat: keyed by what it shows instead.
    shows = hashlib.sha1(channel_means(maps["output"]).tobytes()).hexdigest()
    block_view(maps, picture, shown, top_k, normalize, ("lab", shows, *blocks[layer].branch_widths().values()))
    st.info(t("fmaps.lab.depth_note", n=rec.number, blocks=len(blocks)))


st.title(t("nav.feature_maps"))
st.markdown(t("fmaps.intro"))

lab_run = choose_network("fm_network", "fmaps.network.help", "fmaps.network.none")
if lab_run is None:
    model, pretrained = model_for_pictures()   # the untrained stand-in (with a banner) when weights are missing
    picked = pick_image("fm")
    maps_view(model, pretrained, picked)
    st.info(t("fmaps.depth_note"))
else:
    lab_view(lab_run, pick_image("fm"))
