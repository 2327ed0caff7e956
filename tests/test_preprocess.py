"""The preprocessing inspector shows exactly what the network is fed."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from googlenet import GoogLeNet
from googlenet.model import transform_input
from googlenet.images import to_batch
from googlenet.preprocess import (CONTEXT_RATIO, STEP_BOX, STEP_KEYS, around_crop, centre_crop_box, denormalise,
                                  display_image, numbers, outline_crop, preprocessing_steps, step_views)

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@pytest.fixture(scope="module")
def steps():
    return preprocessing_steps(Image.open(ASSETS / "coffee.jpg"))


def test_steps_and_shapes(steps):
    assert [s.name_key for s in steps] == list(STEP_KEYS)
    original, resized, cropped, tensor, normalised, remapped = steps
    assert original.shape == (400, 600, 3)
    assert min(resized.shape[:2]) == 256 and resized.shape[1] == 384   # short side 256, aspect kept
    assert cropped.shape == (224, 224, 3)
    assert tensor.shape == normalised.shape == remapped.shape == (3, 224, 224)
    assert 0 <= original.min and original.max <= 255
    assert 0.0 <= tensor.min and tensor.max <= 1.0
    assert -1.0 <= remapped.min and remapped.max <= 1.0


def test_normalise_step_equals_to_batch_exactly(steps):
    assert torch.equal(steps[4].data, to_batch(Image.open(ASSETS / "coffee.jpg"))[0])


def test_transform_input_step_equals_torchvisions_own(steps):
    import torchvision

    tv = torchvision.models.googlenet(weights=None, aux_logits=False, transform_input=True, init_weights=False)
    batch = steps[4].data.unsqueeze(0)
    assert torch.equal(steps[5].data, transform_input(batch)[0])   # the function our model's forward calls
    torch.testing.assert_close(steps[5].data, tv._transform_input(batch)[0], atol=1e-6, rtol=0)
    # ... and it is the [0, 1] tensor mapped to [-1, 1] (up to float rounding)
    torch.testing.assert_close(steps[5].data, steps[3].data * 2 - 1, atol=1e-5, rtol=0)


def test_statistics(steps):
    tensor, normalised = steps[3], steps[4]
    data = tensor.data
    assert tensor.mean == pytest.approx(tuple(float(v) for v in data.double().mean(dim=(1, 2))))
    assert tensor.std == pytest.approx(tuple(float(v) for v in data.double().std(dim=(1, 2), unbiased=False)))
    # normalising shifts each channel by the ImageNet mean and scales by the std
    for c, (m, s) in enumerate(zip((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))):
        assert normalised.mean[c] == pytest.approx((tensor.mean[c] - m) / s, abs=1e-5)
        assert normalised.std[c] == pytest.approx(tensor.std[c] / s, abs=1e-5)
    # the picture steps count in 0..255: the crop's mean is 255 x the tensor's mean
    assert steps[2].mean[0] == pytest.approx(255 * tensor.mean[0], rel=1e-6)
    torch.testing.assert_close(denormalise(normalised.data), tensor.data, atol=1e-6, rtol=0)


def test_exif_orientation_is_applied_first():
    picture = Image.new("RGB", (300, 200), (200, 10, 10))
    exif = picture.getexif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", exif=exif)
    steps = preprocessing_steps(buffer.getvalue())
    assert steps[0].shape == (300, 200, 3)   # upright: taller than wide


def test_display_images(steps):
    for step in steps:
        shown = display_image(step)
        assert shown.mode == "RGB"
    assert display_image(steps[4]).size == (224, 224)


def test_the_outlined_crop_is_the_crop_step(steps):
    resized, cropped = steps[1].data, steps[2].data
    box = centre_crop_box(*resized.size)
    assert resized.crop(box).tobytes() == cropped.tobytes()
    outlined = outline_crop(resized)
    assert outlined.size == resized.size
    assert outlined.getpixel((box[0], box[1] + 50)) == (255, 235, 0)          # the frame
    assert sum(outlined.getpixel((2, 2))) < sum(resized.getpixel((2, 2)))      # outside dimmed (if not black)


def test_picture_statistics_are_exact_without_a_float_copy():
    rng = np.random.default_rng(0)
    picture = Image.fromarray(rng.integers(3, 250, (37, 53, 3), dtype=np.uint8))
    step = preprocessing_steps(picture)[0]
    values = np.asarray(picture, dtype=np.float64).reshape(-1, 3)
    assert step.mean == pytest.approx(tuple(values.mean(axis=0)), abs=1e-9)
    assert step.std == pytest.approx(tuple(values.std(axis=0)), abs=1e-6)
    assert (step.min, step.max) == (values.min(), values.max())


def test_numbers_are_formatted_per_kind_of_step(steps):
    picture, tensor = numbers(steps[2]), numbers(steps[3])
    assert picture.shape == "224×224×3" and tensor.shape == "3×224×224"
    assert picture.value_range == f"{steps[2].min:.0f} … {steps[2].max:.0f}"
    assert tensor.value_range.startswith("0.") and " … " in tensor.value_range
    assert len(picture.mean.split(", ")) == len(tensor.std.split(", ")) == 3
    assert tensor.mean == ", ".join(f"{v:.3f}" for v in steps[3].mean)


@pytest.mark.parametrize("size", [(1, 1), (10, 3000), (3000, 10), (600, 400), (224, 224)])
def test_every_step_fits_the_box_whatever_the_shape(size):
    views = step_views(Image.new("RGB", size, (120, 40, 200)))
    assert [v.name_key for v in views] == list(STEP_KEYS)
    for view in views:
        assert view.picture.shape == (*STEP_BOX, 3) and view.picture.dtype == np.uint8
    assert views[0].size == size
    assert min(views[1].size) == 256 and views[2].size == (224, 224)
    assert views[1].partial == (max(views[1].size) > CONTEXT_RATIO * 256)
    assert [v.tensor is None for v in views] == [True, True, True, False, False, False]


def test_around_crop_keeps_the_crop_and_cuts_long_strips():
    strip = Image.fromarray(np.random.default_rng(1).integers(0, 255, (76800, 256, 3), dtype=np.uint8))
    part, box = around_crop(strip)
    assert part.size == (256, round(CONTEXT_RATIO * 256))
    assert part.crop(box).tobytes() == strip.crop(centre_crop_box(*strip.size)).tobytes()
    photo = Image.new("RGB", (384, 256))
    assert around_crop(photo) == (photo, centre_crop_box(384, 256))


def test_the_weights_crop_is_the_papers_input_size():
    from googlenet.images import preprocessing
    from googlenet.model import INPUT_SIZE

    assert preprocessing().crop_size[0] == INPUT_SIZE == 224
