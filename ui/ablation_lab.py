"""Branch ablation of a network trained in the training lab, on one digit (the ablation page's lab view).

The same package code as GoogLeNet's (googlenet.ablation): the blocks, their branches and the channels each
branch fills in the concatenation are read from the network itself, and every pass holds the model's lock in
eval mode (googlenet.lab_network runs them on the training threads).
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd
import streamlit as st

from googlenet.ablation import (ALL_BLOCKS, Ablation, branch_names, channels_off, cut_block, largest_difference,
                                switches)
from googlenet.i18n import t
from googlenet.lab_network import lab_ablation, lab_blind_logits, lab_logits
from googlenet.network_anatomy import BlockAnatomy, inception_blocks
from ui.charts import chart_png
from ui.charts_experiments import comparison_figure, scan_figure
from ui.downloads import show_png, show_table
from ui.lab_network_view import LabDigit, branch_number, lab_block_label, lab_branch_label, pick_digit, show_digit
from ui.labels import percent_column
from ui.training_runs import RunRecord

CACHE_KEY = "abl_lab_results"   # session state: {(run, digit key, switches): Ablation}
CACHE_SIZE = 64


def headline(result: Ablation, name: Callable[[int], str]) -> None:
    """Three numbers: the intact answer, its probability after ablation, the ablated answer (`name` names a
    class: an ImageNet class for GoogLeNet, the digit for a lab network)."""
    top, new_top = result.top_class, result.ablated_top_class
    m1, m2, m3 = st.columns(3)
    m1.metric(t("exp.abl.metric.top"), name(top), f"{float(result.intact[top]):.1%}", delta_color="off",
              delta_arrow="off")
    flat = round(result.shift * 100, 1) == 0  # no visible change: no green or red arrow, and no "-0.0"
    m2.metric(t("exp.abl.metric.prob"), f"{float(result.ablated[top]):.1%}",
              t("exp.abl.shift", pp=0.0 if flat else result.shift * 100),
              help=t("exp.abl.metric.prob.help"), delta_color="off" if flat else "normal",
              delta_arrow="off" if flat else "auto")
    same = result.same_top_class
    # "changed" is a word, not a number: red when the answer changed, but no arrow (up or down would mean nothing).
    m3.metric(t("exp.abl.metric.new_top"), name(new_top),
              t("exp.abl.metric.same") if same else t("exp.abl.metric.changed"),
              delta_color="off" if same else "inverse", delta_arrow="off")


def digit_name(d: int) -> str:
    return t("exp.abl.lab.digit", d=d)


def _cached(key: tuple, compute):
    """Kept in this session (run numbers are the session's own: a cache shared between sessions could mix two
    students' run #1), the newest CACHE_SIZE entries."""
    cache: dict = st.session_state.setdefault(CACHE_KEY, {})
    if key not in cache:
        cache[key] = compute()
        for old in list(cache)[:-CACHE_SIZE]:
            del cache[old]
    return cache[key]


def _result(rec: RunRecord, picked: LabDigit, off: tuple) -> Ablation:
    """Intact and ablated probabilities for one digit (the intact pass made once per digit)."""
    intact = _cached((rec.number, picked.key, "intact"), lambda: lab_logits(rec.model, picked.digit))
    return _cached((rec.number, picked.key, off),
                   lambda: lab_ablation(rec.model, picked.digit, dict(off), intact_logits=intact))


def block_choice_label(choice: str, blocks: dict[str, BlockAnatomy]) -> str:
    return t("exp.abl.lab.block.all", k=len(blocks)) if choice == ALL_BLOCKS else lab_block_label(blocks[choice])


def switch_controls(rec: RunRecord, blocks: dict[str, BlockAnatomy]) -> tuple[str, list[str]]:
    """The block (or all blocks) and the branches to switch off, named as the network names them."""
    anatomy = tuple(blocks.values())
    block = st.selectbox(t("exp.abl.block"), [*blocks, ALL_BLOCKS], format_func=lambda b: block_choice_label(b, blocks),
                         help=t("exp.abl.lab.block.help"), key=f"abl_block_run{rec.number}")
    st.markdown(f"**{t('exp.abl.branches')}**")
    names = branch_names(anatomy, block)
    # A branch's label: its layers in the chosen block (for all blocks: in the first block, where it is the same
    # kind of path in every block of these networks; the module names differ).
    shown = blocks[block] if block != ALL_BLOCKS else anatomy[0]
    branches = [b for b in names if st.checkbox(lab_branch_label(shown, b) if b in shown.branch_widths() else b,
                                                key=f"abl_off_run{rec.number}_{b}")]
    count = channels_off(block, branches, anatomy)
    if branches and block == ALL_BLOCKS:
        st.caption(t("exp.abl.lab.channels.all", k=len(blocks), off=count.off, total=count.total))
    elif branches:
        st.caption(t("exp.abl.channels", block=lab_block_label(blocks[block]), off=count.off, total=count.total,
                     detail=" + ".join(str(w) for w in count.widths)))
    return block, branches


def comparison_chart(result: Ablation) -> None:
    digits = range(len(result.intact))
    show_png(chart_png(comparison_figure, tuple(digit_name(d) for d in digits),
                       tuple(round(float(result.intact[d]), 6) for d in digits),
                       tuple(round(float(result.ablated[d]), 6) for d in digits),
                       t("exp.abl.lab.chart.title"), t("exp.abl.chart.x"),
                       (t("exp.abl.chart.intact"), t("exp.abl.chart.ablated"))), "lab_ablation_digits")


def each_branch_alone(rec: RunRecord, picked: LabDigit, blocks: dict[str, BlockAnatomy], top: int) -> None:
    """Every branch of every block switched off on its own: the answer and the intact answer's probability."""
    rows, labels, shifts = [], [], []
    for block in blocks.values():
        for branch in block.branches:
            one = _result(rec, picked, switches(block.name, [branch.name], tuple(blocks.values())))
            rows.append((block.name, lab_branch_label(block, branch.name), branch.module, branch.channels,
                         digit_name(one.ablated_top_class), float(one.ablated[top]), one.shift * 100))
            labels.append(t("exp.abl.lab.scan.label", block=block.name, n=branch_number(block, branch.name)))
            shifts.append(round(one.shift, 6))
    st.subheader(t("exp.abl.lab.table.title"))
    st.markdown(t("exp.abl.lab.table.intro", digit=top))
    cols = [t(f"exp.abl.lab.col.{c}", digit=top) for c in ("block", "branch", "module", "channels", "answer", "prob",
                                                           "change")]
    show_table(pd.DataFrame(rows, columns=cols), "lab_branch_table", hide_index=True, width="stretch",
               column_config={cols[5]: percent_column(cols[5]),
                              cols[6]: st.column_config.NumberColumn(cols[6], format="%+.1f")})
    show_png(chart_png(scan_figure, tuple(labels), tuple(shifts), t("exp.abl.lab.scan.x", digit=top)),
             "lab_branch_scan")


def cut_note(rec: RunRecord, picked: LabDigit, off: tuple, block: BlockAnatomy) -> None:
    """All branches of a block off: the digit and another test digit now get the very same scores."""
    x = rec.data.x_test
    other = next(x[i, 0].numpy() for i in range(len(x)) if not np.array_equal(x[i, 0].numpy(), picked.digit))
    pair = (picked.digit, other)
    intact = [lab_logits(rec.model, d).reshape(-1) for d in pair]
    st.warning(t("exp.abl.lab.cut", block=lab_block_label(block),
                 diff=largest_difference(lab_blind_logits(rec.model, pair, dict(off))),
                 intact=largest_difference(intact)))


@st.fragment
def lab_ablation_view(rec: RunRecord) -> None:
    """A fragment: the digit, the block and the switches redraw the results, not the network choice above.
    Every widget is drawn before the digit is checked: a refused upload leaves the switches in place."""
    blocks = {b.name: b for b in inception_blocks(rec.model)}
    if not blocks:   # not one module of this network concatenates branches
        st.info(t("fmaps.lab.no_blocks", n=rec.number))
        return
    st.markdown(t("exp.abl.lab.intro", n=rec.number, k=len(blocks)))
    left, right = st.columns([1, 1], gap="large")
    with left:
        picked = pick_digit(rec, "abl")
    with right:
        block, branches = switch_controls(rec, blocks)
    if picked is None:
        return
    with left:
        show_digit(rec, picked)
    off = switches(block, branches, tuple(blocks.values()))
    result = _result(rec, picked, off)
    headline(result, digit_name)
    blocked = cut_block(dict(off), tuple(blocks.values()))
    if blocked is not None:
        cut_note(rec, picked, off, blocks[blocked])
    if not branches:
        st.info(t("exp.abl.none"))
    comparison_chart(result)
    each_branch_alone(rec, picked, blocks, result.top_class)
    st.caption(t("exp.abl.lab.names", n=rec.number))
