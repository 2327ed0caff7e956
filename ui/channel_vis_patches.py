"""The page's "strongest patches": the photos (samples + this session's uploads), the patches found by
googlenet.featurevis.strongest_patches, and the channel's map over its strongest photo with a colour legend."""
from __future__ import annotations

import numpy as np
import streamlit as st
from PIL import Image

from googlenet.featurevis import Patch, Target, channel_maps, patches_from_maps
from googlenet.i18n import t
from googlenet.images import ACCEPTED_EXTENSIONS, ImageError, load_image, preprocessed_crop
from googlenet.runtime.inference import image_fingerprint
from googlenet.viz import highlight_box
from ui.channel_vis import microscope_label
from ui.charts import show_figure
from ui.downloads import show_png
from ui.image_input import ASSETS, SAMPLES, SESSION_UPLOADS_MAX, PickedImage, remember_upload, session_uploads

PATCHES = 6
PATCH_PX = 160


@st.cache_resource(show_spinner=False)
def sample_photos() -> list[tuple[str, Image.Image]]:
    """(i18n key of the name, picture) of every sample photo (assets/), loaded once per process."""
    return [(key, load_image(ASSETS / file)) for file, key in SAMPLES.items()]


def upload_photos() -> None:
    """An uploader whose photos stay for the session (refused files are named, the others are kept)."""
    files = st.file_uploader(t("cvis.patches.upload"), type=list(ACCEPTED_EXTENSIONS), accept_multiple_files=True,
                             key="cvis_upload")
    for file in files or []:
        try:
            picture = load_image(file.getvalue())
        except ImageError as err:
            st.error(t("input.error", name=file.name, reason=err.message()))
            continue
        remember_upload(PickedImage(picture, file.name, "upload"))


def all_photos() -> tuple[list[str], list[Image.Image], int]:
    """(names, pictures, how many are samples): the samples first, then this session's uploads."""
    samples = sample_photos()
    uploads = list(session_uploads().values())
    names = [t(key) for key, _ in samples] + [name for name, _ in uploads]
    return names, [p for _, p in samples] + [p for _, p in uploads], len(samples)


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def find_patches(weights: str, block: str, part: str, channel: int, photo_keys: tuple[str, ...], _model,
                 _photos) -> tuple:
    """(maps (N, h, w), strongest patches): one guarded pass over every photo, cached per weights, channel and
    photo set."""
    target = Target(block, part, channel)
    maps = channel_maps(_model, list(_photos), target)
    return maps, patches_from_maps(maps, list(_photos), target, k=PATCHES)


def heat_figure(crop: Image.Image, heat: np.ndarray, legend: str):
    """The photo the network saw with the channel's map over it, in viridis, and a colour bar as the legend."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.0, 3.4))
    ax.imshow(crop)
    side = crop.size[0]
    shown = ax.imshow(heat, cmap="viridis", alpha=0.6, extent=(0, side, side, 0), interpolation="bilinear",
                      vmin=0.0, vmax=max(float(heat.max()), 1e-6))
    ax.set_axis_off()
    bar = fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
    bar.set_label(legend, fontsize=13)
    bar.ax.tick_params(labelsize=11)
    return fig


def show_patches(model, weights: str, target: Target, block_name: str, part_name: str) -> None:
    """The strongest patches of `target` over all photos, and its map over the strongest photo."""
    st.subheader(t("cvis.patches.title"))
    st.caption(t("cvis.patches.intro"))
    upload_photos()
    names, photos, samples = all_photos()
    st.caption(t("cvis.patches.count", n=len(photos), samples=samples, uploads=len(photos) - samples,
                 keep=SESSION_UPLOADS_MAX))
    keys = tuple(image_fingerprint(p) for p in photos)
    maps, patches = find_patches(weights, target.block, target.part, target.channel, keys, model, photos)
    if not patches:
        st.info(t("cvis.patches.none"))
        return
    columns = st.columns(3)
    for n, patch in enumerate(patches):
        show_png(patch.crop.resize((PATCH_PX, PATCH_PX), Image.Resampling.LANCZOS), f"patch{n + 1}", columns[n % 3],
                 caption=t("cvis.patches.caption", photo=names[patch.photo], row=patch.row, col=patch.col,
                           value=patch.value))
    best: Patch = patches[0]
    crop = preprocessed_crop(photos[best.photo])
    left, right = st.columns(2)
    box = tuple(int(round(v)) for v in best.box)
    show_png(highlight_box(crop, box), "strongest_patch_box", left, caption=t("cvis.patches.box_caption"))
    title = t("cvis.patches.heat_title", photo=names[best.photo], block=block_name, part=part_name,
              channel=target.channel, micro=microscope_label(target))
    with right:
        show_figure(("cvis_heat", weights, target.block, target.part, target.channel, keys[best.photo]),
                    lambda: heat_figure(crop, maps[best.photo], t("cvis.patches.legend")),
                    caption=f"{title}. {t('cvis.patches.heat_caption')}", name="strongest_photo_map")
