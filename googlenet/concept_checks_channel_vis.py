"""Concept checks of the page "What a channel wants to see": a Microscope channel number taken apart with the
model's branch widths, and how much of the network a truncated visualisation really runs (googlenet.costs)."""
from __future__ import annotations

from .concept_checks import NUMBER, Question, Solution, _ask

PAGE = "channel_vis"
MICRO_BLOCK, MICRO_INDEX = "inception4c", 300     # "mixed4c, channel 300"
TRUNC_BLOCK, TRUNC_PART = "inception3a", "branch2"


def _concat_prompt() -> dict:
    from .microscope import branch_widths, microscope_name
    widths = branch_widths(MICRO_BLOCK)
    return {"micro": microscope_name(MICRO_BLOCK), "index": MICRO_INDEX, "block": MICRO_BLOCK.removeprefix("inception"),
            **{f"w{n}": widths[f"branch{n}"] for n in range(1, 5)}}


def _concat() -> Solution:
    from .microscope import split_channel
    from .model import INCEPTION_CONFIG
    f, spec = _concat_prompt(), INCEPTION_CONFIG[MICRO_BLOCK]
    where = split_channel(MICRO_BLOCK, MICRO_INDEX)
    branch = int(where.branch[-1])
    return Solution(where.channel, {"not_split": MICRO_INDEX, "one_based": where.channel + 1,
                                    "with_reduce": MICRO_INDEX - spec.n1x1 - spec.n3x3_reduce},
                    {**f, "branch": branch, "channel": where.channel, "start": MICRO_INDEX - where.channel,
                     "reduce": spec.n3x3_reduce, "last1": f["w1"] - 1})


def _truncation_prompt() -> dict:
    from .featurevis import Settings
    return {"block": TRUNC_BLOCK.removeprefix("inception"), "branch": TRUNC_PART[-1], "size": Settings().size}


def truncated_share() -> dict:
    """Multiply-adds of one pass up to `TRUNC_PART` of `TRUNC_BLOCK` (the stem + that branch, what
    googlenet.featurevis.truncated_copy runs) against a whole pass, at the page's default picture size."""
    from .costs import layer_table, module_cost
    from .model import INCEPTION_CONFIG
    size = _truncation_prompt()["size"]
    rows = {r.name: r.macs for r in layer_table("torchvision", size)}
    names = list(rows)
    stem = sum(rows[n] for n in names[:names.index(TRUNC_BLOCK)])
    side = size // 8                    # the stem's strides: 2 (conv1) x 2 (pool1) x 2 (pool2)
    branch = module_cost(INCEPTION_CONFIG[TRUNC_BLOCK], side)[TRUNC_PART].macs
    total = sum(rows.values())
    return {"stem": stem, "branch": branch, "total": total, "pct": 100 * (stem + branch) / total, "side": side,
            "stem_pct": 100 * stem / total, "branch_pct": 100 * branch / total, "blocks": len(INCEPTION_CONFIG)}


def _truncation() -> Solution:
    f = truncated_share()
    return Solution(round(f["pct"], 1), {"no_stem": round(f["branch_pct"], 1), "stem_only": round(f["stem_pct"], 1),
                                         "one_of_nine": round(100 / f["blocks"], 1)}, f)


_ask(Question("cvis_microscope", PAGE, NUMBER, _concat, prompt=_concat_prompt))
_ask(Question("cvis_truncation", PAGE, NUMBER, _truncation, prompt=_truncation_prompt, decimals=1, tolerance=1.0))
