"""What each bug does, measured: every function runs the listings of :mod:`.listings` (buggy and fixed, same
seed, so same starting weights) and returns numbers, never prose.

Small and quick on purpose (a few seconds at most on one CPU thread): the digits are scikit-learn's 8x8
handwritten digits (googlenet.digits.data), the networks are the listings' own.
"""
from __future__ import annotations

import contextlib
import io
import math
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn

from ..digits.analysis import SoftmaxLossRange, softmax_loss_range
from ..digits.data import MAX_VALUE, NUM_CLASSES, load_digits_split
from ..digits.nets import DIGITS_MEAN, DIGITS_STD
from ..runtime.serving import torch_threads
from .listings import BY_KEY, CapturedError, ListingRun, run_listing, seeded

THREADS = 1          # tiny networks: one thread is as fast as two, and leaves the other core to the server
BATCH = 64
SEED = 0
BRANCH_STEPS = 80    # (a): enough for the network to learn the digits well past chance (10%)
BRANCH_LR = 0.02
SOFTMAX_STEPS = 200  # (b): the fixed net passes 85% test accuracy by then
SOFTMAX_LR = 0.05
LRN_REPEATS = 7      # (e): timings are the fastest of this many runs
EPOCH_REPEATS = 5    # (f): ... and of this many epochs


def _digits() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Training and test digits, normalised as the training lab does (mean 0, spread 1 over the training set)."""
    d = load_digits_split()
    norm = lambda x: (x / MAX_VALUE - DIGITS_MEAN) / DIGITS_STD  # noqa: E731
    return norm(d.x_train), d.y_train, norm(d.x_test), d.y_test


def _batches(n: int, steps: int, seed: int) -> list[torch.Tensor]:
    """`steps` batches of indices into n examples: shuffled epochs, a fixed order per seed."""
    g = torch.Generator().manual_seed(seed)
    order: list[torch.Tensor] = []
    while len(order) < steps:
        perm = torch.randperm(n, generator=g)
        order += [perm[i:i + BATCH] for i in range(0, n - BATCH + 1, BATCH)]
    return order[:steps]


def _accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    was = model.training
    model.eval()
    with torch.no_grad():
        acc = (model(x).argmax(dim=1) == y).float().mean().item()
    model.train(was)
    return acc


def _listing(key: str, fixed: bool, seed: int = SEED) -> ListingRun:
    run = run_listing(BY_KEY[key], fixed=fixed, seed=seed)
    if not run.ok:
        raise RuntimeError(f"listing {key} (fixed={fixed}) failed: {run.error.text}")
    return run


# ------------------------------------------------------------------------------------ (a) branch mixup
BLOCK_LAYERS = ("branch1x1", "branch3x3_1", "branch3x3_2", "branch5x5_1", "branch5x5_2", "branch_pool")
STEM_CHANNELS = 16
BLOCK_OUT = 8 + 12 + 12 + 8     # the listing's four branches, concatenated


class DigitsWithBlock(nn.Module):
    """The listing's block in a small digit classifier: 3x3 conv stem -> the block -> global average pool -> linear."""

    def __init__(self, block_class: type[nn.Module]):
        super().__init__()
        self.stem = nn.Conv2d(1, STEM_CHANNELS, kernel_size=3, padding=1)
        self.block = block_class(STEM_CHANNELS)
        self.fc = nn.Linear(BLOCK_OUT, NUM_CLASSES)

    def forward(self, x):
        x = self.block(F.relu(self.stem(x)))
        return self.fc(x.mean(dim=(2, 3)))


@dataclass(frozen=True)
class BranchResult:
    output_shape: tuple[int, ...]             # the block's output for one batch: the same, buggy or fixed
    grad_norms: dict[str, float | None]       # layer -> norm of its weight gradient after one backward; None: no grad
    unchanged_after_training: dict[str, bool]  # layer -> its weights are still exactly the initial ones
    idle_parameters: int                      # weights and biases of the layers that got no gradient
    test_accuracy: float                      # after `steps` Adam steps
    steps: int
    seconds: float


