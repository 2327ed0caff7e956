"""Pretrained ImageNet weights for GoogLeNet: where they come from, how they are loaded safely.

The weights are torchvision's ``GoogLeNet_Weights.IMAGENET1K_V1`` (ported from TF-slim's inception_v1, which
has BatchNorm and expects pixels in [-1, 1]; 69.778% top-1, 89.53% top-5 on ImageNet's validation set, one centre
crop per photo; sources: pytorch/vision PR #678 and #4848, "ImageNet1K_TFV1"). They were trained for the *torchvision* variant
(BatchNorm, 3x3 convs in branch 3, ceil-mode pools), so that is the variant built here.

Where the file is looked for, in order:
  1. the ``path`` argument of ``load_pretrained``;
  2. the environment variable ``GOOGLENET_WEIGHTS``;
  3. torch's hub cache, exactly where torchvision itself would have saved it
     (``torch.hub.get_dir()/checkpoints/googlenet-1378be20.pth``);
  4. a download into that cache (only if ``download=True``), which gives up instead of hanging.
     ``GOOGLENET_WEIGHTS_URL`` may name a mirror (e.g. a file on the school's own server); the file's
     hash is checked whatever its source.

Finding the file needs neither torch nor torchvision (both take seconds to import, and the app's first
page only asks "are the weights here?"); they are imported when a file is read or downloaded.

Every file is read with ``torch.load(..., weights_only=True)``: a checkpoint is a pickle, and a pickle
can run code; ``weights_only`` allows tensors and plain containers only.

Command line (fetch once, e.g. before a lesson without network)::

    python -m googlenet.weights download
    python -m googlenet.weights status
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import os
import re
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import LocalisedError
from .i18n import t
from .labels_zh import label_zh

if TYPE_CHECKING:
    import torch

    from .model import GoogLeNet

ENV_VAR = "GOOGLENET_WEIGHTS"
URL_ENV_VAR = "GOOGLENET_WEIGHTS_URL"
FETCH_COMMAND = "python -m googlenet.weights download"
VENV_FETCH_COMMAND = ".venv/bin/python -m googlenet.weights download"

Progress = Callable[[int, "int | None"], None]


def _weights():
    from torchvision.models import GoogLeNet_Weights

    return GoogLeNet_Weights.IMAGENET1K_V1


# Two facts about torchvision's IMAGENET1K_V1 file, written out so that start-up need not import torchvision
# (seconds on a small machine) to ask whether the file is here: its name, the last part of
# GoogLeNet_Weights.IMAGENET1K_V1.url (the hex part is the start of the file's sha256), and its size,
# meta["_file_size"] (MB). tests/test_weights.py checks both against torchvision's metadata.
FILE_NAME = "googlenet-1378be20.pth"
FILE_SIZE_MB = 49.731


def megabytes(n_bytes: int) -> float:
    """Bytes in MB as torchvision's metadata counts them (2**20 bytes), so progress ends at FILE_SIZE_MB."""
    return n_bytes / 2**20


def weights_url() -> str:
    """Where the download comes from: torchvision's address, or the mirror named by GOOGLENET_WEIGHTS_URL."""
    return os.environ.get(URL_ENV_VAR, "").strip() or _weights().url


def file_name() -> str:
    """The checkpoint's file name, as torchvision names it: ``googlenet-1378be20.pth``."""
    return FILE_NAME


def _fully_imported(name: str) -> bool:
    """Whether module `name` has finished importing (a module another thread is still importing is already in
    sys.modules, half initialised)."""
    module = sys.modules.get(name)
    return module is not None and not getattr(getattr(module, "__spec__", None), "_initializing", False)


def torch_hub_dir() -> Path:
    """``torch.hub.get_dir()``, without importing torch only to ask.

    Once torch is loaded, torch itself answers (it knows about ``torch.hub.set_dir``); before that, the
    same rule torch/hub.py follows: $TORCH_HOME/hub, where TORCH_HOME defaults to $XDG_CACHE_HOME/torch and
    XDG_CACHE_HOME to ~/.cache.
    """
    if _fully_imported("torch") and _fully_imported("torch.hub"):   # (not half-way through another thread's import)
        import torch.hub

        return Path(torch.hub.get_dir())
    torch_home = os.getenv("TORCH_HOME", os.path.join(os.getenv("XDG_CACHE_HOME", "~/.cache"), "torch"))
    return Path(os.path.expanduser(torch_home)) / "hub"


