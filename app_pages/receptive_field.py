"""Receptive fields: how much of the 224x224 crop one unit of each layer can see, from the model's own layers,
and (on demand) how much each of those pixels really matters, measured by a gradient.

Works without weights (the measurement then uses the untrained stand-in, and says so). The counted numbers do
not depend on the picture, so a bad upload only takes the drawings away: the switches and numbers stay.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from googlenet.i18n import t
from googlenet.images import to_batch
from googlenet.receptive_field import (INPUT_SIZE, Field, crop_share, dots_drawn, draw_effective_field, draw_field,
                                      effective_field, influence_square, receptive_fields, shown_stages, unit_centre,
                                      unit_field)
from googlenet.runtime.inference import model_fingerprint
from ui import url_state
from ui.charts_experiments import stage_label
from ui.click_picture import clickable_picture, set_slider, take_click
from ui.downloads import show_png, show_table
from ui.image_input import PickedImage, pick_image
from ui.models import pretrained_model, untrained_model

SCALE = 2   # the 224 crop is drawn at 448x448
CLICK_KEY = "rf_click"


def nearest_unit(field: Field, position: float) -> float:
    """The index (row or column, before rounding) of the unit whose field is centred nearest to `position`
    (crop pixels): unit i is centred on pixel start + i * jump (googlenet.receptive_field.unit_centre)."""
    return (position - 0.5 - field.start) / field.jump


def unit_controls() -> tuple[str, str, int, int]:
    """(variant, stage, row, col) of the unit to look at."""
    variant = st.radio(t("exp.rf.variant"), ["torchvision", "paper"], horizontal=True, key="rf_variant",
                       format_func=lambda v: t(f"exp.rf.variant.{v}"))
    stages = shown_stages(variant)
    stage = st.selectbox(t("exp.rf.stage"), stages, index=stages.index("inception4a"),
                         format_func=stage_label, key="rf_stage")
    field = receptive_fields(variant)[stage]
    side = field.side
    # One pair of sliders per grid size, so a position never falls outside a smaller grid. A click on the picture
    # picks the unit centred nearest to it: it sets the sliders' values before they are drawn (they stay the
    # keyboard path).
    row_key, col_key = f"rf_row_{side}", f"rf_col_{side}"
    take_click(CLICK_KEY, lambda fx, fy: (set_slider(row_key, nearest_unit(field, fy * INPUT_SIZE), 0, side - 1),
                                          set_slider(col_key, nearest_unit(field, fx * INPUT_SIZE), 0, side - 1)))
    st.session_state.setdefault(row_key, side // 2)
    st.session_state.setdefault(col_key, side // 2)
    row = st.slider(t("exp.rf.row"), 0, side - 1, key=row_key)
    col = st.slider(t("exp.rf.col"), 0, side - 1, key=col_key)
    url_state.publish()   # the address names the unit just picked (a click sets it only now)
    return variant, stage, row, col


def field_numbers(field: Field, box: tuple[float, float, float, float]) -> None:
    st.metric(t("exp.rf.metric.side"), t("exp.rf.grid", n=field.side))
    st.metric(t("exp.rf.metric.jump"), t("exp.rf.px", n=field.jump))
    st.metric(t("exp.rf.metric.rf"), t("exp.rf.px", n=field.rf))
    x0, y0, x1, y1 = box
    st.markdown(f"{t('exp.rf.metric.box')}  \n**{t('exp.rf.box', x0=x0, x1=x1, y0=y0, y1=y1)}**")


def notes(field: Field, share: float) -> None:
    """`share`: how much of the crop the chosen unit's field covers (a wide field near the border misses some)."""
    if field.rf > INPUT_SIZE:
        st.info(t("exp.rf.bigger", rf=field.rf) if share >= 1 else t("exp.rf.bigger.edge", rf=field.rf,
                                                                       missed=1 - share))
    if field.widest_branches:
        names = t("exp.rf.sep").join(t("exp.rf.branch", n=b.removeprefix("branch")) for b in field.widest_branches)
        st.caption(t("exp.rf.inception_note", branches=names))
    st.caption(t("exp.rf.theory_note"))


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def measured_field(img: str, model_key: str, stage: str, row: int, col: int, _model, _image):
    return effective_field(_model, to_batch(_image), stage, row, col)


