"""Chinese names for the 1000 ImageNet classes, translated by each class's WordNet sense.

The tables are googlenet/data/imagenet_zh_*.tsv. Each entry keeps the English name it translates
(torchvision's category list), so a test can prove that every index still points at the class we meant.
Classes without an entry fall back to English.
"""
from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _read_tables() -> dict[int, tuple[str, str]]:
    """googlenet/data/imagenet_zh_*.tsv: index, English name (torchvision's list), Chinese name."""
    table: dict[int, tuple[str, str]] = {}
    for path in sorted(DATA.glob("imagenet_zh_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            index, english, chinese = (line.split("\t") + ["", ""])[:3]
            if chinese.strip():
                table[int(index)] = (english, chinese.strip())
    return table


# index: (English name at that index in torchvision's list, Chinese name)
LABELS_ZH: dict[int, tuple[str, str]] = _read_tables()

# The classes the four sample photos most likely get (checked by a test against the table above).
SAMPLE_CLASSES = {
    "chelsea_cat.jpg": (281, 282, 285, 283, 284, 287),
    "coffee.jpg": (967, 968, 504, 505, 550, 923, 809),
    "rocket.jpg": (812, 657, 744, 733, 540, 517, 682, 557, 900),
    "china_temple.jpg": (698, 663, 832, 442, 538, 483, 497, 668, 975, 449, 858, 873),
}


def label_zh(index: int, fallback: str | None = None) -> str | None:
    """The Chinese name of ImageNet class `index`, or `fallback` (e.g. the English name) when there is none."""
    entry = LABELS_ZH.get(int(index))
    return entry[1] if entry else fallback
