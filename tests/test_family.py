"""The CNN family table: parameter counts, torchvision's metadata, and the strings that describe each net."""
from __future__ import annotations

import pytest
import torch
import torchvision

from googlenet import GoogLeNet
from googlenet import mobilenet_v1
from googlenet.family import (FAMILY_KEYS, MOBILENET_KEYS, QUADRANTS, RESNET_KEYS, RESNET_TABLE2_TOP1_ERROR,
                              FamilyMember, build, chart_neighbours, efficiency_summary, family_table, fc_share_range,
                              first_fc_weights, member, param_split, quadrant, weights_entry)
from googlenet.i18n import placeholders, tables
from googlenet.strings import family as family_strings

EXPECTED = {  # key: (year, params, input size)
    "alexnet": (2012, 61_100_840, 224),
    "vgg16": (2014, 138_357_544, 224),
    "googlenet": (2014, 6_624_904, 224),
    "inception_v3": (2015, 27_161_264, 299),  # includes its auxiliary head, as the shipped model does
    "resnet18": (2015, 11_689_512, 224),
    "resnet50": (2015, 25_557_032, 224),
    "mobilenet_v1": (2017, 4_231_976, 224),   # built by the package (BatchNorm included, as torchvision counts)
    "mobilenet_v2": (2018, 3_504_872, 224),
    "mobilenet_v3_large": (2019, 5_483_032, 224),
}
FROM_TORCHVISION = [k for k in EXPECTED if k != "mobilenet_v1"]


@pytest.fixture(scope="module")
def members() -> dict[str, FamilyMember]:
    return {m.key: m for m in family_table()}


def test_members_in_order(members):
    table = family_table()
    assert [m.key for m in table] == list(FAMILY_KEYS) == list(EXPECTED)
    assert [m.year for m in table] == [2012, 2014, 2014, 2015, 2015, 2015, 2017, 2018, 2019]
    assert all(isinstance(m, FamilyMember) for m in table)
    assert member("googlenet") is members["googlenet"]  # cached
    with pytest.raises(KeyError):
        member("lenet")


@pytest.mark.parametrize("key", FROM_TORCHVISION)
def test_params_equal_the_weights_metadata(members, key):
    m = members[key]
    year, params, size = EXPECTED[key]
    assert m.params == m.meta_params == weights_entry(key).meta["num_params"] == params
    assert (m.year, m.input_size) == (year, size)
    assert m.conv_params + m.fc_params + m.other_params == m.params
    assert min(m.conv_params, m.fc_params, m.other_params) >= 0


@pytest.mark.parametrize("key", FROM_TORCHVISION)
def test_metrics_equal_torchvision_metadata(members, key):
    m = members[key]
    meta = weights_entry(key).meta
    assert m.gflops == meta["_ops"]
    assert m.top1 == meta["_metrics"]["ImageNet-1K"]["acc@1"]
    assert m.top5 == meta["_metrics"]["ImageNet-1K"]["acc@5"]
    assert 0 < m.top1 < m.top5 < 100
    assert m.weights_name == "IMAGENET1K_V1"
    assert getattr(getattr(torchvision.models, m.weights_enum), m.weights_name) is weights_entry(key)
    assert m.idea_key == f"family.idea.{key}"
    assert m.from_torchvision


def test_mobilenet_v1_member(members):
    m = members["mobilenet_v1"]
    assert not m.from_torchvision and m.meta_params is None and m.top5 is None and m.top5_error is None
    assert (m.year, m.params, m.input_size) == EXPECTED["mobilenet_v1"]
    assert m.top1 == 70.6                                  # the paper's Table 6, cited
    assert m.gflops == pytest.approx(0.569, abs=5e-4)      # counted: 568,740,352 multiply-adds
    assert m.conv_params + m.fc_params + m.other_params == m.params
    assert m.fc_params == 1024 * 1000 + 1000
    with pytest.raises(KeyError):
        weights_entry("mobilenet_v1")


