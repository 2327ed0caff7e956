"""Which choices of each page travel in its link (ui/url_state.py): name in the address, widget key, allowed
values, default. The allowed values come from the package, looked up only when a link is read (no torch on
import: app.py imports this for every page).

Pages without an entry (home, family, …) carry only the language, the lesson and the presentation view. Every
page with the picture picker (ui/image_input.pick_image) takes the sample photo too: ?photo=cat (PICKERS below).
"""
from __future__ import annotations

import re
from typing import Callable

import streamlit as st

from ui.url_state import Flags, PageLink, Param, boolean, decimal, integer, register, show_bool, show_number

BRANCH_NAMES = ("branch1", "branch2", "branch3", "branch4")   # googlenet.model.BRANCHES, without importing torch
FM_TOP_K = (4, 9, 16, 25, 36, 64)   # the feature-maps page's "channels per grid" choices
FM_TOP_K_DEFAULT = 16
DIGITS = re.compile(r"\d{1,8}")     # a lab field as a link may set it (the field takes 8 characters)
ON_OFF = (True, False)              # a switch (written 1 or 0; read also as true/false, yes/no, on/off)


def count(text: str) -> int:
    """A whole number as a link writes it: ASCII digits, at most 9 (no sign, no "1e3", no full-width digits)."""
    if not re.fullmatch(r"[0-9]{1,9}", text.strip()):
        raise ValueError(text)
    return int(text.strip())


def _field_text(text: str) -> str:
    if not DIGITS.fullmatch(text.strip()):
        raise ValueError(text)
    return text.strip()


# ------------------------------------------------------------------------------------------ the sample photo
# page -> the key its picture picker is drawn with (pick_image(key)): the list's choice is st.session_state[key_sample]
PICKERS = {"classify": "cls", "preprocessing": "pre", "feature_maps": "fm", "receptive_field": "rf",
           "ablation": "abl", "gradcam": "cam", "branch_vote": "bv"}


def _photo_from_link(text: str) -> str:
    from ui.image_input import photo_from_link

    return photo_from_link(text)


def _photo_link_name(choice: object) -> str:
    from ui.image_input import photo_link_name

    return photo_link_name(choice)


def photo(page: str) -> Param:
    """?photo=cat|coffee|rocket|temple (or class: the class photo): the sample photo in the page's picker. An
    upload cannot travel in a link: the link carries the list's choice (the cat unless another was picked)."""
    return Param("photo", f"{PICKERS[page]}_sample", "chelsea_cat.jpg", parse=_photo_from_link, show=_photo_link_name)


register(PageLink("classify", (photo("classify"),)))
register(PageLink("preprocessing", (photo("preprocessing"),)))


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
    photo("feature_maps"),
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
    photo("ablation"),
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


def class_asker(asked_key: str):
    """The class choice belongs to the picture (one widget per picture): hand the link's class to the page, which
    takes it once from session_state[asked_key]."""
    def ask(value) -> None:
        if value is None:
            st.session_state.pop(asked_key, None)
        else:
            st.session_state[asked_key] = value
    return ask


register(PageLink("gradcam", (
    photo("gradcam"),
    Param("block", "cam_block", "inception5b", _cam_blocks),
    Param("opacity", "cam_opacity", 0.5, _Between(0.0, 1.0), parse=decimal, show=show_number),
    Param("any", "cam_any", False, (True, False), parse=boolean, show=show_bool),
    # `label`, not `class`: ?class= is the classroom's code (ui/classroom_link.py)
    Param("label", CAM_CLASS, None, _imagenet_classes, parse=integer, on_set=class_asker(CAM_CLASS_ASKED)),
)))


# ------------------------------------------------------------------------------------------ glossary
register(PageLink("glossary", (Param("q", "glossary_query", "", parse=lambda s: s[:80]),)))


# ------------------------------------------------------------------------------------------ receptive field
def _rf_stages(values: dict) -> list[str]:
    from googlenet.receptive_field import shown_stages

    return shown_stages(values["variant"])


