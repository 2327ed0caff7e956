"""The claims of the architecture explorer and the Inception / 1x1 lab, through app.py in both languages:
the numbers each sentence quotes are checked against independent counts (real nn.Conv2d weight tensors,
torchinfo, the paper's table file), savings say whether they are a branch's or the module's, layers carry the
model's names, and every headline number has the link to "The numbers, reconciled"."""
from __future__ import annotations

import csv

import pytest
import torch
from torch import nn

from apptest_helpers import assert_shows, goto, open_app, rerun, visible_text
from googlenet import module_lab
from googlenet.costs import PAPER_TABLE
from googlenet.i18n import t

LANGS = ["zh", "en"]


def weights(cin: int, cout: int, k: int) -> int:
    """Weights of a real convolution, biases left out: counted by PyTorch, not by our formulas."""
    return nn.Conv2d(cin, cout, k, bias=False).weight.numel()


def page_links(at) -> list[str]:
    return [p.proto.label for p in at.get("page_link")]


def expanders(at) -> dict[str, bool]:
    return {e.label: e.proto.expanded for e in at.expander}


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# ------------------------------------------------------------------ architecture explorer

@pytest.mark.parametrize("lang", LANGS)
def test_architecture_totals_against_the_papers_table(lang, without_weights):
    at = goto(open_app(lang), "app_pages/architecture.py")
    with PAPER_TABLE.open(newline="") as f:
        published = [row for row in csv.DictReader(f)]
    k = sum(float(r["paper_params_K"]) for r in published if r["paper_params_K"])
    ops = sum(float(r["paper_ops_M"]) for r in published if r["paper_ops_M"])
    assert round(k, 1) == 6797.7 and ops == 1502
    text = visible_text(at)
    assert t("arch.totals.published", lang=lang, k=k, params=6_960_845, ops=ops, budget=1_500_000_000, ours_params=6_998_552,
             ours_macs=1_582_671_872) in text
    assert round(k * 1024) == 6_960_845   # the "about 6.8M" of the column, counted in K = 1024
    # Three headline places (totals vs the paper, Table 1's differences, the totals at any size) link to the
    # reconciled numbers.
    assert page_links(at).count(t("reconciled.link", lang=lang)) == 3


@pytest.mark.parametrize("lang", LANGS)
def test_architecture_names_every_layer_as_the_model_does(lang, without_weights):
    at = goto(open_app(lang), "app_pages/architecture.py")
    types = list(at.dataframe[0].value["type"])
    for name in ("conv2 + conv3", "maxpool1", "maxpool4", "avgpool", "conv1", "fc"):
        assert any(f"（{name}）" in x or f"({name})" in x for x in types), name
    assert not any("pool1)" in x.replace("maxpool1", "") for x in types)
    assert_shows(at, t("arch.table.caption", lang=lang, variant=t("arch.variant.paper", lang=lang), size=224,
                       conv2=64, conv3=192))
    # The LRN sits after maxpool1 and after conv3 (the 3x3), as the paper variant's forward pass has it.
    assert_shows(at, t("arch.diff.norm.paper", lang=lang))
    assert "conv3" in t("arch.diff.norm.paper", lang=lang) and "conv 2" not in t("arch.diff.norm.paper", lang=lang)
    options = at.selectbox(key="arch_layer").options
    assert t("arch.layer.conv", lang=lang, name="conv2 + conv3") in options


@pytest.mark.parametrize("lang", LANGS)
def test_architecture_states_the_torchvision_differences(lang, without_weights):
    at = goto(open_app(lang), "app_pages/architecture.py")
    table = next(m.value for m in at.markdown if t("arch.differs.aspect", lang=lang) in m.value)
    for aspect in ("weights", "input", "norm", "branch3", "pools", "dropout", "aux"):
        for column in ("", ".paper", ".tv"):
            assert t(f"arch.diff.{aspect}{column}", lang=lang) in table, (aspect, column)
    en = t("arch.diff.weights.tv", lang="en")
    assert "TF-slim" in en and "eps 0.001" in en and "not from the Caffe model" in en
    assert "transform_input=True" in t("arch.diff.input.tv", lang="en")
    assert "p = 0.2" in t("arch.diff.dropout.tv", lang="en") and "p = 0.4" in t("arch.diff.dropout.paper", lang="en")
    assert "2×2" in t("arch.diff.pools.tv", lang="en") and "ceil_mode=True" in t("arch.diff.pools.tv", lang="en")
    # The numbers in that table are the model's.
    from googlenet.model import meta_model
    tv = meta_model("torchvision")
    assert tv.conv1.bn.eps == 0.001 and tv.dropout.p == 0.2 and tv.maxpool4.kernel_size == 2
    assert tv.inception3a.branch3[1].conv.kernel_size == (3, 3) and meta_model("paper").dropout.p == 0.4


