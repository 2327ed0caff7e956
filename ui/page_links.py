"""Which choices of each page travel in its link (ui/url_state.py): name in the address, widget key, allowed
values, default. The allowed values come from the package, looked up only when a link is read (no torch on
import: app.py imports this for every page).

Pages without an entry (home, classify, preprocessing, family, …) carry only the language, the lesson and the
presentation view. The sample photo is the picture picker's own parameter, not listed here.
"""
from __future__ import annotations

import re

import streamlit as st

from ui.url_state import Flags, PageLink, Param, boolean, decimal, integer, register, show_bool, show_number

BRANCH_NAMES = ("branch1", "branch2", "branch3", "branch4")   # googlenet.model.BRANCHES, without importing torch
FM_TOP_K = (4, 9, 16, 25, 36, 64)   # the feature-maps page's "channels per grid" choices
FM_TOP_K_DEFAULT = 16
DIGITS = re.compile(r"\d{1,8}")     # a lab field as a link may set it (the field takes 8 characters)


def _field_text(text: str) -> str:
    if not DIGITS.fullmatch(text.strip()):
        raise ValueError(text)
    return text.strip()


# ------------------------------------------------------------------------------------------ architecture
def _arch_layers(values: dict) -> list[str]:
    from googlenet import anatomy
    from googlenet.costs import layer_table

    return anatomy.layer_choices(layer_table(values["variant"], values["size"]))


def _variants(_values: dict) -> tuple[str, ...]:
    from googlenet import anatomy

    return anatomy.VARIANTS


def _sizes(_values: dict) -> tuple[int, ...]:
    from googlenet import anatomy

    return anatomy.INPUT_SIZES


register(PageLink("architecture", (
    Param("variant", "arch_variant", "paper", _variants),
    Param("size", "arch_size", 224, _sizes, parse=integer),
    Param("layer", "arch_layer", "inception3a", _arch_layers),
)))


# ------------------------------------------------------------------------------------------ Inception lab
def _presets(_values: dict) -> list[str]:
    from googlenet import module_lab

    return list(module_lab.lab_presets())


def fill_lab_fields(name: str | None = None) -> None:
    """Copy a preset (default: the one chosen) into the lab's eight fields; the articles' two examples are
    both a branch 3, so the formulas show that branch."""
    from googlenet import module_lab

    name = name or st.session_state.get("lab_preset", module_lab.WORKED_EXAMPLE)
    for field, text in module_lab.field_texts(module_lab.lab_presets()[name]).items():
        st.session_state[f"lab_{field}"] = text
    if name in module_lab.EXAMPLES:
        st.session_state["lab_formula_branch"] = "branch3"


LAB_FIELDS = ("in_ch", "size", "n1x1", "n3x3_reduce", "n3x3", "n5x5_reduce", "n5x5", "pool_proj")  # module_lab's
register(PageLink("inception_lab", (
    Param("preset", "lab_preset", "worked_example", _presets, on_set=fill_lab_fields),
    *(Param(f, f"lab_{f}", "", parse=_field_text) for f in LAB_FIELDS),
    Param("branch", "lab_formula_branch", "branch3", BRANCH_NAMES),
)))


# ------------------------------------------------------------------------------------------ history
# The output-size checker's four numbers: name -> (smallest, largest, the example it starts from: conv1).
def history_fields() -> dict[str, tuple[int, int, int]]:
    from googlenet import history

    lo_hi = {"h": (1, history.MAX_SIZE), "k": (1, history.MAX_KERNEL), "s": (1, history.MAX_STRIDE),
             "p": (0, history.MAX_KERNEL)}
    return {f: (lo, hi, history.CONV1_EXAMPLE[f]) for f, (lo, hi) in lo_hi.items()}


def _history_param(field: str) -> Param:
    return Param(field, f"hist_{field}", None,
                 lambda _v: range(history_fields()[field][0], history_fields()[field][1] + 1), parse=integer)


