"""Property tests for the structure-and-cost pages (Inception lab, architecture explorer, CNN family) and Home:
random but valid widget values, through the app's entry point, in both languages -> no exception, and the
numbers shown are the numbers of what the widgets show."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from apptest_helpers import assert_clean, choose_language, diagram_text, goto, open_app, rerun, visible_text
from googlenet import anatomy, module_lab
from googlenet.costs import layer_table
from googlenet.i18n import t

LAB, ARCH, FAMILY, HOME = ("app_pages/inception_lab.py", "app_pages/architecture.py", "app_pages/family.py",
                           "app_pages/home.py")
LANGS = hs.sampled_from(["en", "zh"])
PROPERTY = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def student():
    """One student's session for every draw of this module's tests: between draws they change language and
    move between the four pages, and every draw continues from where the previous one left the page."""
    at, where = open_app("en"), {"page": None}

    def on(page: str, lang: str):
        if where["page"] != page:
            goto(at, page)
            where["page"] = page
        return choose_language(at, lang)
    return on


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# ------------------------------------------------------------------ Inception lab

def field_text(field: str):
    """Mostly allowed numbers (as typed, sometimes with a thousands comma), now and then something refused."""
    low, high = module_lab.FIELD_LIMITS[field]
    allowed = hs.integers(low, high).flatmap(lambda n: hs.sampled_from([str(n), f"{n:,}"]))
    refused = hs.sampled_from(["0", "-5", str(high + 1), "99999", "", "abc", "1.5"])
    return hs.one_of(allowed, allowed, allowed, refused)


@PROPERTY
@given(lang=LANGS, preset=hs.sampled_from([None, *module_lab.lab_presets()]),
       texts=hs.fixed_dictionaries({f: field_text(f) for f in module_lab.LAB_FIELDS}),
       branch=hs.sampled_from(["branch1", "branch2", "branch3", "branch4"]))
def test_inception_lab_property(without_weights, student, lang, preset, texts, branch):
    at = student(LAB, lang)
    if preset is not None:
        at.selectbox(key="lab_preset").set_value(preset)
        rerun(at)
    for field, text in texts.items():
        at.text_input(key=f"lab_{field}").input(text)
    rerun(at)
    shown = {f: at.text_input(key=f"lab_{f}").value for f in module_lab.LAB_FIELDS}
    assert shown == texts
    cfg, problems = module_lab.read_fields(shown)
    metrics = metric_values(at)
    errors = [e.value for e in at.main.error]
    if cfg is None:  # each refused field is named, and nothing is computed
        assert len(errors) == len(problems) and t("lab.metric.naive", lang=lang) not in metrics
        assert all(t(f"lab.in.{p.field}", lang=lang) in e for p, e in zip(problems, errors))
        return
    assert not errors
    naive, reduced = cfg.cost(bottleneck=False)["total"], cfg.cost(bottleneck=True)["total"]
    assert metrics[t("lab.metric.naive", lang=lang)] == f"{naive.macs:,}"
    assert metrics[t("lab.metric.bottleneck", lang=lang)] == f"{reduced.macs:,}"
    table = at.dataframe[0].value
    assert list(table["macs_bottleneck"])[-1] == reduced.macs and list(table["params_naive"])[-1] == naive.params
    # The saving is the whole module's, and the branches' own ratios are named as branches'.
    ratio = naive.macs / reduced.macs
    key = ("lab.metric.ratio", "lab.metric.ratio.value") if ratio >= 1 else \
        ("lab.metric.ratio.costlier", "lab.metric.ratio.costlier.value")
    assert metrics[t(key[0], lang=lang)] == t(key[1], lang=lang, ratio=ratio if ratio >= 1 else 1 / ratio)
    assert t("lab.metric.branches", lang=lang, **{f"b{n}": cfg.saving(branch=f"branch{n}") for n in (1, 2, 3)}) \
        in visible_text(at)
    at.selectbox(key="lab_formula_branch").set_value(branch)
    rerun(at)
    label = t("lab.formula.bottleneck_value", lang=lang, branch=t(f"lab.branch.{branch}", lang=lang))
    assert metric_values(at)[label] == f"{cfg.cost(bottleneck=True)[branch].macs:,}"


# ------------------------------------------------------------------ architecture explorer

LAYERS = anatomy.layer_choices(layer_table("paper"))


@settings(PROPERTY, max_examples=15)   # each example a full page run (~1 s): the suite's time limit
@given(lang=LANGS, variant=hs.sampled_from(anatomy.VARIANTS), size=hs.sampled_from(range(96, 449, 32)),
       layer=hs.sampled_from(LAYERS), summary=hs.booleans())
def test_architecture_property(without_weights, student, lang, variant, size, layer, summary):
    at = student(ARCH, lang)
    at.radio(key="arch_variant").set_value(variant)
    at.slider(key="arch_size").set_value(size)
    at.selectbox(key="arch_layer").set_value(layer)
    rerun(at)
    at.session_state["arch_summary"] = summary  # what opening / closing the expander does
    rerun(at)
    focus = anatomy.focus(layer_table(variant, size), layer, variant, size)
    metrics = metric_values(at)
    assert metrics[t("arch.pick.params", lang=lang)] == f"{focus.params:,}"
    assert metrics[t("arch.pick.macs", lang=lang)] == f"{focus.macs:,}"
    assert at.dataframe[0].value["params"].sum() == sum(r.params for r in layer_table(variant, size))
    assert len(at.dataframe) == (2 if (variant, size) == ("paper", 224) else 1)
    assert any("Total params" in c.value for c in at.code) == summary
    if summary:  # the caption's difference is torchinfo's total minus the table's
        extra = anatomy.summary_extra_adds(variant, size)
        assert extra > 0 and t(f"arch.summary.extra.{variant}", lang=lang, extra=extra,
                               ours=sum(r.macs for r in layer_table(variant, size))) in visible_text(at)


# ------------------------------------------------------------------ CNN family and Home

@settings(PROPERTY, max_examples=20)
@given(lang=LANGS, before=hs.sampled_from([HOME, LAB, ARCH]))
def test_family_property(without_weights, student, lang, before):
    student(before, lang)
    at = student(FAMILY, lang)
    assert at.title[0].value == t("nav.family", lang=lang)
    assert len(at.dataframe[0].value) == 9 and len(at.image) == 2
    assert t("family.idea.googlenet", lang=lang) in list(at.dataframe[0].value["idea"])


@settings(PROPERTY, max_examples=20)
@given(lang=LANGS, variant=hs.sampled_from(["paper", "torchvision"]))
def test_home_property(without_weights, student, lang, variant):
    at = student(HOME, lang)
    at.radio(key="home_variant").set_value(variant)
    rerun(at)
    assert_clean(at)
    assert at.title[0].value == t("home.title", lang=lang)
    assert "Inception 5b" in diagram_text(at) and t("home.path.title", lang=lang) in visible_text(at)