def hub_cache_path() -> Path:
    """Where torchvision keeps (or would keep) the downloaded file."""
    return torch_hub_dir() / "checkpoints" / FILE_NAME


class WeightsUnavailable(LocalisedError, RuntimeError):
    """The pretrained weights could not be loaded; ``err.message()`` says why and how to fix it.

    Every message names the fetch command and the environment variable.
    """

    def __init__(self, key: str, **fmt):
        fmt.setdefault("command", FETCH_COMMAND)
        fmt.setdefault("venv_command", VENV_FETCH_COMMAND)
        fmt.setdefault("env", ENV_VAR)
        super().__init__(key, **fmt)


# --------------------------------------------------------------------------------------------
# Finding the file
# --------------------------------------------------------------------------------------------

def _env_path() -> Path | None:
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else None


def weights_path(path: str | os.PathLike | None = None) -> Path | None:
    """Where usable weights are on this computer (argument, env variable, hub cache), or None.

    Never touches the network; meant for a status line ("weights: found / missing").
    """
    candidates = [Path(path).expanduser() if path is not None else None, _env_path(), hub_cache_path()]
    for candidate in candidates:
        if candidate is not None and candidate.is_file():
            return candidate
    return None


# --------------------------------------------------------------------------------------------
# Downloading (into the same cache file torchvision uses), without ever hanging
# --------------------------------------------------------------------------------------------

_CHUNK = 1 << 16


def _fetch(url: str, destination: Path, state: dict, cancel: threading.Event) -> None:
    """Stream `url` into `destination` (atomically), updating state["done"/"total"/"last"] as bytes arrive.

    Runs in a worker thread. The hash prefix in torchvision's file name (googlenet-<sha256 prefix>.pth)
    is checked, like ``torch.hub.load_state_dict_from_url(check_hash=True)`` does.
    """
    match = re.search(r"-([a-f0-9]+)\.", destination.name)
    destination.parent.mkdir(parents=True, exist_ok=True)
    timeout = state["timeout"]
    request = urllib.request.Request(url, headers={"User-Agent": "googlenet-explorer"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # timeout: per connect / read
        length = response.headers.get("Content-Length")
        state["total"] = int(length) if length and length.isdigit() else None
        state["last"] = time.monotonic()
        digest = hashlib.sha256()
        handle = tempfile.NamedTemporaryFile(dir=destination.parent, prefix=destination.name + ".",
                                             suffix=".partial", delete=False)
        try:
            with handle:
                while not cancel.is_set():
                    chunk = response.read(_CHUNK)
                    if not chunk:
                        break
                    handle.write(chunk)
                    digest.update(chunk)
                    state["done"] += len(chunk)
                    state["last"] = time.monotonic()
            if cancel.is_set():
                raise TimeoutError("cancelled")
            if match and not digest.hexdigest().startswith(match.group(1)):
                raise ValueError(f"checksum mismatch (expected sha256 {match.group(1)}...)")
            os.replace(handle.name, destination)
        finally:
            if os.path.exists(handle.name):
                os.unlink(handle.name)


def download_weights(*, timeout: float = 15.0, progress: Progress | None = None) -> Path:
    """Download the weights into torch's hub cache and return the file's path.

    The download runs in a daemon thread; this (calling) thread watches it and gives up with
    ``WeightsUnavailable`` when nothing has arrived for `timeout` seconds (no network, a DNS lookup
    that never answers, a stalled connection). `progress(done_bytes, total_bytes_or_None)` is called
    from the calling thread, so it may safely update a progress bar.
    """
    destination = hub_cache_path()
    state: dict = {"done": 0, "total": None, "last": time.monotonic(), "timeout": timeout, "error": None}
    cancel = threading.Event()

    def work():
        try:
            _fetch(weights_url(), destination, state, cancel)
        except BaseException as exc:  # reported to the waiting thread below
            state["error"] = exc

    worker = threading.Thread(target=work, name="googlenet-weights-download", daemon=True)
    worker.start()
    while True:
        worker.join(min(0.1, max(timeout, 0.01)))
        if progress is not None:
            progress(state["done"], state["total"])
        if not worker.is_alive():
            break
        if time.monotonic() - state["last"] > timeout:
            cancel.set()  # the worker stops at its next chunk (or when its blocked call fails)
            raise WeightsUnavailable("weights.download_timeout", timeout=_seconds(timeout))
    error = state["error"]
    if error is not None:
        reason = _one_line(error)
        if isinstance(error, TimeoutError) or "timed out" in reason:
            raise WeightsUnavailable("weights.download_timeout", timeout=_seconds(timeout)) from error
        raise WeightsUnavailable("weights.download_failed", reason=reason) from error
    if not destination.is_file():
        raise WeightsUnavailable("weights.download_failed", reason="no file was written")
    return destination


# One download at a time per server: when a class clicks "download" together, the first click fetches the
# file and the others find it there once the lock is theirs.
_DOWNLOAD_LOCK = threading.Lock()


def fetch_and_check(*, timeout: float = 15.0, progress: Progress | None = None) -> Path:
    """The weights in the hub cache, downloaded first when missing, and proven to load; returns the file's path.

    "Proven" means what ``load_pretrained`` does: read with weights_only=True and loaded strictly into the
    torchvision variant. A freshly downloaded file that fails this is deleted, so nothing broken stays behind.
    Raises ``WeightsUnavailable`` (offline, stalled, wrong file).
    """
    with _DOWNLOAD_LOCK:
        target = hub_cache_path()
        downloaded = not target.is_file()
        if downloaded:
            target = download_weights(timeout=timeout, progress=progress)
        try:
            _build(_read_state_dict(target), target)
        except WeightsUnavailable:
            if downloaded:
                target.unlink(missing_ok=True)
            raise
    return target


def _seconds(value: float) -> str:
    return f"{value:g}"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0].strip() if text else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------

_AUX_PREFIXES = ("aux1.", "aux2.")


def _read_state_dict(path: Path) -> dict[str, torch.Tensor]:
    """Read a checkpoint safely and return its state_dict (plain, or under "state_dict" / "model")."""
    import torch

    try:
        # weights_only=True: tensors and plain containers only, so a malicious pickle cannot run code.
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # UnpicklingError, RuntimeError (not a zip / pickle), EOFError, ...
        raise WeightsUnavailable("weights.invalid", path=str(path), reason=_one_line(exc)) from exc
    if isinstance(obj, Mapping):
        for wrapper in ("state_dict", "model"):
            if isinstance(obj.get(wrapper), Mapping):
                obj = obj[wrapper]
                break
    if not isinstance(obj, Mapping) or not obj:
        raise WeightsUnavailable("weights.invalid", path=str(path), reason="no state_dict inside")
    if not all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in obj.items()):
        raise WeightsUnavailable("weights.invalid", path=str(path), reason="entries are not named tensors")
    state = dict(obj)
    if all(k.startswith("module.") for k in state):  # saved from nn.DataParallel
        state = {k[len("module."):]: v for k, v in state.items()}
    return state