def test_googlenet_numbers(members):
    g = members["googlenet"]
    assert (g.top1, g.top5, g.gflops) == (69.778, 89.53, 1.498)
    assert g.fc_params == 1024 * 1000 + 1000
    with torch.device("meta"):
        ours = GoogLeNet(variant="torchvision", aux_logits=False, init_weights=False)
    assert param_split(ours) == (g.conv_params, g.fc_params, g.other_params)


def test_fully_connected_shares(members):
    assert members["alexnet"].fc_share > 0.90      # 58,631,144 of 61,100,840 = 96.0%
    assert members["vgg16"].fc_share > 0.85        # 123,642,856 of 138,357,544 = 89.4%
    assert members["googlenet"].fc_share < 0.20    # 1,025,000 of 6,624,904 = 15.5%
    # AlexNet and VGG have no BatchNorm: every parameter is in a conv or a fully connected layer.
    assert members["alexnet"].other_params == members["vgg16"].other_params == 0


def test_efficiency_summary(members):
    s = efficiency_summary()
    assert s.googlenet_params < s.alexnet_params / 8
    assert s.fraction_of_alexnet == pytest.approx(6_624_904 / 61_100_840)   # ~0.108, about 9x fewer
    assert s.fraction_of_vgg16 == pytest.approx(6_624_904 / 138_357_544)    # ~0.048, about 21x fewer
    assert set(s.fc_share) == set(EXPECTED)
    assert s.fc_share["googlenet"] == members["googlenet"].fc_share
    assert s.fc_params["alexnet"] == 58_631_144


def test_mobilenets_are_not_mostly_convolutions(members):
    # The old caption said "from GoogLeNet on, the convolutions hold nearly everything": not for MobileNets,
    # whose cheap convolutions leave the 1000-class classifier a large share.
    lo, hi = fc_share_range(MOBILENET_KEYS)
    assert 0.24 < lo < 0.25 and 0.45 < hi < 0.46                       # v1 24.2%, v3-large 45.8%
    assert members["mobilenet_v2"].fc_share == pytest.approx(1_281_000 / 3_504_872)
    r_lo, r_hi = fc_share_range(RESNET_KEYS)
    assert r_lo == members["resnet18"].fc_share == pytest.approx(513_000 / 11_689_512)
    assert r_hi == members["resnet50"].fc_share
    assert first_fc_weights("vgg16") == (25_088, 4_096, 102_760_448)


def test_chart_quadrants_seen_from_googlenet(members):
    g = members["googlenet"]
    groups = chart_neighbours("googlenet")
    assert set(groups) == set(QUADRANTS)
    keys = {q: [m.key for m in ms] for q, ms in groups.items()}
    # ResNet-18 sits to the RIGHT of GoogLeNet (more computation, no more accuracy): not "the same direction"
    # as the MobileNets, which sit up and to the left.
    assert keys["cheaper_better"] == ["mobilenet_v1", "mobilenet_v2", "mobilenet_v3_large"]
    assert keys["costlier_worse"] == ["resnet18"]
    assert keys["costlier_better"] == ["vgg16", "inception_v3", "resnet50"]
    assert keys["cheaper_worse"] == ["alexnet"]
    for q, ms in groups.items():
        for m in ms:
            assert quadrant(m, g) == q
            assert (m.gflops < g.gflops) == q.startswith("cheaper")
            assert (m.top1 > g.top1) == q.endswith("better")
    assert sum(len(ms) for ms in groups.values()) == len(EXPECTED) - 1


def test_resnet_table2_shows_degradation():
    e = RESNET_TABLE2_TOP1_ERROR
    assert e[("plain", 34)] > e[("plain", 18)]     # deeper plain net: worse
    assert e[("resnet", 34)] < e[("resnet", 18)]   # deeper residual net: better


# ------------------------------------------------------------------ MobileNet v1, built from the paper's Table 1

