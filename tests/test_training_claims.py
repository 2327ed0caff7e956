"""What the training lab says about a run's gradients: the sentence names the block and phase the numbers
support, in both languages, and blames the auxiliary heads for a recovery only when the run has them."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from googlenet.digits import TrainConfig
from googlenet.i18n import t
from tests.test_training import curves_with
from googlenet.digits.analysis import gradient_verdict
from ui.training_sections import gradient_text

# A real 10-block run without BatchNorm, with aux heads (seed 0), first fifth: the gradient starves above the
# aux taps and is fed again below them.
STARVED_MIDDLE = {"stem": 1e-3, "inception1": 2.0e-3, "inception2": 2.5e-3, "inception3": 5.1e-3,
                  "inception4": 6.7e-5, "inception5": 2.3e-4, "inception6": 8.6e-4, "inception7": 3.3e-3,
                  "inception8": 4.5e-3, "inception9": 1.5e-2, "inception10": 5.7e-2, "fc": 0.13}
HEALTHY = {name: 1.0 for name in STARVED_MIDDLE}


def record(aux: bool, early: dict, late: dict) -> SimpleNamespace:
    return SimpleNamespace(number=3, config=TrainConfig(depth=10, aux=aux, batch_norm=False),
                           curves=curves_with(early, late))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sentence_names_the_starved_block_and_the_aux_recovery(lang, monkeypatch):
    monkeypatch.setattr("ui.training_sections.t", lambda key, **kw: t(key, lang=lang, **kw))
    rec = record(True, STARVED_MIDDLE, HEALTHY)
    v = gradient_verdict(rec.curves)
    text = gradient_text(rec, v)
    assert text.startswith(t("train.grad.vanish", lang=lang, n=3, block="inception4", last="inception10",
                             factor=5.7e-2 / 6.7e-5, phase=t("train.grad.phase.early", lang=lang)))
    assert "inception4" in text and "851" in text
    assert t("train.grad.recovery", lang=lang, first="inception1", block="inception4", recovery=v.recovery) in text
    assert "30" in text  # 2.0e-3 / 6.7e-5 = 29.9: the recovery factor, rounded


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_aux_no_blame(lang, monkeypatch):
    monkeypatch.setattr("ui.training_sections.t", lambda key, **kw: t(key, lang=lang, **kw))
    rec = record(False, STARVED_MIDDLE, HEALTHY)
    text = gradient_text(rec, gradient_verdict(rec.curves))
    recovery_start = t("train.grad.recovery", lang=lang, first="X", block="Y", recovery=2.0).split("X")[0]
    assert recovery_start not in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_flat_is_said_only_when_every_block_stays_near_the_last(lang, monkeypatch):
    monkeypatch.setattr("ui.training_sections.t", lambda key, **kw: t(key, lang=lang, **kw))
    dip = {**HEALTHY, "inception6": 0.05}   # both ends equal, the middle 20x down: not flat
    rec = record(False, HEALTHY, dip)
    v = gradient_verdict(rec.curves)
    assert (v.kind, v.block, v.phase) == ("vanish", "inception6", "late")
    assert gradient_text(rec, v) == t("train.grad.vanish", lang=lang, n=3, block="inception6", last="inception10",
                                      factor=20.0, phase=t("train.grad.phase.late", lang=lang))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_checks_show_before_the_first_run(lang):
    """The page stops early while no run exists: its concept checks are drawn before it stops."""
    from tests.apptest_helpers import goto, open_app, visible_text

    at = goto(open_app(lang), "app_pages/training.py")
    assert t("train.none_yet", lang=lang) in visible_text(at)
    assert t("cc.title", lang=lang) in visible_text(at)
