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
