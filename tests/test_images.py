"""googlenet.images: every upload becomes an RGB picture or a clear ImageError, never anything else."""
from __future__ import annotations

import io
import random
import struct
import zlib

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from googlenet import i18n
from googlenet.images import (MAX_PIXELS, ImageError, load_image, preprocessed_crop, to_batch, to_rgb)
from googlenet.strings import images as image_strings

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


# ------------------------------------------------------------------ helpers: files built in memory

def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def noise(size=(64, 48), seed=0) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8), "RGB")


def png_with_header(width: int, height: int) -> bytes:
    """A real 2x2 PNG whose IHDR (with a valid CRC) claims width x height."""
    data = encode(Image.new("RGB", (2, 2), "red"), "PNG")
    body = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return data[:8] + struct.pack(">I", 13) + body + struct.pack(">I", zlib.crc32(body)) + data[33:]


def half(data: bytes) -> bytes:
    return data[: len(data) // 2]


class TextOnly(io.StringIO):
    """A file object opened in text mode: read() returns str."""


def bad_inputs(tmp_path):
    empty_file = tmp_path / "empty.jpg"
    empty_file.write_bytes(b"")
    text_file = tmp_path / "notes.txt"
    text_file.write_text("GoogLeNet has 22 layers with parameters.\n" * 20)
    return {
        "empty bytes": (b"", "images.empty"),
        "random bytes": (random.Random(1234).randbytes(4096), "images.not_image"),
        "text bytes": (text_file.read_bytes(), "images.not_image"),
        "text file path": (text_file, "images.not_image"),
        "truncated png": (half(encode(noise((128, 128)), "PNG")), "images.corrupt"),
        "truncated jpeg": (half(encode(noise((128, 128)), "JPEG", quality=95)), "images.corrupt"),
        "huge png header (pillow bomb guard)": (png_with_header(20000, 20000), "images.bomb"),
        "large png header (our MAX_PIXELS)": (png_with_header(7000, 7000), "images.too_many_pixels"),
        "zero-byte file path": (empty_file, "images.empty"),
        "missing path": (tmp_path / "nope.png", "images.not_found"),
        "missing path as str": (str(tmp_path / "nope.png"), "images.not_found"),
        "a directory": (tmp_path, "images.unreadable"),
        "unsupported format (PPM)": (encode(noise((8, 8)), "PPM"), "images.unsupported_format"),
        "unsupported format (ICO)": (encode(noise((16, 16)), "ICO"), "images.unsupported_format"),
        "text-mode file object": (TextOnly("hello"), "images.bad_source"),
        "not a file at all": (12345, "images.bad_source"),
        "zero-size PIL image": (Image.new("RGB", (0, 5)), "images.zero_size"),
    }


BAD_CASES = ["empty bytes", "random bytes", "text bytes", "text file path", "truncated png", "truncated jpeg",
             "huge png header (pillow bomb guard)", "large png header (our MAX_PIXELS)", "zero-byte file path",
             "missing path", "missing path as str", "a directory", "unsupported format (PPM)",
             "unsupported format (ICO)", "text-mode file object", "not a file at all", "zero-size PIL image"]


# ------------------------------------------------------------------ bad inputs

@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_raises_image_error_with_key(case, tmp_path):
    source, key = bad_inputs(tmp_path)[case]
    with pytest.raises(ImageError) as info:
        load_image(source)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.key == key, (case, err.key, str(err))
    message = str(err)
    assert message and "\n" not in message
    assert message == i18n.t(err.key, lang="en", **err.fmt)
    assert err.message("zh") != message  # a real translation, not the English text


def test_size_guard_runs_before_decoding(monkeypatch):
    """The header alone must be enough to refuse: decoding pixels of a huge image is the attack."""
    from PIL import ImageFile

    def explode(self):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", explode)
    for width, height in ((20000, 20000), (7000, 7000), (MAX_PIXELS // 1000 + 1, 1000)):
        with pytest.raises(ImageError) as info:
            load_image(png_with_header(width, height))
        assert info.value.key in ("images.bomb", "images.too_many_pixels")


def test_size_error_message_has_numbers():
    with pytest.raises(ImageError) as info:
        load_image(png_with_header(7000, 7000))
    assert info.value.fmt["width"] == 7000 and "49.0 megapixels" in str(info.value)


def test_errors_pickle_with_key():
    import pickle

    err = pickle.loads(pickle.dumps(ImageError("images.zero_size", width=0, height=3)))
    assert err.key == "images.zero_size" and err.fmt == {"width": 0, "height": 3}
    assert "0×3" in str(err)


def test_strings_tables_match():
    assert image_strings.EN.keys() == image_strings.ZH.keys()
    for key, english in image_strings.EN.items():
        assert i18n.placeholders(english) == i18n.placeholders(image_strings.ZH[key]), key


# ------------------------------------------------------------------ sources

def test_every_kind_of_source(tmp_path):
    data = encode(noise(), "PNG")
    path = tmp_path / "a.png"
    path.write_bytes(data)
    read_already = io.BytesIO(data)
    read_already.read()  # like a Streamlit UploadedFile that something read before us
    with open(path, "rb") as handle:
        handle.read(10)
        from_handle = load_image(handle)
    for source in (data, bytearray(data), memoryview(data), path, str(path), read_already, from_handle):
        image = load_image(source)
        assert image.mode == "RGB" and image.size == (64, 48)
        assert np.array_equal(np.asarray(image), np.asarray(noise()))


def test_result_is_fully_loaded(tmp_path):
    path = tmp_path / "a.gif"
    noise().convert("P").save(path)
    image = load_image(path)
    path.unlink()  # no lazy file handle: the picture must still be usable
    assert getattr(image, "fp", None) is None
    image.getpixel((0, 0))


@pytest.mark.parametrize("fmt,ext", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("BMP", "bmp"),
                                     ("GIF", "gif"), ("TIFF", "tiff")])
def test_every_accepted_format_loads(fmt, ext, tmp_path):
    original = noise((40, 30))
    path = tmp_path / f"picture.{ext}"
    original.save(path, fmt)
    image = load_image(path)
    assert image.mode == "RGB" and image.size == (40, 30)
    if fmt in ("PNG", "BMP", "TIFF"):
        assert np.array_equal(np.asarray(image), np.asarray(original))


# ------------------------------------------------------------------ pixel modes

def check_rgb(image, size):
    assert isinstance(image, Image.Image)
    assert image.mode == "RGB" and image.size == size
    return np.asarray(image)


MODE_CASES = [  # (mode, formats it is stored in; "pil" = handed over as a PIL image)
    ("1", ["PNG", "TIFF", "BMP", "pil"]),
    ("L", ["PNG", "JPEG", "pil"]),
    ("LA", ["PNG", "TIFF", "pil"]),
    ("P", ["PNG", "GIF", "BMP", "pil"]),
    ("PA", ["TIFF", "pil"]),
    ("RGBA", ["PNG", "TIFF", "WEBP", "pil"]),
    ("RGBa", ["pil"]),
    ("La", ["pil"]),
    ("CMYK", ["JPEG", "TIFF", "pil"]),
    ("YCbCr", ["TIFF", "JPEG", "pil"]),
    ("I;16", ["PNG", "TIFF", "pil"]),
    ("I;16B", ["TIFF", "pil"]),
    ("I;16L", ["pil"]),
    ("I", ["TIFF", "pil"]),
    ("F", ["TIFF", "pil"]),
    ("LAB", ["TIFF", "pil"]),
    ("HSV", ["pil"]),
    ("RGBX", ["pil"]),
]


def sample(mode: str) -> Image.Image:
    """A 20x10 picture in `mode` with real variation across it."""
    grey = np.tile(np.linspace(0, 255, 20).astype(np.uint8), (10, 1))
    if mode.startswith("I;16"):
        values = np.tile(np.linspace(0, 65535, 20), (10, 1)).astype(np.uint16)
        return Image.frombytes(mode, (20, 10), values.astype(">u2" if mode == "I;16B" else "<u2").tobytes())
    if mode == "I":
        return Image.fromarray(np.tile(np.linspace(-1000, 10**6, 20), (10, 1)).astype(np.int32), "I")
    if mode == "F":
        return Image.fromarray(np.tile(np.linspace(-3.5, 10.0, 20), (10, 1)).astype(np.float32), "F")
    if mode == "La":  # premultiplied grey + alpha: Image.convert cannot produce it, so build it from bytes
        return Image.frombytes("La", (20, 10), np.dstack([grey, np.full_like(grey, 255)]).tobytes())
    return Image.fromarray(np.dstack([grey, 255 - grey, grey // 2]), "RGB").convert(mode)


@pytest.mark.parametrize("mode,fmt", [(m, f) for m, formats in MODE_CASES for f in formats])
def test_every_mode_becomes_rgb(mode, fmt):
    image = sample(mode)
    assert image.mode == mode
    result = load_image(image if fmt == "pil" else encode(image, fmt))
    pixels = check_rgb(result, (20, 10))
    assert pixels.min() != pixels.max(), "the picture's variation was lost"


@pytest.mark.parametrize("mode", ["I;16", "I;16B", "I"])
@pytest.mark.parametrize("fmt", ["TIFF", "pil"])
def test_high_bit_depth_is_scaled_not_clipped(mode, fmt):
    image = sample(mode)
    grey = check_rgb(load_image(image if fmt == "pil" else encode(image, fmt)), (20, 10))[..., 0].astype(int)
    assert grey.min() == 0 and grey.max() == 255
    assert 60 < grey.mean() < 200  # a gradient, not all white (clipped) or all black
    assert np.all(np.diff(grey[0]) >= 0)  # the ramp keeps its order


def test_16_bit_png_with_12_bit_data_is_visible():
    values = np.tile(np.linspace(0, 4095, 20), (10, 1)).astype(np.uint16)
    picture = Image.frombytes("I;16", (20, 10), values.astype("<u2").tobytes())
    grey = check_rgb(load_image(encode(picture, "PNG")), (20, 10))[..., 0]
    assert grey.max() == 255


def test_float_image_stretches_min_to_max_and_survives_nan():
    values = np.tile(np.linspace(-3.5, 10.0, 20), (10, 1)).astype(np.float32)
    values[0, 0] = np.nan
    values[0, 1] = np.inf
    grey = check_rgb(load_image(Image.fromarray(values, "F")), (20, 10))[..., 0]
    assert grey[5, 0] == 0 and grey[5, -1] == 255
    flat = check_rgb(load_image(Image.new("F", (4, 4), 7.0)), (4, 4))
    assert flat.min() == flat.max()


def test_transparent_rgba_becomes_white():
    image = Image.new("RGBA", (8, 6), (255, 0, 0, 0))
    image.putpixel((0, 0), (0, 0, 255, 255))
    image.putpixel((1, 0), (0, 0, 0, 128))
    for source in (image, encode(image, "PNG"), encode(image, "WEBP", lossless=True)):
        pixels = check_rgb(load_image(source), (8, 6))
        assert tuple(pixels[3, 3]) == (255, 255, 255)
        assert tuple(pixels[0, 0]) == (0, 0, 255)
        assert all(abs(int(v) - 127) <= 2 for v in pixels[0, 1])


def test_palette_with_transparency_becomes_white():
    image = Image.new("P", (6, 4), 0)
    image.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    image.putpixel((5, 3), 1)
    for source in (encode(image, "PNG", transparency=0), encode(image, "GIF", transparency=0)):
        pixels = check_rgb(load_image(source), (6, 4))
        assert tuple(pixels[0, 0]) == (255, 255, 255)  # index 0 is transparent: white, not red
        assert tuple(pixels[3, 5]) == (0, 0, 255)
    opaque = check_rgb(load_image(encode(image, "PNG")), (6, 4))
    assert tuple(opaque[0, 0]) == (255, 0, 0)


def test_grey_alpha_and_bilevel_and_cmyk_colours():
    la = Image.new("LA", (4, 4), (0, 0))
    assert tuple(check_rgb(load_image(encode(la, "PNG")), (4, 4))[0, 0]) == (255, 255, 255)
    bilevel = Image.new("1", (4, 4), 0)
    bilevel.putpixel((1, 1), 1)
    pixels = check_rgb(load_image(encode(bilevel, "PNG")), (4, 4))
    assert tuple(pixels[0, 0]) == (0, 0, 0) and tuple(pixels[1, 1]) == (255, 255, 255)
    cyan = Image.new("CMYK", (4, 4), (255, 0, 0, 0))
    assert tuple(check_rgb(load_image(encode(cyan, "TIFF")), (4, 4))[0, 0]) == (0, 255, 255)
    red = Image.new("RGB", (16, 16), (255, 0, 0)).convert("YCbCr")
    r, g, b = check_rgb(load_image(encode(red, "TIFF")), (16, 16))[8, 8].astype(int)
    assert r > 240 and g < 15 and b < 15


# ------------------------------------------------------------------ orientation and animation

def oriented(fmt: str) -> bytes:
    """40x20 stored sideways: red top-left quadrant, blue elsewhere, EXIF orientation 6."""
    image = Image.new("RGB", (40, 20), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 20, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    return encode(image, fmt, exif=exif.tobytes(), **({"quality": 95} if fmt == "JPEG" else {}))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "TIFF"])
def test_exif_orientation_is_applied(fmt):
    pixels = check_rgb(load_image(oriented(fmt)), (20, 40)).astype(int)
    red, blue = np.array([255, 0, 0]), np.array([0, 0, 255])
    # Turning clockwise moves the top-left quadrant to the top-right.
    assert np.abs(pixels[5, 15] - red).max() < 40
    assert np.abs(pixels[5, 4] - blue).max() < 40
    assert np.abs(pixels[30, 15] - blue).max() < 40


def test_broken_exif_is_ignored_not_fatal():
    data = bytearray(oriented("JPEG"))
    start = data.index(b"Exif\x00\x00")
    data[start + 6: start + 14] = b"MM\x00\x2a\xff\xff\xff\xff"  # IFD offset far outside the block
    image = load_image(bytes(data))
    assert image.mode == "RGB" and image.size in ((40, 20), (20, 40))


COLOURS = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]


@pytest.mark.parametrize("fmt", ["GIF", "WEBP", "PNG"])
def test_animation_gives_first_frame(fmt):
    frames = [Image.new("RGB", (12, 8), colour) for colour in COLOURS]
    options = {"lossless": True} if fmt == "WEBP" else {}
    data = encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0, **options)
    assert getattr(Image.open(io.BytesIO(data)), "n_frames", 1) == 3
    pixels = check_rgb(load_image(data), (12, 8)).astype(int)
    assert np.abs(pixels - np.array(COLOURS[0])).max() <= 2


# ------------------------------------------------------------------ fuzzing: RGB or ImageError, nothing else

def _seeds() -> list[bytes]:
    picture = noise((16, 12), seed=3)
    frames = [picture, noise((16, 12), seed=4)]
    return [
        encode(picture, "PNG"),
        encode(picture.convert("RGBA"), "PNG"),
        encode(picture, "JPEG", quality=80),
        encode(picture, "JPEG", quality=80, progressive=True),
        encode(picture.convert("P"), "GIF", save_all=True, append_images=[f.convert("P") for f in frames]),
        encode(picture, "WEBP", quality=80),
        encode(picture, "WEBP", lossless=True),
        encode(picture, "BMP"),
        encode(picture, "TIFF"),
        encode(picture, "TIFF", compression="tiff_deflate"),
    ]


SEEDS = _seeds()


def must_be_rgb_or_image_error(data: bytes) -> None:
    try:
        image = load_image(data)
    except ImageError as err:
        assert err.key in image_strings.EN
        return
    assert isinstance(image, Image.Image) and image.mode == "RGB"
    assert image.width > 0 and image.height > 0 and image.width * image.height <= MAX_PIXELS
    image.getpixel((0, 0))


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "overwrite"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del data[at: at + draw(st.integers(1, 64))]
        elif op == "truncate":
            del data[at:]
        else:
            chunk = draw(st.binary(min_size=1, max_size=8))
            data[at: at + len(chunk)] = chunk
    return bytes(data)


FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@settings(FUZZ, max_examples=80)
@given(st.binary(max_size=2048))
def test_fuzz_random_bytes(data):
    must_be_rgb_or_image_error(data)


@settings(FUZZ, max_examples=60)
@given(st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBPVP8 ",
                        b"BM", b"II*\x00", b"MM\x00*"]), st.binary(max_size=512))
