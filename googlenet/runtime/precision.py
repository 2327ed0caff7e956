"""bfloat16 for plain classification, where the CPU has it and it gives the same answers as float32.

**bfloat16** ("brain floating point") keeps float32's 8-bit exponent, so the same range of sizes, but
only 8 significant bits instead of 24: about 3 decimal digits. CPUs with native bf16 instructions
(x86 AVX512-BF16 or AMX, Arm's BF16 extension) multiply-add two bf16 pairs in the time of one float32
pair, and every activation is half as many bytes to move. A network's answer rarely depends on the 4th
digit, but "rarely" is a claim to check, not to assume — so the app checks it, once per process:

1. the bf16 copy's top-5 classes must equal float32's, in the same order, on every sample photo (assets/);
2. its top-1 class must agree with float32's on at least 99% of 200 varied pictures made from the
   samples (random crops, mirror images, brightness / contrast / saturation / hue changes).

The check runs once per process and model, in a background thread, started by the first classification
(``ui.models.classification_model``); a process that ends meanwhile stops it between two passes.

Only if both hold does plain classification run in bfloat16 (``Precision.model()``); otherwise, on a
CPU without native bf16, or while the check is still running, it runs in float32. Everything that
looks inside the network (feature maps, Grad-CAM, ablation) always uses the float32 model.

No Streamlit in here: ``ui.models`` asks ``precision_for(model)`` for the one ``Precision`` of its model.
"""
from __future__ import annotations

import atexit
import threading
import time
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import torch
from torch import nn

from .fast import optimize_for_inference
from .hooks import model_lock, share_lock

__all__ = ["MIN_TOP1_AGREEMENT", "CHECK_PICTURES", "SAMPLE_PHOTOS", "AgreementCheck", "CheckStopped", "Precision",
           "has_native_bf16", "varied_pictures", "sample_photos", "compare", "precision_for"]

MIN_TOP1_AGREEMENT = 0.99   # share of the varied pictures whose top-1 class must not change
CHECK_PICTURES = 200        # how many varied pictures
SAMPLE_PHOTOS = Path(__file__).resolve().parents[2] / "assets"
BATCH = 8                   # pictures per pass of the check: short passes, so a visitor's request never waits long

# /proc/cpuinfo flags of native bf16 arithmetic: x86 AVX512-BF16 and AMX, Arm's BF16 ("Features" line).
NATIVE_BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16", "bf16"})


def _cpu_flags(path: str = "/proc/cpuinfo") -> set[str]:
    try:
        text = Path(path).read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        if line.split(":")[0].strip() in ("flags", "Features"):
            return set(line.split(":", 1)[1].split())
    return set()


def has_native_bf16() -> bool:
    """True where oneDNN runs bfloat16 convolutions and the CPU has bf16 instructions of its own.

    (oneDNN also runs bf16 on plain AVX-512 by converting to float32 and back: correct but no faster,
    so that does not count.)
    """
    try:
        onednn_bf16 = torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported()
    except (AttributeError, RuntimeError):
        return False
    return bool(onednn_bf16) and bool(_cpu_flags() & NATIVE_BF16_FLAGS)


@lru_cache(maxsize=1)
def sample_photos() -> torch.Tensor:
    """The sample photos (assets/*.jpg) exactly as the app preprocesses them: (N, 3, 224, 224)."""
    from ..images import load_image, to_batch

    paths = sorted(SAMPLE_PHOTOS.glob("*.jpg"))
    if not paths:
        raise FileNotFoundError(f"no sample photos (*.jpg) in {SAMPLE_PHOTOS}")
    return to_batch([load_image(p) for p in paths])


@lru_cache(maxsize=2)
def varied_pictures(n: int = CHECK_PICTURES, seed: int = 0) -> torch.Tensor:
    """`n` normalised 224x224 pictures made from the samples: random crops (25-100% of the area), mirror
    images (half of them), and brightness, contrast, saturation and hue changes. Seeded: always the same."""
    from torchvision.transforms import v2

    from ..images import load_image
    from ..model import IMAGENET_MEAN, IMAGENET_STD, INPUT_SIZE

    vary = v2.Compose([
        v2.RandomResizedCrop(INPUT_SIZE, scale=(0.25, 1.0), antialias=True),
        v2.RandomHorizontalFlip(),
        v2.ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize(IMAGENET_MEAN, IMAGENET_STD),
    ])
    # Shrink each photo once (short side 320) so every crop is cheap; the crops stay larger than 224.
    photos = []
    for path in sorted(SAMPLE_PHOTOS.glob("*.jpg")):
        image = v2.functional.pil_to_tensor(load_image(path))
        photos.append(v2.functional.resize(image, 320, antialias=True))
    if not photos:
        raise FileNotFoundError(f"no sample photos (*.jpg) in {SAMPLE_PHOTOS}")
    with torch.random.fork_rng():   # seeded without disturbing anyone else's random numbers
        torch.manual_seed(seed)
        return torch.stack([vary(photos[i % len(photos)]) for i in range(n)])


