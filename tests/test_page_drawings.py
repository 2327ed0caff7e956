"""Drawings the browser gets ready-made or cheap: diagrams laid out on the server (Graphviz → SVG, the browser's layout
without Graphviz) and cost charts as Vega-Lite specs holding the model's numbers."""
from __future__ import annotations

import graphviz
import pytest

from apptest_helpers import diagram_text, goto, open_app, rerun, vega_charts
from googlenet.diagrams import network_dot
from ui import diagrams


def test_the_svg_holds_every_box_of_the_network():
    diagrams.diagram_svg.clear()
    svg = diagrams.diagram_svg(network_dot("paper"))
    assert svg.startswith("<svg")
    for name in ("Inception 3a", "Inception 5b", "LRN", "7 x 7 x 1024"):
        assert name in svg


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pages_show_server_drawn_diagrams(without_weights, lang):
    at = open_app(lang)
    assert not at.get("graphviz_chart")
    assert "Inception 3a" in diagram_text(at)
    goto(at, "app_pages/architecture.py")
    assert not at.get("graphviz_chart")
    assert "192 -> 16" in diagram_text(at)


def test_without_graphviz_the_browser_lays_the_graph_out(without_weights, monkeypatch):
    def missing(*args, **kwargs):
        raise graphviz.ExecutableNotFound(("dot",))

    monkeypatch.setattr(graphviz.Source, "pipe", missing)
    diagrams.diagram_svg.clear()
    try:
        at = open_app("en")
        assert "Inception 5b" in at.get("graphviz_chart")[0].proto.spec
        assert "Inception 5b" in diagram_text(at)
    finally:
        diagrams.diagram_svg.clear()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cost_charts_are_vega_lite_with_the_models_numbers(without_weights, lang):
    """The layer-share and per-branch charts are drawn by the browser from the computed numbers (hover values)."""
    from googlenet.i18n import t

    at = open_app(lang)
    goto(at, "app_pages/architecture.py")
    (params_spec, params), (macs_spec, macs) = vega_charts(at)
    chosen = params[params["chosen"]]
    assert list(chosen["layer"]) == ["Inception 3a"] and round(float(chosen["share"].iloc[0]), 3) == 0.023
    assert round(float(macs[macs["chosen"]]["share"].iloc[0]), 3) == 0.081
    assert t("arch.chart.params", lang=lang) in str(params_spec) and t("arch.chart.macs", lang=lang) in str(macs_spec)
    at.selectbox(key="arch_layer").set_value("inception5b")
    rerun(at)
    assert list(vega_charts(at)[0][1].query("chosen")["layer"]) == ["Inception 5b"]

    goto(at, "app_pages/inception_lab.py")   # the worked example: 192 -> 32 channels with 5x5 filters at 28x28
    (_, params), (macs_spec, macs) = vega_charts(at)
    naive, reduced = t("lab.chart.naive", lang=lang), t("lab.chart.bottleneck", lang=lang)
    branch3 = macs[macs["branch"].str.contains("5×5")].set_index("design")["value"]
    assert branch3[naive] == 120_422_400 and branch3[reduced] == 12_443_648
    assert t("lab.chart.macs", lang=lang) in str(macs_spec)
