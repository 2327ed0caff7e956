"""Which branch voted: gradient x activation per Inception block and branch for one class, occlusion over the
picture (click where to hide a patch), and the sanity check beside it - the same on scrambled weights.

Runs with or without pretrained weights (without: the untrained stand-in, and the page says its pictures then mean
nothing about ImageNet). All the numbers come from googlenet.attribution; this page only reads widgets and draws.
"""
from __future__ import annotations

import math

import numpy as np
import streamlit as st
from PIL import Image, ImageDraw

from googlenet.attribution import (FULL, BranchAttribution, Occlusion, PatchEffect, branch_attribution,
                                   branch_knockout, hide_patch, occlusion, randomisation_order, randomised_copy,
                                   spearman)
from googlenet.i18n import t
from googlenet.images import to_batch
from googlenet.model import IMAGENET_MEAN, INPUT_SIZE
from googlenet.runtime.inference import model_fingerprint
from googlenet.viz import overlay
from ui import url_state
from ui.branch_vote_charts import OCCLUSION_CMAP, legend_strip, numbers_frame, share_heatmap
from ui.click_picture import clickable_picture, set_slider, take_click
from ui.concept_check import stop_page
from ui.downloads import download_png, png_of, show_png, show_table, show_vega, stacked
from ui.image_input import pick_image
from ui.labels import block_label, class_name
from ui.models import model_for_pictures
from ui.page_links import BV_CLASS, BV_CLASS_ASKED, BV_PATCHES, BV_STRIDES

SEED = 0                        # the scrambled copy's seed: the same copy for every visit
PATCHES = BV_PATCHES            # occlusion patch sides offered (pixels of the 224 crop); also the link's choices
STRIDES = BV_STRIDES
SHOWN = 448                     # the clickable picture: the 224 crop enlarged twice
CLICK_KEY = "bv_click"
# From a rank correlation of 0.8 on, the page says the scrambled table ranks the branches "much like" the trained one.
# A teaching threshold, not the paper's: Adebayo et al. show the correlations and let the pictures speak.
MUCH_ALIKE = 0.8
MEAN_COLOUR = tuple(round(255 * m) for m in IMAGENET_MEAN)   # the grey patch: zero after normalisation


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def attribute(image_key: str, model_key: str, class_index: int | None, _model, _image) -> BranchAttribution:
    return branch_attribution(_model, to_batch(_image), class_index)


@st.cache_resource(show_spinner=False, max_entries=4)
def scrambled_network(model_key: str, down_to: str, _model):
    """The seeded copy with scrambled weights (a copy per network and depth of scrambling; the model is untouched)."""
    return randomised_copy(_model, SEED, down_to)


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def scrambled_attribution(image_key: str, model_key: str, class_index: int, down_to: str, _model,
                          _image) -> BranchAttribution:
    return branch_attribution(scrambled_network(model_key, down_to, _model), to_batch(_image), class_index)


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def occlude_grid(image_key: str, model_key: str, class_index: int, patch: int, stride: int, _model,
                 _image) -> Occlusion:
    return occlusion(_model, to_batch(_image), class_index, patch, stride)


@st.cache_data(show_spinner=False, max_entries=256, ttl=3600)
def hide_one(image_key: str, model_key: str, class_index: int, x: int, y: int, patch: int, _model,
             _image) -> PatchEffect:
    return hide_patch(_model, to_batch(_image), class_index, (x, y), patch)


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def knockout(image_key: str, model_key: str, class_index: int, _model, _image) -> np.ndarray:
    return branch_knockout(_model, to_batch(_image), class_index)


# ------------------------------------------------------------------------------------------------- drawing

def branch_words(branches) -> list[str]:
    return [t(f"bv.branch.{b}") for b in branches]


