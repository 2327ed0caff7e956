"""Matplotlib settings for a projector: large fonts, and a CJK font so Chinese is not drawn as boxes.

Applied by ui.charts when it is first imported: pages without charts (the home page) never load matplotlib.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

CJK_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
)
CJK_FAMILIES = ["Noto Sans CJK JP", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei"]


@lru_cache(maxsize=1)
def apply_chart_style() -> None:
    # Register the font files directly, so a font cache built before they were installed does not matter.
    for path in CJK_FONT_FILES:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
    plt.rcParams.update({
        "font.sans-serif": CJK_FAMILIES + ["DejaVu Sans"],
        "font.family": "sans-serif",
        "axes.unicode_minus": False,   # CJK fonts lack the Unicode minus sign
        "font.size": 14,
        "axes.titlesize": 17,
        "axes.labelsize": 15,
        "xtick.labelsize": 13,
        "ytick.labelsize": 13,
        "legend.fontsize": 13,
        "figure.dpi": 110,
        "axes.spines.top": False,
        "axes.spines.right": False,
    })
