"""GoogLeNet's relatives: AlexNet, VGG, Inception v3, ResNet and MobileNet v1/v2/v3, measured.

Everything here is offline: each architecture is built with ``weights=None`` on the "meta" device
(shapes only, no memory, no arithmetic, no download) to count its parameters, and the ImageNet
accuracy and GFLOPs come from the metadata torchvision ships inside its weights enums.
MobileNet v1 is the exception: torchvision has no v1, so the package builds it from its paper's Table 1
(googlenet.mobilenet_v1), counts its multiply-adds itself and cites the paper's accuracy.

Years are the year each architecture was first made public (its arXiv preprint, or the conference for
AlexNet), so a network that appeared on arXiv in December 2015 and at CVPR 2016 is listed as 2015.

Each network is built the way its pretrained ImageNet model is shipped, so the parameter count can be
checked against the weights' own "num_params":
* GoogLeNet without its two auxiliary heads (torchvision drops them when it loads the weights);
* Inception v3 with its auxiliary head (torchvision keeps it, and counts it).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import torch
import torchvision
from torch import nn

from . import mobilenet_v1
from .i18n import t
from .model import meta_device

WEIGHTS_NAME = "IMAGENET1K_V1"  # the original ImageNet weights of every member (the ones the papers report)


@dataclass(frozen=True)
class _Spec:
    key: str
    name: str
    year: int
    builder: str        # function name in torchvision.models
    weights_enum: str   # weights enum class name in torchvision.models ("" when the package builds it)
    build_kwargs: tuple = ()


# Years (first public version): AlexNet, NIPS 2012; VGG, arXiv 1409.1556 (Sep 2014); GoogLeNet, arXiv 1409.4842
# (Sep 2014); Inception v3, arXiv 1512.00567 (Dec 2015; CVPR 2016); ResNet, arXiv 1512.03385 (Dec 2015; CVPR
# 2016); MobileNet v1, arXiv 1704.04861 (Apr 2017); v2, arXiv 1801.04381 (Jan 2018); v3, arXiv 1905.02244 (May 2019).
_SPECS: tuple[_Spec, ...] = (
    _Spec("alexnet", "AlexNet", 2012, "alexnet", "AlexNet_Weights"),
    _Spec("vgg16", "VGG-16", 2014, "vgg16", "VGG16_Weights"),
    _Spec("googlenet", "GoogLeNet", 2014, "googlenet", "GoogLeNet_Weights",
          (("aux_logits", False), ("init_weights", False))),
    _Spec("inception_v3", "Inception v3", 2015, "inception_v3", "Inception_V3_Weights",
          (("aux_logits", True), ("init_weights", False))),
    _Spec("resnet18", "ResNet-18", 2015, "resnet18", "ResNet18_Weights"),
    _Spec("resnet50", "ResNet-50", 2015, "resnet50", "ResNet50_Weights"),
    _Spec("mobilenet_v1", "MobileNet v1", 2017, "", ""),   # built by googlenet.mobilenet_v1
    _Spec("mobilenet_v2", "MobileNet v2", 2018, "mobilenet_v2", "MobileNet_V2_Weights"),
    _Spec("mobilenet_v3_large", "MobileNet v3 (large)", 2019, "mobilenet_v3_large", "MobileNet_V3_Large_Weights"),
)

PACKAGE_BUILT = "mobilenet_v1"   # the one member torchvision lacks
# MobileNet v1 1.0-224's ImageNet top-1 accuracy, Howard et al. 2017 (arXiv 1704.04861), Table 6/7; the paper
# gives no top-5.
MOBILENET_V1_TOP1 = mobilenet_v1.PAPER_RESULTS[(1.0, mobilenet_v1.INPUT_SIZE)][0]

FAMILY_KEYS: tuple[str, ...] = tuple(s.key for s in _SPECS)


@dataclass(frozen=True)
class FamilyMember:
    """One network of the CNN family, with numbers from torchvision."""
    key: str              # "alexnet", "vgg16", "googlenet", ...
    name: str             # display name, e.g. "VGG-16" (the same in every language)
    year: int             # year the architecture was published
    params: int           # counted on the architecture built with weights=None (every parameter, BatchNorm's too)
    meta_params: int | None  # the weights metadata's "num_params" (a cross-check: equals params); None for v1
    gflops: float         # the weights metadata's "_ops" (billions of multiply-adds per image at input_size);
                          # for MobileNet v1 counted by googlenet.mobilenet_v1
    top1: float           # ImageNet-1K top-1 accuracy, percent
    top5: float | None    # ImageNet-1K top-5 accuracy, percent (None: MobileNet v1's paper gives none)
    weights_enum: str     # e.g. "GoogLeNet_Weights" ("" for MobileNet v1)
    weights_name: str     # "IMAGENET1K_V1" ("" for MobileNet v1)
    input_size: int       # the evaluation crop: 224, or 299 for Inception v3
    conv_params: int      # in nn.Conv2d layers (MobileNet v3's squeeze-excitation layers are 1x1 convs)
    fc_params: int        # in nn.Linear (fully connected) layers
    other_params: int     # everything else: BatchNorm's weight and bias
    idea_key: str         # i18n key of its key idea, "family.idea.<key>"

    @property
    def weights_id(self) -> str:
        """e.g. "GoogLeNet_Weights.IMAGENET1K_V1"."""
        return f"{self.weights_enum}.{self.weights_name}"

    @property
    def fc_share(self) -> float:
        """Fraction of the parameters in fully connected layers."""
        return self.fc_params / self.params

    @property
    def conv_share(self) -> float:
        return self.conv_params / self.params

    @property
    def top1_error(self) -> float:
        return 100.0 - self.top1

    @property
    def top5_error(self) -> float | None:
        return None if self.top5 is None else 100.0 - self.top5

    @property
    def from_torchvision(self) -> bool:
        """True where accuracy and GFLOPs come from torchvision's weights metadata (False: MobileNet v1)."""
        return bool(self.weights_enum)


