"""The experiment pages' figures and on-screen names, without the app."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from googlenet.ablation import ALL_BLOCKS
from googlenet.i18n import set_language, t
from googlenet.receptive_field import shown_stages
from ui.charts_experiments import (block_label, branch_label, comparison_figure, histogram_figure, scan_figure,
                                   stage_label)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_names_in_both_languages(lang):
    set_language(lang)
    assert block_label("inception4a") == t("common.block", lang=lang, name="4a")
    assert block_label(ALL_BLOCKS) == t("exp.abl.block.all", lang=lang)
    assert stage_label("maxpool2") == t("exp.rf.name.maxpool2", lang=lang)
    assert branch_label("branch3") == t("exp.abl.branch3", lang=lang)
    for variant in ("torchvision", "paper"):   # every stage a student can pick has a name, none a raw key
        assert all(not stage_label(s).startswith("exp.") for s in shown_stages(variant))
    set_language("zh")


def test_comparison_figure_has_a_bar_pair_per_class():
    fig = comparison_figure(["cat", "dog", "mug"], [0.5, 0.3, 0.0], [0.2, 0.4, 0.1], "title", "x", ("a", "b"))
    ax = fig.axes[0]
    assert len(ax.patches) == 6 and [tick.get_text() for tick in ax.get_yticklabels()] == ["cat", "dog", "mug"]
    plt.close(fig)


def test_scan_figure_colours_drops_and_gains():
    fig = scan_figure(["1", "2", "3", "4"], [-0.05, 0.0, 0.01, -0.2], "pp")
    colours = [bar.get_facecolor() for bar in fig.axes[0].patches]
    assert colours[0] == colours[3] != colours[2]
    plt.close(fig)
    plt.close(scan_figure(["1"], [0.0], "pp"))   # all zero: no division by zero


def test_histogram_figure_one_panel_per_step_even_a_constant_one():
    rng = np.random.default_rng(0)
    fig = histogram_figure([("a", rng.normal(size=(3, 500))), ("b", np.zeros((3, 10)))])
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["a", "b"]
    plt.close(fig)
    plt.close(histogram_figure([("only", rng.random((3, 50)))]))
