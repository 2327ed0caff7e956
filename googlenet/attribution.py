"""Which branch voted? How much each branch of each Inception block contributed to one class's score.

Two ways to ask, and a check that the answer is about the network at all:

* **Gradient x activation** (per block and branch). One forward pass keeps every branch's output A (its
  channels x positions), one backward pass gives dy_c/dA for the class score y_c (the logit, before softmax).
  The sum of dy_c/dA * A over the branch's channels and positions is the branch's attribution: a first-order
  estimate of how much y_c would fall if the branch's output were scaled to zero (Shrikumar et al. 2016, "Not
  Just a Black Box", arXiv 1605.01713; Captum calls it LayerGradientXActivation). Positive: the branch's
  features argue for the class; negative: against it. Within one block the four numbers add up to the block's
  total, because the block's output is the concatenation of its branches.
* **Occlusion** (model-agnostic: it only needs the network's answers). A grey patch - the ImageNet mean colour,
  zero after normalisation - slides over the picture; at each position the class score is measured again, and
  the drop is that region's importance (Zeiler & Fergus 2014, "Visualizing and Understanding Convolutional
  Networks", arXiv 1311.2901, section 4.2). A pixel covered by several patch positions gets the average drop
  of those positions (as Captum's Occlusion does). ``branch_knockout`` is the same idea one level inside the
  network: each branch's output replaced by zeros in turn (the ablation page's switch), the score drop measured.
* **The sanity check** of Adebayo et al. 2018 ("Sanity Checks for Saliency Maps", NeurIPS, arXiv 1810.03292):
  the same explanation on a copy of the network whose weights are re-initialised at random - all of them, or
  "cascading" from the logits down to one block. The paper compares the explanations by Spearman rank
  correlation. An explanation that barely changes when the weights are scrambled reflects the architecture or
  the picture, not what the network learned - it explains nothing about the trained network.

The shared model is only read: every pass holds its lock in eval mode (googlenet.network_pass.eval_pass) for that
pass only, hooks live inside googlenet.runtime.hooks.temporary_hooks, only ``torch.autograd.grad`` is asked for
the branch outputs' gradient (no parameter's ``.grad`` is written), and the randomised network is a seeded copy.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch
from torch import nn

from .network_anatomy import BlockAnatomy, inception_blocks
from .network_pass import eval_pass
from .runtime.hooks import model_lock, temporary_hooks

OCCLUSION_FILL = 0.0          # the ImageNet mean colour: zero in the normalised picture the network reads
OCCLUSION_CHUNK = 16          # occluded pictures per locked pass: other sessions wait for one chunk at most
FULL = "full"                 # randomise every layer (the other choice: a block name, cascading down to it)


def _one_image(batch: torch.Tensor, what: str) -> None:
    if not isinstance(batch, torch.Tensor) or batch.dim() != 4 or batch.shape[0] != 1:
        shape = tuple(batch.shape) if isinstance(batch, torch.Tensor) else type(batch).__name__
        raise ValueError(f"{what} takes a batch of one image, shape (1, C, H, W); got {shape}")


def _class_checked(class_index: int, classes: int) -> int:
    if not 0 <= int(class_index) < classes:
        raise IndexError(f"class {class_index} is outside 0..{classes - 1}")
    return int(class_index)


# ---------------------------------------------------------------------------------------------
# Gradient x activation, per block and branch
# ---------------------------------------------------------------------------------------------

@dataclass
class BranchAttribution:
    """Gradient x activation of one class's score for every branch of every Inception block."""
    blocks: tuple[str, ...]          # the rows, in forward order
    branches: tuple[str, ...]        # the columns, in concatenation order
    values: np.ndarray               # (blocks, branches) float64: sum over the branch's channels and positions
    channels: np.ndarray             # (blocks, branches) int: each branch's width (a wide branch has more to add up)
    class_index: int
    logits: torch.Tensor             # (classes,) the network's logits for the picture

    def shares(self) -> np.ndarray:
        """Each branch's value / the sum of its block's absolute values: who voted, block by block (-1..1)."""
        scale = np.abs(self.values).sum(axis=1, keepdims=True)
        return np.divide(self.values, scale, out=np.zeros_like(self.values), where=scale > 0)

    def block_totals(self) -> np.ndarray:
        """The blocks' totals (the sum of their branches' values)."""
        return self.values.sum(axis=1)

    def strongest(self) -> tuple[str, str]:
        """(block, branch) of the largest positive share (ties: the first in forward / concatenation order)."""
        flat = int(np.argmax(self.shares()))
        row, col = divmod(flat, len(self.branches))
        return self.blocks[row], self.branches[col]

    def top_branch(self, block: str) -> str:
        """The branch with the largest value in `block`."""
        return self.branches[int(np.argmax(self.values[self.blocks.index(block)]))]

    @property
    def probabilities(self) -> torch.Tensor:
        return self.logits.softmax(0)

    def top_classes(self, k: int = 5) -> list[int]:
        return [int(c) for c in np.argsort(-self.logits.numpy(), kind="stable")[:k]]


