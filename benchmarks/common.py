"""Shared plumbing for the benchmark scripts: models with identical weights, fair timing, CPU facts.

Fair timing on a shared or busy machine: candidates are timed *interleaved* — round after round,
each candidate gets one untimed warm-up call and then a few timed calls — so a burst of background
load hits every candidate alike, and the median (not the mean) is reported.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import torch  # noqa: E402
from torch import nn  # noqa: E402

ASSETS = ROOT / "assets"
SAMPLES = ("chelsea_cat.jpg", "coffee.jpg", "rocket.jpg", "china_temple.jpg")


# ------------------------------------------------------------------------------------------ models

def workdir(prefix: str) -> Path:
    """A temporary folder (checkpoints, ONNX files) that is removed when the script ends."""
    import atexit
    import shutil

    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def make_checkpoint(path: Path | None = None, seed: int = 0) -> Path:
    """A checkpoint shaped exactly like torchvision's IMAGENET1K_V1 file, with seeded random values.

    (No pretrained weights offline: speed does not depend on the values. The BatchNorm statistics
    are made non-trivial so that folding them is real work, not a multiplication by one.)
    """
    import torchvision

    torch.manual_seed(seed)
    model = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True)
    generator = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.copy_(torch.rand(m.num_features, generator=generator) * 0.2 - 0.1)
                m.running_var.copy_(torch.rand(m.num_features, generator=generator) * 0.5 + 0.75)
                m.weight.copy_(torch.rand(m.num_features, generator=generator) * 0.5 + 0.75)
                m.bias.copy_(torch.rand(m.num_features, generator=generator) * 0.2 - 0.1)
    if path is None:
        path = workdir("googlenet-bench-") / "googlenet-bench.pth"
    torch.save(model.state_dict(), path)
    return path


def torchvision_model(checkpoint: Path) -> nn.Module:
    """torchvision.models.googlenet, eval mode, the same weights and input transform as the app's model."""
    import torchvision

    model = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=False, transform_input=True)
    model.load_state_dict(torch.load(checkpoint, weights_only=True))
    model.aux_logits, model.aux1, model.aux2 = False, None, None
    return model.eval()


def app_models(checkpoint: Path):
    """(plain, fast): the app's own GoogLeNet loaded by googlenet.weights, and its optimized copy."""
    from googlenet.runtime.fast import optimize_for_inference
    from googlenet.weights import load_pretrained

    plain = load_pretrained(checkpoint, download=False)
    return plain, optimize_for_inference(plain)


# ------------------------------------------------------------------------------------------ timing

def interleaved(candidates: dict[str, Callable[[], object]], runs: int = 30, per_round: int = 3,
                warmup: int = 3) -> dict[str, list[float]]:
    """Seconds per call for each candidate, timed round-robin (see the module docstring)."""
    for fn in candidates.values():
        for _ in range(warmup):
            fn()
    times: dict[str, list[float]] = {name: [] for name in candidates}
    rounds = -(-runs // per_round)
    for _ in range(rounds):
        for name, fn in candidates.items():
            fn()  # untimed: lets caches and thread pools settle after the previous candidate
            for _ in range(per_round):
                start = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - start)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def spread(values: list[float]) -> str:
    """'median ms (p10-p90)' for a list of seconds."""
    return f"{median(values) * 1e3:7.1f} ms (p10 {percentile(values, 10) * 1e3:.1f} - p90 {percentile(values, 90) * 1e3:.1f})"


def set_threads(threads: int | None) -> int:
    from googlenet.runtime.serving import configure_threads

    return configure_threads(threads)


def machine_load() -> str:
    """One line about how busy the machine is (benchmarks on a shared machine are noisy)."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load average: unknown"
    cores = os.cpu_count() or 1
    note = " (BUSY: other processes compete for the cores; expect noise)" if one > 0.5 * cores else ""
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {cores} cores{note}"


# ------------------------------------------------------------------------------------------ CPU facts

@dataclass
class CpuInfo:
    model_name: str
    vendor: str
    family: int
    cores: int
    mhz: float
    isa: str               # widest vector ISA in the flags: avx512f / avx2 / avx / sse2
    vector_bits: int       # register width of that ISA
    datapath_bits: int     # how wide the FMA units really are (Zen 4 runs AVX-512 as 2 x 256 bits)
    fma_units: int         # FMA pipes per core (2 on every x86 core this app is likely to meet)

    @property
    def fp32_lanes(self) -> int:
        return self.vector_bits // 32

    @property
    def peak_macs(self) -> float:
        """Float32 multiply-adds per second as /proc/cpuinfo states it: cores x clock x lanes x FMA units."""
        return self.cores * self.mhz * 1e6 * self.fp32_lanes * self.fma_units

    @property
    def datapath_peak_macs(self) -> float:
        """The same with the FMA pipes' real width (lower than peak_macs on Zen 4)."""
        return self.peak_macs * self.datapath_bits / self.vector_bits

    def describe(self) -> str:
        return (f"{self.model_name}: {self.cores} cores x {self.mhz:.0f} MHz x {self.isa} "
                f"({self.vector_bits}-bit = {self.fp32_lanes} fp32 lanes) x {self.fma_units} FMA units")


def cpu_info(path: str = "/proc/cpuinfo") -> CpuInfo:
    """Cores, clock and SIMD width from /proc/cpuinfo (the clock is the one the kernel reports)."""
    text = Path(path).read_text()
    blocks = [b for b in text.split("\n\n") if b.strip()]
    first = dict(line.split(":", 1) for line in blocks[0].splitlines() if ":" in line)
    first = {k.strip(): v.strip() for k, v in first.items()}
    mhz = [float(line.split(":")[1]) for line in text.splitlines() if line.startswith("cpu MHz")]
    flags = set(first.get("flags", "").split())
    for isa, bits in (("avx512f", 512), ("avx2", 256), ("avx", 256), ("sse2", 128)):
        if isa in flags:
            break
    else:
        isa, bits = "scalar", 32
    vendor = first.get("vendor_id", "")
    family = int(first.get("cpu family", "0") or 0)
    model = int(first.get("model", "0") or 0)
    datapath = bits
    if vendor == "AuthenticAMD" and family == 0x19 and bits == 512:
        datapath = 256  # Zen 4 (family 19h) has 256-bit FMA pipes: one AVX-512 FMA takes two passes
    processors = sum(1 for b in blocks if b.lstrip().startswith("processor"))
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else processors
    return CpuInfo(model_name=first.get("model name", "?") + f" (family {family}, model {model})",
                   vendor=vendor, family=family, cores=min(processors or usable, usable),
                   mhz=max(mhz) if mhz else 0.0, isa=isa, vector_bits=bits, datapath_bits=datapath,
                   fma_units=2)


def count_macs(model: nn.Module, batch: torch.Tensor) -> int:
    """Multiply-adds of one forward pass, counted from the real layer shapes (convs and linears)."""
    from googlenet.runtime.hooks import temporary_hooks

    total = 0

    def count(module: nn.Module, _inputs, output) -> None:
        nonlocal total
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            total += output.numel() * (module.in_channels // module.groups) * kh * kw
        else:
            total += output.numel() * module.in_features

    layers = {name: count for name, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))}
    with temporary_hooks(model, layers), torch.inference_mode():
        model(batch)
    return total


def sample_batch(name: str = "chelsea_cat.jpg") -> torch.Tensor:
    from googlenet.images import load_image, to_batch

    return to_batch(load_image(ASSETS / name))
