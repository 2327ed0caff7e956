"""The training lab's Vega-Lite charts: what they are asked to draw is the run's numbers, in the user's words."""
from __future__ import annotations

import numpy as np

from ui.charts_training import confusion_chart, digit_probabilities_chart


def test_the_confusion_chart_holds_every_cell_and_writes_the_non_zero_counts():
    confusion = np.zeros((10, 10), np.int64)
    np.fill_diagonal(confusion, 30)
    confusion[3, 8] = 4
    spec = confusion_chart(confusion, "predicted digit", "true digit", "test digits")
    cells = {(v["true"], v["pred"]): v["count"] for v in spec["datasets"][spec["data"]["name"]]}
    assert len(cells) == 100 and cells[(3, 8)] == 4 and cells[(5, 5)] == 30 and sum(cells.values()) == 304
    heat, text = spec["layer"]
    assert heat["encoding"]["color"]["scale"]["domain"] == [0, 30]
    assert text["transform"] == [{"filter": "datum.count > 0"}]          # no "0" in the empty cells
    assert text["encoding"]["color"]["condition"]["test"] == "datum.count > 15.0"  # white on dark blue
    assert spec["encoding"]["x"]["title"] == "predicted digit" and spec["encoding"]["y"]["title"] == "true digit"


def test_an_empty_confusion_matrix_still_has_a_colour_scale():
    spec = confusion_chart(np.zeros((10, 10), np.int64), "p", "t", "n")
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == [0, 1]


def test_the_probability_chart_shows_percent_per_digit():
    probabilities = np.full(10, 0.02)
    probabilities[7] = 0.82
    spec = digit_probabilities_chart(probabilities, "title", "digit", "%")
    values = spec["datasets"][spec["data"]["name"]]
    assert [v["digit"] for v in values] == [str(d) for d in range(10)]
    assert abs(values[7]["percent"] - 82) < 1e-9 and spec["encoding"]["y"]["scale"]["domain"] == [0, 100]
    assert spec["title"] == "title" and spec["encoding"]["x"]["sort"] is None


# ---------------------------------------------------------------- the experiments' figures (matplotlib)

def fake_record(number: int, blocks: list[str], steps: int = 6, tests: int = 2):
    """A run record as the figures read it: curves with a gradient norm per block (larger near the output)."""
    from googlenet.digits import RunCurves, StepReport, TrainConfig

    curves = RunCurves()
    for i in range(1, steps + 1):
        test = 0.5 if i % (steps // tests) == 0 else None
        curves.add(StepReport(i, steps, 1, 2.0 / i, 2.0 / i, (), 0.5,
                              {name: 10.0 ** (k - len(blocks)) for k, name in enumerate(blocks)}, float(i), test))

    class Record:
        pass

    rec = Record()
    rec.number, rec.config, rec.curves = number, TrainConfig(), curves
    return rec


def test_the_gradient_series_figure_puts_runs_side_by_side_on_one_log_axis():
    from ui.charts_training import grad_series_figure

    blocks = ["stem", "inception1", "inception2", "fc"]
    fig = grad_series_figure([("with", fake_record(1, blocks)), ("without", fake_record(2, blocks))])
    left, right = fig.axes[:2]
    assert left.get_yscale() == "log" and left.get_shared_y_axes().joined(left, right)
    assert [ax.get_title() for ax in (left, right)] == ["with", "without"]
    assert len(left.get_lines()) == len(right.get_lines()) == len(blocks)
    legend = right.get_legend()
    assert [text.get_text() for text in legend.get_texts()] == blocks        # input first, beside the last panel
    assert np.allclose(left.get_lines()[0].get_ydata(), 1e-4)               # the first block's own norms


def test_the_experiment_figure_draws_each_run_and_the_floor():
    from ui.charts_training import experiment_figure

    runs = [("#1 right", fake_record(1, ["stem", "fc"])), ("#2 bug", fake_record(2, ["stem", "fc"]))]
    fig = experiment_figure(runs, floor=1.461, floor_label="floor")
    loss, accuracy = fig.axes
    labels = [line.get_label() for line in loss.get_lines()]
    assert labels == ["#1 right", "#2 bug", "floor"] and loss.get_yscale() == "log"
    assert list(loss.get_lines()[2].get_ydata()) == [1.461, 1.461]
    assert [len(line.get_xdata()) for line in accuracy.get_lines()] == [2, 2]   # the test accuracy per epoch
