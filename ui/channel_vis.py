"""Drawing helpers of the page "What a channel wants to see": the channel picker, the Microscope names, the
background runs (a polling fragment with a progress bar and a Stop button), the pictures and the patches.

Nothing here computes: the pictures come from googlenet.featurevis (optimised in a background thread, or served
from its disk cache), the names from googlenet.microscope.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from PIL import Image

from googlenet.featurevis import (PARTS, Job, Settings, Target, VisCache, Visualisation, file_hash, part_width,
                                  untrained_id)
from googlenet.i18n import t
from googlenet.microscope import (branch_widths, concat_index, lucid_index, lucid_widths, microscope_name,
                                  split_channel, torchvision_name)
from googlenet.model import BLOCKS, BRANCHES
from googlenet.weights import weights_path
from ui.downloads import show_png
from ui.labels import block_label

POLL_S = 0.5                                   # how often a running job's progress is redrawn
STEP_OPTIONS = (16, 32, 64, 128, 256, 512)
SIZE_OPTIONS = (64, 96, 128, 160, 224)
DIVERSE_IMAGES = 3
GRID_COUNTS = (2, 4, 8, 16)
JOB_KEY, RESULT_KEY = "cvis_job", "cvis_result"    # session state: the running job and the last finished one


@dataclass(frozen=True)
class Choice:
    target: Target
    settings: Settings


def part_label(part: str) -> str:
    return t(f"cvis.part.{part}")


def weights_identity(pretrained: bool) -> str:
    """What the cache keys the pictures by: the weights file's hash, or the untrained stand-in's name."""
    path = weights_path() if pretrained else None
    return file_hash(path) if path is not None else untrained_id(0)


def choose(model) -> Choice:
    """Block, branch, channel and the optimisation settings, as the student picks them."""
    c1, c2, c3 = st.columns([2, 3, 3])
    block = c1.selectbox(t("cvis.block"), BLOCKS, index=BLOCKS.index("inception3a"), key="cvis_block",
                         format_func=lambda b: f"{block_label(b)} · {microscope_name(b)}")
    part = c2.selectbox(t("cvis.part"), PARTS, key="cvis_part", format_func=part_label)
    width = part_width(model, Target(block, part, 0))
    # One slider per block and part: each keeps its own position, never beyond its own width.
    channel = c3.slider(t("cvis.channel"), 0, width - 1, 0, key=f"cvis_channel_{block}_{part}",
                        help=t("cvis.channel.help"))
    c4, c5, c6 = st.columns([3, 3, 2], vertical_alignment="bottom")
    steps = c4.select_slider(t("cvis.steps"), STEP_OPTIONS, value=256, key="cvis_steps", help=t("cvis.steps.help"))
    size = c5.select_slider(t("cvis.size"), SIZE_OPTIONS, value=128, key="cvis_size")
    diverse = c6.toggle(t("cvis.diversity"), key="cvis_diversity", help=t("cvis.diversity.help"))
    return Choice(Target(block, part, channel), Settings(steps=steps, size=size,
                                                         images=DIVERSE_IMAGES if diverse else 1))


def names(target: Target) -> None:
    """The channel's name here and in Microscope / Lucid (wherever the page names a channel)."""
    block, micro = target.block, microscope_name(target.block)
    if target.part == "output":
        where = split_channel(block, target.channel)
        lucid = lucid_index(block, where.branch, where.channel)
        st.markdown(t("cvis.names.whole", block=block_label(block), channel=target.channel,
                      total=sum(branch_widths(block).values()), part=part_label(where.branch), within=where.channel,
                      micro=micro, lucid=t("cvis.names.lucid_none") if lucid is None else lucid))
    else:
        lucid = lucid_index(block, target.part, target.channel)
        st.markdown(t("cvis.names", block=block_label(block), part=part_label(target.part), channel=target.channel,
                      concat=concat_index(block, target.part, target.channel),
                      total=sum(branch_widths(block).values()), micro=micro,
                      lucid=t("cvis.names.lucid_none") if lucid is None else lucid))
    with st.expander(t("cvis.microscope.title"), icon=":material/biotech:"):
        four_a = torchvision_name("mixed4a")
        st.markdown(t("cvis.microscope.note", micro=micro, lucid_4a=lucid_widths(four_a)["branch2"],
                      ours_4a=branch_widths(four_a)["branch2"]))


def microscope_label(target: Target) -> str:
    """How Microscope / Lucid would write the same position: "mixed3a:69" (or just the layer where that branch is
    narrower there)."""
    block = target.block
    where = split_channel(block, target.channel) if target.part == "output" else None
    branch, channel = (where.branch, where.channel) if where else (target.part, target.channel)
    index = lucid_index(block, branch, channel)
    return microscope_name(block) if index is None else f"{microscope_name(block)}:{index}"


