"""Six short listings, each with one real bug of the kind the seed articles' code carries (CONCEPTS.md §6).

The listings are this app's own code, written for the lesson. Each is kept as text and *executed* as it is
shown (:func:`run_listing`): the code a student reads is exactly the code whose consequences the page computes,
and an exception it raises names the listing's own line numbers. The fix is a handful of replaced lines
(:attr:`Puzzle.fix`), so the corrected listing differs from the buggy one only where the bug was.
"""
from __future__ import annotations

import threading
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterator, Mapping

import torch
import torch.nn.functional as F
from torch import nn

# (a) The seed MNIST example's slip: the 3x3 branch starts from the 5x5 branch's 1x1 reduce.
BRANCH_MIXUP = '''\
class MiniInception(nn.Module):
    def __init__(self, c_in):
        super().__init__()
        self.branch1x1 = nn.Conv2d(c_in, 8, kernel_size=1)
        self.branch3x3_1 = nn.Conv2d(c_in, 8, kernel_size=1)
        self.branch3x3_2 = nn.Conv2d(8, 12, kernel_size=3, padding=1)
        self.branch5x5_1 = nn.Conv2d(c_in, 8, kernel_size=1)
        self.branch5x5_2 = nn.Conv2d(8, 12, kernel_size=5, padding=2)
        self.branch_pool = nn.Conv2d(c_in, 8, kernel_size=1)

    def forward(self, x):
        b1 = F.relu(self.branch1x1(x))
        b3 = F.relu(self.branch5x5_1(x))
        b3 = F.relu(self.branch3x3_2(b3))
        b5 = F.relu(self.branch5x5_1(x))
        b5 = F.relu(self.branch5x5_2(b5))
        bp = F.max_pool2d(x, kernel_size=3, stride=1, padding=1)
        bp = F.relu(self.branch_pool(bp))
        return torch.cat([b1, b3, b5, bp], dim=1)
'''

# (b) A softmax at the end of the network, then CrossEntropyLoss (which applies log-softmax itself).
SOFTMAX_BEFORE_CE = '''\
class DigitNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 16, kernel_size=3, padding=1)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv(x)), 2)
        x = self.fc(x.flatten(1))
        return F.softmax(x, dim=1)

loss_fn = nn.CrossEntropyLoss()

def train_step(model, optimiser, images, labels):
    optimiser.zero_grad()
    loss = loss_fn(model(images), labels)
    loss.backward()
    optimiser.step()
    return loss.item()
'''

# (c) The auxiliary classifier's 1x1 conv written without its kernel size.
AUX_NO_KERNEL = '''\
class AuxHead(nn.Module):
    def __init__(self, c_in, n_classes):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(4)
        self.conv = nn.Conv2d(c_in, 128)
        self.fc1 = nn.Linear(128 * 4 * 4, 1024)
        self.dropout = nn.Dropout(0.7)
        self.fc2 = nn.Linear(1024, n_classes)

    def forward(self, x):
        x = F.relu(self.conv(self.pool(x)))
        x = F.relu(self.fc1(x.flatten(1)))
        return self.fc2(self.dropout(x))

aux1 = AuxHead(512, 1000)   # the paper's aux1 listens to inception 4a: 512 channels
'''

# (d) A minus sign where an assignment was meant.
MINUS_NOT_ASSIGN = '''\
class ResidualBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(c, c, kernel_size=3, padding=1)

    def forward(self, x):
        h = F.relu(self.conv1(x))
        return F.relu(x + self.conv2(h))

class SmallResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3, padding=1)
        self.mp - nn.MaxPool2d(2)
        self.block = ResidualBlock(16)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = self.mp(torch.relu(self.conv1(x)))
        return self.fc(self.block(x).flatten(1))

net = SmallResNet()
'''

# (e) GoogLeNet's stem with the first LRN before the first max pool. The right order, as in the paper's Figure 3
# and in BVLC's Caffe GoogLeNet (layers pool1/3x3_s2 -> pool1/norm1, conv2/3x3 -> conv2/norm2 -> pool2/3x3_s2):
# conv1 -> max pool -> LRN, then conv2 (1x1) -> conv3 (3x3) -> LRN -> max pool. Module names as torchvision's.
LRN_BEFORE_POOL = '''\
class Stem(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3)
        self.pool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.norm1 = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75)
        self.conv2 = nn.Conv2d(64, 64, kernel_size=1)
        self.conv3 = nn.Conv2d(64, 192, kernel_size=3, padding=1)
        self.norm2 = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75)
        self.pool2 = nn.MaxPool2d(3, stride=2, ceil_mode=True)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = self.norm1(x)
        x = self.pool1(x)
        x = F.relu(self.conv2(x))
        x = F.relu(self.conv3(x))
        x = self.norm2(x)
        return self.pool2(x)
'''

# (f) Debugging prints left inside forward(): they run for every batch, in training and in use.
PRINT_IN_FORWARD = '''\
class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 16, kernel_size=3, padding=1)
        self.block = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = F.relu(self.stem(x))
        print("after stem:", tuple(x.shape))
        x = F.relu(self.block(x))
        print("after block:", tuple(x.shape))
        return self.fc(x.mean(dim=(2, 3)))
'''