@dataclass(frozen=True)
class AgreementCheck:
    """How the bf16 copy's answers compare with float32's."""
    samples: int              # sample photos compared
    samples_top5_equal: int   # ... whose top-5 (classes and order) came out the same
    pictures: int             # varied pictures compared
    top1_agreeing: int        # ... whose top-1 class came out the same
    seconds: float            # how long the check took (both networks, all pictures)

    @property
    def top1_agreement(self) -> float:
        return self.top1_agreeing / self.pictures if self.pictures else 0.0

    @property
    def passed(self) -> bool:
        return self.samples_top5_equal == self.samples and self.top1_agreement >= MIN_TOP1_AGREEMENT


class CheckStopped(RuntimeError):
    """The process is ending: a check still running stops between two passes."""


_stopping = threading.Event()
_running: "weakref.WeakSet[threading.Thread]" = weakref.WeakSet()


@atexit.register
def _stop_running_checks() -> None:
    # A thread still inside a PyTorch call when the interpreter exits aborts the process: let each check
    # finish its current pass (a fraction of a second) and stop.
    _stopping.set()
    for thread in list(_running):
        thread.join(timeout=30)


def _logits(model: nn.Module, pictures: torch.Tensor) -> torch.Tensor:
    rows = []
    with torch.inference_mode():
        for i in range(0, len(pictures), BATCH):
            if _stopping.is_set():
                raise CheckStopped("the process is ending")
            rows.append(model(pictures[i:i + BATCH]).float())
    return torch.cat(rows)


def compare(fp32_model: nn.Module, bf16_model: nn.Module, pictures: int = CHECK_PICTURES) -> AgreementCheck:
    """Run the samples and `pictures` varied pictures through both networks and count agreements."""
    start = time.perf_counter()
    samples, varied = sample_photos(), varied_pictures(pictures)
    top5 = [_logits(m, samples).topk(5, dim=1).indices for m in (fp32_model, bf16_model)]
    top1 = [_logits(m, varied).argmax(dim=1) for m in (fp32_model, bf16_model)]
    return AgreementCheck(samples=len(samples), samples_top5_equal=int((top5[0] == top5[1]).all(dim=1).sum()),
                          pictures=len(varied), top1_agreeing=int((top1[0] == top1[1]).sum()),
                          seconds=time.perf_counter() - start)


class Precision:
    """Which network plain classification uses for one float32 model: its checked bf16 copy, or itself.

    ``state`` is one of:
    * ``"checking"``  – the check runs (in a background thread, a few seconds); float32 meanwhile;
    * ``"bfloat16"``  – the check passed: classification runs in bfloat16;
    * ``"no_bf16"``   – this CPU has no native bf16 (or PyTorch's oneDNN cannot use it): float32;
    * ``"disagrees"`` – the check failed (``check`` says by how much): float32;
    * ``"error"``     – the check could not run (``error`` says why): float32.
    """

    def __init__(self, model: nn.Module, *, background: bool = True):
        self._fp32 = weakref.ref(model)   # weak: the process-wide registry must not keep old models alive
        self.bf16_model: nn.Module | None = None
        self.check: AgreementCheck | None = None
        self.error: str = ""
        self._done = threading.Event()
        if not has_native_bf16():
            self.state = "no_bf16"
            self._done.set()
            return
        self.state = "checking"
        if background:
            thread = threading.Thread(target=self._run, name="googlenet-bf16-check", daemon=True)
            _running.add(thread)
            thread.start()
        else:
            self._run()

    def _run(self) -> None:
        try:
            fp32 = self.fp32_model
            with model_lock(fp32):   # no other session's temporary hooks get copied along
                bf16 = optimize_for_inference(fp32, dtype=torch.bfloat16)
            share_lock(bf16, fp32)   # one pass at a time on the cores, whichever the precision
            self.check = compare(fp32, bf16)
            del fp32
            if self.check.passed:
                self.bf16_model = bf16
            self.state = "bfloat16" if self.check.passed else "disagrees"
        except Exception as exc:  # noqa: BLE001 - any failure means: stay with float32, and say why
            self.error = f"{type(exc).__name__}: {exc}"
            self.state = "error"
        finally:
            self._done.set()

    @property
    def fp32_model(self) -> nn.Module:
        model = self._fp32()
        if model is None:
            raise RuntimeError("the float32 model of this Precision no longer exists")
        return model

    def wait(self, timeout: float | None = None) -> "Precision":
        """Block until the check has finished (or `timeout` seconds have passed)."""
        self._done.wait(timeout)
        return self

    def model(self) -> nn.Module:
        """The network plain classification should use right now."""
        return self.bf16_model if self.state == "bfloat16" and self.bf16_model is not None else self.fp32_model


_precisions: "weakref.WeakKeyDictionary[nn.Module, Precision]" = weakref.WeakKeyDictionary()
_precisions_guard = threading.Lock()


def precision_for(model: nn.Module, *, background: bool = True) -> Precision:
    """The process-wide ``Precision`` of `model`: created (and its check started) on the first call only."""
    with _precisions_guard:
        precision = _precisions.get(model)
        if precision is None:
            precision = _precisions[model] = Precision(model, background=background)
        return precision
