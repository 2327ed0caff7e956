"""The CNN family table: parameter counts, torchvision's metadata, and the strings that describe each net."""
from __future__ import annotations

import pytest
import torch
import torchvision

from googlenet import GoogLeNet
from googlenet.family import (FAMILY_KEYS, FamilyMember, build, efficiency_summary, family_table, member,
                              param_split, weights_entry)
from googlenet.i18n import placeholders, tables
from googlenet.strings import family as family_strings

EXPECTED = {  # key: (year, params, input size)
    "alexnet": (2012, 61_100_840, 224),
    "vgg16": (2014, 138_357_544, 224),
    "googlenet": (2014, 6_624_904, 224),
    "inception_v3": (2015, 27_161_264, 299),  # includes its auxiliary head, as the shipped model does
    "resnet18": (2015, 11_689_512, 224),
    "resnet50": (2015, 25_557_032, 224),
    "mobilenet_v2": (2018, 3_504_872, 224),
    "mobilenet_v3_large": (2019, 5_483_032, 224),
}


@pytest.fixture(scope="module")
def members() -> dict[str, FamilyMember]:
    return {m.key: m for m in family_table()}


def test_members_in_order(members):
    table = family_table()
    assert [m.key for m in table] == list(FAMILY_KEYS) == list(EXPECTED)
    assert [m.year for m in table] == [2012, 2014, 2014, 2015, 2015, 2015, 2018, 2019]
    assert all(isinstance(m, FamilyMember) for m in table)
    assert member("googlenet") is members["googlenet"]  # cached
    with pytest.raises(KeyError):
        member("lenet")


@pytest.mark.parametrize("key", list(EXPECTED))
def test_params_equal_the_weights_metadata(members, key):
    m = members[key]
    year, params, size = EXPECTED[key]
    assert m.params == m.meta_params == weights_entry(key).meta["num_params"] == params
    assert (m.year, m.input_size) == (year, size)
    assert m.conv_params + m.fc_params + m.other_params == m.params
    assert min(m.conv_params, m.fc_params, m.other_params) >= 0


@pytest.mark.parametrize("key", list(EXPECTED))
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
