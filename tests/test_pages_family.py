"""The CNN family page through app.py, both languages: the claims it makes are the ones its own numbers support
(chart neighbours by quadrant, fully connected shares, ResNet's degradation, MobileNet v1 counted)."""
from __future__ import annotations

import pytest

from apptest_helpers import assert_clean, assert_shows, goto, open_app, visible_text
from googlenet import mobilenet_v1
from googlenet.family import RESNET_TABLE2_TOP1_ERROR, chart_neighbours, member
from googlenet.i18n import t

PAGE = "app_pages/family.py"


@pytest.fixture(scope="module", params=["zh", "en"])
def page(request):
    return goto(open_app(request.param), PAGE), request.param


def test_chart_caption_follows_the_chart(page):
    at, lang = page
    text = visible_text(at)
    groups = chart_neighbours("googlenet")
    for quadrant, members in groups.items():
        points = t("familypage.chart.sep", lang=lang).join(t("familypage.chart.point", lang=lang, name=m.name, gflops=m.gflops, top1=m.top1)
                           for m in members)
        assert t(f"familypage.chart.{quadrant}", lang=lang, names=points) in text
    # The old caption's claim is gone: ResNet and MobileNet did not move "in the same direction".
    assert "same direction" not in text and "同一方向" not in text
    r18 = member("resnet18")
    assert r18 in groups["costlier_worse"] and r18.gflops > member("googlenet").gflops


def test_fc_shares_and_headline_links(page):
    at, lang = page
    a, v, g = member("alexnet"), member("vgg16"), member("googlenet")
    split = t("familypage.split.caption", lang=lang, a_fc=a.fc_share, v_fc=v.fc_share, g_fc=g.fc_share,
              r_lo=member("resnet18").fc_share, r_hi=member("resnet50").fc_share,
              m_lo=member("mobilenet_v1").fc_share, m_hi=member("mobilenet_v3_large").fc_share,
              m_fc_lo=member("mobilenet_v1").fc_params / 1e6, m_fc_hi=member("mobilenet_v3_large").fc_params / 1e6)
    assert split in [c.value for c in at.caption] and "46%" in split and "24%" in split
    assert "nearly everything" not in visible_text(at) and "几乎所有参数" not in visible_text(at)
    metrics = {m.label: (m.value, m.proto.delta) for m in at.metric}
    assert metrics[t("familypage.why.metric.params", lang=lang)][0] == f"{g.params:,}"
    assert metrics[t("familypage.why.metric.alexnet", lang=lang)] == (
        f"{a.params:,}", t("familypage.why.delta", lang=lang, ratio=a.params / g.params))
    # a ratio, not a change: no arrow, no colour
    with_delta = [m for m in at.metric if m.proto.delta]
    assert len(with_delta) == 2
    for metric in with_delta:
        assert metric.proto.direction == metric.proto.NONE and metric.proto.color == metric.proto.GRAY
    assert visible_text(at).count(t("reconciled.link", lang=lang)) >= 2
    assert_shows(at, f"{v.params:,}", "102,760,448")


def test_resnet_and_mobilenet_v1_sections(page):
    at, lang = page
    frames = [d.value for d in at.dataframe]
    assert len(frames) == 3
    family, resnet, mnv1 = frames
    assert len(family) == 9 and "MobileNet v1" in list(family["name"])
    row = family.set_index("name").loc["MobileNet v1"]
    assert row["params"] == 4_231_976 and row["top1"] == 70.6 and row["top5"] == "—"   # not published
    assert family.set_index("name").loc["GoogLeNet", "top5"] == "89.5"
    assert list(resnet["plain"]) == [RESNET_TABLE2_TOP1_ERROR[("plain", d)] for d in (18, 34)]
    assert resnet["plain"].is_monotonic_increasing and resnet["resnet"].is_monotonic_decreasing
    assert len(mnv1) == len(mobilenet_v1.PAPER_RESULTS)
    first = mnv1.iloc[0]
    assert (first["params"], first["macs"], first["paper_macs_m"], first["paper_top1"]) == (4_210_088, 568_740_352,
                                                                                             569, 70.6)
    assert_shows(at, t("familypage.resnet.title", lang=lang), t("familypage.mnv1.title", lang=lang))
    assert_clean(at)