def _build(state: dict[str, torch.Tensor], path: Path) -> GoogLeNet:
    """Build the torchvision variant with aux heads, load strictly, then drop the (untrained) aux heads."""
    from .model import GoogLeNet

    model = GoogLeNet(num_classes=1000, variant="torchvision", transform_input=True, aux_logits=True,
                      init_weights=False)
    expected = model.state_dict()
    unexpected = sorted(set(state) - set(expected))
    missing = sorted(k for k in set(expected) - set(state)
                     if not k.startswith(_AUX_PREFIXES) and not k.endswith("num_batches_tracked"))
    wrong_shape = sorted(k for k in set(state) & set(expected) if state[k].shape != expected[k].shape)
    problems = []
    for label, keys in (("missing", missing), ("unexpected", unexpected), ("wrong shape", wrong_shape)):
        if keys:
            shown = ", ".join(keys[:3]) + (f" (+{len(keys) - 3} more)" if len(keys) > 3 else "")
            problems.append(f"{label} keys: {shown}")
    if problems:
        raise WeightsUnavailable("weights.invalid", path=str(path), reason="; ".join(problems))
    try:
        # Only aux-head keys (and BatchNorm's step counters) may be absent: checked just above.
        model.load_state_dict(state, strict=False)
    except Exception as exc:
        raise WeightsUnavailable("weights.invalid", path=str(path), reason=_one_line(exc)) from exc
    # As torchvision does: the auxiliary classifiers were not trained with these weights, so drop them.
    model.aux_logits = False
    model.aux1 = None
    model.aux2 = None
    return model.eval()


