"""Batch-1, 224x224 forward pass: the app's fast path (float32 and bfloat16) vs torchvision eager vs ONNX Runtime.

    .venv/bin/python benchmarks/forward.py [--threads N] [--runs 30]

All run the same weights (a seeded torchvision checkpoint: speed does not depend on the values)
with the same number of threads, timed interleaved (benchmarks/common.py); medians of >= 30 runs
after warm-up. The bfloat16 copy (googlenet.runtime.precision) is timed where the CPU has native bf16.
The last line is the ratio fast path / torchvision eager (target: <= 0.6); the line before it the
bfloat16 path's ratio to ONNX Runtime float32 (target: <= 1.0).
"""
from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

import common  # noqa: F401  (puts the repository on sys.path)
from common import (app_models, count_macs, cpu_info, interleaved, machine_load, make_checkpoint, median,
                    percentile, sample_batch, set_threads, spread, torchvision_model)

import numpy as np
import torch

from googlenet.runtime.fast import optimize_for_inference
from googlenet.runtime.precision import has_native_bf16


def export_onnx(model: torch.nn.Module, batch: torch.Tensor, path: Path) -> str:
    """Export with torch.onnx (the torch.export-based exporter; the TorchScript one if that fails)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            torch.onnx.export(model, (batch,), str(path), input_names=["x"], output_names=["logits"],
                              dynamo=True, optimize=True, verbose=False)
            return "torch.onnx.export(dynamo=True)"
        except Exception as exc:  # pragma: no cover - depends on the installed exporter
            print(f"  (dynamo export failed: {type(exc).__name__}: {str(exc)[:120]}; using the TorchScript exporter)")
            torch.onnx.export(model, (batch,), str(path), input_names=["x"], output_names=["logits"],
                              dynamo=False, do_constant_folding=True)
            return "torch.onnx.export(dynamo=False)"


def ort_session(path: Path, threads: int):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def measure(threads: int, tv, plain, fast, bf16, batch, onnx_path: Path | None, runs: int) -> dict[str, list[float]]:
    """Interleaved timings of every candidate with `threads` threads (torch and ONNX Runtime alike)."""
    set_threads(threads)
    candidates = {
        TV: lambda: tv(batch),
        "app model, eager": lambda: plain(batch),
        FAST: lambda: fast(batch),
    }
    if bf16 is not None:
        candidates[BF16] = lambda: bf16(batch)
    if onnx_path is not None:
        session = ort_session(onnx_path, threads)
        feed = {"x": batch.numpy()}
        candidates[ORT] = lambda: session.run(None, feed)
    with torch.inference_mode():
        return interleaved(candidates, runs=runs)


TV, FAST, ORT = "torchvision eager", "fast path (folded, NHWC, fused)", "ONNX Runtime"
BF16 = "fast path in bfloat16"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=None, help="torch and ONNX Runtime threads (default: cores)")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per candidate (>= 30)")
    parser.add_argument("--no-onnx", action="store_true", help="skip ONNX Runtime")
    args = parser.parse_args()
    runs = max(30, args.runs)
    cpu = cpu_info()
    threads = args.threads or cpu.cores
    # The app's setting (all cores) is the headline; one thread is measured too, because on a busy machine
    # a multi-threaded pass waits at every layer's barrier for a thread the OS has paused.
    sweep = [threads] if args.threads or threads == 1 else [1, threads]  # (the app itself uses cores - 1)
    print(f"forward benchmark: batch 1 x 3 x 224 x 224, threads {sweep}, torch {torch.__version__}")
    print(f"  {machine_load()}")

    work = common.workdir("googlenet-forward-")
    checkpoint = make_checkpoint(work / "googlenet.pth")
    tv = torchvision_model(checkpoint)
    plain, fast = app_models(checkpoint)
    batch = sample_batch()
    bf16 = None
    if has_native_bf16():
        bf16 = optimize_for_inference(fast, dtype=torch.bfloat16)
    else:
        print("  this CPU has no native bfloat16 (googlenet.runtime.precision.has_native_bf16): bf16 not timed")

    with torch.inference_mode():
        ref = tv(batch)
        err_plain = (plain(batch) - ref).abs().max().item()
        err_fast = (fast(batch) - ref).abs().max().item()
        err_bf16 = f", bfloat16 {(bf16(batch) - ref).abs().max().item():.2e}" if bf16 is not None else ""
    print(f"  logits vs torchvision: app model max|diff| {err_plain:.2e}, fast path {err_fast:.2e}{err_bf16}"
          f" (logits up to {ref.abs().max().item():.2f})")

    onnx_path = None
    if not args.no_onnx:
        try:
            import onnxruntime as ort

            start = time.perf_counter()
            how = export_onnx(tv, batch, work / "googlenet.onnx")
            onnx_path = work / "googlenet.onnx"
            session = ort_session(onnx_path, threads)
            err_ort = float(np.abs(session.run(None, {"x": batch.numpy()})[0] - ref.numpy()).max())
            print(f"  ONNX Runtime {ort.__version__} (CPUExecutionProvider, {how}, "
                  f"{time.perf_counter() - start:.1f} s to export + load), max|diff| {err_ort:.2e}")
        except ImportError:
            print("  onnxruntime is not installed: skipping it (pip install onnxruntime)")

    results = {}
    for n in sweep:
        results[n] = measure(n, tv, plain, fast, bf16, batch, onnx_path, runs)
        print(f"  {n} thread(s): median of {len(results[n][TV])} runs each, timed interleaved "
              f"({machine_load().split(' on ')[0]}):")
        for name, values in results[n].items():
            print(f"    {name:40s} {spread(values)}")
        r = results[n]
        line = f"    -> fast / torchvision {median(r[FAST]) / median(r[TV]):.2f}"
        if ORT in r:
            line += f", fast / ONNX Runtime {median(r[FAST]) / median(r[ORT]):.2f}"
        print(line + f"  (p10: {percentile(r[FAST], 10) / percentile(r[TV], 10):.2f}" +
              (f", {percentile(r[FAST], 10) / percentile(r[ORT], 10):.2f})" if ORT in r else ")"))
        if BF16 in r:
            line = f"    -> bfloat16 / fast path {median(r[BF16]) / median(r[FAST]):.2f}"
            if ORT in r:
                line += (f", bfloat16 / ONNX Runtime {median(r[BF16]) / median(r[ORT]):.2f}"
                         f"  (p10: {percentile(r[BF16], 10) / percentile(r[ORT], 10):.2f})")
            print(line)
    set_threads(threads)

    times = results[threads]
    t_tv, t_fast = median(times[TV]), median(times[FAST])
    macs = count_macs(tv, batch)
    print(f"  multiply-adds per image: {macs / 1e9:.3f} G")
    print(f"  CPU: {cpu.describe()}")
    print(f"  peak (from /proc/cpuinfo): {cpu.peak_macs / 1e9:.1f} G multiply-adds/s "
          f"({cpu.peak_macs / cpu.cores / 1e9:.1f} G per core at the kernel's reported clock; turbo not counted)")
    if cpu.datapath_bits != cpu.vector_bits:
        best_core = max(macs / percentile(r[name], 10) / min(n, cpu.cores)
                        for n, r in results.items() for name in (FAST, ORT) if name in r)
        ghz = best_core / (cpu.datapath_bits // 32 * cpu.fma_units) / 1e9
        print(f"  caveat: this CPU family (AMD Zen 4) runs a 512-bit FMA on {cpu.datapath_bits}-bit pipes, "
              f"i.e. {cpu.datapath_peak_macs / 1e9:.1f} G/s at {cpu.mhz:.0f} MHz; the best measured "
              f"{best_core / 1e9:.1f} G/s per core needs >= {ghz:.2f} GHz on such pipes, so the cores run "
              f"above the {cpu.mhz:.0f} MHz that /proc/cpuinfo reports under this hypervisor (boost)")
    for n in sweep:
        r = results[n]
        used = cpu.peak_macs / cpu.cores * min(n, cpu.cores)
        for name in (FAST, ORT):
            if name in r:
                achieved = macs / median(r[name])
                best = macs / percentile(r[name], 10)
                print(f"  {n} thread(s), {name}: {achieved / 1e9:.1f} G multiply-adds/s = {achieved / cpu.peak_macs:.0%} "
                      f"of the {cpu.cores}-core peak, {achieved / used:.0%} of the {min(n, cpu.cores)} core(s) used "
                      f"(p10 run: {best / 1e9:.1f} G/s = {best / used:.0%})")
    if ORT in times:
        t_ort = median(times[ORT])
        if t_fast <= t_ort:
            print(f"  fast path vs ONNX Runtime ({threads} threads): {t_fast / t_ort:.2f}x (the fast path is not slower)")
        else:
            print(f"  fast path vs ONNX Runtime ({threads} threads): {t_fast / t_ort:.2f}x: ONNX Runtime is "
                  f"{t_fast / t_ort - 1:.0%} faster. Both fold BatchNorm, fuse Conv+ReLU and prepack weights; "
                  f"ONNX Runtime also keeps activations in its blocked NCHWc layout from the first conv to the "
                  f"last (the fast path hands plain NHWC tensors between modules, so the max-pools, concats and "
                  f"every hook see ordinary tensors), runs the whole graph in C++ (no Python call per module: "
                  f"~180 of them here) and its thread pool shares work dynamically instead of waiting at OpenMP "
                  f"barriers. The fast path keeps every PyTorch module so hooks, Grad-CAM and ablation work")
    if BF16 in times and ORT in times:
        from googlenet.runtime.serving import default_threads

        ratios = ", ".join(f"{n} thread(s) {median(results[n][BF16]) / median(results[n][ORT]):.2f}" for n in sweep)
        print(f"ratio bfloat16 fast path / ONNX Runtime float32 (medians): {ratios} "
              f"(the app runs {default_threads()} thread(s) here: googlenet.runtime.serving.default_threads)")
    print(f"ratio fast path / torchvision eager ({threads} threads, medians): {t_fast / t_tv:.2f}")


if __name__ == "__main__":
    main()
