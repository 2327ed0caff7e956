"""The training lab's residual networks: plain vs residual, the experiment behind ResNet (He et al., 2015).

* :class:`ResidualBlock` - two 3x3 convolutions that keep the size and the channels; with its shortcut
  ``out = relu(x + F(x))``, without it ``out = relu(F(x))`` (a plain block: the very same layers and weights,
  only the addition of ``x`` is missing), where ``F(x) = conv2(relu(conv1(x)))``.
* :class:`SmallResNet` ("resnet_small") - a stem, ``depth`` such blocks (16 channels, no BatchNorm), global
  average pooling and one linear layer. Switching the shortcuts off gives the *plain* network of the same
  depth; He et al. found that a deeper plain network reaches a *higher training* error than a shallower one
  (degradation) and that identity shortcuts remove that.
* :class:`SeedResNet` ("seed_resnet") - the seed article's residual MNIST network (28x28 -> 512 features), with
  the same shortcut switch. Written from its description, not its code: the article's listing assigns
  ``self.mp - nn.MaxPool2d(2)`` (a minus for ``=``) and misspells its block's class name
  (../shared/reference/CONCEPTS.md 6).

Neither network has auxiliary heads. Like the other lab networks, a model returns :class:`~.nets.TrainOutput`
in train mode and the logits in eval mode, and ``model.blocks()`` lists its trunk in forward order.
"""
from __future__ import annotations

import torch
from torch import nn
import torch.nn.functional as F

from .data import DATASETS, DEFAULT_DATASET, NUM_CLASSES
from .nets import TrainOutput, _normalise

RESNET_WIDTH = 16                # channels of every residual block in the small net
SEED_RESNET_SIZE = 28            # the article's input: 28 -> 24 -> 12 -> 8 -> 4
SEED_RESNET_FEATURES = 32 * 4 * 4  # = 512, the article's nn.Linear(512, 10)


class ResidualBlock(nn.Module):
    """y = relu(conv1(x)); y = conv2(y); out = relu(x + y) - or relu(y) without the shortcut.
    Both convolutions are 3x3 with padding 1 and keep the channels, so x and y can be added."""

    def __init__(self, channels: int, shortcut: bool = True):
        super().__init__()
        self.channels = channels
        self.shortcut = shortcut
        self.conv1 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv2(F.relu(self.conv1(x)))
        return F.relu(x + y) if self.shortcut else F.relu(y)

    def extra_repr(self) -> str:
        return f"shortcut={self.shortcut}"


def _normalised(x: torch.Tensor, dataset: str) -> torch.Tensor:
    return _normalise(x, DATASETS[dataset])


def resnet_stem(image_size: int, width: int = RESNET_WIDTH) -> nn.Sequential:
    """8x8 digits: conv 3x3 (1 -> width) + ReLU, the blocks work at 8x8. 28x28 MNIST: conv 3x3 + ReLU -> max
    pool 2 -> conv 3x3 + ReLU -> max pool 2, the blocks work at 7x7 (like the small GoogLeNet's stem)."""
    if image_size == 8:
        return nn.Sequential(nn.Conv2d(1, width, 3, padding=1), nn.ReLU())
    if image_size == 28:
        return nn.Sequential(nn.Conv2d(1, width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Conv2d(width, width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
    raise ValueError(f"no stem for {image_size}x{image_size} pictures")


class SmallResNet(nn.Module):
    """stem -> `depth` residual blocks (RESNET_WIDTH channels, no BatchNorm) -> global average pooling ->
    linear width -> 10. ``shortcuts=False``: the plain network with exactly the same layers."""

    def __init__(self, depth: int = 8, shortcuts: bool = True, num_classes: int = NUM_CLASSES,
                 dataset: str = DEFAULT_DATASET, width: int = RESNET_WIDTH):
        super().__init__()
        self.depth, self.shortcuts = depth, shortcuts
        self.dataset, self.image_size = dataset, DATASETS[dataset].image_size
        self.stem = resnet_stem(self.image_size, width)
        for i in range(1, depth + 1):
            setattr(self, f"res{i}", ResidualBlock(width, shortcut=shortcuts))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(width, num_classes)
        self.aux_heads = nn.ModuleDict()   # none (kept for count_parameters and the trainer's loss)

    def blocks(self) -> list[tuple[str, nn.Module]]:
        """The trunk in forward order, for gradient norms: stem, res1..resN, fc."""
        return ([("stem", self.stem)] + [(f"res{i}", getattr(self, f"res{i}")) for i in range(1, self.depth + 1)]
                + [("fc", self.fc)])

    def forward(self, x: torch.Tensor):
        x = self.stem(_normalised(x, self.dataset))
        for i in range(1, self.depth + 1):
            x = getattr(self, f"res{i}")(x)
        logits = self.fc(torch.flatten(self.avgpool(x), 1))
        return TrainOutput(logits, ()) if self.training else logits


class SeedResNet(nn.Module):
    """The seed article's residual MNIST network, at its native 28x28:
    conv 1->16 5x5 (24x24) -> max pool 2 (12x12) -> ReLU -> ResidualBlock(16) -> conv 16->32 5x5 (8x8) -> max pool 2
    (4x4) -> ReLU -> ResidualBlock(32) -> flatten 32x4x4 = 512 -> linear 10. On the 8x8 digits the picture is first
    upsampled to 28x28, so the published sizes hold. ``shortcuts=False`` drops the two additions."""

    def __init__(self, shortcuts: bool = True, num_classes: int = NUM_CLASSES, dataset: str = DEFAULT_DATASET):
        super().__init__()
        self.shortcuts = shortcuts
        self.dataset, self.image_size = dataset, DATASETS[dataset].image_size
        self.conv1 = nn.Conv2d(1, 16, kernel_size=5)
        self.rblock1 = ResidualBlock(16, shortcut=shortcuts)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=5)
        self.rblock2 = ResidualBlock(32, shortcut=shortcuts)
        self.fc = nn.Linear(SEED_RESNET_FEATURES, num_classes)
        self.aux_heads = nn.ModuleDict()

    def blocks(self) -> list[tuple[str, nn.Module]]:
        return [(name, getattr(self, name)) for name in ("conv1", "rblock1", "conv2", "rblock2", "fc")]

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """The flattened features the linear layer reads: (N, 512)."""
        x = _normalised(x, self.dataset)
        if self.image_size != SEED_RESNET_SIZE:
            x = F.interpolate(x, size=(SEED_RESNET_SIZE, SEED_RESNET_SIZE), mode="bilinear", align_corners=False)
            x = x.contiguous(memory_format=torch.channels_last)
        x = F.relu(F.max_pool2d(self.conv1(x), 2))    # 28 -> 24 -> 12
        x = self.rblock1(x)
        x = F.relu(F.max_pool2d(self.conv2(x), 2))    # 12 -> 8 -> 4
        x = self.rblock2(x)
        return torch.flatten(x, 1)                     # 32 x 4 x 4 = 512

    def forward(self, x: torch.Tensor):
        logits = self.fc(self.features(x))
        return TrainOutput(logits, ()) if self.training else logits