def weights_entry(key: str):
    """The torchvision weights enum member (IMAGENET1K_V1) for a family key; reading it downloads nothing."""
    spec = _spec(key)
    if not spec.weights_enum:
        raise KeyError(f"{key!r} has no torchvision weights: the package builds it (googlenet.mobilenet_v1)")
    return getattr(getattr(torchvision.models, spec.weights_enum), WEIGHTS_NAME)


def build(key: str, device: str | torch.device = "meta") -> nn.Module:
    """The architecture with weights=None, built as its pretrained model is shipped (see module docstring)."""
    spec = _spec(key)
    if key == PACKAGE_BUILT:
        return mobilenet_v1.build(1.0, device)
    with meta_device(device):
        return getattr(torchvision.models, spec.builder)(weights=None, **dict(spec.build_kwargs))


def param_split(model: nn.Module) -> tuple[int, int, int]:
    """(conv, fully connected, other) parameter counts; every parameter is counted once, by its owner."""
    conv = fc = other = 0
    for module in model.modules():
        n = sum(p.numel() for p in module.parameters(recurse=False))
        if isinstance(module, nn.Conv2d):
            conv += n
        elif isinstance(module, nn.Linear):
            fc += n
        else:
            other += n
    return conv, fc, other


def _spec(key: str) -> _Spec:
    for spec in _SPECS:
        if spec.key == key:
            return spec
    raise KeyError(f"unknown family member {key!r}; known: {', '.join(FAMILY_KEYS)}")


@lru_cache(maxsize=None)
def _member(key: str) -> FamilyMember:
    spec = _spec(key)
    if key == PACKAGE_BUILT:
        conv, fc, other = param_split(build(key))
        return FamilyMember(
            key=key, name=spec.name, year=spec.year, params=conv + fc + other, meta_params=None,
            gflops=round(mobilenet_v1.cost(1.0).macs / 1e9, 3), top1=MOBILENET_V1_TOP1, top5=None,
            weights_enum="", weights_name="", input_size=mobilenet_v1.INPUT_SIZE,
            conv_params=conv, fc_params=fc, other_params=other, idea_key=f"family.idea.{key}")
    entry = weights_entry(key)
    meta = entry.meta
    metrics = meta["_metrics"]["ImageNet-1K"]
    conv, fc, other = param_split(build(key))
    return FamilyMember(
        key=key, name=spec.name, year=spec.year,
        params=conv + fc + other, meta_params=meta["num_params"], gflops=meta["_ops"],
        top1=metrics["acc@1"], top5=metrics["acc@5"],
        weights_enum=spec.weights_enum, weights_name=entry.name,
        input_size=entry.transforms().crop_size[0],
        conv_params=conv, fc_params=fc, other_params=other,
        idea_key=f"family.idea.{key}",
    )


def member(key: str) -> FamilyMember:
    return _member(key)


def family_table() -> list[FamilyMember]:
    """All nine members, oldest first (cached: each architecture is built once per process)."""
    return [_member(key) for key in FAMILY_KEYS]