def branch_experiment(fixed: bool, steps: int = BRANCH_STEPS, seed: int = SEED) -> BranchResult:
    """One backward pass (gradient norm per layer of the block), then `steps` training steps on the digits."""
    x_tr, y_tr, x_te, y_te = _digits()
    start = time.perf_counter()
    block_class = _listing("branch", fixed).names["MiniInception"]
    with torch_threads(THREADS):
        with seeded(seed):               # same seed, same weights: the buggy and fixed models start identical
            model = DigitsWithBlock(block_class)
        initial = {name: getattr(model.block, name).weight.detach().clone() for name in BLOCK_LAYERS}
        batches = _batches(len(y_tr), steps, seed)
        with torch.no_grad():
            shape = tuple(model.block(F.relu(model.stem(x_tr[batches[0]]))).shape)
        F.cross_entropy(model(x_tr[batches[0]]), y_tr[batches[0]]).backward()
        grads = {}
        for name in BLOCK_LAYERS:
            g = getattr(model.block, name).weight.grad
            grads[name] = None if g is None else g.norm().item()
        model.zero_grad(set_to_none=True)
        opt = torch.optim.Adam(model.parameters(), lr=BRANCH_LR)
        for idx in batches:
            opt.zero_grad(set_to_none=True)
            F.cross_entropy(model(x_tr[idx]), y_tr[idx]).backward()
            opt.step()
        unchanged = {name: torch.equal(getattr(model.block, name).weight, initial[name]) for name in BLOCK_LAYERS}
        acc = _accuracy(model, x_te, y_te)
    idle = sum(p.numel() for name in BLOCK_LAYERS if grads[name] is None
               for p in getattr(model.block, name).parameters())
    return BranchResult(shape, grads, unchanged, idle, acc, steps, time.perf_counter() - start)


# ------------------------------------------------------------------------------------ (b) softmax before CE
@dataclass(frozen=True)
class SoftmaxCurves:
    steps: list[int]               # the step after which each test accuracy was measured
    losses: list[float]            # training loss of every step
    test_accuracies: list[float]   # at `steps`
    first_grad_norm: float         # norm of the gradient of the loss w.r.t. the last layer's weights, first batch
    seconds: float


EVAL_EVERY = 10


def softmax_experiment(fixed: bool, steps: int = SOFTMAX_STEPS, lr: float = SOFTMAX_LR,
                       seed: int = SEED) -> SoftmaxCurves:
    """Train the listing's DigitNet with the listing's own train_step (plain SGD), buggy or fixed."""
    x_tr, y_tr, x_te, y_te = _digits()
    start = time.perf_counter()
    names = _listing("softmax", fixed).names
    with torch_threads(THREADS):
        with seeded(seed):
            model = names["DigitNet"]()
        batches = _batches(len(y_tr), steps, seed)
        first = batches[0]
        names["loss_fn"](model(x_tr[first]), y_tr[first]).backward()
        first_grad = model.fc.weight.grad.norm().item()
        model.zero_grad(set_to_none=True)
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        losses, evals, accs = [], [], []
        for step, idx in enumerate(batches, start=1):
            losses.append(names["train_step"](model, opt, x_tr[idx], y_tr[idx]))
            if step % EVAL_EVERY == 0 or step == steps:
                evals.append(step)
                accs.append(_accuracy(model, x_te, y_te))
    return SoftmaxCurves(evals, losses, accs, first_grad, time.perf_counter() - start)


# CrossEntropyLoss of a softmax output at its extremes (floor, uniform, ceiling): one definition, in the training
# lab's analysis, which the lab's softmax switch uses too. The listing's loss_fn is nn.CrossEntropyLoss, the same
# function: test_bug_hunt checks the listing's loss against these bounds.
LossBounds = SoftmaxLossRange


def softmax_loss_bounds(n_classes: int = NUM_CLASSES) -> LossBounds:
    """What the buggy listing's loss can return: at best `floor` = log(e + C - 1) - 1, at worst `ceiling`."""
    return softmax_loss_range(n_classes)


def floor_formula(n_classes: int = NUM_CLASSES) -> float:
    """The same floor by hand: -log(e^1 / (e^1 + (C-1) e^0)) = log(e + C - 1) - 1."""
    return math.log(math.e + n_classes - 1) - 1


# ------------------------------------------------------------------------------------ (c), (d) exceptions
def captured_error(key: str) -> CapturedError | None:
    """Run the buggy listing and keep what it raised (its type, message and the listing's line)."""
    return run_listing(BY_KEY[key], fixed=False).error