def test_fuzz_random_bytes_after_a_real_signature(signature, tail):
    must_be_rgb_or_image_error(signature + tail)


@settings(FUZZ, max_examples=200)
@given(mutated())
def test_fuzz_mutated_real_files(data):
    must_be_rgb_or_image_error(data)


# ------------------------------------------------------------------ to_batch and the crop

def test_to_batch_shape_dtype_and_normalisation():
    batch = to_batch(Image.new("RGB", (300, 260), (128, 128, 128)))
    assert batch.shape == (1, 3, 224, 224) and batch.dtype == torch.float32
    for channel in range(3):
        expected = (128 / 255 - MEAN[channel]) / STD[channel]
        assert abs(batch[0, channel].mean().item() - expected) < 1e-2


def test_to_batch_list_and_any_mode():
    images = [noise((300, 200)), Image.new("L", (100, 400), 50), Image.new("RGBA", (224, 224), (0, 0, 0, 0))]
    batch = to_batch(images)
    assert batch.shape == (3, 3, 224, 224)
    white = torch.tensor([(1 - m) / s for m, s in zip(MEAN, STD)])
    assert torch.allclose(batch[2].mean(dim=(1, 2)), white, atol=1e-4)  # transparent -> white
    assert torch.equal(to_batch(iter(images[:1])), to_batch(images[0]))
    with pytest.raises(ValueError):
        to_batch([])


def test_preprocessed_crop_is_what_the_network_sees():
    image = noise((320, 240), seed=7)
    crop = preprocessed_crop(image)
    assert crop.mode == "RGB" and crop.size == (224, 224)
    batch = to_batch(image)[0]
    seen = batch * torch.tensor(STD).view(3, 1, 1) + torch.tensor(MEAN).view(3, 1, 1)
    shown = torch.from_numpy(np.asarray(crop).copy()).permute(2, 0, 1).float() / 255
    assert torch.allclose(seen, shown, atol=1e-5)


def test_to_rgb_keeps_the_original_untouched():
    original = Image.new("RGBA", (3, 3), (0, 0, 0, 0))
    converted = to_rgb(original)
    assert original.mode == "RGBA" and converted.mode == "RGB"
