"""From an uploaded file to the tensor GoogLeNet eats.

Two steps, kept apart on purpose:

1. ``load_image`` turns *untrusted bytes* into a plain RGB picture (or a clear ``ImageError``).
   Real uploads are messy: phone photos are stored sideways with an EXIF "rotate me" tag,
   PNGs carry transparency, scientific TIFFs hold 16-bit or floating-point numbers, GIFs move.
   A network trained on ImageNet photos only understands 8-bit RGB, so everything is brought there.
2. ``to_batch`` applies the preprocessing the pretrained weights are *evaluated* with, torchvision's
   transform for them (resize the short side to 256, crop the centre 224x224, subtract the ImageNet mean,
   divide by the standard deviation) and stacks the pictures into an (N, 3, 224, 224) tensor. Training
   used random crops and colour distortions instead; one fixed centre crop is how a finished network is tested.
"""
from __future__ import annotations

import functools
import io
import os
import warnings
from pathlib import Path
from typing import BinaryIO, Iterable, Union

import numpy as np
import torch
from PIL import Image, ImageOps

from .errors import LocalisedError

# A 40-megapixel photo already needs ~120 MB as RGB; larger uploads are refused *before* decoding.
MAX_PIXELS = 40_000_000
# Streamlit's default upload limit; a file this big is read into memory at most once.
MAX_BYTES = 200 * 1024 * 1024
# The containers the app accepts (MPO is how many cameras label their JPEGs; DIB is a BMP variant).
SUPPORTED_FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "BMP", "DIB", "GIF", "TIFF")
# File extensions for a file uploader.
ACCEPTED_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "bmp", "gif", "tif", "tiff")

Source = Union[bytes, bytearray, memoryview, str, os.PathLike, BinaryIO, Image.Image]


class ImageError(LocalisedError, ValueError):
    """A picture that cannot be used (``err.message()`` says why, in the user's language)."""


# --------------------------------------------------------------------------------------------
# Step 1: bytes -> RGB picture
# --------------------------------------------------------------------------------------------

