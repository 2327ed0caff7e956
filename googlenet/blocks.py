"""The three building blocks of GoogLeNet: ConvBlock, Inception and AuxClassifier.

Two flavours share the same code:
* ``batch_norm=True``  – torchvision's version: conv (no bias) -> BatchNorm -> ReLU.
* ``batch_norm=False`` – the 2014 paper: conv (with bias) -> ReLU.
Module names (``conv``, ``bn``, ``branch1`` ... ``branch4``, ``fc1`` ...) match torchvision, so
torchvision's pretrained state_dict loads into these classes unchanged.
"""
from __future__ import annotations

import torch
from torch import nn
import torch.nn.functional as F


class ConvBlock(nn.Module):
    """A convolution followed by ReLU (and BatchNorm in between for the torchvision variant).

    Every convolution in GoogLeNet is followed by a ReLU, so the pair is one block.
    """

    def __init__(self, in_channels: int, out_channels: int, batch_norm: bool = True, **conv_kwargs):
        super().__init__()
        # With BatchNorm right after, a conv bias would be cancelled by the BN mean: leave it out.
        self.conv = nn.Conv2d(in_channels, out_channels, bias=not batch_norm, **conv_kwargs)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001) if batch_norm else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv(x)
        if self.bn is not None:
            x = self.bn(x)
        return F.relu(x, inplace=True)


class Inception(nn.Module):
    """Four parallel branches on the same input, concatenated along the channel axis.

    branch1: 1x1 conv                      – cheap, keeps fine per-pixel detail
    branch2: 1x1 reduce -> 3x3 conv        – the 1x1 "bottleneck" cuts channels before the costly 3x3
    branch3: 1x1 reduce -> 5x5 conv        – wider view (torchvision uses 3x3 here: ../shared/reference/CONCEPTS.md)
    branch4: 3x3 max pool -> 1x1 projection – pooling, with its channels projected down

    Padding (k - 1) / 2 at stride 1 keeps every branch at the input's H x W, which is what lets
    us concatenate them: out channels = n1x1 + n3x3 + n5x5 + pool_proj.
    """

    def __init__(self, in_channels: int, n1x1: int, n3x3_reduce: int, n3x3: int,
                 n5x5_reduce: int, n5x5: int, pool_proj: int,
                 batch_norm: bool = True, kernel5: int = 5, ceil_mode: bool = False):
        super().__init__()
        block = lambda cin, cout, **kw: ConvBlock(cin, cout, batch_norm=batch_norm, **kw)
        self.branch1 = block(in_channels, n1x1, kernel_size=1)
        self.branch2 = nn.Sequential(
            block(in_channels, n3x3_reduce, kernel_size=1),
            block(n3x3_reduce, n3x3, kernel_size=3, padding=1),
        )
        self.branch3 = nn.Sequential(
            block(in_channels, n5x5_reduce, kernel_size=1),
            block(n5x5_reduce, n5x5, kernel_size=kernel5, padding=(kernel5 - 1) // 2),
        )
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1, ceil_mode=ceil_mode),
            block(in_channels, pool_proj, kernel_size=1),
        )

    def branches(self) -> list[nn.Module]:
        return [self.branch1, self.branch2, self.branch3, self.branch4]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([branch(x) for branch in self.branches()], dim=1)


class AuxClassifier(nn.Module):
    """A small classifier attached to the middle of the network (after 4a and 4d), used only in training.

    Its loss (weighted 0.3 in the paper) sends an extra gradient signal into the middle blocks.
    14x14 feature map -> average pool to 4x4 -> 1x1 conv to 128 channels -> FC 2048->1024 -> dropout -> FC.
    It returns raw logits: CrossEntropyLoss applies the softmax itself.
    """

    def __init__(self, in_channels: int, num_classes: int, batch_norm: bool = True,
                 dropout: float = 0.7, paper_pool: bool = False):
        super().__init__()
        # The paper: 5x5 average pool, stride 3 (14x14 -> 4x4). torchvision pools adaptively to 4x4.
        self.pool = nn.AvgPool2d(kernel_size=5, stride=3) if paper_pool else nn.AdaptiveAvgPool2d((4, 4))
        self.conv = ConvBlock(in_channels, 128, batch_norm=batch_norm, kernel_size=1)
        self.fc1 = nn.Linear(128 * 4 * 4, 1024)
        self.fc2 = nn.Linear(1024, num_classes)
        self.dropout = nn.Dropout(p=dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv(self.pool(x))
        x = F.relu(self.fc1(torch.flatten(x, 1)), inplace=True)
        return self.fc2(self.dropout(x))