@dataclass(frozen=True)
class EfficiencySummary:
    """Why GoogLeNet was efficient: far fewer parameters, and almost none in fully connected layers."""
    googlenet_params: int
    alexnet_params: int
    vgg16_params: int
    fraction_of_alexnet: float   # GoogLeNet params / AlexNet params (about 0.108: ~9x fewer)
    fraction_of_vgg16: float     # GoogLeNet params / VGG-16 params (about 0.048: ~21x fewer)
    fc_share: dict[str, float]   # family key -> fraction of its params in fully connected layers
    fc_params: dict[str, int]    # family key -> params in fully connected layers

    @property
    def times_fewer_than_alexnet(self) -> float:
        return 1 / self.fraction_of_alexnet

    @property
    def times_fewer_than_vgg16(self) -> float:
        return 1 / self.fraction_of_vgg16


def efficiency_summary() -> EfficiencySummary:
    members = {m.key: m for m in family_table()}
    g, a, v = members["googlenet"], members["alexnet"], members["vgg16"]
    return EfficiencySummary(
        googlenet_params=g.params, alexnet_params=a.params, vgg16_params=v.params,
        fraction_of_alexnet=g.params / a.params, fraction_of_vgg16=g.params / v.params,
        fc_share={k: m.fc_share for k, m in members.items()},
        fc_params={k: m.fc_params for k, m in members.items()},
    )


def family_frame(members: list[FamilyMember]) -> pd.DataFrame:
    """The family as a table: name, year, parameters, GFLOPs, top-1 / top-5 and the key idea (current language)."""
    return pd.DataFrame({
        "name": [m.name for m in members],
        "year": [m.year for m in members],
        "params": [m.params for m in members],
        "gflops": [m.gflops for m in members],
        "top1": [m.top1 for m in members],
        "top5": [m.top5 for m in members],
        "idea": [t(m.idea_key) for m in members],
    })


# ---------------------------------------------------------------------------------------------
# Where each network sits on the accuracy-against-cost chart, seen from GoogLeNet.

QUADRANTS = ("cheaper_better", "costlier_better", "costlier_worse", "cheaper_worse")


def quadrant(m: FamilyMember, reference: FamilyMember) -> str:
    """Which side of `reference` `m` sits on: fewer or more GFLOPs (left/right), higher or lower top-1 (up/down)."""
    cheaper = m.gflops < reference.gflops
    better = m.top1 > reference.top1
    return {(True, True): "cheaper_better", (False, True): "costlier_better",
            (False, False): "costlier_worse", (True, False): "cheaper_worse"}[(cheaper, better)]


def chart_neighbours(reference_key: str = "googlenet") -> dict[str, list[FamilyMember]]:
    """Every other member by quadrant around the reference (each list oldest first)."""
    members = family_table()
    ref = member(reference_key)
    groups: dict[str, list[FamilyMember]] = {q: [] for q in QUADRANTS}
    for m in members:
        if m.key != reference_key:
            groups[quadrant(m, ref)].append(m)
    return groups


def first_fc_weights(key: str = "vgg16") -> tuple[int, int, int]:
    """(in_features, out_features, weights) of the first fully connected layer of a network."""
    fc = next(m for m in build(key).modules() if isinstance(m, nn.Linear))
    return fc.in_features, fc.out_features, fc.in_features * fc.out_features


MOBILENET_KEYS = ("mobilenet_v1", "mobilenet_v2", "mobilenet_v3_large")
RESNET_KEYS = ("resnet18", "resnet50")


def fc_share_range(keys: tuple[str, ...]) -> tuple[float, float]:
    """Smallest and largest share of parameters in fully connected layers among these members."""
    shares = [member(k).fc_share for k in keys]
    return min(shares), max(shares)


# ---------------------------------------------------------------------------------------------
# ResNet's problem, in its authors' numbers: He et al., "Deep Residual Learning for Image Recognition"
# (arXiv 1512.03385, Dec 2015; CVPR 2016). Table 2: ImageNet validation top-1 error (%, 10-crop testing).
# A plain 34-layer net is *worse* than a plain 18-layer one, and Figure 1 shows its training error is higher
# too (20 vs 56 layers on CIFAR-10): the deeper net is harder to optimise, not overfitting ("degradation").
# The paper notes that vanishing/exploding gradients are "largely addressed by normalized initialization and
# intermediate normalization layers" (BatchNorm), which its plain nets already use.
RESNET_TABLE2_TOP1_ERROR = {
    ("plain", 18): 27.94, ("plain", 34): 28.54,
    ("resnet", 18): 27.88, ("resnet", 34): 25.03,
}
RESNET_CIFAR_DEPTHS = (20, 56)   # Figure 1: the plain nets whose training error shows degradation
