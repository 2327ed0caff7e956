"""The headline numbers, reconciled: what the paper says, what the model computes, what torchvision ships.

Every number the app quotes about GoogLeNet as a whole lives here, once: the published ones as constants
with their source, the rest computed (from paper_table1.csv, from the model built on the meta device,
from torchvision's weights metadata). Pages only draw them.

Light at import (no torch): the home page shows the published numbers without loading PyTorch;
``reconciled()`` imports the model code when it is called (the home page keeps its result on disk).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

# --- Published numbers -------------------------------------------------------------------------------
# Szegedy et al., "Going Deeper with Convolutions", CVPR 2015 (arXiv:1409.4842).

PAPER_TABLE1 = Path(__file__).with_name("data") / "paper_table1.csv"   # Table 1, as published


@dataclass(frozen=True)
class Table3Row:
    """One row of the paper's Table 3: top-5 error on the ILSVRC 2014 validation set."""
    models: int
    crops: int
    top5_error: float   # percent

    @property
    def evaluations(self) -> int:
        """Forward passes per image ("cost" in Table 3): models x crops."""
        return self.models * self.crops


# Table 3 ("GoogLeNet classification performance break down"). 7 models: seven versions of the same
# network (one of them wider) trained independently; 144 crops: 4 scales x 3 squares x 6 crops x 2 (mirrored),
# paper §7. The last row is the competition entry (Table 2: 6.67%, 1st place).
TABLE3: tuple[Table3Row, ...] = (
    Table3Row(1, 1, 10.07),
    Table3Row(1, 10, 9.15),
    Table3Row(1, 144, 7.89),
    Table3Row(7, 1, 8.09),
    Table3Row(7, 10, 7.62),
    Table3Row(7, 144, 6.67),
)
HEADLINE_TOP5 = TABLE3[-1]        # 7 models x 144 crops: 6.67%
SINGLE_TOP5 = TABLE3[0]           # 1 model x 1 crop: 10.07%

PAPER_MULTIPLY_ADDS = 1.5e9       # §1: "a computational budget of 1.5 billion multiply-adds at inference time"
PAPER_FEWER_THAN_ALEXNET = 12     # §1: "uses 12 times fewer parameters than the winning architecture of
                                  # Krizhevsky et al [9] from two years ago"
ALEXNET_PAPER_PARAMS = 60e6       # Krizhevsky et al., NIPS 2012, abstract: "60 million parameters"
LAYERS_WITH_PARAMETERS = 22       # paper §5: "22 layers deep when counting only layers with parameters
LAYERS_WITH_POOLING = 27          # (or 27 layers if we also count pooling)"


@dataclass(frozen=True)
class Table1Sums:
    """The "params" and "ops" columns of Table 1, added up as printed."""
    params_k: float     # sum of the params column, in the paper's K
    ops_m: float        # sum of the ops column, millions of multiply-adds

    @property
    def params_read_as_thousands(self) -> int:
        """The sum read with K = 1000: the "about 6.8M" quoted everywhere."""
        return round(self.params_k * 1000)

    @property
    def params_read_as_1024(self) -> int:
        """The sum with K = 1024, the unit the column actually uses (3a: 163,696 weights and biases = 159.9K,
        printed 159K)."""
        return round(self.params_k * 1024)


def _table1_rows(path: Path = PAPER_TABLE1) -> list[dict]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def table1_sums(path: Path = PAPER_TABLE1) -> Table1Sums:
    rows = _table1_rows(path)
    return Table1Sums(sum(float(r["paper_params_K"]) for r in rows if r["paper_params_K"]),
                      sum(float(r["paper_ops_M"]) for r in rows if r["paper_ops_M"]))


def table1_printed(layer: str, path: Path = PAPER_TABLE1) -> tuple[float, float]:
    """(params in K, ops in M) of one row of Table 1, as printed, e.g. ("conv1") -> (2.7, 34.0)."""
    row = next(r for r in _table1_rows(path) if r["layer"] == layer)
    return float(row["paper_params_K"]), float(row["paper_ops_M"])


def millions(n: float) -> str:
    """6,797,700 -> "6.8M" (the way the metric cards round)."""
    return f"{n / 1e6:.1f}M"


# --- Computed numbers ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class BlockSaving:
    """What the 1x1 reductions save in one Inception block: naive / with-1x1 multiply-adds (weights only;
    at one size, weights and multiply-adds shrink by the same factor)."""
    block: str          # "inception3a"
    size: int           # height = width of its input and output
    module: float       # the whole module
    branch3x3: float    # branch 2: 3x3 conv alone vs 1x1 reduce + 3x3
    branch5x5: float    # branch 3: 5x5 conv alone vs 1x1 reduce + 5x5


