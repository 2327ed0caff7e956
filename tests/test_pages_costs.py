"""The three "structure and cost" pages through the app's entry point, in both languages:
architecture explorer, Inception / 1x1 lab, CNN family."""
from __future__ import annotations

import pytest

from apptest_helpers import assert_shows, diagram_text, goto, open_app, rerun, visible_text
from googlenet import exercise, module_lab, onebyone
from googlenet.costs import PAPER_TOLERANCE_PCT
from googlenet.i18n import t

LANGS = ["zh", "en"]


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# ------------------------------------------------------------------ architecture explorer

@pytest.mark.parametrize("lang", LANGS)
def test_architecture_page(lang, without_weights):
    at = goto(open_app(lang), "app_pages/architecture.py")
    assert at.title[0].value == t("nav.architecture", lang=lang)
    # Totals of both variants, side by side.
    assert_shows(at, "6,998,552", "1,582,671,872", "6,624,904", "1,498,376,192")
    # Table 1 from the model, and the published numbers beside the computed ones (paper variant at 224).
    table = at.dataframe[0].value
    assert len(table) == 19 and table["params"].sum() == 6_998_552
    compare = at.dataframe[1].value
    assert list(compare["paper_params"])[:1] == [2.7]
    assert_shows(at, "9,472", "118,013,952", t("arch.differs.title", lang=lang))
    # The default pick is inception 3a: its four branches and the Inception source code.
    words = diagram_text(at)
    assert "192 -> 16" in words and "5x5" in words
    assert t("arch.diagram.label.concat", lang=lang) in words
    assert "class Inception" in at.code[0].value
    assert metric_values(at)[t("arch.pick.params", lang=lang)] == "163,696"

    # torchvision variant: other totals of the selected layer, 3x3 in branch 3, no published numbers.
    at.radio(key="arch_variant").set_value("torchvision")
    rerun(at)
    assert "3x3 " + t("arch.diagram.label.conv", lang=lang) + "\n16 -> 32" in diagram_text(at)
    assert_shows(at, t("arch.paper.only", lang=lang, variant=t("arch.variant.torchvision", lang=lang), size=224))
    assert len(at.dataframe) == 1

    # A bigger input: shapes and multiply-adds change, parameters do not.
    at.slider(key="arch_size").set_value(320)
    rerun(at)
    table = at.dataframe[0].value
    assert table["output"].iloc[0] == "160×160×64"
    assert table["params"].sum() == 6_624_904
    text = visible_text(at)
    assert "1,498,376,192" not in text and "6,624,904" in text
    assert t("arch.size.path", lang=lang, size=320, path="**320** → **160** → **80** → **40** → **20** → **10** → "
             "**10** → **1**") in text

    # Another block, a convolution, an auxiliary head.
    at.selectbox(key="arch_layer").set_value("inception5b")
    rerun(at)
    assert "832 -> 384" in diagram_text(at)
    at.selectbox(key="arch_layer").set_value("conv1")
    rerun(at)
    assert "class ConvBlock" in at.code[0].value
    assert_shows(at, t("arch.pick.conv", lang=lang, k=7, s=2, cin=3, cout=64,
                       after=t("arch.pick.conv.after.tv", lang=lang)))
    at.radio(key="arch_variant").set_value("paper")
    at.selectbox(key="arch_layer").set_value("aux1")
    rerun(at)
    assert "class AuxClassifier" in at.code[0].value
    assert at.warning, "the paper's fixed aux pool does not fit at 320"


def test_architecture_torchinfo_summary_is_lazy(without_weights):
    at = goto(open_app("en"), "app_pages/architecture.py")
    assert not any("Total params" in c.value for c in at.code)
    at.session_state["arch_summary"] = True  # what opening the expander does (on_change="rerun")
    rerun(at)
    assert any("Total params: 6,998,552" in c.value for c in at.code)


# ------------------------------------------------------------------ Inception / 1x1 lab

