"""Which branch voted (googlenet.attribution): gradient x activation per block and branch, occlusion, the
randomised-weights sanity check, and bad input - on small networks whose answers are known by construction."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from googlenet import attribution as at
from googlenet.blocks import ConvBlock, Inception
from googlenet.model import GoogLeNet, he_init
from googlenet.runtime.hooks import has_hooks


class TinyInceptionNet(nn.Module):
    """A stem, two Inception blocks (widths 4 | 6 | 3 | 3 = 16 channels), global average pooling, 3 classes."""

    def __init__(self):
        super().__init__()
        self.stem = ConvBlock(3, 8, batch_norm=False, kernel_size=3, padding=1)
        self.block1 = Inception(8, 4, 4, 6, 2, 3, 3, batch_norm=False, kernel5=3)
        self.block2 = Inception(16, 4, 4, 6, 2, 3, 3, batch_norm=False, kernel5=3)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 3)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.block2(self.block1(self.stem(x)))), 1))


def tiny_net(seed: int = 0) -> TinyInceptionNet:
    torch.manual_seed(seed)
    return he_init(TinyInceptionNet()).eval()


def picture(seed: int = 1, side: int = 16) -> torch.Tensor:
    return torch.randn(1, 3, side, side, generator=torch.Generator().manual_seed(seed))


BRANCH3 = slice(10, 13)   # block2's branch3 in the 4 | 6 | 3 | 3 concatenation


def only_branch3_connected(model: TinyInceptionNet, class_index: int = 1) -> TinyInceptionNet:
    """The class reads block2's branch3 only: every other branch's weights into it are zero."""
    with torch.no_grad():
        keep = torch.zeros(16)
        keep[BRANCH3] = 1
        model.fc.weight[class_index] *= keep
        model.fc.weight[class_index, BRANCH3] = model.fc.weight[class_index, BRANCH3].abs() + 0.5
    return model


def test_a_branch_that_alone_reaches_the_class_gets_all_of_the_last_blocks_attribution():
    model = only_branch3_connected(tiny_net())
    result = at.branch_attribution(model, picture(), class_index=1)
    assert result.blocks == ("block1", "block2") and result.branches == ("branch1", "branch2", "branch3", "branch4")
    row = result.values[1]
    assert row[2] > 0 and np.abs(row[[0, 1, 3]]).max() <= 1e-9 * abs(row[2])
    assert result.shares()[1, 2] == pytest.approx(1.0)
    assert result.top_branch("block2") == "branch3"
    assert result.channels[1].tolist() == [4, 6, 3, 3]
    assert not has_hooks(model) and all(p.grad is None for p in model.parameters())


def test_same_on_googlenet_with_random_weights_at_its_last_block():
    """GoogLeNet (random weights, small input): only 5b's branch 2 feeds the class -> it gets 5b's attribution."""
    torch.manual_seed(0)
    model = he_init(GoogLeNet(variant="torchvision", aux_logits=False, init_weights=False)).eval()
    where = slice(384, 768)  # 5b: 384 | 384 | 128 | 128
    with torch.no_grad():
        keep = torch.zeros(1024)
        keep[where] = 1
        model.fc.weight[7] = model.fc.weight[7].abs() * keep
    result = at.branch_attribution(model, picture(side=32), class_index=7)   # 32 px: 1x1 maps by 5a, still fine
    last = result.values[result.blocks.index("inception5b")]
    assert last[1] > 0 and np.abs(last[[0, 2, 3]]).max() <= 1e-6 * last[1]
    assert result.strongest()[1] == "branch2"


def test_the_apps_fast_shared_model_gives_the_same_table_and_keeps_nothing():
    """The app's shared network is the fast inference copy (BatchNorm folded, fused convolutions): the gradient
    pass takes the ordinary path there, gives the plain model's numbers, and leaves no hook and no .grad behind."""
    from googlenet.runtime.fast import optimize_for_inference

    torch.manual_seed(0)
    plain = he_init(GoogLeNet(variant="torchvision", aux_logits=False, init_weights=False)).eval()
    fast = optimize_for_inference(plain)
    x = picture(side=32)
    expected, got = at.branch_attribution(plain, x), at.branch_attribution(fast, x)
    assert got.class_index == expected.class_index
    assert np.allclose(got.values, expected.values, rtol=1e-3, atol=1e-4)
    assert not has_hooks(fast) and all(p.grad is None for p in fast.parameters())


def test_without_biases_every_blocks_row_adds_up_to_the_class_score():
    """A ReLU network without biases is positively homogeneous: gradient x activation at any layer sums to the
    logit (Euler's theorem) - a check that nothing was lost or counted twice."""
    model = tiny_net()
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)) and m.bias is not None:
            nn.init.zeros_(m.bias)
    result = at.branch_attribution(model, picture())
    logit = float(result.logits[result.class_index])
    assert result.block_totals() == pytest.approx([logit, logit], rel=1e-5)