def channel_title(target: Target) -> tuple[str, str]:
    """(block, part) as captions write them."""
    return block_label(target.block), part_label(target.part)


# ------------------------------------------------------------------------------------------------ jobs

def running_job(kind: str) -> Job | None:
    """This session's job of `kind` ("one" or "grid"), while it runs (one that has ended is collected)."""
    collect(kind)
    return st.session_state.get(f"{JOB_KEY}_{kind}")


def keep_job(kind: str, job: Job) -> None:
    st.session_state[f"{JOB_KEY}_{kind}"] = job


def finished(kind: str):
    """The last finished job's (key, result, error) of `kind`, or None."""
    return st.session_state.get(f"{RESULT_KEY}_{kind}")


def collect(kind: str) -> None:
    """Move a job that has ended from "running" to "finished"."""
    job = st.session_state.get(f"{JOB_KEY}_{kind}")
    if job is not None and job.done:
        st.session_state[f"{RESULT_KEY}_{kind}"] = (job.key, job.result, job.error)
        st.session_state[f"{JOB_KEY}_{kind}"] = None


def progress_panel(kind: str, text_key: str) -> None:
    """The progress of this session's running job of `kind`, redrawn every POLL_S seconds, with a Stop button;
    once the job has ended the whole page is drawn again (with the result)."""

    @st.fragment(run_every=POLL_S)
    def poll() -> None:
        job = st.session_state.get(f"{JOB_KEY}_{kind}")
        if job is None or job.done:
            collect(kind)
            st.rerun(scope="app")
            return
        if job.queued:
            st.progress(job.fraction, text=t("cvis.queued", seconds=job.elapsed))
        else:
            st.progress(job.fraction, text=t(text_key, done=job.steps_done, total=job.steps_total,
                                             value=job.objective, seconds=job.elapsed))
        if st.button(t("cvis.stop"), key=f"cvis_stop_{kind}", icon=":material/stop:"):
            job.stop()
            job.wait(5)
            collect(kind)
            st.rerun(scope="app")

    poll()


# ------------------------------------------------------------------------------------------------ pictures

def show_result(vis: Visualisation | None, error: BaseException | None) -> None:
    if error is not None:
        st.error(t("cvis.result.error", reason=str(error) or type(error).__name__))
        return
    if vis is None:
        return
    if not len(vis.pictures):                      # stopped while it still waited for its turn
        st.warning(t("cvis.result.stopped", done=0, total=vis.settings.steps))
        return
    block, part = channel_title(vis.target)
    count = len(vis.pictures)
    columns = st.columns(count) if count > 1 else [st.container()]
    for n, (picture, column) in enumerate(zip(vis.pictures, columns), start=1):
        caption = t("cvis.result.caption", block=block, part=part, channel=vis.target.channel, n=n, count=count,
                    micro=microscope_label(vis.target))
        target = vis.target
        show_png(Image.fromarray(picture).resize((256, 256), Image.Resampling.LANCZOS),
                 f"feature_vis_{target.block}_{target.part}_{target.channel}_{n}", column, caption=caption)
    objective = " / ".join(f"{v:.3g}" for v in vis.objective)
    st.caption(t("cvis.result.numbers", objective=objective, steps=vis.steps_done, seconds=vis.seconds))
    if vis.stopped:
        st.warning(t("cvis.result.stopped", done=vis.steps_done, total=vis.settings.steps))
    elif vis.from_cache:
        st.caption(t("cvis.result.cached"))


def show_grid(grid: dict[str, list[Visualisation]]) -> None:
    """One row per part: its channels' pictures side by side, each with its caption."""
    for part, pictures in grid.items():
        if not pictures:
            continue
        st.markdown(t("cvis.grid.row", part=part_label(part)))
        per_row = min(8, max(4, len(pictures)))
        for first in range(0, len(pictures), per_row):
            columns = st.columns(per_row)
            for vis, column in zip(pictures[first:first + per_row], columns):
                show_png(vis.pictures[0], f"grid_{vis.target.block}_{part}_{vis.target.channel}", column,
                         caption=t("cvis.grid.caption", part=part_label(part), channel=vis.target.channel,
                                   micro=microscope_label(vis.target)))


def cached_picture(cache: VisCache, weights: str, choice: Choice) -> Visualisation | None:
    """The picture for the current choice straight from the disk cache (no optimisation), if it is there."""
    return cache.get(weights, choice.target, choice.settings)


def grid_parts(part: str, all_four: bool) -> list[str]:
    return list(BRANCHES) if all_four or part == "output" else [part]