@pytest.mark.parametrize("lang", LANGS)
def test_inception_lab_page(lang, without_weights):
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    assert at.title[0].value == t("nav.inception_lab", lang=lang)
    # Another preset first, then the worked example of the articles.
    at.selectbox(key="lab_preset").set_value("inception4e")
    rerun(at)
    assert at.text_input(key="lab_in_ch").value == "528" and at.text_input(key="lab_size").value == "14"
    at.selectbox(key="lab_preset").set_value(module_lab.WORKED_EXAMPLE)
    rerun(at)
    assert_shows(at, "120,422,400", "12,443,648", "12,433,648")  # the slip is shown as a slip
    latex = [m.value for m in at.latex]
    assert any(r"5^2 \times 28^2 \times 192 \times 32 = 120{,}422{,}400" in x for x in latex)
    assert any("12{,}443{,}648" in x for x in latex)
    ratios = list(at.dataframe[0].value["ratio"])
    assert ratios[2] == "9.68×" and ratios[3] == "—"   # the naive pool branch has no weights: no ratio

    # The real module agrees with the formulas.
    at.button(key="lab_verify").click()
    rerun(at)
    assert [s.value for s in at.success] == [t("lab.verify.ok", lang=lang)]
    assert_shows(at, "(1, 256, 28, 28)", "163,696")

    # Change one number: everything follows (and the old verification no longer applies).
    at.text_input(key="lab_n5x5_reduce").input("48")
    rerun(at)
    assert_shows(at, str(f"{192 * 48 * 784 + 25 * 48 * 32 * 784:,}"))
    assert not at.success

    # The 1x1 demo shows both computations and their tiny difference.
    demo = onebyone.one_by_one_demo()
    assert_shows(at, t("lab.onebyone.diff", lang=lang, diff=demo.max_diff))


@pytest.mark.parametrize("lang", LANGS)
def test_inception_lab_exercise(lang, without_weights):
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    ex = exercise.make_exercise(at.session_state["lab_ex_seed"])
    # Wrong first: feedback and the worked solution.
    at.text_input(key="lab_ex_answer").input(str(ex.answer + 1))
    at.button(key="lab_ex_check").click()
    rerun(at)
    assert len(at.error) == 1 and not [s for s in at.success if s.value.startswith(t("lab.ex.right", lang=lang,
                                                                                      answer=ex.answer)[:3])]
    assert any(ex.solution in m.value for m in at.latex)
    # Then right.
    at.text_input(key="lab_ex_answer").input(f"{ex.answer:,}")
    at.button(key="lab_ex_check").click()
    rerun(at)
    assert t("lab.ex.right", lang=lang, answer=ex.answer) in [s.value for s in at.success]
    assert not at.error
    # A new exercise clears the answer and the verdict.
    at.button(key="lab_ex_new").click()
    rerun(at)
    assert at.text_input(key="lab_ex_answer").value == ""
    assert not at.error and t("lab.ex.right", lang=lang, answer=ex.answer) not in [s.value for s in at.success]


# ------------------------------------------------------------------ CNN family

@pytest.mark.parametrize("lang", LANGS)
def test_family_page(lang, without_weights):
    at = goto(open_app(lang), "app_pages/family.py")
    assert at.title[0].value == t("nav.family", lang=lang)
    table = at.dataframe[0].value
    assert len(table) == 9
    assert list(table["name"]) == ["AlexNet", "VGG-16", "GoogLeNet", "Inception v3", "ResNet-18", "ResNet-50",
                                   "MobileNet v1", "MobileNet v2", "MobileNet v3 (large)"]
    assert table.set_index("name").loc["GoogLeNet", "params"] == 6_624_904
    assert table.set_index("name").loc["MobileNet v1", "params"] == 4_231_976
    assert table.set_index("name").loc["GoogLeNet", "idea"] == t("family.idea.googlenet", lang=lang)
    assert_shows(at, "6,624,904", "61,100,840", "138,357,544")
    assert len(at.image) == 2  # the scatter chart and the stacked bars
    assert len(at.dataframe) == 3  # the family, ResNet's Table 2, MobileNet v1 counted


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("bad", ["0", "-5", "99999", "", "abc"])
def test_inception_lab_refuses_an_invalid_field_visibly(lang, bad, without_weights):
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    before = metric_values(at)[t("lab.metric.bottleneck", lang=lang)]
    at.text_input(key="lab_size").input(bad)
    rerun(at)
    # The field keeps what was typed, an error names it and its range, and nothing is computed from an old value.
    assert at.text_input(key="lab_size").value == bad
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and t("lab.in.size", lang=lang) in errors[0] and "112" in errors[0]
    assert_shows(at, t("lab.error.nothing_computed", lang=lang))
    assert t("lab.metric.bottleneck", lang=lang) not in metric_values(at) and before not in visible_text(at)
    assert not at.dataframe and not at.get("vega_lite_chart")
    # Fixing the field brings everything back, for exactly the numbers shown.
    at.text_input(key="lab_size").input("14")
    rerun(at)
    assert not at.error
    assert metric_values(at)[t("lab.metric.bottleneck", lang=lang)] == f"{128_049_152 // 4:,}"