def module_minus_module_error() -> CapturedError:
    """What `self.mp - nn.MaxPool2d(2)` would raise next, had `self.mp` existed: one module minus another."""
    try:
        nn.MaxPool2d(2) - nn.MaxPool2d(2)
    except TypeError as exc:
        return CapturedError(type(exc).__name__, str(exc), None)
    raise AssertionError("subtracting two modules did not raise")


@dataclass(frozen=True)
class FixedRun:
    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    parameters: int


def fixed_aux_head(seed: int = SEED) -> FixedRun:
    """The corrected aux head on a 4a-sized map (512 x 14 x 14): what it builds and returns."""
    head = _listing("kernel", fixed=True, seed=seed).names["aux1"]
    x = torch.randn(1, 512, 14, 14, generator=torch.Generator().manual_seed(seed))
    with torch_threads(THREADS), torch.no_grad():
        out = head.eval()(x)
    return FixedRun(tuple(x.shape), tuple(out.shape), sum(p.numel() for p in head.parameters()))


def fixed_resnet(seed: int = SEED) -> FixedRun:
    """The corrected SmallResNet on one 8x8 digit."""
    net = _listing("minus", fixed=True, seed=seed).names["net"]
    x = _digits()[0][:1]
    with torch_threads(THREADS), torch.no_grad():
        out = net(x)
    return FixedRun(tuple(x.shape), tuple(out.shape), sum(p.numel() for p in net.parameters()))


# ------------------------------------------------------------------------------------ (e) LRN before the pool
@dataclass(frozen=True)
class LRNResult:
    lrn_input_shape: dict[str, tuple[int, ...]]   # "buggy"/"fixed" -> the shape the first LRN normalises
    values_normalised: dict[str, int]
    lrn_ms: dict[str, float]                      # fastest time of that LRN alone, milliseconds
    output_shape: tuple[int, ...]                 # the stem's output: the same shape either way
    max_abs_diff: float                           # between the buggy and fixed stems' outputs
    max_abs_output: float
    differing_share: float                        # share of output values that differ by more than 1e-6 relative


def _shape_into(module: nn.Module, model: nn.Module, x: torch.Tensor) -> tuple[int, ...]:
    seen: list[tuple[int, ...]] = []
    handle = module.register_forward_pre_hook(lambda _m, args: seen.append(tuple(args[0].shape)))
    try:
        with torch.no_grad():
            model(x)
    finally:
        handle.remove()
    return seen[0]