def load_pretrained(path: str | os.PathLike | None = None, *, download: bool = True, timeout: float = 15.0,
                    progress: Progress | None = None) -> GoogLeNet:
    """GoogLeNet with the ImageNet weights, in eval mode: ``model(batch)`` returns logits (N, 1000).

    Built as ``GoogLeNet(variant="torchvision", transform_input=True, aux_logits=False)``.
    Raises ``WeightsUnavailable`` (with a message a teacher can act on) when no usable weights exist.
    Each call builds a fresh model; cache it in the app (e.g. ``st.cache_resource``).
    `timeout`: seconds without progress after which a download gives up.
    """
    if path is not None:
        source = Path(path).expanduser()
        if not source.is_file():
            raise WeightsUnavailable("weights.no_file", path=str(source))
    elif _env_path() is not None:
        source = _env_path()
        if not source.is_file():
            raise WeightsUnavailable("weights.env_no_file", path=str(source))
    elif hub_cache_path().is_file():
        source = hub_cache_path()
    elif download:
        source = download_weights(timeout=timeout, progress=progress)
    else:
        raise WeightsUnavailable("weights.missing", path=str(hub_cache_path()))
    return _build(_read_state_dict(source), source)


# --------------------------------------------------------------------------------------------
# Labels and facts (no network: they ship inside torchvision)
# --------------------------------------------------------------------------------------------

def imagenet_labels() -> list[str]:
    """The 1000 ImageNet class names in output order: index 0 is "tench", 999 "toilet tissue"."""
    return list(_weights().meta["categories"])


@functools.lru_cache(maxsize=1)
def labels() -> tuple[str, ...]:
    """The 1000 English ImageNet class names in output order (from torchvision's metadata, offline)."""
    return tuple(imagenet_labels())


# With 1000 classes a network that knows nothing gives each about 0.1%; a top class below 0.2% means the
# weights cannot be ImageNet-trained ones (a trained GoogLeNet is rarely under 10% sure of its top class).
UNTRAINED_TOP = 0.002


def looks_untrained(probabilities) -> bool:
    """True when even the most likely class is barely above chance: the weights are not ImageNet-trained."""
    return float(max(probabilities)) < UNTRAINED_TOP


def display_name(index: int, lang: str = "en") -> str:
    """A class name for the screen: English, or "中文名 (English)" in Chinese when a translation exists."""
    english = labels()[index]
    if lang == "zh":
        chinese = label_zh(index)
        if chinese:
            return f"{chinese} ({english})"
    return english


def weights_meta() -> dict:
    """Facts about the pretrained weights, from torchvision's metadata."""
    meta = _weights().meta
    metrics = meta.get("_metrics", {}).get("ImageNet-1K", {})
    return {
        "top1": metrics.get("acc@1"),          # 69.778 (% of ImageNet validation images)
        "top5": metrics.get("acc@5"),          # 89.53
        "num_params": meta.get("num_params"),  # 6,624,904 (without the aux heads)
        "gflops": meta.get("_ops"),            # 1.498 GFLOPs per 224x224 image
        "file_size_mb": meta.get("_file_size"),
        "min_size": meta.get("min_size"),
        "num_classes": len(meta.get("categories", ())),
        "recipe": meta.get("recipe"),
        "docs": meta.get("_docs"),
        "url": _weights().url,
        "file_name": file_name(),
    }


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------

def _print_progress(done: int, total: int | None) -> None:
    if total:
        sys.stderr.write(f"\r{megabytes(done):6.1f} / {megabytes(total):.1f} MB")
    else:
        sys.stderr.write(f"\r{megabytes(done):6.1f} MB")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m googlenet.weights",
                                     description="Fetch or check GoogLeNet's pretrained ImageNet weights.")
    commands = parser.add_subparsers(dest="command", required=True)
    fetch = commands.add_parser("download", help="download the weights into torch's hub cache")
    fetch.add_argument("--timeout", type=float, default=30.0,
                       help="give up after this many seconds without progress (default 30)")
    fetch.add_argument("--quiet", action="store_true", help="no progress display")
    commands.add_parser("status", help="say where the weights are, or that they are missing")
    args = parser.parse_args(argv)

    if args.command == "status":
        found = weights_path()
        if found is None:
            print(t("weights.status_missing", lang="en", path=str(hub_cache_path()), command=FETCH_COMMAND,
                    env=ENV_VAR))
            return 1
        print(t("weights.status_found", lang="en", path=str(found)))
        return 0

    try:
        target = fetch_and_check(timeout=args.timeout, progress=None if args.quiet else _print_progress)
        if not args.quiet:
            sys.stderr.write("\n")
    except WeightsUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(t("weights.saved", lang="en", path=str(target)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
