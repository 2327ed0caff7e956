"""The bridge to Microscope / Lucid: layer names and concatenated channel numbers, computed from the model."""
from __future__ import annotations

import pytest
from torch import nn

from googlenet.microscope import (BLOCK_NAMES, LUCID_WIDTH_DIFFERENCES, STEM_NAMES, concat_index, lucid_index,
                                  microscope_name, split_channel, torchvision_name)
from googlenet.model import BLOCKS, BRANCHES, STEM, meta_model


def test_every_layer_name_round_trips():
    assert [microscope_name(b) for b in BLOCKS] == [f"mixed{b[-2:]}" for b in BLOCKS]
    assert [microscope_name(s) for s in STEM] == ["conv2d0", "conv2d1", "conv2d2"]
    for name in [*BLOCK_NAMES, *STEM_NAMES]:
        assert microscope_name(torchvision_name(name)) == name


def test_every_channel_of_every_block_round_trips():
    model = meta_model("torchvision")
    for block in BLOCKS:
        module = getattr(model, block)
        widths = {b: [m for m in getattr(module, b).modules() if isinstance(m, nn.Conv2d)][-1].out_channels
                  for b in BRANCHES}                              # read from the network's own convolutions
        total = sum(widths.values())
        seen = set()
        for index in range(total):
            where = split_channel(block, index)
            assert 0 <= where.channel < widths[where.branch]
            assert concat_index(block, where.branch, where.channel) == index
            seen.add((where.branch, where.channel))
        assert len(seen) == total
        with pytest.raises(IndexError):
            split_channel(block, total)


def test_mixed4c_300_and_lucids_narrower_4a():
    assert tuple(split_channel("inception4c", 300))[1:] == ("branch2", 172)
    assert LUCID_WIDTH_DIFFERENCES == {"inception4a": {"branch2": 204}}
    assert lucid_index("inception4a", "branch1", 5) == 5
    assert lucid_index("inception4a", "branch3", 0) == concat_index("inception4a", "branch3", 0) - 4
    assert lucid_index("inception4a", "branch2", 206) is None
    assert lucid_index("inception4c", "branch4", 3) == concat_index("inception4c", "branch4", 3)
