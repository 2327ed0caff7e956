"""Links that cannot be followed: unknown or out-of-range values fall back to the default with a short notice
in the session's language, never an exception; the "link to this view" control; the presentation view's link."""
from __future__ import annotations

import pytest

from apptest_helpers import assert_shows, rerun
from googlenet.i18n import t
from test_pages_links import open_link, toasts
from ui import url_state


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_values_fall_back_with_a_notice(lang):
    at = open_link("architecture", lang, variant="vgg", size="abc", layer="inception9z")
    assert at.radio(key="arch_variant").value == "paper" and at.slider(key="arch_size").value == 224
    assert at.selectbox(key="arch_layer").value == "inception3a"
    [notice] = toasts(at)
    assert notice == t("url.bad", lang=lang, values="variant=vgg, size=abc, layer=inception9z")
    assert at.query_params["variant"] == "paper" and at.query_params["size"] == "224"   # the address is mended


def test_out_of_range_and_hand_edited_values():
    at = open_link("history", "zh", h="-5", k="3.5", s="2", p="99")
    assert at.number_input(key="hist_h").value == 224 and at.number_input(key="hist_k").value == 7   # defaults
    assert at.number_input(key="hist_s").value == 2                                                  # kept
    assert toasts(at) == [t("url.bad", lang="zh", values="h=-5, k=3.5, p=99")]


def test_unknown_lesson_in_a_link():
    at = open_link("architecture", "en", lesson="no_such_lesson", step="2")
    assert toasts(at) == [t("lesson.bad_link", lang="en", lesson="no_such_lesson", step="2")]
    assert "lesson" not in at.query_params and not at.get("lesson_bar")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_link_to_this_view(lang):
    at = open_link("architecture", lang, variant="torchvision")
    at.session_state["class_code"] = "K7QX2M"      # a tab that belongs to a class (ui/classroom_link.py)
    at.sidebar.button(key="url_share").click()
    rerun(at)
    [code] = [c.value for c in at.sidebar.code if c.value.startswith("http")]
    assert code.startswith("http://localhost:8501/architecture?") and "variant=torchvision" in code
    assert f"lang={lang}" in code and "layer=inception3a" in code and "class=K7QX2M" in code
    captions = [i.caption for e in at.sidebar if type(e).__name__ == "Image" for i in e.proto.imgs]
    assert captions == [t("url.share.qr", lang=lang)]          # its QR code beside it (tests/test_qr.py reads one)


def test_invalid_lists_what_a_page_refuses():
    assert url_state.invalid("architecture", {"variant": "torchvision", "size": "256"}) == []
    assert url_state.invalid("architecture", {"colour": "red", "size": "250"}) == ["colour", "size=250"]
    assert url_state.invalid("feature_maps", {"block": "conv1", "channel": "63"}) == []
    assert url_state.invalid("feature_maps", {"block": "conv1", "channel": "64"}) == ["channel=64"]
    assert url_state.invalid("ablation", {"off": "branch2,branch4", "scan": "1"}) == []
    assert url_state.invalid("ablation", {"off": "branch5"}) == ["off=branch5"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_presentation_view_from_a_link(lang):
    at = open_link("architecture", lang, present=1)
    assert at.session_state["present"] and at.query_params["present"] == "1"
    styles = [h.proto.body for h in at.get("html")]
    assert any("font-size" in s and "stSidebar" in s for s in styles)
    assert_shows(at, t("present.exit", lang=lang))
    at.button(key="present_exit").click()
    rerun(at)
    assert not at.session_state["present"] and "present" not in at.query_params
    assert not any("stSidebar" in h.proto.body for h in at.get("html"))


GARBAGE = ("", " ", "-1", "1e309", "nan", "inf", "９９９９", "0x10", "true;drop", "%00", "a" * 500, "inception9z",
           "branch5", "999999999999999999999")


def test_hand_edited_garbage_is_refused_never_raised():
    """Every choice of every page, given nonsense: refused by name (the page then shows its default), no exception."""
    from ui.nav import available_pages

    for info in available_pages():
        link = url_state.link_of(info.url_path)
        for param in link.params:
            for text in GARBAGE:
                if param.name == "q" or (param.name == "off" and text in ("", " ")):
                    continue   # a search may be any text; "off=" switches nothing off
                if param.name in url_state.link_of("inception_lab").names() and text == "９９９９":
                    continue   # full-width digits are digits
                assert url_state.invalid(info.url_path, {param.name: text}) == [f"{param.name}={text}"], \
                    (info.url_path, param.name, text)


def test_a_bad_language_or_presentation_value():
    at = open_link("glossary", "en", present="yes")
    assert not at.session_state["present"] and toasts(at) == [t("url.bad", lang="en", values="present=yes")]
    at = open_link("glossary", "fr")   # a browser without a known locale: Chinese, and a notice in Chinese
    assert at.session_state["lang"] == "zh" and at.query_params["lang"] == "zh"
    assert toasts(at) == [t("url.bad", lang="zh", values="lang=fr")]
