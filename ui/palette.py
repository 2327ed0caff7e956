"""The colours every chart uses, matplotlib and Vega-Lite alike (no plotting library imported here)."""

BASE = "#9fb3c8"        # ordinary bars
HIGHLIGHT = "#d62728"   # the selected one / GoogLeNet / after an ablation
BLUE = "#4e79a7"        # the reference: with 1x1 reductions, the intact network, conv weights
RED = "#e15759"         # the naive module, fully connected weights
GREY = "#bab0ac"
GRID_GREY = "#555555"   # notes and dividers
NAIVE, BOTTLENECK = RED, BLUE
SPLIT_COLOURS = (BLUE, RED, GREY)  # conv, fully connected, other