@pytest.mark.parametrize("lang", LANGS)
def test_inception_lab_reset_to_the_same_preset(lang, without_weights):
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    assert at.button(key="lab_reset").disabled  # nothing edited yet
    at.text_input(key="lab_n5x5").input("64")
    at.text_input(key="lab_in_ch").input("0")
    rerun(at)
    assert not at.button(key="lab_reset").disabled
    # Choosing the preset that is already selected changes nothing (no on_change): the button does the reset.
    at.selectbox(key="lab_preset").set_value(module_lab.WORKED_EXAMPLE)
    rerun(at)
    assert at.text_input(key="lab_n5x5").value == "64"
    at.button(key="lab_reset").click()
    rerun(at)
    assert at.text_input(key="lab_n5x5").value == "32" and at.text_input(key="lab_in_ch").value == "192"
    assert at.button(key="lab_reset").disabled and not at.error
    assert_shows(at, "128,049,152")


@pytest.mark.parametrize("lang", LANGS)
def test_inception_lab_exercise_judges_what_the_field_shows(lang, without_weights):
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    ex = exercise.make_exercise(at.session_state["lab_ex_seed"])
    # First the right answer, checked; then a huge one: the verdict is about the huge one, not the previous.
    at.text_input(key="lab_ex_answer").input(str(ex.answer))
    at.button(key="lab_ex_check").click()
    rerun(at)
    assert [s.value for s in at.success] == [t("lab.ex.right", lang=lang, answer=ex.answer)]
    huge = "9" * 30
    at.text_input(key="lab_ex_answer").input(huge)
    at.button(key="lab_ex_check").click()
    rerun(at)
    assert [e.value for e in at.error] == [t("lab.ex.too_big", lang=lang, value=int(huge))]
    assert not at.success
    # Typing something else without checking again withdraws the verdict instead of keeping a stale one.
    at.text_input(key="lab_ex_answer").input(str(ex.answer))
    rerun(at)
    assert not at.error and not at.success
    # Not a number: said so, and no verdict.
    at.text_input(key="lab_ex_answer").input("twelve")
    at.button(key="lab_ex_check").click()
    rerun(at)
    assert [w.value for w in at.main.warning] == [t("lab.ex.not_a_number", lang=lang, text="twelve")]
    assert not at.error and not at.success


@pytest.mark.parametrize("lang", LANGS)
def test_architecture_explains_the_paper_differences_with_one_tolerance(lang, without_weights):
    at = goto(open_app(lang), "app_pages/architecture.py")
    text = visible_text(at)
    assert t("arch.paper.caption", lang=lang, tol=f"{PAPER_TOLERANCE_PCT:g}") in text
    assert "inception (4c)" in text and "inception (5a)" in text
    assert "costs." not in text and "paper_mismatches" not in text and "10%" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_inception_lab_says_when_the_reductions_cost_more(lang, without_weights):
    """All channel numbers 1: the 1x1 layers add more work than they save, and the metric says so."""
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    for field in module_lab.LAB_FIELDS:
        at.text_input(key=f"lab_{field}").input("1")
    rerun(at)
    metrics = {m.label: m.value for m in at.metric}
    assert t("lab.metric.ratio", lang=lang) not in metrics
    assert metrics[t("lab.metric.ratio.costlier", lang=lang)] == t("lab.metric.ratio.costlier.value", lang=lang,
                                                                    ratio=38 / 35)   # 38 vs 35 multiply-adds