def _branch_table(model: nn.Module) -> tuple[tuple[BlockAnatomy, ...], tuple[str, ...]]:
    blocks = inception_blocks(model)
    if not blocks:
        raise ValueError("the network has no Inception block")
    branches = tuple(dict.fromkeys(b.name for block in blocks for b in block.branches))
    return blocks, branches


def branch_attribution(model: nn.Module, batch: torch.Tensor, class_index: int | None = None) -> BranchAttribution:
    """Gradient x activation of `class_index` (default: the top class) for every branch of every Inception block
    (read from the network itself), from one forward and one backward pass. `batch` holds one image."""
    _one_image(batch, "branch_attribution()")
    blocks, branches = _branch_table(model)
    outputs: dict[str, torch.Tensor] = {}

    def keep(name: str):
        def hook(_module, _inputs, output):
            outputs[name] = output   # kept in the graph (not detached): earlier blocks' gradients flow through it
        return hook

    modules = {b.module: keep(b.module) for block in blocks for b in block.branches}
    # The input asks for a gradient, so every layer builds its graph (the fast model's fused convolutions step
    # aside when a gradient is wanted); only the branch outputs' gradients are computed below.
    pixels = batch.detach().clone().requires_grad_(True)
    with eval_pass(model), temporary_hooks(model, modules), torch.enable_grad():
        logits = model(pixels)
        if class_index is None:
            class_index = int(logits[0].argmax())
        class_index = _class_checked(class_index, logits.shape[1])
        missing = [m for m in modules if m not in outputs]
        if missing:
            raise RuntimeError(f"the forward pass never reached: {missing}")
        names = list(modules)
        gradients = torch.autograd.grad(logits[0, class_index], [outputs[m] for m in names], allow_unused=True)
    values = np.zeros((len(blocks), len(branches)))
    channels = np.zeros((len(blocks), len(branches)), dtype=np.int64)
    by_module = dict(zip(names, gradients))
    with torch.no_grad():
        for row, block in enumerate(blocks):
            for branch in block.branches:
                col = branches.index(branch.name)
                gradient, activation = by_module[branch.module], outputs[branch.module]
                if gradient is not None:
                    values[row, col] = float((gradient.double() * activation.double()).sum())
                channels[row, col] = branch.channels
    return BranchAttribution(tuple(b.name for b in blocks), branches, values, channels, class_index,
                             logits[0].detach().clone())


# ---------------------------------------------------------------------------------------------
# Occlusion: the picture, then the branches
# ---------------------------------------------------------------------------------------------

def patch_starts(side: int, patch: int, stride: int) -> list[int]:
    """Where the patches start along one side: 0, stride, 2*stride ... and, if the last one stops short of the
    edge, one more flush with it (so every pixel is covered at least once)."""
    if not 1 <= patch <= side:
        raise ValueError(f"the patch ({patch} px) must be between 1 and the picture's side ({side} px)")
    if stride < 1:
        raise ValueError(f"the stride must be at least 1 px, not {stride}")
    starts = list(range(0, side - patch + 1, stride))
    if starts[-1] + patch < side:
        starts.append(side - patch)
    return starts


