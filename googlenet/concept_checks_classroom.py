"""Concept checks of the Classroom page: what becomes of the class photo on its way into the network.

The stored size comes from googlenet.classroom (the store's own rule), the preprocessing from torchvision's
evaluation transform (googlenet.images.preprocessing), the input channels from the model's first convolution:
nothing typed in. Texts: googlenet/strings/concept_checks_classroom.py.
"""
from __future__ import annotations

from .concept_checks import CHOICE, NUMBER, Question, Solution, _ask, _meta, crop_share

PHONE_PHOTO = (4032, 3024)   # width, height: a 12-megapixel phone photo, 4:3


def _stored() -> tuple[int, int]:
    from .classroom import stored_size
    return stored_size(*PHONE_PHOTO)


def _prompt() -> dict:
    from .classroom import MAX_SIDE
    from .images import preprocessing
    transform = preprocessing()
    sw, sh = _stored()
    return {"w": PHONE_PHOTO[0], "h": PHONE_PHOTO[1], "side": MAX_SIDE, "sw": sw, "sh": sh,
            "crop": transform.crop_size[0], "resize": transform.resize_size[0]}


def _numbers() -> Solution:
    f = _prompt()
    crop, resize = f["crop"], f["resize"]
    channels = _meta("torchvision").conv1.conv.in_channels
    return Solution(channels * crop * crop,
                    {"no_channels": crop * crop, "resized": channels * resize * resize,
                     "stored": channels * f["sw"] * f["sh"]},
                    {**f, "channels": channels, "stored_numbers": channels * f["sw"] * f["sh"]})


def _shrink() -> Solution:
    original, stored = crop_share(*PHONE_PHOTO), crop_share(*_stored())
    same = (original["new_w"], original["new_h"]) == (stored["new_w"], stored["new_h"])
    return Solution("same_view" if same else "smaller_view",
                    facts={**_prompt(), "new_w": stored["new_w"], "new_h": stored["new_h"],
                           "share": f"{stored['share']:.1f}"})


_ask(Question("class_numbers", "classroom", NUMBER, _numbers, prompt=_prompt))
_ask(Question("class_shrink", "classroom", CHOICE, _shrink, prompt=_prompt,
              options=("same_view", "smaller_view", "more_detail", "smaller_input")))
