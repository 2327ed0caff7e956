"""The public API that ../shared/DESIGN.md promises (tests and outside checks import exactly these names)."""
from __future__ import annotations

import torch


def test_the_names_design_md_lists_are_importable_with_their_signatures():
    from googlenet import AuxClassifier, GoogLeNet, Inception, optimize_for_inference
    from googlenet.costs import Cost, conv_cost, inception_cost, layer_table
    from googlenet.features import capture_branches
    from googlenet.images import ImageError, load_image, to_batch
    from googlenet.weights import WeightsUnavailable, imagenet_labels, load_pretrained

    assert issubclass(ImageError, ValueError) and issubclass(WeightsUnavailable, Exception)
    assert conv_cost(192, 32, 5, 28, 28) == Cost(153_600, 120_422_400)
    costs = inception_cost(192, 28, 64, 96, 128, 16, 32, 32, bottleneck=True, kernel5=5)
    assert set(costs) == {"branch1", "branch2", "branch3", "branch4", "total"}
    assert costs["branch3"].macs == 12_443_648
    rows = layer_table(variant="paper")
    assert rows[0].name == "conv1" and rows[0].params and rows[0].macs
    model = GoogLeNet(num_classes=10, aux_logits=True, variant="paper", init_weights=True).eval()
    assert model(torch.randn(1, 3, 224, 224)).shape == (1, 10)
    fast = optimize_for_inference(GoogLeNet(num_classes=10, aux_logits=False).eval())
    maps = capture_branches(fast, torch.randn(1, 3, 224, 224), ["inception3a"])
    assert set(maps["inception3a"]) == {"branch1", "branch2", "branch3", "branch4", "output"}
    assert callable(load_image) and callable(to_batch) and callable(load_pretrained) and callable(imagenet_labels)
    assert Inception and AuxClassifier