@dataclass
class Occlusion:
    """The class score with a grey patch at every position of a grid, and the drops it caused."""
    class_index: int
    patch: int
    stride: int
    starts: tuple[int, ...]          # the patches' first row = first column along each side
    base_logit: float                # the class's logit on the whole picture
    base_probability: float
    logits: np.ndarray               # (rows, cols) the class's logit with the patch at each grid position
    probabilities: np.ndarray        # (rows, cols) its probability there
    size: tuple[int, int]            # (height, width) of the picture

    @property
    def drops(self) -> np.ndarray:
        """(rows, cols): how far the class's logit fell with the patch there (negative: it rose)."""
        return self.base_logit - self.logits

    def pixel_map(self) -> np.ndarray:
        """(height, width): every pixel's average drop over the patch positions that covered it."""
        height, width = self.size
        total, count = np.zeros((height, width)), np.zeros((height, width))
        for i, top in enumerate(self.starts):
            for j, left in enumerate(self.starts):
                total[top:top + self.patch, left:left + self.patch] += self.drops[i, j]
                count[top:top + self.patch, left:left + self.patch] += 1
        return (total / np.maximum(count, 1)).astype(np.float32)

    def strongest(self) -> tuple[int, int]:
        """(row, col) of the grid position whose patch lowered the score most."""
        row, col = divmod(int(np.argmax(self.drops)), self.drops.shape[1])
        return row, col

    def centre(self, row: int, col: int) -> tuple[float, float]:
        """(x, y) of the centre of the patch at grid position (row, col), in pixels."""
        return self.starts[col] + self.patch / 2, self.starts[row] + self.patch / 2


def occlude(batch: torch.Tensor, top: int, left: int, patch: int, fill: float = OCCLUSION_FILL) -> torch.Tensor:
    """A copy of the one-image `batch` with a patch x patch square from (top, left) set to `fill` (cut at the
    picture's edge)."""
    _one_image(batch, "occlude()")
    if patch < 1:
        raise ValueError(f"the patch must be at least 1 px, not {patch}")
    hidden = batch.detach().clone()
    hidden[..., max(top, 0):max(top + patch, 0), max(left, 0):max(left + patch, 0)] = fill
    return hidden


def centred_patch(centre: tuple[float, float], patch: int) -> tuple[int, int]:
    """(top, left) of the patch x patch square centred on `centre` = (x, y)."""
    x, y = centre
    return int(round(y - patch / 2)), int(round(x - patch / 2))


@torch.no_grad()
def _class_logits(model: nn.Module, pictures: torch.Tensor, class_index: int) -> tuple[np.ndarray, np.ndarray]:
    """The class's logit and probability for each picture, in chunks: the lock is held for one chunk at a time."""
    logits, probs = [], []
    for chunk in pictures.split(OCCLUSION_CHUNK):
        with eval_pass(model):
            out = model(chunk)
        logits.append(out[:, class_index].double())
        probs.append(out.double().softmax(1)[:, class_index])
    return torch.cat(logits).numpy(), torch.cat(probs).numpy()


def occlusion(model: nn.Module, batch: torch.Tensor, class_index: int | None = None, patch: int = 56,
              stride: int = 28, fill: float = OCCLUSION_FILL) -> Occlusion:
    """Slide a patch x patch grey square over the picture (every `stride` pixels) and measure the class's score
    each time. One image in `batch`; `class_index` defaults to the top class of the whole picture."""
    _one_image(batch, "occlusion()")
    height, width = batch.shape[-2:]
    if height != width:
        raise ValueError(f"occlusion() expects a square picture, got {height}x{width}")
    starts = patch_starts(int(height), patch, stride)
    with torch.no_grad(), eval_pass(model):
        whole = model(batch.detach())[0].double()
    if class_index is None:
        class_index = int(whole.argmax())
    class_index = _class_checked(class_index, whole.shape[0])
    pictures = torch.cat([occlude(batch, top, left, patch, fill) for top in starts for left in starts])
    logits, probs = _class_logits(model, pictures, class_index)
    n = len(starts)
    return Occlusion(class_index, patch, stride, tuple(starts), float(whole[class_index]),
                     float(whole.softmax(0)[class_index]), logits.reshape(n, n), probs.reshape(n, n),
                     (int(height), int(width)))


