"""The home page through app.py, both languages: honest headline metrics, "The numbers, reconciled" with the
computed numbers, opened at the top when the address asks for it (?section=numbers, ui.reconciled)."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import APP, TEXT_ATTRS, _walk, assert_clean, assert_shows, visible_text
from googlenet import headline_numbers as hn
from googlenet.i18n import set_language, t

NUMBERS = ["6.67%", "10.07%", "10.47", "89.53", "6,797,700", "6,960,845", "6,998,552", "6,624,904", "13,004,888",
           "1,582,671,872", "1,498,376,192", "1.498", "61,100,840", "9.2", "8.7", "8.8", "9.68", "2.37×", "5.06×",
           "118,013,952", "9,472"]


def open_home(lang: str, section: str | None = None) -> AppTest:
    """The app as a link opens it: /?lang=..&section=.. (reconciled_link adds both)."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    if section:
        at.query_params["section"] = section
    set_language(lang)
    at.run()
    assert_clean(at)
    return at


def no_colour_no_arrow(metric) -> bool:
    from streamlit.proto.Metric_pb2 import Metric

    return (Metric.MetricColor.Name(metric.proto.color), Metric.MetricDirection.Name(metric.proto.direction)) == \
        ("GRAY", "NONE")


def reading_order(at: AppTest) -> list[str]:
    """Headings, expanders and markdown of the main area in the order a reader meets them."""
    out = []

    def walk(node):
        kind = getattr(node, "type", "")
        if kind == "expander":
            out.append("expander:" + node.label)
        elif kind in ("markdown", "title"):
            out.append(node.value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return out


def expander(at: AppTest, lang: str):
    return next(e for e in at.expander if e.label == t("reconciled.title", lang=lang))


def text_of(node) -> str:
    """visible_text for one part of the page."""
    parts = []
    for n in _walk(node):
        for attr in TEXT_ATTRS:
            value = getattr(n, attr, None) if attr != "value" or n.type in ("markdown", "caption") else None
            if isinstance(value, str):
                parts.append(value)
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_metrics_say_what_they_count(lang, without_weights):
    at = open_home(lang)
    metrics = {m.label: m for m in at.metric}
    top5 = metrics[t("home.metric.top5", lang=lang)]
    assert top5.value == "6.67%"
    assert top5.proto.delta == t("home.metric.top5.delta", lang=lang, models=7, crops=144)
    assert no_colour_no_arrow(top5)   # the delta says what is counted: it is not a change
    assert "10.07%" in top5.proto.help
    params = metrics[t("home.metric.params", lang=lang)]
    assert params.value == "~6.8M"
    assert params.proto.delta == t("home.metric.params.delta", lang=lang, alexnet_m="60M")
    assert no_colour_no_arrow(params)
    layers = metrics[t("home.metric.layers", lang=lang)]
    assert layers.value == "22" and "27" in layers.proto.help
    # The link to the reconciled numbers sits under the metrics.
    links = [p.proto for p in at.get("page_link")]
    reconciled = [p for p in links if p.label == t("reconciled.link", lang=lang)]
    assert len(reconciled) == 1 and "section=numbers" in reconciled[0].query_string


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_reconciled_section_collapsed_below_the_metrics(lang, without_weights):
    at = open_home(lang)
    section = expander(at, lang)
    assert not section.proto.expanded
    order = reading_order(at)
    assert order.index(t("home.intro", lang=lang)) < order.index("expander:" + t("reconciled.title", lang=lang))
    text = text_of(section)
    missing = [n for n in NUMBERS if n not in text]
    assert not missing, missing
    assert "{" not in text and "}" not in text   # every placeholder filled
    for column in ("top5.col.models", "col.source", "bottleneck.col.module"):   # its three kinds of table
        assert t(f"reconciled.{column}", lang=lang) in text
    assert_shows(at, t("reconciled.bottleneck.title", lang=lang), t("reconciled.alexnet.title", lang=lang, claim=12))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_link_lands_on_the_numbers(lang, without_weights):
    at = open_home(lang, section="numbers")
    section = expander(at, lang)
    assert section.proto.expanded
    order = reading_order(at)
    # First thing after the title: the reconciled numbers, before the subtitle and the introduction.
    assert order[0] == t("home.title", lang=lang)
    assert order[1] == "expander:" + t("reconciled.title", lang=lang)
    assert order.index(f"#### {t('home.subtitle', lang=lang)}") > 1
    assert "6,998,552" in text_of(section)


def test_the_numbers_are_kept_on_disk_between_runs(without_weights, monkeypatch):
    """The second run gets the section from the cache: headline_numbers.reconciled is not called again."""
    at = open_home("en")
    calls = []
    real = hn.reconciled
    monkeypatch.setattr(hn, "reconciled", lambda: calls.append(1) or real())
    at.run()
    assert_clean(at)
    assert calls == [] and "6,998,552" in text_of(expander(at, "en"))


def test_home_intro_claims(without_weights):
    """The corrected claims of the introduction, in both languages."""
    en, zh = t("home.intro", lang="en"), t("home.intro", lang="zh")
    assert "classification task" in en and "分类任务" in zh
    assert "concatenated" in en and "拼接" in zh
    assert "used only in training" in en and "只在训练时使用" in zh
    assert "regularis" in en and "正则化" in zh
    assert "one linear layer remains" in en and "只保留一个全连接层" in zh