def _rf_side(values: dict) -> int:
    """The grid side of the chosen layer: the unit's row and column run from 0 to side - 1."""
    from googlenet.receptive_field import receptive_fields

    return receptive_fields(values["variant"])[values["layer"]].side


def _rf_position(axis: str) -> Param:
    """The unit's row or column; the page has one slider per grid size (default: the centre unit, side // 2)."""
    return Param(axis, lambda v: f"rf_{axis}_{_rf_side(v)}", None, lambda v: range(_rf_side(v)), parse=count)


register(PageLink("receptive_field", (
    photo("receptive_field"),
    Param("variant", "rf_variant", "torchvision", ("torchvision", "paper")),
    Param("layer", "rf_stage", "inception4a", _rf_stages),
    _rf_position("row"),
    _rf_position("col"),
    Param("measure", "rf_effective", False, ON_OFF, parse=boolean, show=show_bool),   # the measured field
)))


# ------------------------------------------------------------------------------------------ training lab
# The lab's choices (app_pages/training.py draws them from these; a link can set them, never start a run).
TRAIN_LEARNING_RATES = (0.0003, 0.001, 0.003, 0.01, 0.03)
TRAIN_BATCH_SIZES = (32, 64, 128)
TRAIN_EPOCHS = (1, 30, 8)            # (smallest, largest, default)
TRAIN_MAX_COUNT = 10_000             # the seed and the step limit run from 0 to this (default 0: no limit)
TRAIN_DATA_CHOICES = ("mnist", "digits")   # the real thing first; the 8x8 digits train in a few seconds
# The seed nets at their native 28x28; the small nets on the quick 8x8 digits (the residual trio in seconds).
TRAIN_DEFAULT_DATA = {"googlenet_small": "digits", "seed_mnist": "mnist", "resnet_small": "digits",
                      "seed_resnet": "mnist"}
TRAIN_DEPTH_KEYS = {"googlenet_small": "train_depth", "resnet_small": "train_depth_resnet"}  # the small nets' own
TRAIN_SEED_DEPTH_KEYS = {"seed_mnist": "train_depth_seed", "seed_resnet": "train_depth_seed_resnet"}  # fixed


def _train_presets(_values: dict) -> tuple[str, ...]:
    return tuple(TRAIN_DEFAULT_DATA)   # googlenet.digits.PRESETS (a test checks they agree)


def _train_depth_key(values: dict) -> str:
    preset = values["preset"]
    return TRAIN_DEPTH_KEYS.get(preset) or TRAIN_SEED_DEPTH_KEYS[preset]


def _train_depths(values: dict) -> range:
    """googlenet_small 1-10 blocks, resnet_small 1-20; the seed nets have their fixed two."""
    from googlenet.digits import MIN_DEPTH, SEED_NET_DEPTH
    from googlenet.digits.nets import max_depth

    preset = values["preset"]
    if preset in TRAIN_SEED_DEPTH_KEYS:
        return range(SEED_NET_DEPTH, SEED_NET_DEPTH + 1)
    return range(MIN_DEPTH, max_depth(preset) + 1)


def _rate(text: str) -> float:
    value = float(text.strip())
    if value != value:   # NaN
        raise ValueError(text)
    return value


def _experiments(_values: dict) -> tuple[str, ...]:
    from googlenet.digits import EXPERIMENTS

    return EXPERIMENTS


register(PageLink("training", (
    Param("preset", "train_preset", "googlenet_small", _train_presets),
    Param("data", lambda v: f"train_data_{v['preset']}", None, TRAIN_DATA_CHOICES),   # default: TRAIN_DEFAULT_DATA
    Param("depth", _train_depth_key, None, _train_depths, parse=count),               # default: 3, resnet 8, seed 2
    Param("aux", "train_aux", True, ON_OFF, parse=boolean, show=show_bool),
    Param("bn", "train_bn", True, ON_OFF, parse=boolean, show=show_bool),
    Param("shortcuts", "train_shortcuts", True, ON_OFF, parse=boolean, show=show_bool),
    Param("epochs", "train_epochs", TRAIN_EPOCHS[2], range(TRAIN_EPOCHS[0], TRAIN_EPOCHS[1] + 1), parse=count),
    Param("lr", "train_lr", 0.003, TRAIN_LEARNING_RATES, parse=_rate, show=show_number),
    Param("softmax", "train_softmax_bug", False, ON_OFF, parse=boolean, show=show_bool),
    Param("seed", "train_seed", 0, range(TRAIN_MAX_COUNT + 1), parse=count),
    Param("batch", "train_batch", 64, TRAIN_BATCH_SIZES, parse=count),
    Param("steps", "train_max_steps", 0, range(TRAIN_MAX_COUNT + 1), parse=count),
    Param("experiment", "trainexp_kind", "aux", _experiments),
    Param("deep", "trainexp_aux_deep", False, ON_OFF, parse=boolean, show=show_bool),
)))