@dataclass
class PatchEffect:
    """The class's score with one patch hidden (``occlude(batch, top, left, patch)`` gives the picture it read)."""
    class_index: int
    top: int
    left: int
    patch: int
    logit: float
    base_logit: float
    probability: float
    base_probability: float

    @property
    def drop(self) -> float:
        return self.base_logit - self.logit


def hide_patch(model: nn.Module, batch: torch.Tensor, class_index: int, centre: tuple[float, float],
               patch: int, fill: float = OCCLUSION_FILL) -> PatchEffect:
    """The class's logit and probability with one patch x patch square, centred on `centre` = (x, y), hidden."""
    _one_image(batch, "hide_patch()")
    top, left = centred_patch(centre, patch)
    hidden = occlude(batch, top, left, patch, fill)
    with torch.no_grad(), eval_pass(model):
        out = model(torch.cat([batch.detach(), hidden])).double()
    class_index = _class_checked(class_index, out.shape[1])
    probs = out.softmax(1)[:, class_index]
    return PatchEffect(class_index, top, left, patch, float(out[1, class_index]), float(out[0, class_index]),
                       float(probs[1]), float(probs[0]))   # small: pages cache many of these


@torch.no_grad()
def branch_knockout(model: nn.Module, batch: torch.Tensor, class_index: int) -> np.ndarray:
    """(blocks, branches): how far the class's logit falls when that one branch's output is set to zero (the
    ablation page's switch), every branch of every block in turn - one batched pass, one copy of the picture
    per branch, each copy with its own branch silenced."""
    _one_image(batch, "branch_knockout()")
    blocks, branches = _branch_table(model)
    cells = [(row, branches.index(b.name), block, b) for row, block in enumerate(blocks) for b in block.branches]
    silenced: dict[str, list[int]] = {}
    for item, (_row, _col, _block, branch) in enumerate(cells, start=1):   # item 0: the intact picture
        silenced.setdefault(branch.module, []).append(item)

    def zero_items(items: list[int]):
        def hook(_module, _inputs, output):
            keep = torch.ones(output.shape[0], 1, 1, 1, dtype=output.dtype, device=output.device)
            keep[items] = 0
            return output * keep        # a new tensor: the branch's own output is left as it was
        return hook

    pictures = batch.detach().expand(len(cells) + 1, -1, -1, -1).contiguous()
    with eval_pass(model), temporary_hooks(model, {m: zero_items(items) for m, items in silenced.items()}):
        out = model(pictures)
    out = out[:, _class_checked(class_index, out.shape[1])].double()
    drops = np.zeros((len(blocks), len(branches)))
    for item, (row, col, _block, _branch) in enumerate(cells, start=1):
        drops[row, col] = float(out[0] - out[item])
    return drops


# ---------------------------------------------------------------------------------------------
# The sanity check: the same explanation on scrambled weights
# ---------------------------------------------------------------------------------------------

def randomisation_order(model: nn.Module) -> list[str]:
    """The layers the cascading randomisation re-initialises, top first (Adebayo et al. start at the logits):
    the network's last linear layer, then its Inception blocks from the last to the first, then everything else
    (the stem)."""
    linears = [name for name, m in model.named_modules() if isinstance(m, nn.Linear) and name]
    blocks = [b.name for b in inception_blocks(model)]
    return linears[-1:] + blocks[::-1] + ["stem"]