def _too_big(size: int) -> ImageError:
    return ImageError("images.file_too_big", size_mb=size / 2**20, limit_mb=MAX_BYTES // 2**20)


def _bytes_of_path(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _too_big(path.stat().st_size)
        return path.read_bytes()
    except FileNotFoundError:
        raise ImageError("images.not_found", path=str(path)) from None
    except ImageError:
        raise
    except (OSError, ValueError) as exc:  # a directory, no permission, a NUL in the name...
        raise ImageError("images.unreadable", path=str(path)) from exc


def _bytes_of_file(source) -> bytes:
    """Streamlit's UploadedFile is a BytesIO: getvalue() gives everything, whatever was read before."""
    try:
        if hasattr(source, "getvalue"):
            data = source.getvalue()
        else:
            if getattr(source, "seekable", lambda: False)():
                source.seek(0)
            data = source.read(MAX_BYTES + 1)
    except (OSError, ValueError) as exc:
        raise ImageError("images.unreadable", path=str(getattr(source, "name", "?"))) from exc
    if not isinstance(data, (bytes, bytearray, memoryview)):  # e.g. a file opened in text mode
        raise ImageError("images.bad_source", kind=type(source).__name__)
    return bytes(data)


def _read_bytes(source) -> bytes:
    """Get the raw bytes out of whatever the caller handed us."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        data = _bytes_of_path(Path(source))
    elif hasattr(source, "read"):
        data = _bytes_of_file(source)
    else:
        raise ImageError("images.bad_source", kind=type(source).__name__)
    if not data:
        raise ImageError("images.empty")
    if len(data) > MAX_BYTES:
        raise _too_big(len(data))
    return data


def _check_size(width: int, height: int) -> None:
    """Refuse empty and enormous pictures using only the header (no pixel has been decoded yet)."""
    if width <= 0 or height <= 0:
        raise ImageError("images.zero_size", width=width, height=height)
    if width * height > MAX_PIXELS:
        raise ImageError("images.too_many_pixels", width=width, height=height,
                         megapixels=width * height / 1e6, limit=MAX_PIXELS / 1e6)
    # Preprocessing scales the short side up to 256: a hair-thin strip would become a giant picture.
    short, long = sorted((width, height))
    resize = preprocessing().resize_size[0]
    if resize * round(long * resize / short) > MAX_PIXELS:
        raise ImageError("images.too_thin", width=width, height=height, ratio=long / short, resize=resize,
                         megapixels=resize * long * resize / short / 1e6, limit=MAX_PIXELS / 1e6)


def _stretch(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Map lo..hi linearly onto 0..255 (a constant picture becomes black)."""
    if hi <= lo:
        return np.zeros(values.shape, np.uint8)
    return np.clip(np.round((values - lo) * (255.0 / (hi - lo))), 0, 255).astype(np.uint8)


def _high_depth_to_rgb(image: Image.Image) -> Image.Image:
    """Modes I;16*, I (32-bit integers) and F (32-bit floats): rescale to 8 bits, then grey -> RGB.

    Integers keep 0 as black and map the brightest sample to 255 (many "16-bit" scientific images only
    use 12 bits, so dividing by 65535 would leave them almost black). Floats have no natural range,
    so min..max is stretched to 0..255; NaN and infinity become the darkest value.
    """
    # float32 holds every 16-bit value exactly and is plenty for an 8-bit result; floats get float64 so
    # that even a tiny range (say 1e-30 .. 2e-30) can be stretched without overflow.
    values = np.array(image, dtype=np.float64 if image.mode == "F" else np.float32)
    finite = np.isfinite(values)
    if not finite.any():
        return Image.new("RGB", image.size)
    if not finite.all():
        values[~finite] = values[finite].min()
    lo, hi = float(values.min()), float(values.max())
    if image.mode != "F":
        lo = min(lo, 0.0)  # unsigned data keeps 0 as black; signed data stretches min..max
    grey = _stretch(values, lo, hi)
    return Image.fromarray(grey, mode="L").convert("RGB")


def _on_white(image: Image.Image) -> Image.Image:
    """Flatten transparency onto a white sheet, the way a browser shows a transparent PNG."""
    rgba = image.convert("RGBA")
    sheet = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(sheet, rgba).convert("RGB")


def to_rgb(image: Image.Image) -> Image.Image:
    """Any Pillow image -> a new 8-bit RGB image (transparency composited on white)."""
    mode = image.mode
    if mode == "RGB":
        return image.copy()
    if mode.startswith("I;16") or mode in ("I", "F"):
        return _high_depth_to_rgb(image)
    has_alpha = mode in ("RGBA", "RGBa", "LA", "La", "PA") or "transparency" in image.info
    if mode == "P" or has_alpha:
        # Palette images may hide transparency in the palette itself, so always go through RGBA.
        if mode == "La":  # premultiplied grey + alpha: Pillow cannot convert it directly
            grey, alpha = image.getchannel(0), image.getchannel(1)
            image = Image.merge("RGBa", (grey, grey, grey, alpha))
        return _on_white(image)
    try:  # 1 (bilevel), L, CMYK, YCbCr, LAB, HSV, RGBX ...
        return image.convert("RGB")
    except (ValueError, OSError) as exc:
        raise ImageError("images.unsupported_mode", mode=mode) from exc


def _upright(image: Image.Image) -> Image.Image:
    """Phones store photos sideways plus an EXIF tag saying how to turn them: turn them now.
    A broken EXIF block should not cost the user their picture, so it is then ignored."""
    try:
        return ImageOps.exif_transpose(image) or image
    except Exception:  # noqa: BLE001
        return image


def _open(data: bytes) -> Image.Image:
    """Read the header only: the format and the size are checked before a single pixel is decoded."""
    try:
        image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError("images.bomb", limit=MAX_PIXELS / 1e6) from exc
    except Exception as exc:  # UnidentifiedImageError, SyntaxError, struct.error, ...
        raise ImageError("images.not_image") from exc
    if image.format not in SUPPORTED_FORMATS:
        raise ImageError("images.unsupported_format", format=str(image.format))
    _check_size(*image.size)
    return image


def _decode(image: Image.Image) -> Image.Image:
    """Decode the pixels (from our in-memory copy: no file handle stays open). Animations (GIF, WebP, APNG)
    stay on their first frame: that is the picture."""
    try:
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError("images.bomb", limit=MAX_PIXELS / 1e6) from exc
    except MemoryError as exc:
        raise ImageError("images.out_of_memory") from exc
    except Exception as exc:
        # Truncated or damaged data: OSError ("image file is truncated"), SyntaxError, ValueError,
        # struct.error, EOFError, IndexError, TypeError, KeyError, zlib.error...
        raise ImageError("images.corrupt") from exc
    _check_size(*image.size)  # some formats only know their true size after decoding
    return image


def load_image(source: Source) -> Image.Image:
    """Decode an upload into an RGB ``PIL.Image`` (fully in memory), or raise ``ImageError``.

    `source` may be bytes, a path, a binary file object (Streamlit's UploadedFile included) or a
    PIL image. The EXIF orientation is applied, animations give their first frame, and every pixel
    mode becomes 8-bit RGB. Only ImageError ever leaves this function.
    """
    try:
        if isinstance(source, Image.Image):
            _check_size(*source.size)
            return to_rgb(_upright(source))
        data = _read_bytes(source)
        with warnings.catch_warnings():
            # Pillow only *warns* about very large images; here a warning counts as an error.
            # Its other warnings (e.g. "Corrupt EXIF data") are noise for a classroom app.
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return to_rgb(_upright(_decode(_open(data))))
    except ImageError:
        raise
    except MemoryError as exc:
        raise ImageError("images.out_of_memory") from exc
    except Exception as exc:  # last line of defence
        raise ImageError("images.corrupt") from exc


# --------------------------------------------------------------------------------------------
# Step 2: RGB picture -> normalised batch
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def preprocessing():
    """The exact preprocessing the IMAGENET1K_V1 weights are evaluated with (torchvision's own transform object).

    Resize the short side to 256, crop the centre 224x224, scale to [0, 1], then normalise each
    channel with the ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225).
    """
    from torchvision.models import GoogLeNet_Weights

    return GoogLeNet_Weights.IMAGENET1K_V1.transforms()


def _as_rgb(image: Image.Image) -> Image.Image:
    return image if image.mode == "RGB" else to_rgb(image)


def to_batch(images: Image.Image | Iterable[Image.Image]) -> torch.Tensor:
    """One picture or a list of pictures -> float tensor (N, 3, 224, 224), ready for GoogLeNet."""
    if isinstance(images, Image.Image):
        images = [images]
    images = list(images)
    if not images:
        raise ValueError("to_batch needs at least one image")
    transform = preprocessing()
    return torch.stack([transform(_as_rgb(image)) for image in images])


def preprocessed_crop(image: Image.Image) -> Image.Image:
    """The 224x224 picture the network actually sees (resized and centre-cropped, not yet normalised)."""
    from torchvision.transforms import functional as F

    transform = preprocessing()
    resized = F.resize(_as_rgb(image), transform.resize_size, interpolation=transform.interpolation,
                       antialias=transform.antialias)
    return F.center_crop(resized, transform.crop_size)
