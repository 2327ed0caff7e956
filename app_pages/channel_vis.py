"""What a channel wants to see: a picture optimised to excite one channel (feature visualisation), the whole
branch side by side, the strongest patches of real photos, and the channel's names in Microscope / Lucid.

The optimisation runs in a background thread on its own truncated copy of the network (googlenet.featurevis), so
this session's page and every other session's classification stay responsive; a polling fragment shows its
progress and offers Stop. Finished pictures come from (and go to) the disk cache. Without pretrained weights
everything runs on the untrained stand-in and says so.
"""
from __future__ import annotations

import streamlit as st

from googlenet.featurevis import VisCache, start_render, start_render_grid
from googlenet.i18n import t
from ui.channel_vis import (GRID_COUNTS, channel_title, choose, finished, grid_parts, keep_job, names,
                            progress_panel, running_job, show_grid, show_result, weights_identity)
from ui.channel_vis_patches import show_patches
from ui.models import model_for_pictures

st.title(t("nav.channel_vis"))
st.markdown(t("cvis.intro"))
model, pretrained = model_for_pictures()     # the untrained stand-in (with a banner) when weights are missing
if not pretrained:
    st.warning(t("cvis.untrained"))
weights = weights_identity(pretrained)
cache = VisCache()

choice = choose(model)
names(choice.target)
block_name, part_name = channel_title(choice.target)
picture_side, patches_side = st.columns(2, gap="large")

with picture_side:
    st.subheader(t("cvis.ready.title"))
    request = ("one", weights, choice.target, choice.settings)
    job = running_job("one")
    if job is not None:
        progress_panel("one", "cvis.progress")
    else:
        last = finished("one")
        stored = cache.get(weights, choice.target, choice.settings)   # no optimiser: straight from disk
        if last is not None and last[0] == request:          # just computed (or stopped) in this session
            show_result(last[1], last[2])
        elif stored is not None:
            show_result(stored, None)
        else:
            st.info(t("cvis.press_start", steps=choice.settings.steps, size=choice.settings.size))
        if stored is None and st.button(t("cvis.start"), key="cvis_start", type="primary", icon=":material/play_arrow:"):
            keep_job("one", start_render(model, weights, choice.target, choice.settings, cache))
            st.rerun()
    st.caption(t("cvis.result.note"))

with patches_side:
    show_patches(model, weights, choice.target, block_name, part_name)

st.divider()
st.subheader(t("cvis.grid.title"))
st.caption(t("cvis.grid.intro"))
g1, g2 = st.columns([3, 2], vertical_alignment="bottom")
count = g1.select_slider(t("cvis.grid.count"), GRID_COUNTS, value=4, key="cvis_grid_count")
all_four = g2.toggle(t("cvis.grid.all"), value=True, key="cvis_grid_all")
parts = grid_parts(choice.target.part, all_four)
grid_settings = choice.settings.__class__(steps=choice.settings.steps, size=choice.settings.size)
grid_request = ("grid", weights, choice.target.block, tuple(parts), tuple(range(count)), grid_settings)
grid_job = running_job("grid")
if grid_job is not None:
    progress_panel("grid", "cvis.progress.grid")
else:
    last_grid = finished("grid")
    if last_grid is not None and last_grid[0] == grid_request:
        if last_grid[2] is not None:
            show_result(None, last_grid[2])
        else:
            show_grid(last_grid[1])
    else:
        st.info(t("cvis.grid.press_start", count=len(parts) * count))
    if st.button(t("cvis.grid.start"), key="cvis_grid_start", icon=":material/grid_view:"):
        keep_job("grid", start_render_grid(model, weights, choice.target.block, parts, list(range(count)),
                                           grid_settings, cache))
        st.rerun()