def test_the_scrambled_copy_explains_differently_and_leaves_the_model_alone():
    model = tiny_net()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    scrambled = at.randomised_copy(model, seed=3)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    assert not torch.equal(scrambled.fc.weight, model.fc.weight)
    check = at.sanity_check(model, scrambled, picture(), class_index=0)
    assert check.scrambled.class_index == check.trained.class_index == 0
    assert not np.allclose(check.trained.values, check.scrambled.values)
    assert check.rank_correlation < 0.99
    # The same seed gives the same copy; a cascade down to block2 keeps block1 and the stem as they were.
    assert torch.equal(at.randomised_copy(model, seed=3).fc.weight, scrambled.fc.weight)
    cascade = at.randomised_copy(model, seed=3, down_to="block2")
    assert at.randomisation_order(model) == ["fc", "block2", "block1", "stem"]
    assert torch.equal(cascade.block1.branch1.conv.weight, model.block1.branch1.conv.weight)
    assert torch.equal(cascade.stem.conv.weight, model.stem.conv.weight)
    assert not torch.equal(cascade.block2.branch1.conv.weight, model.block2.branch1.conv.weight)
    assert not torch.equal(scrambled.stem.conv.weight, model.stem.conv.weight)


def test_spearman_is_a_rank_correlation():
    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert at.spearman(a, a ** 3) == pytest.approx(1.0)
    assert at.spearman(a, -a) == pytest.approx(-1.0)
    assert np.isnan(at.spearman(a, np.ones_like(a)))
    with pytest.raises(ValueError):
        at.spearman(a, np.ones(3))


class BrightRedDetector(nn.Module):
    """Class 0's score = the mean of ReLU(red channel - 1): it only sees bright red pixels."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 1, 1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        with torch.no_grad():
            self.conv.weight.zero_()
            self.conv.weight[0, 0] = 1.0
            self.conv.bias.fill_(-1.0)

    def forward(self, x):
        score = self.pool(torch.relu(self.conv(x))).flatten(1) * 100
        return torch.cat([score, torch.zeros_like(score)], dim=1)


def test_occlusion_drops_the_score_where_the_planted_pattern_is():
    image = torch.zeros(1, 3, 64, 64)
    image[0, 0, 40:52, 8:20] = 3.0            # a bright red square at rows 40..51, columns 8..19
    result = at.occlusion(BrightRedDetector().eval(), image, class_index=0, patch=16, stride=8)
    assert result.starts == (0, 8, 16, 24, 32, 40, 48)
    row, col = result.strongest()
    x, y = result.centre(row, col)
    assert 8 <= x <= 20 and 40 <= y <= 52
    assert result.drops[0, 6] == pytest.approx(0.0)            # far from the square: nothing lost
    pixels = result.pixel_map()
    assert pixels.shape == (64, 64) and np.unravel_index(pixels.argmax(), pixels.shape)[0] in range(36, 56)
    effect = at.hide_patch(BrightRedDetector().eval(), image, 0, centre=(14, 46), patch=16)
    assert effect.drop == pytest.approx(result.base_logit) and effect.logit == pytest.approx(0.0)


def test_knocking_out_the_only_connected_branch_is_the_only_drop():
    model = only_branch3_connected(tiny_net())
    drops = at.branch_knockout(model, picture(), class_index=1)
    assert drops.shape == (2, 4)
    assert drops[1, 2] != 0 and np.abs(drops[1, [0, 1, 3]]).max() <= 1e-6
    assert not has_hooks(model)


def test_patch_positions_cover_the_picture():
    assert at.patch_starts(224, 56, 56) == [0, 56, 112, 168]
    assert at.patch_starts(224, 56, 28) == list(range(0, 169, 28))
    assert at.patch_starts(10, 4, 4) == [0, 4, 6]            # one more, flush with the edge
    assert at.centred_patch((112.0, 50.0), 56) == (22, 84)


@pytest.mark.parametrize("bad", [torch.zeros(2, 3, 16, 16), torch.zeros(3, 16, 16), "a picture"])
def test_bad_input_is_refused_with_a_clear_message(bad):
    model = tiny_net()
    for call in (lambda: at.branch_attribution(model, bad), lambda: at.occlusion(model, bad),
                 lambda: at.branch_knockout(model, bad, 0)):
        with pytest.raises(ValueError, match="one image"):
            call()


def test_bad_settings_are_refused():
    model = tiny_net()
    with pytest.raises(IndexError):
        at.branch_attribution(model, picture(), class_index=3)
    with pytest.raises(ValueError, match="patch"):
        at.occlusion(model, picture(), patch=0)
    with pytest.raises(ValueError, match="patch"):
        at.occlusion(model, picture(), patch=17)
    with pytest.raises(ValueError, match="stride"):
        at.occlusion(model, picture(), patch=4, stride=0)
    with pytest.raises(KeyError):
        at.randomised_copy(model, down_to="inception9z")
    with pytest.raises(ValueError, match="no Inception block"):
        at.branch_attribution(BrightRedDetector(), torch.zeros(1, 3, 8, 8))
