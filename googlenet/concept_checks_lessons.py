"""Concept checks of the lessons page: two numbers the ready lessons put in front of the class, computed from
the lesson files (which step, which preset, which channel) and the model's channel table."""
from __future__ import annotations

from .concept_checks import NUMBER, Question, Solution, _ask
from .lessons import LESSONS_DIR, load_lesson

INTRO, DEEP = "intro_45", "deep_dive_90"


def _step(lesson_id: str, page: str, param: str) -> tuple[int, dict]:
    """The first step of a ready lesson on `page` that sets `param`: (its number from 1, its link choices)."""
    lesson = load_lesson(LESSONS_DIR / f"{lesson_id}.toml")
    return next((n, dict(s.params)) for n, s in enumerate(lesson.steps, start=1)
                if s.page == page and param in s.params)


# ------------------------------------------------------------------------------ the 1x1 saving of the intro
def _saving_prompt() -> dict:
    from .module_lab import lab_presets

    n, params = _step(INTRO, "inception_lab", "preset")
    spec, size = lab_presets()[params["preset"]].spec, lab_presets()[params["preset"]].size
    return {"n": n, "cin": spec.in_channels, "cout": spec.n5x5, "reduce": spec.n5x5_reduce, "side": size}


def _saving() -> Solution:
    from .costs import conv_cost

    f = _saving_prompt()
    area = (f["side"], f["side"])
    naive = conv_cost(f["cin"], f["cout"], 5, *area).macs
    one = conv_cost(f["cin"], f["reduce"], 1, *area).macs
    five = conv_cost(f["reduce"], f["cout"], 5, *area).macs
    ratio = naive / (one + five)
    return Solution(round(ratio, 1), {"only_5x5": round(naive / five, 1), "only_1x1": round(naive / one, 1)},
                    {**f, "naive": naive, "one": one, "five": five, "reduced": one + five, "ratio": ratio})


_ask(Question("lessons_saving", "lessons", NUMBER, _saving, prompt=_saving_prompt, decimals=1, tolerance=0.05))


# ------------------------------------------------------------------------------ a channel of the deep dive
def _channel_prompt() -> dict:
    n, params = _step(DEEP, "feature_maps", "channel")
    return {"n": n, "block": params["block"].removeprefix("inception"), "branch": params["branch"][-1],
            "channel": int(params["channel"]), "block_name": params["block"], "branch_name": params["branch"]}


def _channel() -> Solution:
    from .model import INCEPTION_CONFIG

    f = _channel_prompt()
    spec = INCEPTION_CONFIG[f["block_name"]]
    slices = spec.branch_slices()
    start = slices[f["branch_name"]].start
    widths = spec.branch_widths()
    earlier = [b for b in slices if slices[b].start < start]
    return Solution(start + f["channel"],
                    {"forgot_offset": f["channel"], "one_based": start + f["channel"] + 1,
                     "after_own": slices[f["branch_name"]].stop + f["channel"]},
                    {**f, "start": start, "parts": " + ".join(str(widths[b]) for b in earlier),
                     "total": spec.out_channels, "answer_n": start + f["channel"]})


_ask(Question("lessons_channel", "lessons", NUMBER, _channel, prompt=_channel_prompt))
