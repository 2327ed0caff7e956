"""Concept checks of the page "Which branch voted" (app_pages/branch_vote.py), computed by googlenet.attribution.

Loaded by googlenet.concept_checks (every concept_checks_<page>.py next to it); texts in
googlenet/strings/concept_checks_branch_vote.py under "cc.<question id>.…".
"""
from __future__ import annotations

from functools import lru_cache

from .concept_checks import CHOICE, NUMBER, Question, Solution, _ask, _input_size

SUM_BLOCK = "inception4c"
SUM_SIZE = 96                 # a small picture: the same fact at a fraction of the cost
OCC_PATCH, OCC_STRIDE = 56, 28


@lru_cache(maxsize=1)
def bias_free_sum() -> dict:
    """A GoogLeNet with random He weights and no biases (BatchNorm as identity): gradient x activation of 4c's
    four branches for its top class, beside that class's logit and probability. A ReLU network without biases is
    positively homogeneous (f(a x) = a f(x) for a > 0), so by Euler's theorem the sum at any layer is the logit."""
    import torch
    from torch import nn

    from .attribution import branch_attribution
    from .model import GoogLeNet, he_init

    with torch.device("cpu"):
        model = GoogLeNet(variant="torchvision", aux_logits=False, init_weights=False)
    he_init(model, generator=torch.Generator().manual_seed(0))
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear, nn.BatchNorm2d)) and m.bias is not None:
            nn.init.zeros_(m.bias)
    picture = torch.randn(1, 3, SUM_SIZE, SUM_SIZE, generator=torch.Generator().manual_seed(1))
    result = branch_attribution(model.eval(), picture)
    row = result.blocks.index(SUM_BLOCK)
    c = result.class_index
    return {"block": SUM_BLOCK.removeprefix("inception"), "total": float(result.values[row].sum()),
            "logit": float(result.logits[c]), "probability": float(result.probabilities[c]),
            "channels": int(result.channels[row].sum()), "parts": [float(v) for v in result.values[row]]}


def _sum_prompt() -> dict:
    return {"block": SUM_BLOCK.removeprefix("inception")}


def _bv_sum() -> Solution:
    facts = bias_free_sum()
    candidates = {"logit": facts["logit"], "probability": facts["probability"], "one": 1.0,
                  "channels": float(facts["channels"])}
    answer = min(candidates, key=lambda k: abs(candidates[k] - facts["total"]))
    return Solution(answer, facts={**facts, "parts": " + ".join(f"{v:.3f}" for v in facts["parts"])})


def _occ_prompt() -> dict:
    return {"patch": OCC_PATCH, "stride": OCC_STRIDE, "input": _input_size()}


def _bv_occ_count() -> Solution:
    from .attribution import patch_starts
    side = _input_size()
    per_side = len(patch_starts(side, OCC_PATCH, OCC_STRIDE))
    return Solution(per_side ** 2, {"one_side": per_side, "by_stride": (side // OCC_STRIDE) ** 2,
                                    "by_patch": (side // OCC_PATCH) ** 2},
                    {"per_side": per_side, "last": side - OCC_PATCH, **_occ_prompt()})


_ask(Question("bv_sum", "branch_vote", CHOICE, _bv_sum, prompt=_sum_prompt,
              options=("probability", "logit", "one", "channels")))
_ask(Question("bv_occ_count", "branch_vote", NUMBER, _bv_occ_count, prompt=_occ_prompt))
