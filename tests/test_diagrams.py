"""Diagrams are laid out on the server (Graphviz → SVG) and fall back to the browser's layout without Graphviz."""
from __future__ import annotations

import graphviz
import pytest

from apptest_helpers import diagram_text, goto, open_app
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
