"""Finished visualisations on disk, so that a class that asks twice waits once (and a teacher can precompute).

Key: a hash of everything that decides the picture: which weights (the weights file's SHA-256, or a name for the
seeded untrained stand-in), the block, the part, the channel and every optimisation setting (with the recipe's
VERSION). Each entry is one PNG per picture plus a small JSON file with the numbers. Entries are written to a
temporary name and then renamed, so a reader never sees half a file, and two processes writing the same entry
are harmless (both write the same thing).

Where: ``$GOOGLENET_FEATUREVIS_CACHE`` if set, else ``$XDG_CACHE_HOME/googlenet-explorer/featurevis`` (by
default ``~/.cache/googlenet-explorer/featurevis``).
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path

import numpy as np
from PIL import Image

from .optimise import Settings, Visualisation
from .truncated import Target

CACHE_ENV = "GOOGLENET_FEATUREVIS_CACHE"


def cache_dir() -> Path:
    """The cache folder (see the module's note); not created until something is written."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or "~/.cache"
    return Path(base).expanduser() / "googlenet-explorer" / "featurevis"


_file_hashes: dict[tuple, str] = {}
_file_hashes_lock = threading.Lock()


def file_hash(path: str | os.PathLike) -> str:
    """SHA-256 of a weights file (remembered per path, size and modification time: hashed once per process)."""
    path = Path(path)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _file_hashes_lock:
        known = _file_hashes.get(key)
    if known is None:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        known = "sha256:" + digest.hexdigest()
        with _file_hashes_lock:
            _file_hashes[key] = known
    return known


def untrained_id(seed: int = 0) -> str:
    """The name of the app's untrained stand-in (ui.models.untrained_model: He-initialised with `seed`)."""
    return f"untrained-he-seed{seed}"


def entry_key(weights: str, target: Target, settings: Settings) -> str:
    """The cache key: a hash of the weights' identity, the channel and the settings."""
    fields = {"weights": weights, "block": target.block, "part": target.part, "channel": target.channel,
              **settings.as_dict()}
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:32]


class VisCache:
    """A folder of finished visualisations (``get`` / ``put``)."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = Path(folder) if folder is not None else cache_dir()

    def _paths(self, key: str, n: int) -> tuple[Path, list[Path]]:
        base = self.folder / key[:2]
        return base / f"{key}.json", [base / f"{key}-{i}.png" for i in range(n)]

    def get(self, weights: str, target: Target, settings: Settings) -> Visualisation | None:
        """The stored visualisation, or None (never stored, or a file is missing or unreadable)."""
        meta_path, pngs = self._paths(entry_key(weights, target, settings), settings.images)
        try:
            meta = json.loads(meta_path.read_text())
            pictures = np.stack([np.asarray(Image.open(p).convert("RGB")) for p in pngs])
        except (OSError, ValueError):
            return None
        return Visualisation(target, settings, pictures, list(meta["objective"]), float(meta["seconds"]),
                             int(meta["steps_done"]), from_cache=True, history=list(meta.get("history", [])))

    def has(self, weights: str, target: Target, settings: Settings) -> bool:
        meta_path, pngs = self._paths(entry_key(weights, target, settings), settings.images)
        return meta_path.is_file() and all(p.is_file() for p in pngs)

    def put(self, weights: str, vis: Visualisation) -> None:
        """Store a finished visualisation (one stopped early is not stored: it is not what the key promises)."""
        if not vis.complete:
            return
        meta_path, pngs = self._paths(entry_key(weights, vis.target, vis.settings), vis.settings.images)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        for picture, path in zip(vis.pictures, pngs):
            _atomic_write(path, lambda handle, p=picture: Image.fromarray(p).save(handle, format="PNG"))
        meta = {"weights": weights, "block": vis.target.block, "part": vis.target.part,
                "channel": vis.target.channel, "settings": vis.settings.as_dict(), "objective": vis.objective,
                "seconds": vis.seconds, "steps_done": vis.steps_done, "history": vis.history}
        _atomic_write(meta_path, lambda handle: handle.write(json.dumps(meta).encode()))


def _atomic_write(path: Path, write) -> None:
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name + ".", suffix=".part", delete=False)
    try:
        with handle:
            write(handle)
        os.replace(handle.name, path)
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)