register(PageLink("history", tuple(_history_param(f) for f in ("h", "k", "s", "p"))))


# ------------------------------------------------------------------------------------------ spot the bug
def _puzzles(_values: dict) -> list[str]:
    from googlenet import bug_hunt

    return [p.key for p in bug_hunt.PUZZLES]


register(PageLink("spot_the_bug", (Param("puzzle", "bug_puzzle", "branch", _puzzles),)))


# ------------------------------------------------------------------------------------------ feature maps
def _fm_layers(_values: dict) -> tuple[str, ...]:
    from googlenet.features import LAYERS

    return LAYERS


def fm_part(values: dict) -> str:
    """The part whose channel the picker shows: the branch in a block, the layer's output in the stem."""
    from googlenet.model import STEM

    return "output" if values["block"] in STEM else values["branch"]


def _fm_channels(values: dict) -> range:
    from googlenet.costs import stage_shapes
    from googlenet.model import INCEPTION_CONFIG, STEM

    block = values["block"]
    if block in STEM:
        return range(stage_shapes("torchvision")[block][0])
    return range(INCEPTION_CONFIG[block].branch_widths()[values["branch"]])


register(PageLink("feature_maps", (
    Param("block", "fm_block", "inception3a", _fm_layers),
    Param("top", "fm_topk", FM_TOP_K_DEFAULT, FM_TOP_K, parse=integer),
    Param("norm", "fm_norm", "each", ("each", "shared")),
    Param("branch", "fm_branch", "branch1", BRANCH_NAMES),
    Param("channel", lambda v: f"fm_channel_{v['block']}_{fm_part(v)}", None, _fm_channels, parse=integer),
)))


# ------------------------------------------------------------------------------------------ ablation
def _ablation_blocks(_values: dict) -> list[str]:
    from googlenet.ablation import ALL_BLOCKS
    from googlenet.model import BLOCKS

    return [*BLOCKS, ALL_BLOCKS]


register(PageLink("ablation", (
    Param("block", "abl_block", "inception4a", _ablation_blocks),
    Flags("off", "abl_off_", BRANCH_NAMES),
    Param("scan", "abl_scan", False, (True, False), parse=boolean, show=show_bool),
)))


# ------------------------------------------------------------------------------------------ Grad-CAM
def _cam_blocks(_values: dict) -> tuple[str, ...]:
    from googlenet.model import BLOCKS

    return BLOCKS


class _Between:
    """Every number from lo to hi: `x in _Between(0, 1)`."""
    def __init__(self, lo: float, hi: float):
        self.lo, self.hi = lo, hi

    def __contains__(self, x) -> bool:
        return self.lo <= x <= self.hi


CAM_CLASS = "cam_class"               # the class Grad-CAM explains, as the link says it (the page keeps it current)
CAM_CLASS_ASKED = "cam_class_asked"   # a link's class, taken once by the page's class choice


def _imagenet_classes(_values: dict) -> range:
    from googlenet.weights import labels

    return range(len(labels()))


def _ask_class(value) -> None:
    """The class choice belongs to the picture (one widget per picture): hand the link's class to the page."""
    if value is None:
        st.session_state.pop(CAM_CLASS_ASKED, None)
    else:
        st.session_state[CAM_CLASS_ASKED] = value


register(PageLink("gradcam", (
    Param("block", "cam_block", "inception5b", _cam_blocks),
    Param("opacity", "cam_opacity", 0.5, _Between(0.0, 1.0), parse=decimal, show=show_number),
    Param("any", "cam_any", False, (True, False), parse=boolean, show=show_bool),
    Param("class", CAM_CLASS, None, _imagenet_classes, parse=integer, on_set=_ask_class),
)))


# ------------------------------------------------------------------------------------------ glossary
register(PageLink("glossary", (Param("q", "glossary_query", "", parse=lambda s: s[:80]),)))
