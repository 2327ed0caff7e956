"""Every view is a link, through app.py as a browser opens it: a link with state opens that view (both
languages), the address follows the widgets, and a copied address reproduces the view in a fresh session."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import APP, assert_clean, goto, open_app, rerun
from googlenet.i18n import set_language, t


def open_link(page: str, lang: str, **params) -> AppTest:
    """A fresh browser opening /<page>?lang=..&<params>: a new session, the page straight away."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update(lang=lang, **{k: str(v) for k, v in params.items()})
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    set_language(lang)
    assert_clean(at)
    return at


def toasts(at: AppTest) -> list[str]:
    return [x.value for x in at.toast]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_architecture_link_opens_its_view(lang):
    at = open_link("architecture", lang, variant="torchvision", size=288, layer="inception4c")
    assert at.radio(key="arch_variant").value == "torchvision"
    assert at.slider(key="arch_size").value == 288
    assert at.selectbox(key="arch_layer").value == "inception4c"
    assert at.title[0].value == t("nav.architecture")
    assert not toasts(at)
    # what the page computes is the view the link names: 288 x 288 in the totals' title
    assert any(t("arch.totals.title", size=288) == h.value for h in at.subheader)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_address_follows_widgets_and_reproduces_the_view(lang):
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    at.selectbox(key="lab_preset").set_value("params_example")
    rerun(at)
    at.text_input(key="lab_n5x5").input("48")
    rerun(at)
    at.selectbox(key="lab_formula_branch").set_value("branch2")
    rerun(at)
    address = dict(at.query_params)
    assert address["preset"] == "params_example" and address["n5x5"] == "48" and address["branch"] == "branch2"
    assert address["lang"] == lang

    copy = open_link("inception_lab", lang, **{k: v for k, v in address.items() if k != "lang"})
    assert copy.selectbox(key="lab_preset").value == "params_example"
    assert copy.text_input(key="lab_n5x5").value == "48" and copy.text_input(key="lab_in_ch").value == "512"
    assert copy.selectbox(key="lab_formula_branch").value == "branch2"
    same = lambda a: {m.label: m.value for m in a.metric}   # noqa: E731
    assert same(copy) == same(at)                            # the same numbers on screen


def test_feature_maps_link_block_branch_channel():
    """The issue's own example: "Inception 4c, branch 3, channel 12 of this photo"."""
    at = open_link("feature_maps", "en", block="inception4c", branch="branch3", channel=12, top=9, norm="shared")
    assert at.selectbox(key="fm_block").value == "inception4c"
    assert at.selectbox(key="fm_branch").value == "branch3"
    assert at.slider(key="fm_channel_inception4c_branch3").value == 12
    assert at.select_slider(key="fm_topk").value == 9 and at.radio(key="fm_norm").value == "shared"
    assert at.query_params["channel"] == "12" and at.query_params["block"] == "inception4c"


def test_history_spot_the_bug_glossary_links():
    at = open_link("history", "zh", h=32, k=3, s=1, p=1)
    assert [at.number_input(key=f"hist_{f}").value for f in "hksp"] == [32, 3, 1, 1]
    at = open_link("spot_the_bug", "en", puzzle="softmax")
    assert at.radio(key="bug_puzzle").value == "softmax"
    at = open_link("glossary", "en", q="pooling")
    assert at.text_input(key="glossary_query").value == "pooling"


def test_session_choices_kept_between_pages_with_links():
    """Moving between pages keeps a session's choices as before; the address shows the open page's only."""
    at = goto(open_app("en"), "app_pages/architecture.py")
    at.radio(key="arch_variant").set_value("torchvision")
    rerun(at)
    goto(at, "app_pages/history.py")
    assert "variant" not in at.query_params
    goto(at, "app_pages/architecture.py")
    assert at.radio(key="arch_variant").value == "torchvision" and at.query_params["variant"] == "torchvision"


def class_choice(at: AppTest):
    return next(s for s in at.selectbox if s.key and s.key.startswith("cam_class_"))


def test_gradcam_link_names_the_class(with_weights):
    """"Where did it look for class 281?": the class travels too, as `label` (`class` is the classroom's code;
    any=1: one outside the picture's top 5), and a class link reaches the page untouched."""
    at = open_link("gradcam", "en", block="inception4e", any=1, label=281)
    assert class_choice(at).value == 281 and at.selectbox(key="cam_block").value == "inception4e"
    assert at.query_params["label"] == "281" and not toasts(at)
    class_choice(at).set_value(282)
    at.run()
    assert at.query_params["label"] == "282"
    at = open_link("gradcam", "zh", label=5000)
    assert toasts(at) == [t("url.bad", lang="zh", values="label=5000")]
    assert at.query_params["label"] == str(class_choice(at).value)   # the picture's best guess
    at = open_link("gradcam", "en", label=281, any=1, **{"class": "K7QXM3PA"})   # a class link: both kept
    assert class_choice(at).value == 281 and at.query_params["class"] == "K7QXM3PA"
    assert not any(t("url.bad", lang="en", values="").split("{")[0][:12] in x for x in toasts(at))