@pytest.mark.parametrize("lang", LANGS)
def test_architecture_explains_table1_with_computed_numbers(lang, without_weights):
    at = goto(open_app(lang), "app_pages/architecture.py")
    explain = next(m.value for m in at.markdown if "conv1" in m.value and "9,408" in m.value)
    conv1 = nn.Conv2d(3, 64, 7, stride=2, padding=3)
    macs = conv1.weight.numel() * 112 * 112
    params = sum(p.numel() for p in conv1.parameters())
    for shown in (f"{conv1.weight.numel():,}", f"{params:,}", f"{macs:,}", f"{params / 1024:.2f}K",
                  f"{params / 1024 / 2.7:.1f}", f"{macs / 1e6 / 34:.1f}", "159K", "463K", "1072K", "54M"):
        assert shown in explain, shown
    assert f"{163_696 / 1024:.1f}K" in explain   # inception (3a) in the paper's K = 1024


@pytest.mark.parametrize("lang", LANGS)
def test_architecture_aux_head_claims(lang, without_weights):
    at = goto(open_app(lang), "app_pages/architecture.py")
    at.slider(key="arch_size").set_value(320)
    at.selectbox(key="arch_layer").set_value("aux1")
    rerun(at)
    # Not part of the totals: no "share of the network" for it.
    assert t("arch.pick.share", lang=lang) not in metric_values(at)
    sep = t("arch.list_sep", lang=lang)
    from torchvision.models.googlenet import InceptionAux   # torchvision's own head, an independent count
    head = InceptionAux(512, 1000)
    ch, features = head.conv.conv.out_channels, head.fc1.in_features
    assert (ch, features) == (128, 2048)
    assert [w.value for w in at.main.warning] == [t(
        "arch.pick.aux.nofit", lang=lang, size=320, tap="inception (4a)", side=4, ch=ch, features=features,
        hw=20, pooled=6, fits=f"224 × 224{sep}256 × 256")]
    # (20 - 5) // 3 + 1 = 6: the paper's fixed pool; a real AvgPool2d agrees.
    assert nn.AvgPool2d(5, stride=3)(torch.zeros(1, 1, 20, 20)).shape[-1] == 6


@pytest.mark.parametrize("lang", LANGS)
def test_architecture_torchinfo_caption_counts_the_difference(lang, without_weights):
    import torchinfo

    from googlenet.model import meta_model

    at = goto(open_app(lang), "app_pages/architecture.py")
    at.session_state["arch_summary"] = True
    rerun(at)
    stats = torchinfo.summary(meta_model("paper"), input_size=(1, 3, 224, 224), verbose=0, device="meta")
    extra = stats.total_mult_adds - 1_582_671_872
    assert_shows(at, t("arch.summary.extra.paper", lang=lang, extra=extra, ours=1_582_671_872))


# ------------------------------------------------------------------ Inception / 1x1 lab

@pytest.mark.parametrize("lang", LANGS)
def test_lab_saving_says_module_and_branch(lang, without_weights):
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    metrics = metric_values(at)
    module = 303_464_448 / 128_049_152   # inception (3a): naive / with 1x1 reductions, the whole module
    assert metrics[t("lab.metric.ratio", lang=lang)] == t("lab.metric.ratio.value", lang=lang, ratio=module)
    assert round(module, 1) == 2.4
    naive3, reduced3 = 25 * 28 * 28 * 192 * 32, 28 * 28 * 192 * 16 + 25 * 28 * 28 * 16 * 32
    naive2, reduced2 = 9 * 28 * 28 * 192 * 128, 28 * 28 * 192 * 96 + 9 * 28 * 28 * 96 * 128
    assert_shows(at, t("lab.metric.branches", lang=lang, b1=1.0, b2=naive2 / reduced2, b3=naive3 / reduced3))
    assert f"{naive3 / reduced3:.2f}" == "9.68"
    # The module saving, and each slip (a branch's saving beside its module's).
    assert page_links(at).count(t("reconciled.link", lang=lang)) == 3
    # The preset names the branch it is, and which block.
    assert t("lab.preset.worked_example", lang=lang, in_ch=192, size=28, out=32, block="Inception 3a") in \
        visible_text(at)


