"""A stamp of the teaching package's source files, for results kept on disk between server starts.

A result computed from the model and kept by ``st.cache_data(persist="disk")`` must be recomputed once the
model's code changes; passing this stamp as an argument makes it part of the cache key. Each file's name, size
and modification time are enough (a few ms; an unchanged file touched again only costs one recomputation).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "googlenet"


def package_stamp(package: Path = PACKAGE) -> str:
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]