def _fastest_ms(fn, repeats: int = LRN_REPEATS) -> float:
    """The fastest of `repeats` runs, in ms: on a shared machine the slower ones measure the neighbours too
    (the advice of Python's timeit documentation)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - t0))
    return min(times)


# BVLC Caffe's GoogLeNet was fed BGR pixels on the 0..255 scale minus a per-channel mean (CONCEPTS.md §9); the
# mean, B 104 / G 117 / R 123, as OpenVINO's model card for the Caffe googlenet-v1 states it
# (openvinotoolkit/open_model_zoo, models/public/googlenet-v1/googlenet-v1.md). LRN's effect depends on that scale.
CAFFE_BGR_MEAN = (104.0, 117.0, 123.0)
PHOTO = Path(__file__).resolve().parents[2] / "assets" / "chelsea_cat.jpg"
STEM_INPUT = 224


def caffe_scale_photo(path: Path = PHOTO) -> torch.Tensor:
    """A photo as the Caffe model saw its input: 224x224, BGR, 0..255 minus the mean. Shape (1, 3, 224, 224)."""
    rgb = np.asarray(Image.open(path).convert("RGB").resize((STEM_INPUT, STEM_INPUT), Image.Resampling.BILINEAR),
                     dtype=np.float32)
    bgr = rgb[:, :, ::-1] - np.array(CAFFE_BGR_MEAN, dtype=np.float32)
    return torch.from_numpy(np.ascontiguousarray(bgr)).permute(2, 0, 1).unsqueeze(0)


def lrn_experiment(seed: int = SEED, image: torch.Tensor | None = None) -> LRNResult:
    """Both stems with the same weights on the same picture (the cat photo at Caffe's scale unless `image` is given)."""
    x = caffe_scale_photo() if image is None else image
    stems = {kind: _listing("lrn", fixed=kind == "fixed", seed=seed).names["Stem"] for kind in ("buggy", "fixed")}
    shapes, counts, times, outs = {}, {}, {}, {}
    with torch_threads(THREADS):
        for kind, stem_class in stems.items():
            with seeded(seed):
                stem = stem_class().eval()
            shapes[kind] = _shape_into(stem.norm1, stem, x)
            counts[kind] = math.prod(shapes[kind])
            lrn_in = torch.rand(shapes[kind], generator=torch.Generator().manual_seed(seed))
            with torch.no_grad():
                times[kind] = _fastest_ms(lambda: stem.norm1(lrn_in))
                outs[kind] = stem(x)
    diff = (outs["buggy"] - outs["fixed"]).abs()
    scale = outs["fixed"].abs().clamp_min(1e-12)
    return LRNResult(shapes, counts, times, tuple(outs["fixed"].shape), diff.max().item(),
                     outs["fixed"].abs().max().item(), ((diff / scale) > 1e-6).float().mean().item())


# ------------------------------------------------------------------------------------ (f) print in forward
@dataclass(frozen=True)
class PrintResult:
    batches: int                 # one epoch of training digits in batches of BATCH
    lines_printed: int           # by the buggy model during that epoch
    fixed_lines_printed: int     # by the fixed one
    first_lines: list[str]
    print_us: float              # one of the listing's print lines, µs (fastest of PRINT_REPEATS x PRINT_CALLS)
    epoch_seconds: float         # one epoch of the fixed model (fastest of EPOCH_REPEATS, after a warm-up epoch)

    @property
    def print_seconds(self) -> float:
        """Time the buggy model spends printing in one epoch."""
        return self.lines_printed * self.print_us / 1e6


PRINT_CALLS, PRINT_REPEATS = 1000, 5


def _epoch(model: nn.Module, opt: torch.optim.Optimizer, batches, x: torch.Tensor,
           y: torch.Tensor) -> tuple[float, str]:
    """One training epoch with stdout captured: (seconds, the text printed)."""
    out = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(out):
        for idx in batches:
            opt.zero_grad(set_to_none=True)
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
    return time.perf_counter() - t0, out.getvalue()


def _print_line_us() -> float:
    """The listing's own print lines, run on a tensor of the shape they see, into memory: microseconds per line.

    Timed alone (fastest of several thousand calls): a whole epoch's time on a shared machine varies by far more
    than the prints cost, so the difference of two epoch times would measure the neighbours, not the prints.
    """
    puzzle = BY_KEY["print"]
    code = compile("\n".join(puzzle.lines[n - 1].strip() for n in puzzle.bug_lines), "<the prints>", "exec")
    scope = {"x": torch.zeros(BATCH, 16, 8, 8)}
    best = math.inf
    for _ in range(PRINT_REPEATS):
        with contextlib.redirect_stdout(io.StringIO()):
            t0 = time.perf_counter()
            for _ in range(PRINT_CALLS):
                exec(code, scope)  # noqa: S102 - the listing's own lines
            best = min(best, time.perf_counter() - t0)
    return 1e6 * best / (PRINT_CALLS * len(puzzle.bug_lines))


def print_experiment(seed: int = SEED, epochs: int = EPOCH_REPEATS) -> PrintResult:
    """One training epoch of the buggy TinyNet with its output captured and counted; the fixed one's epoch time;
    the cost of one print line."""
    x_tr, y_tr, _, _ = _digits()
    batches = _batches(len(y_tr), len(y_tr) // BATCH, seed)
    printed, times = {}, []
    with torch_threads(THREADS):
        for kind in ("buggy", "fixed"):
            tiny_net = _listing("print", fixed=kind == "fixed", seed=seed).names["TinyNet"]
            with seeded(seed):
                model = tiny_net()
            opt = torch.optim.SGD(model.parameters(), lr=0.05)
            for repeat in range(epochs + 1 if kind == "fixed" else 1):   # the fixed one: a warm-up, then timed
                seconds, text = _epoch(model, opt, batches, x_tr, y_tr)
                if kind == "fixed" and repeat:
                    times.append(seconds)
                printed[kind] = text.splitlines()
    return PrintResult(len(batches), len(printed["buggy"]), len(printed["fixed"]), printed["buggy"][:4],
                       _print_line_us(), min(times))
