"""The app shell through its entry point: home page, sidebar, language switch, weights status."""
from __future__ import annotations

import pytest

from apptest_helpers import assert_shows, choose_language, diagram_text, goto, open_app, rerun, visible_text
from googlenet.i18n import t
from ui.nav import available_pages


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_page(lang, without_weights):
    at = open_app(lang)
    assert at.title[0].value == t("home.title", lang=lang)
    labels = [m.label for m in at.metric]
    assert t("home.metric.top5", lang=lang) in labels
    assert_shows(at, t("home.metric.top5.delta", lang=lang, models=7, crops=144))   # the headline's context
    assert "6.67%" in [m.value for m in at.metric]
    assert_shows(at, "22", "~6.8M", t("home.metric.params.delta", lang=lang, alexnet_m="60M"))
    # Weights status with the one command that fetches them.
    assert_shows(at, t("common.weights_missing", lang=lang), "python -m googlenet.weights download")
    # The network diagram is built from INCEPTION_CONFIG, not a picture.
    words = diagram_text(at)
    assert "Inception 3a" in words and "Inception 5b" in words and "aux2" in words
    assert "7 x 7 x 1024" in words
    # The guided path links every other page; one more link opens "The numbers, reconciled".
    links = [p.proto.label for p in at.get("page_link")]
    assert links.count(t("reconciled.link", lang=lang)) == 1
    assert len(links) - 1 == len(available_pages()) - 1


def test_home_diagram_switches_variant(without_weights):
    at = open_app("en")
    assert "LRN" in diagram_text(at)
    radio = next(r for r in at.radio if r.label == t("home.diagram.variant", lang="en"))
    radio.set_value("torchvision")
    rerun(at)
    assert "LRN" not in diagram_text(at)


def test_language_switch_is_remembered_across_pages(without_weights):
    at = open_app("zh")
    assert at.title[0].value == t("home.title", lang="zh")
    choose_language(at, "en")
    assert at.title[0].value == t("home.title", lang="en")
    others = [p for p in available_pages() if p.path != "app_pages/home.py"]
    if others:
        goto(at, others[0].path)
        assert at.session_state["lang"] == "en"


def test_weights_found_status(with_weights):
    at = open_app("en")
    assert_shows(at, t("common.weights_found", lang="en", path=with_weights.name))
    assert "python -m googlenet.weights download" not in visible_text(at)


def test_the_shipped_config_runs_no_file_watcher():
    """A classroom server does no work nobody asked for: no development file watcher, no reload on save, no full
    garbage collection after every rerun."""
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text())
    assert config["server"]["fileWatcherType"] == "none" and config["server"]["runOnSave"] is False
    assert config["runner"]["postScriptGC"] is False
