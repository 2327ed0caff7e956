"""Choices that survive a visit to another page.

Streamlit forgets a widget's value at the end of any run that does not draw it, so a student who looks at the
home page and comes back would find every setting back at its default. Re-saving a key before the page runs
takes it out of that clean-up (Streamlit docs, "Working with widgets in multipage apps", option 3); app.py does
this on every run for the choices listed here. Buttons, uploaders and the camera are never listed: their
values cannot be set through session state.
"""
from __future__ import annotations

from fnmatch import fnmatch

import streamlit as st

KEPT_CHOICES = (
    "home_variant",
    "hist_h", "hist_k", "hist_s", "hist_p", "hist_answer",
    "bug_puzzle", "bug_pick_*",
    "arch_variant", "arch_size", "arch_layer",
    "lab_preset", "lab_formula_branch", "lab_ex_answer", "lab_in_ch", "lab_size", "lab_n1x1", "lab_n3x3_reduce",
    "lab_n3x3", "lab_n5x5_reduce", "lab_n5x5", "lab_pool_proj",
    "*_sample", "*_camera_on",                       # the picture picker of every vision page
    "fm_block", "fm_topk", "fm_norm", "fm_branch", "fm_channel_*", "fm_network", "fm_block_run*",
    "rf_variant", "rf_stage", "rf_row_*", "rf_col_*", "rf_effective",
    "abl_block", "abl_off_*", "abl_scan",
    "cam_any", "cam_class_*", "cam_block", "cam_opacity",
    "train_preset", "train_depth", "train_aux", "train_bn", "train_epochs", "train_lr", "train_seed", "train_batch",
    "train_max_steps", "train_pick", "train_test_index", "train_shortcuts", "train_softmax_bug", "train_data_*",
    "train_depth_*", "trainexp_kind", "trainexp_aux_deep",
    "cvis_block", "cvis_part", "cvis_channel_*", "cvis_steps", "cvis_size", "cvis_diversity", "cvis_grid_count",
    "cvis_grid_all",
    "bv_scope", "bv_patch", "bv_stride", "bv_x", "bv_y", "bv_knockout",   # not its class: the picture's top 5
    "glossary_query",                                # the glossary's search (also ?q= in its link)
)


def is_kept(key: str) -> bool:
    return any(fnmatch(key, pattern) for pattern in KEPT_CHOICES)


def keep_choices() -> None:
    """Re-save every kept choice, so the page about to run (whichever it is) cannot make the others forget."""
    for key in [k for k in st.session_state if isinstance(k, str) and is_kept(k)]:
        st.session_state[key] = st.session_state[key]