@pytest.mark.parametrize("config", list(mobilenet_v1.PAPER_RESULTS))
def test_mobilenet_v1_matches_the_paper(config):
    alpha, size = config
    _top1, paper_macs_m, paper_params_m = mobilenet_v1.PAPER_RESULTS[config]
    c = mobilenet_v1.cost(alpha, size)
    assert round(c.params / 1e6, 1) == paper_params_m
    assert abs(c.macs / 1e6 - paper_macs_m) < 1   # the paper rounds (or truncates: 290.7M is printed as 290)
    assert c.params == c.conv_params + c.fc_params


def test_mobilenet_v1_headline_numbers():
    c = mobilenet_v1.cost()
    assert (c.params, c.macs, c.bn_params) == (4_210_088, 568_740_352, 21_888)   # paper: 4.2M, 569M
    full = mobilenet_v1.full_conv_cost()
    _top1, paper_macs_m, paper_params_m = mobilenet_v1.PAPER_FULL_CONV         # Table 4: 4866M, 29.3M
    assert abs(full.macs / 1e6 - paper_macs_m) / paper_macs_m < 0.001
    assert round(full.params / 1e6, 1) == paper_params_m
    assert [r.paper_top1 for r in mobilenet_v1.paper_rows()][0] == 70.6


@pytest.mark.parametrize("alpha, size", [(1.0, 224), (0.5, 160), (0.25, 128)])
def test_mobilenet_v1_against_a_real_module(alpha, size):
    """An independent path: a real CPU module's own parameters, a real forward pass, and torchinfo's count."""
    torchinfo = pytest.importorskip("torchinfo")
    torch.manual_seed(0)
    net = mobilenet_v1.build(alpha, device="cpu")
    c = mobilenet_v1.cost(alpha, size)
    real = sum(p.numel() for p in net.parameters())
    assert real == c.params + c.bn_params
    with torch.no_grad():
        assert net(torch.randn(2, 3, size, size)).shape == (2, 1000)
    # Depthwise convs really are grouped: one 3x3 filter per channel.
    dw = net.features[1][0][0]
    assert dw.groups == dw.in_channels == dw.out_channels and tuple(dw.weight.shape[1:]) == (1, 3, 3)
    info = torchinfo.summary(net, input_size=(1, 3, size, size), verbose=0)
    assert info.total_params == real
    # torchinfo also counts one multiply-add per BatchNorm parameter and per bias of the linear layer.
    assert info.total_mult_adds == c.macs + c.bn_params + 1000


def test_mobilenet_v1_refuses_a_bad_width():
    with pytest.raises(ValueError):
        mobilenet_v1.MobileNetV1(alpha=0)


def test_build_matches_the_shipped_models():
    # GoogLeNet's weights come without the auxiliary heads; Inception v3's keep its one head.
    assert build("googlenet").aux1 is None
    assert build("inception_v3").AuxLogits is not None
    assert next(build("alexnet").parameters()).device.type == "meta"


def test_idea_strings_in_both_languages():
    en, zh = family_strings.EN, family_strings.ZH
    assert list(en) == list(zh)
    assert all(key.startswith("family.") for key in en)
    for key in en:
        assert placeholders(en[key]) == placeholders(zh[key]), key
        assert en[key].strip() and zh[key].strip(), key
    merged = tables()
    for m in family_table():
        assert m.idea_key in merged["en"] and m.idea_key in merged["zh"], m.key


def test_idea_strings_teach_the_checked_facts():
    en, zh = family_strings.EN, family_strings.ZH
    # BatchNorm came with BN-Inception (v2), not with v3.
    assert "BN-Inception" in en["family.idea.inception_v3"] and "BN-Inception" in zh["family.idea.inception_v3"]
    # ResNet's problem is degradation; the Chinese must not add a vanishing-gradient claim the English lacks.
    assert "degradation" in en["family.idea.resnet18"] and "退化" in zh["family.idea.resnet18"]
    assert "缓解了梯度消失" not in zh["family.idea.resnet18"]
    assert "α" in en["family.idea.mobilenet_v1"] and "ρ" in zh["family.idea.mobilenet_v1"]