@pytest.mark.parametrize("lang", LANGS)
def test_lab_worked_example_slip_is_computed(lang, without_weights):
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    shown = expanders(at)
    assert shown[t("lab.slip.worked_example.title", lang=lang)] is True
    assert shown[t("lab.slip.params_example.title", lang=lang)] is False
    body = next(m.value for m in at.markdown if "12,433,648" in m.value)
    first, term = 28 * 28 * weights(192, 16, 1), 28 * 28 * weights(16, 32, 5)
    naive = 28 * 28 * weights(192, 32, 5)
    for number in (first, term, first + term, naive, first + 28 * 28 * weights(16, 16, 5)):
        assert f"{number:,}" in body, number
    assert f"{naive / (first + term):.2f}" in body and f"{303_464_448 / 128_049_152:.1f}" in body


@pytest.mark.parametrize("lang", LANGS)
def test_lab_params_example_preset(lang, without_weights):
    """Article 002: 5x5 on 512 channels -> 64, 819,200 weights; 24-channel 1x1 first: 50,688; it says 65."""
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    label = t("lab.preset.params_example", lang=lang, in_ch=512, out=64, block="Inception 4b")
    assert label in at.selectbox(key="lab_preset").options
    at.selectbox(key="lab_preset").set_value(module_lab.PARAMS_EXAMPLE)
    rerun(at)
    fields = {f: at.text_input(key=f"lab_{f}").value for f in module_lab.LAB_FIELDS}
    assert (fields["in_ch"], fields["n5x5_reduce"], fields["n5x5"], fields["size"]) == ("512", "24", "64", "14")
    assert at.selectbox(key="lab_formula_branch").value == "branch3"
    latex = [m.value for m in at.latex]
    assert any(rf"5^2 \times 512 \times 64 = {weights(512, 64, 5):,}".replace(",", "{,}") in x for x in latex)
    assert any("12{,}288 + 38{,}400 = 50{,}688" in x for x in latex)
    assert weights(512, 24, 1) + weights(24, 64, 5) == 50_688 and weights(512, 64, 5) == 819_200
    # The slip: open, with the 65 kernels computed.
    shown = expanders(at)
    assert shown[t("lab.slip.params_example.title", lang=lang)] is True
    assert shown[t("lab.slip.worked_example.title", lang=lang)] is False
    body = next(m.value for m in at.markdown if "832,000" in m.value)
    for number in (weights(512, 65, 5), weights(512, 64, 5), weights(512, 24, 1), weights(24, 64, 5), 50_688,
                   weights(512, 24, 1) + weights(24, 65, 5)):
        assert f"{number:,}" in body, number
    assert f"{819_200 / 50_688:.1f}" in body and "Inception 4c" in body

    # A real module with these numbers agrees (torchinfo, with biases).
    at.button(key="lab_verify").click()
    rerun(at)
    assert [s.value for s in at.success] == [t("lab.verify.ok", lang=lang)]
    assert_shows(at, "(1, 512, 14, 14)")

    # Changing a field closes the slip: it is about the article's numbers, not these.
    at.text_input(key="lab_n5x5").input("65")
    rerun(at)
    assert expanders(at)[t("lab.slip.params_example.title", lang=lang)] is False
    assert any(r"5^2 \times 512 \times 65 = 832{,}000" in m.value for m in at.latex)


@pytest.mark.parametrize("lang", LANGS)
def test_architecture_size_text_uses_the_models_head(lang, without_weights):
    from torchvision.models import googlenet

    fc = googlenet(weights=None, init_weights=False, aux_logits=False).fc
    at = goto(open_app(lang), "app_pages/architecture.py")
    assert_shows(at, t("arch.size.explain", lang=lang, features=fc.in_features, classes=fc.out_features))
    assert (fc.in_features, fc.out_features) == (1024, 1000)


@pytest.mark.parametrize("lang", LANGS)
def test_lab_one_by_one_sizes_are_the_demos(lang, without_weights):
    from googlenet import onebyone

    demo = onebyone.one_by_one_demo()
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    sizes = dict(cin=demo.x.shape[0], cout=demo.conv_out.shape[0], size=demo.x.shape[-1])
    assert sizes == dict(cin=3, cout=2, size=4)
    assert_shows(at, t("lab.onebyone.intro", lang=lang, **sizes), t("lab.onebyone.w", lang=lang, **sizes),
                 t("lab.onebyone.conv", lang=lang, c=1, **sizes))