def _reinitialise(module: nn.Module, generator: torch.Generator) -> None:
    """Fresh He-initialised weights (He et al. 2015, as googlenet.model.he_init) and zero biases: the activations
    stay alive through the depth, so the scrambled network still answers, differently."""
    for m in module.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu", generator=generator)
        elif isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=m.in_features ** -0.5, generator=generator)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.running_mean)
            nn.init.ones_(m.running_var)
        if isinstance(m, (nn.Conv2d, nn.Linear, nn.BatchNorm2d)) and m.bias is not None:
            nn.init.zeros_(m.bias)


@torch.no_grad()
def randomised_copy(model: nn.Module, seed: int = 0, down_to: str = FULL) -> nn.Module:
    """A copy of `model` with re-initialised weights (seeded); the model itself is not touched.

    `down_to` = FULL re-initialises everything; a name from ``randomisation_order`` cascades: every layer from
    the top down to that one (inclusive) is scrambled, the layers below it keep their trained weights.
    """
    order = randomisation_order(model)
    if down_to != FULL and down_to not in order:
        raise KeyError(f"{down_to!r} is not a layer to randomise; choose from {order} or {FULL!r}")
    with model_lock(model):               # a consistent snapshot, even while another session runs a pass
        scrambled = copy.deepcopy(model)
    scrambled.eval()
    generator = torch.Generator().manual_seed(seed)
    chosen = order if down_to == FULL else order[:order.index(down_to) + 1]
    modules = dict(scrambled.named_modules())
    for name in chosen:
        if name != "stem":
            _reinitialise(modules[name], generator)
    if "stem" in chosen:                  # everything not yet scrambled: the stem and anything else with weights
        done = {n for n in chosen if n != "stem"}
        for name, child in scrambled.named_children():
            if name not in done and not any(d.startswith(name + ".") for d in done):
                _reinitialise(child, generator)
    return scrambled   # a fast copy's fused convolutions pack the new weights anew (they notice the change)


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's rank correlation of two tables of the same shape (cells paired by position): 1 = the same
    order, 0 = unrelated, -1 = reversed. NaN when either table is constant."""
    from scipy.stats import spearmanr

    a, b = np.asarray(a, dtype=np.float64).ravel(), np.asarray(b, dtype=np.float64).ravel()
    if a.shape != b.shape:
        raise ValueError(f"tables of different sizes: {a.size} and {b.size} cells")
    if np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan")
    return float(spearmanr(a, b).statistic)


@dataclass
class SanityCheck:
    """The trained network's branch attribution beside a scrambled copy's, and how alike they are."""
    trained: BranchAttribution
    scrambled: BranchAttribution
    down_to: str
    seed: int

    @property
    def rank_correlation(self) -> float:
        """Spearman's rank correlation of the two tables of shares (signed)."""
        return spearman(self.trained.shares(), self.scrambled.shares())

    @property
    def abs_rank_correlation(self) -> float:
        """The same on absolute shares (Adebayo et al. report both): is the same branch loud, for or against?"""
        return spearman(np.abs(self.trained.shares()), np.abs(self.scrambled.shares()))

    @property
    def width_rank_correlation(self) -> float:
        """How far the scrambled table simply follows the branches' widths (more channels, more to add up)."""
        return spearman(np.abs(self.scrambled.shares()), self.scrambled.channels)


def sanity_check(model: nn.Module, scrambled: nn.Module, batch: torch.Tensor, class_index: int | None = None,
                 down_to: str = FULL, seed: int = 0) -> SanityCheck:
    """Branch attribution of the same class on the same picture by `model` and by `scrambled`
    (``randomised_copy(model, seed, down_to)``)."""
    trained = branch_attribution(model, batch, class_index)
    return SanityCheck(trained, branch_attribution(scrambled, batch, trained.class_index), down_to, seed)


def block_rows(attribution: BranchAttribution, names: Sequence[str] | None = None) -> list[dict]:
    """The table as records (one per block x branch) for charts: block, branch, value, share, channels."""
    shares = attribution.shares()
    return [{"block": (names or attribution.blocks)[i], "branch": branch, "value": float(attribution.values[i, j]),
             "share": float(shares[i, j]), "channels": int(attribution.channels[i, j])}
            for i in range(len(attribution.blocks)) for j, branch in enumerate(attribution.branches)]