def heatmap(table: np.ndarray, values: np.ndarray, result: BranchAttribution, title: str | None, caption: str,
            name: str, where=st) -> None:
    """A block x branch heat map with its PNG button (`name`: the file's and the button's name) and caption."""
    spec = share_heatmap(tuple(block_label(b) for b in result.blocks), tuple(branch_words(result.branches)),
                         tuple(map(tuple, table.tolist())), tuple(map(tuple, values.tolist())),
                         (t("bv.block"), t("bv.branch"), t("bv.share"), t("bv.value")), title)
    show_vega(spec, name, where)
    where.caption(caption)


def numbers(result: BranchAttribution, name: str) -> None:
    with st.expander(t("bv.numbers")):
        st.caption(t("bv.numbers.caption", name=name))
        frame = numbers_frame([block_label(b) for b in result.blocks], branch_words(result.branches),
                              result.values, result.shares(), result.channels,
                              (t("bv.block"), t("bv.branch"), t("bv.value"), t("bv.share"), t("bv.channels")))
        show_table(frame, "branch_numbers", hide_index=True, width="stretch",
                   column_config={t("bv.value"): st.column_config.NumberColumn(format="%+.4f"),
                                  t("bv.share"): st.column_config.NumberColumn(format="percent")})


def scope_label(layer: str) -> str:
    if layer == FULL:
        return t("bv.sanity.scope.full")
    name = {"fc": t("bv.sanity.layer.fc"), "stem": t("bv.sanity.layer.stem")}.get(layer)
    return t("bv.sanity.scope.down", layer=name or block_label(layer))


def sanity_panel(model, model_key: str, picked, trained: BranchAttribution, pretrained: bool) -> None:
    st.markdown("#### " + t("bv.sanity.title"))
    st.markdown(t("bv.sanity.rule", seed=SEED))
    layers = [FULL] + randomisation_order(model)[:-1]     # "stem" = every layer: the same as FULL
    down_to = st.selectbox(t("bv.sanity.scope"), layers, format_func=scope_label, key="bv_scope",
                           help=t("bv.sanity.scope.help"))
    with st.spinner(t("bv.running")):
        scrambled = scrambled_attribution(picked.key, model_key, trained.class_index, down_to, model, picked.image)
    heatmap(scrambled.shares(), scrambled.values, scrambled, None, t("bv.sanity.chart.caption"), "scrambled_shares")
    rho = spearman(trained.shares(), scrambled.shares())
    rho_abs = spearman(np.abs(trained.shares()), np.abs(scrambled.shares()))
    m1, m2 = st.columns(2)
    m1.metric(t("bv.sanity.rho"), "—" if math.isnan(rho) else f"{rho:+.2f}", help=t("bv.sanity.rho.help"))
    m2.metric(t("bv.sanity.rho_abs"), "—" if math.isnan(rho_abs) else f"{rho_abs:+.2f}",
              help=t("bv.sanity.rho_abs.help"))
    if math.isnan(rho):
        st.info(t("bv.sanity.nan"))
    elif rho >= MUCH_ALIKE:
        st.warning(t("bv.sanity.same", rho=rho))
    else:
        st.success(t("bv.sanity.differs", rho=rho, limit=MUCH_ALIKE))
    width_rho = spearman(np.abs(scrambled.shares()), scrambled.channels)
    if not math.isnan(width_rho):
        st.caption(t("bv.sanity.width", rho=width_rho))
    if not pretrained:
        st.caption(t("bv.sanity.untrained"))


def occlusion_picture(crop: Image.Image, grid: Occlusion, box: tuple[int, int, int]) -> Image.Image:
    """The occlusion map (drops only: a rise is drawn as no drop) over the crop, enlarged, with the chosen
    patch as a white box."""
    drops = np.clip(grid.pixel_map(), 0, None)
    top = float(drops.max())
    shown = drops / top if top > 0 else drops
    picture = Image.fromarray(overlay(crop, shown, opacity=0.6, cmap=OCCLUSION_CMAP, stretch=False))
    picture = picture.resize((SHOWN, SHOWN), Image.Resampling.NEAREST)
    scale = SHOWN / INPUT_SIZE
    y0, x0, patch = box
    ImageDraw.Draw(picture).rectangle([x0 * scale, y0 * scale, (x0 + patch) * scale - 1, (y0 + patch) * scale - 1],
                                      outline=(255, 255, 255), width=3)
    return picture