# ------------------------------------------------------------------------------------------ channel visualisation
def _cvis_blocks(_values: dict) -> tuple[str, ...]:
    from googlenet.model import BLOCKS

    return BLOCKS


def _cvis_parts(_values: dict) -> tuple[str, ...]:
    from googlenet.featurevis import PARTS

    return PARTS


def _cvis_channels(values: dict) -> range:
    """A branch's channels, or the whole block's concatenated output ("output")."""
    from googlenet.model import INCEPTION_CONFIG

    widths = INCEPTION_CONFIG[values["block"]].branch_widths()
    return range(sum(widths.values()) if values["part"] == "output" else widths[values["part"]])


def _cvis_option(name: str) -> Callable[[dict], tuple]:
    def options(_values: dict) -> tuple:
        from ui import channel_vis

        return getattr(channel_vis, name)
    return options


register(PageLink("channel_vis", (
    Param("block", "cvis_block", "inception3a", _cvis_blocks),
    Param("part", "cvis_part", "branch1", _cvis_parts),
    Param("channel", lambda v: f"cvis_channel_{v['block']}_{v['part']}", 0, _cvis_channels, parse=count),
    Param("steps", "cvis_steps", 256, _cvis_option("STEP_OPTIONS"), parse=count),
    Param("size", "cvis_size", 128, _cvis_option("SIZE_OPTIONS"), parse=count),
    Param("diverse", "cvis_diversity", False, ON_OFF, parse=boolean, show=show_bool),
    Param("grid", "cvis_grid_count", 4, _cvis_option("GRID_COUNTS"), parse=count),
    Param("all", "cvis_grid_all", True, ON_OFF, parse=boolean, show=show_bool),
)))


# ------------------------------------------------------------------------------------------ which branch voted
BV_PATCHES = (32, 48, 56, 64, 96)   # occlusion patch sides offered (pixels of the 224 crop)
BV_STRIDES = (14, 28, 56)
BV_INPUT = 224                      # googlenet.model.INPUT_SIZE: the patch centre's x and y run over the crop
# The class whose vote the page explains travels as ?label= (?class= is the classroom's code, ui/classroom_link.py).
BV_CLASS = "bv_class"               # the class as the link says it (the page keeps it current)
BV_CLASS_ASKED = "bv_class_asked"   # a link's class, taken once by the page's class choice (one of the top 5)


def _bv_scopes(_values: dict) -> list[str]:
    """The sanity check's scrambling: every layer, or cascading from the top down to a layer."""
    from googlenet.attribution import FULL, randomisation_order
    from googlenet.model import meta_model

    return [FULL] + randomisation_order(meta_model())[:-1]   # "stem" = every layer: the same as FULL


register(PageLink("branch_vote", (
    photo("branch_vote"),
    Param("label", BV_CLASS, None, _imagenet_classes, parse=count, on_set=class_asker(BV_CLASS_ASKED)),
    Param("scope", "bv_scope", "full", _bv_scopes),
    Param("patch", "bv_patch", 56, BV_PATCHES, parse=count),
    Param("stride", "bv_stride", 56, BV_STRIDES, parse=count),
    Param("x", "bv_x", BV_INPUT // 2, range(BV_INPUT), parse=count),
    Param("y", "bv_y", BV_INPUT // 2, range(BV_INPUT), parse=count),
    Param("knockout", "bv_knockout", False, ON_OFF, parse=boolean, show=show_bool),
)))
