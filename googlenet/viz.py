"""The only numpy/PIL picture code: letterboxing for the screen (more moves here in the structure pass)."""
from __future__ import annotations

from PIL import Image

LETTERBOX_COLOUR = (238, 243, 250)  # the app's light panel colour: the bars read as "no picture here"


def letterbox(image: Image.Image, box: tuple[int, int], colour=LETTERBOX_COLOUR, upscale: int = 4) -> Image.Image:
    """The picture scaled to fit inside `box` = (width, height), centred on bars of `colour`.

    Any shape stays readable on screen: a 10x3000 strip becomes a thin stripe in a box-sized frame instead
    of a page 80,000 pixels tall, and a 1x1 picture is enlarged (up to `upscale` times, nearest neighbour,
    so its pixels stay sharp squares) instead of vanishing. The result is always exactly `box`.
    """
    width, height = box
    scale = min(width / image.width, height / image.height, float(upscale))
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    resample = Image.Resampling.NEAREST if scale >= 1 else Image.Resampling.LANCZOS
    shown = image.convert("RGB").resize(size, resample)
    canvas = Image.new("RGB", box, colour)
    canvas.paste(shown, ((width - size[0]) // 2, (height - size[1]) // 2))
    return canvas