@dataclass(frozen=True)
class Puzzle:
    """One listing: its text, the lines that are the bug (any of them is a right answer) and the fix.

    `fix` maps a line number (1-based) to its corrected text; None deletes the line.
    """
    key: str
    source: str
    bug_lines: tuple[int, ...]
    fix: Mapping[int, str | None] = field(default_factory=dict)

    @property
    def lines(self) -> list[str]:
        return self.source.splitlines()

    def code_lines(self) -> list[int]:
        """The line numbers a student can pick: every line that is not blank."""
        return [n for n, text in enumerate(self.lines, start=1) if text.strip()]

    def is_bug(self, line: int) -> bool:
        return line in self.bug_lines

    def fixed_source(self) -> str:
        kept = [self.fix.get(n, text) for n, text in enumerate(self.lines, start=1)]
        return "\n".join(line for line in kept if line is not None) + "\n"

    def diff(self) -> str:
        """The fix as a unified-diff-like text: '-' the buggy line, '+' its correction, with line numbers."""
        out = []
        for n in sorted(self.fix):
            out.append(f"- {n:>2} {self.lines[n - 1]}")
            if self.fix[n] is not None:
                out.append(f"+ {n:>2} {self.fix[n]}")
        return "\n".join(out)


def _indent_of(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _replace(source: str, line: int, new: str | None) -> tuple[int, str | None]:
    """(line, new text with the old line's indentation), so the fixes below read without leading spaces."""
    return line, None if new is None else _indent_of(source.splitlines()[line - 1]) + new


def _puzzle(key: str, source: str, bug_lines: tuple[int, ...], fixes: dict[int, str | None]) -> Puzzle:
    return Puzzle(key, source, bug_lines, MappingProxyType(dict(_replace(source, n, s) for n, s in fixes.items())))


PUZZLES: tuple[Puzzle, ...] = (
    _puzzle("branch", BRANCH_MIXUP, (13,), {13: "b3 = F.relu(self.branch3x3_1(x))"}),
    _puzzle("softmax", SOFTMAX_BEFORE_CE, (10,), {10: "return x   # raw logits: CrossEntropyLoss applies log-softmax"}),
    _puzzle("kernel", AUX_NO_KERNEL, (5,), {5: "self.conv = nn.Conv2d(c_in, 128, kernel_size=1)"}),
    _puzzle("minus", MINUS_NOT_ASSIGN, (15,), {15: "self.mp = nn.MaxPool2d(2)"}),
    _puzzle("lrn", LRN_BEFORE_POOL, (14, 15),
            {14: "x = self.pool1(x)   # 112x112 -> 56x56 first", 15: "x = self.norm1(x)"}),
    _puzzle("print", PRINT_IN_FORWARD, (10, 12), {10: None, 12: None}),
)
BY_KEY = MappingProxyType({p.key: p for p in PUZZLES})


@dataclass(frozen=True)
class CapturedError:
    """An exception a listing raised: its type, its message and the listing's line it came from."""
    type_name: str
    message: str
    line: int | None

    @property
    def text(self) -> str:
        """The traceback's last line, as Python prints it."""
        return f"{self.type_name}: {self.message}"


@dataclass(frozen=True)
class ListingRun:
    """What executing a listing gave: the names it defined, and the exception it raised (None if none)."""
    names: Mapping[str, object] = field(repr=False)
    error: CapturedError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


_RNG_LOCK = threading.RLock()


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Build layers with initial weights drawn from `seed`. PyTorch's layers draw them from the shared global
    generator: the lock keeps two visitors' builds from interleaving their draws, and the fork gives the
    generator's state back afterwards, so nobody else's random numbers change."""
    with _RNG_LOCK, torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


def filename(puzzle: Puzzle, fixed: bool) -> str:
    return f"<listing {puzzle.key}{' fixed' if fixed else ''}>"


def error_line_in(exc: BaseException, name: str) -> int | None:
    """The line of the listing `name` where `exc` was raised (the innermost frame that lies in the listing)."""
    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == name]
    return lines[-1] if lines else None


def run_listing(puzzle: Puzzle, fixed: bool = False, seed: int = 0) -> ListingRun:
    """Execute the listing (buggy or fixed) with torch, nn and F in scope; weights drawn with `seed`."""
    name = filename(puzzle, fixed)
    code = compile(puzzle.fixed_source() if fixed else puzzle.source, name, "exec")
    namespace: dict[str, object] = {"torch": torch, "nn": nn, "F": F, "__name__": "listing"}
    with seeded(seed):
        try:
            exec(code, namespace)  # noqa: S102 - the app's own listings, shown verbatim on the page
        except Exception as exc:  # noqa: BLE001 - the exception is the lesson: keep its type, text and line
            return ListingRun(namespace, CapturedError(type(exc).__name__, str(exc), error_line_in(exc, name)))
    return ListingRun(namespace)