def hidden_picture(crop: Image.Image, effect: PatchEffect) -> Image.Image:
    picture = crop.convert("RGB").copy()
    draw = ImageDraw.Draw(picture)
    box = [effect.left, effect.top, effect.left + effect.patch - 1, effect.top + effect.patch - 1]
    draw.rectangle(box, fill=MEAN_COLOUR)
    draw.rectangle(box, outline=(255, 255, 255), width=2)
    return picture.resize((SHOWN, SHOWN), Image.Resampling.NEAREST)


def occlusion_section(model, model_key: str, picked, class_index: int, name: str) -> None:
    st.markdown("### " + t("bv.occ.title"))
    st.markdown(t("bv.occ.intro"))
    c1, c2, c3, c4 = st.columns(4)
    patch = c1.selectbox(t("bv.occ.patch"), PATCHES, index=PATCHES.index(56), key="bv_patch")
    stride = c2.selectbox(t("bv.occ.stride"), STRIDES, index=STRIDES.index(56), key="bv_stride")
    # A click on the picture moves the patch centre: it sets the sliders' values before they are drawn.
    take_click(CLICK_KEY, lambda fx, fy: (set_slider("bv_x", fx * INPUT_SIZE, 0, INPUT_SIZE - 1),
                                          set_slider("bv_y", fy * INPUT_SIZE, 0, INPUT_SIZE - 1)))
    st.session_state.setdefault("bv_x", INPUT_SIZE // 2)
    st.session_state.setdefault("bv_y", INPUT_SIZE // 2)
    x = c3.slider(t("bv.occ.x"), 0, INPUT_SIZE - 1, key="bv_x")
    y = c4.slider(t("bv.occ.y"), 0, INPUT_SIZE - 1, key="bv_y")
    url_state.publish()   # the address names the patch just placed (a click sets it only now)
    with st.spinner(t("bv.running")):
        grid = occlude_grid(picked.key, model_key, class_index, patch, stride, model, picked.image)
        effect = hide_one(picked.key, model_key, class_index, x, y, patch, model, picked.image)
    n = len(grid.starts)
    st.caption(t("bv.occ.count", n=n, total=n * n))
    crop = picked.crop
    left, right = st.columns(2, gap="large")
    top = float(np.clip(grid.pixel_map(), 0, None).max())
    with left:
        occlusion_map = occlusion_picture(crop, grid, (effect.top, effect.left, patch))
        clickable_picture(occlusion_map, CLICK_KEY,
                          t("bv.occ.map.caption", name=name, top=top))
        legend = legend_strip()
        st.image(legend, caption=t("bv.occ.legend", top=top), width="stretch")
        download_png(lambda: png_of(stacked(occlusion_map, legend)), "occlusion_map")   # the map with its legend
        if top <= 0:
            st.info(t("bv.occ.nothing"))
        else:
            row, col = grid.strongest()
            cx, cy = grid.centre(row, col)
            st.caption(t("bv.occ.strongest", drop=float(grid.drops[row, col]), x=cx, y=cy))
    with right:
        show_png(hidden_picture(crop, effect), "patch_hidden",
                 caption=t("bv.occ.hidden.caption", patch=patch, x=x, y=y))
        m1, m2, m3 = st.columns(3)
        m1.metric(t("bv.occ.metric.before"), f"{effect.base_logit:.2f}")
        m2.metric(t("bv.occ.metric.after"), f"{effect.logit:.2f}", delta=f"{effect.logit - effect.base_logit:+.2f}")
        m3.metric(t("bv.occ.metric.prob"), f"{effect.probability:.2%}",
                  delta=f"{(effect.probability - effect.base_probability) * 100:+.2f} pp")


def knockout_section(model, model_key: str, picked, trained: BranchAttribution) -> None:
    if not st.toggle(t("bv.ko.toggle"), key="bv_knockout"):
        return
    with st.spinner(t("bv.running")):
        drops = knockout(picked.key, model_key, trained.class_index, model, picked.image)
    scale = np.abs(drops).sum(axis=1, keepdims=True)
    shares = np.divide(drops, scale, out=np.zeros_like(drops), where=scale > 0)
    st.markdown("#### " + t("bv.ko.title"))
    heatmap(shares, drops, trained, None, t("bv.ko.caption"), "knockout_shares")
    rho = spearman(shares, trained.shares())
    if not math.isnan(rho):
        st.caption(t("bv.ko.rho", rho=rho))


# ------------------------------------------------------------------------------------------------- the page

st.title(t("nav.branch_vote"))
st.markdown(t("bv.intro"))
model, pretrained = model_for_pictures()     # without weights: the untrained stand-in, with a banner
if not pretrained:
    st.warning(t("bv.untrained"))
picked = pick_image("bv")
if picked is None:                           # a bad upload: pick_image has said why
    stop_page("branch_vote")


def pick_class(best: BranchAttribution, image_key: str) -> int:
    """One of the picture's top 5 (one widget per picture); a link's ?label= is taken once, if it is among them."""
    probs, top5 = best.probabilities, best.top_classes(5)
    key = f"bv_class_{image_key}"
    asked = st.session_state.pop(BV_CLASS_ASKED, None)   # a link's class (ui/page_links.py)
    if asked is not None and asked in top5:
        st.session_state[key] = asked
    elif asked is not None:   # not among this picture's top 5: its best guess, with the links' notice
        st.toast(t("url.bad", values=f"label={asked}"), icon=":material/link_off:")
    chosen = st.selectbox(t("bv.class"), top5, key=key, help=t("bv.class.help"),
                          format_func=lambda c: t("bv.class.option", rank=top5.index(c) + 1,
                                                  name=class_name(c), prob=float(probs[c])))
    st.session_state[BV_CLASS] = chosen
    return chosen


@url_state.fragment   # the class, scrambling, patch and knock-out travel in the link (ui/page_links.py)
def explanation(model, picked, pretrained: bool) -> None:
    """A fragment: the class, the scrambling, the patch and a click redraw the explanation, not the picker."""
    model_key = model_fingerprint(model, pretrained)
    with st.spinner(t("bv.running")):
        best = attribute(picked.key, model_key, None, model, picked.image)
    probs = best.probabilities
    class_index = pick_class(best, picked.key)
    if class_index == best.class_index:
        trained = best
    else:
        with st.spinner(t("bv.running")):
            trained = attribute(picked.key, model_key, class_index, model, picked.image)
    name = class_name(class_index)
    st.markdown("### " + t("bv.heading", name=name))
    block, branch = trained.strongest()
    m1, m2 = st.columns(2)
    m1.metric(t("bv.metric.logit"), f"{float(trained.logits[class_index]):.2f}")
    m2.metric(t("bv.metric.prob"), f"{float(probs[class_index]):.1%}")
    share = float(trained.shares()[trained.blocks.index(block), trained.branches.index(branch)])
    st.markdown(t("bv.loudest", block=block_label(block), branch=t(f"bv.branch.{branch}"), share=share))
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown("#### " + t("bv.trained.title"))
        heatmap(trained.shares(), trained.values, trained, None, t("bv.chart.caption"), "branch_shares")
        numbers(trained, name)
        knockout_section(model, model_key, picked, trained)
    with right:
        sanity_panel(model, model_key, picked, trained, pretrained)
    occlusion_section(model, model_key, picked, class_index, name)


explanation(model, picked, pretrained)
with st.expander(t("bv.how.title")):
    st.markdown(t("bv.how.body"))
with st.expander(t("bv.limits.title")):
    st.markdown(t("bv.limits.body"))