def effective_section(picked: PickedImage | None, variant: str, stage: str, row: int, col: int) -> None:
    """The field measured by a gradient, on demand (a pass forward and back costs more than a slider move should)."""
    # Keyed: the section keeps its identity (and the switch inside its state) when `expanded` follows the switch.
    with st.expander(t("exp.rf.effective.title"), expanded=bool(st.session_state.get("rf_effective")),
                     key="rf_effective_box"):  # a link's
        st.markdown(t("exp.rf.effective.intro"))
        if not st.toggle(t("exp.rf.effective.run"), key="rf_effective") or picked is None:
            return
        if variant != "torchvision":
            st.info(t("exp.rf.effective.paper"))
            return
        model = pretrained_model(show_problems=False)
        pretrained = model is not None
        model = model if pretrained else untrained_model()
        with st.spinner(t("exp.rf.effective.running")):
            strength = measured_field(picked.key, model_fingerprint(model, pretrained), stage, row, col, model,
                                      picked.image)
        field = receptive_fields(variant)[stage]
        centre = unit_centre(stage, row, col)
        picture, words = st.columns([3, 2], gap="large")
        show_png(draw_effective_field(picked.crop, strength, stage, row, col, scale=SCALE),
                 f"effective_field_{stage}", picture)
        words.caption(t("exp.rf.effective.caption", stage=stage_label(stage), row=row, col=col, rf=field.rf,
                        half=influence_square(strength, centre, 0.5), most=influence_square(strength, centre, 0.9)))
        words.caption(t("exp.rf.effective.pretrained" if pretrained else "exp.rf.effective.untrained"))


def growth_table(variant: str, chosen: str) -> None:
    """Every stage's grid, jump and field; the chosen stage highlighted."""
    fields, stages = receptive_fields(variant), shown_stages(variant)
    table = pd.DataFrame({
        t("exp.rf.table.stage"): [stage_label(s) for s in stages],
        t("exp.rf.table.side"): [t("exp.rf.grid", n=fields[s].side) for s in stages],
        t("exp.rf.table.jump"): [fields[s].jump for s in stages],
        t("exp.rf.table.rf"): [fields[s].rf for s in stages],
    })
    row = stages.index(chosen)
    st.markdown(f"**{t('exp.rf.table.title')}**")
    show_table(table.style.apply(lambda r: ["background-color: #fff3b0; font-weight: bold" if r.name == row
                                            else "" for _ in r], axis=1),
               "field_growth", hide_index=True, width="stretch", height="content")


st.title(t("nav.receptive_field"))
st.markdown(t("exp.rf.intro"))
picked = pick_image("rf")    # None after a bad upload: pick_image has shown the reason


@url_state.fragment   # the network, layer and unit travel in the link (ui/page_links.py)
def field_view(picked) -> None:
    """A fragment: the network, layer and unit redraw the field, not the picker above."""
    controls, picture, numbers = st.columns([2, 3, 2], gap="large")
    with controls:
        variant, stage, row, col = unit_controls()
    field = receptive_fields(variant)[stage]
    if picked is not None:
        with picture:
            crop = picked.crop
            clickable_picture(draw_field(crop, stage, row, col, variant, scale=SCALE), CLICK_KEY,
                              t("click.rf.caption", row=row, col=col), t("click.rf.how"),
                              name=f"receptive_field_{stage}")
            caption = "exp.rf.caption" if dots_drawn(field, SCALE) else "exp.rf.caption.fine"
            st.caption(t(caption, stage=stage_label(stage), side=field.side, jump=field.jump))
    with numbers:
        field_numbers(field, unit_field(stage, row, col, variant))
    notes(field, crop_share(stage, row, col, variant))
    effective_section(picked, variant, stage, row, col)
    growth_table(variant, stage)


field_view(picked)
