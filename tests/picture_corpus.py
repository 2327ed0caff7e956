"""Pictures a class will upload sooner or later, for driving every picture uploader of every page.

``awkward_pictures()`` are valid pictures the app must show sensibly (letterboxed / scaled to fit) or
refuse with a clear message; ``broken_files()`` must always be refused with a clear message.
Each is (file name, bytes, MIME type), ready for ``AppTest.file_uploader[i].set_value(...)``.
"""
from __future__ import annotations

import io
from functools import lru_cache

import numpy as np
from PIL import Image


def _encode(image: Image.Image, fmt: str, **kw) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **kw)
    return buffer.getvalue()


def _gradient(width: int, height: int) -> Image.Image:
    x = np.linspace(0, 255, width, dtype=np.float32)[None, :]
    y = np.linspace(0, 255, height, dtype=np.float32)[:, None]
    rgb = np.stack([np.broadcast_to(x, (height, width)), np.broadcast_to(y, (height, width)),
                    np.full((height, width), 128, np.float32)], axis=-1)
    return Image.fromarray(rgb.astype(np.uint8), mode="RGB")


def _animated_gif() -> bytes:
    frames = [Image.new("P", (64, 48), colour) for colour in (10, 120, 250)]
    return _encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=80, loop=0)


def _sixteen_bit_png() -> bytes:
    ramp = np.linspace(0, 4095, 96 * 64, dtype=np.uint16).reshape(64, 96)  # a 12-bit sensor in 16 bits
    return _encode(Image.fromarray(ramp), "PNG")  # uint16 -> mode I;16


def _exif_rotated_jpeg() -> bytes:
    image = _gradient(120, 60)
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    return _encode(image, "JPEG", exif=exif.tobytes())


@lru_cache(maxsize=1)
def awkward_pictures() -> tuple[tuple[str, bytes, str], ...]:
    return (
        ("one_pixel.png", _encode(Image.new("RGB", (1, 1), (200, 30, 30)), "PNG"), "image/png"),
        ("tall_10x3000.png", _encode(_gradient(10, 3000), "PNG"), "image/png"),
        ("wide_3000x10.png", _encode(_gradient(3000, 10), "PNG"), "image/png"),
        ("very_wide_20000x20.png", _encode(_gradient(20000, 20), "PNG"), "image/png"),
        ("animated.gif", _animated_gif(), "image/gif"),
        ("sixteen_bit.png", _sixteen_bit_png(), "image/png"),
        ("cmyk.jpg", _encode(_gradient(80, 60).convert("CMYK"), "JPEG"), "image/jpeg"),
        ("exif_rotated.jpg", _exif_rotated_jpeg(), "image/jpeg"),
        ("transparent.png", _encode(Image.new("RGBA", (40, 30), (0, 0, 0, 0)), "PNG"), "image/png"),
    )


@lru_cache(maxsize=1)
def broken_files() -> tuple[tuple[str, bytes, str], ...]:
    jpeg = _encode(_gradient(64, 64), "JPEG")
    return (
        ("not_an_image.jpg", b"these are not the pixels you are looking for", "image/jpeg"),
        ("truncated.jpg", jpeg[: len(jpeg) // 2], "image/jpeg"),
        ("empty.png", b"", "image/png"),
    )