@dataclass(frozen=True)
class Reconciled:
    """Everything "The numbers, reconciled" shows. Plain numbers only, so it can be kept on disk."""
    # Accuracy: torchvision's GoogLeNet_Weights.IMAGENET1K_V1 metadata (one model, one 224 centre crop of a
    # 256 resize, ImageNet-1K validation).
    tv_top1: float
    tv_top5: float
    # Parameters
    table1: Table1Sums
    paper_params: int              # our paper-variant model, no aux heads (LRN, biases, 5x5 in branch 3)
    paper_params_with_aux: int
    tv_params: int                 # torchvision's architecture, no aux heads (as its weights are shipped)
    tv_params_with_aux: int
    tv_meta_params: int            # the weights metadata's num_params
    # Multiply-adds (convolutions and the final linear layer, 224 x 224 input)
    paper_macs: int
    tv_macs: int
    tv_meta_gflops: float          # the weights metadata's "_ops" ("GFLOPS" in torchvision's docs)
    # Two rows of Table 1 next to the model's own counts (paper variant): where the published table slips
    conv1_params: int              # 7*7*3*64 weights + 64 biases
    conv1_macs: int                # 7*7*3*64 weights x 112*112 positions
    inception3a_params: int        # weights and biases of block 3a
    # AlexNet, as torchvision builds it
    alexnet_params: int
    # The 1x1 bottleneck, block by block (paper variant)
    savings: tuple[BlockSaving, ...]

    @property
    def tv_top5_error(self) -> float:
        return round(100.0 - self.tv_top5, 3)

    @property
    def alexnet_ratio_tv(self) -> float:
        return self.alexnet_params / self.tv_params

    @property
    def alexnet_ratio_paper(self) -> float:
        return self.alexnet_params / self.paper_params

    @property
    def alexnet_ratio_table1(self) -> float:
        """AlexNet's published 60M over Table 1's ~6.8M."""
        return ALEXNET_PAPER_PARAMS / self.table1.params_read_as_thousands

    @property
    def params_implied_by_12x(self) -> float:
        """What "12x fewer than AlexNet's 60M" would make GoogLeNet: 5M."""
        return ALEXNET_PAPER_PARAMS / PAPER_FEWER_THAN_ALEXNET

    @property
    def aux_params_tv(self) -> int:
        return self.tv_params_with_aux - self.tv_params

    @property
    def saving_3a(self) -> BlockSaving:
        return self.savings[0]

    @property
    def module_saving_range(self) -> tuple[BlockSaving, BlockSaving]:
        """The blocks with the smallest and the largest whole-module saving."""
        ordered = sorted(self.savings, key=lambda s: s.module)
        return ordered[0], ordered[-1]


def _count(model) -> int:
    return sum(p.numel() for p in model.parameters())


def block_savings() -> tuple[BlockSaving, ...]:
    """Naive vs 1x1-reduced module, every block of the paper variant, at the size the block works on."""
    from .costs import module_cost, stage_shapes
    from .model import INCEPTION_CONFIG

    shapes = stage_shapes("paper")
    out = []
    for block, spec in INCEPTION_CONFIG.items():
        size = shapes[block][1]
        naive, reduced = module_cost(spec, size, bottleneck=False), module_cost(spec, size)
        out.append(BlockSaving(block, size,
                               naive["total"].macs / reduced["total"].macs,
                               naive["branch2"].macs / reduced["branch2"].macs,
                               naive["branch3"].macs / reduced["branch3"].macs))
    return tuple(out)


def reconciled() -> Reconciled:
    """Compute every number (a few seconds the first time: imports torch and torchvision, builds the
    networks on the meta device; no download, no arithmetic on weights)."""
    from .costs import layer_table, network_total
    from .family import build, weights_entry
    from .model import GoogLeNet, meta_device

    meta = weights_entry("googlenet").meta
    with meta_device():
        paper_aux = _count(GoogLeNet(variant="paper", aux_logits=True, init_weights=False))
        tv_aux = _count(GoogLeNet(variant="torchvision", aux_logits=True, init_weights=False))
    paper, tv = network_total("paper"), network_total("torchvision")
    rows = {row.name: row for row in layer_table("paper")}
    return Reconciled(
        tv_top1=float(meta["_metrics"]["ImageNet-1K"]["acc@1"]),
        tv_top5=float(meta["_metrics"]["ImageNet-1K"]["acc@5"]),
        table1=table1_sums(),
        paper_params=paper.params, paper_params_with_aux=paper_aux,
        tv_params=tv.params, tv_params_with_aux=tv_aux, tv_meta_params=int(meta["num_params"]),
        paper_macs=paper.macs, tv_macs=tv.macs, tv_meta_gflops=float(meta["_ops"]),
        conv1_params=rows["conv1"].params, conv1_macs=rows["conv1"].macs,
        inception3a_params=rows["inception3a"].params,
        alexnet_params=_count(build("alexnet")),
        savings=block_savings(),
    )
