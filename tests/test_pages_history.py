"""The page "Why and how it came about" through app.py, both languages: every section drawn with its computed
numbers, and the output-size check judging a right, a wrong and a malformed answer against a real nn.Conv2d."""
from __future__ import annotations

import pytest

from apptest_helpers import assert_clean, assert_shows, goto, open_app, rerun, visible_text
from googlenet import history
from googlenet.i18n import t

PAGE = "app_pages/history.py"
LANGS = ["zh", "en"]
HEADERS = ("history.naive.title", "history.sparse.title", "history.nin.title", "history.lrn.title",
           "history.size.title", "history.train.title", "history.timeline.title")


@pytest.fixture(scope="module", params=LANGS)
def page(request):
    return goto(open_app(request.param), PAGE), request.param


def check(at, h: int, k: int, s: int, p: int, answer: str):
    for field, value in zip("hksp", (h, k, s, p)):
        at.number_input(key=f"hist_{field}").set_value(value)
    at.text_input(key="hist_answer").input(answer)
    at.button(key="hist_check").click()
    return rerun(at)


def test_every_section_with_its_numbers(page):
    at, lang = page
    assert at.title[0].value == t("nav.history", lang=lang)
    assert [h.value for h in at.header] == [t(k, lang=lang) for k in HEADERS]
    heads = history.head_costs()
    naive, real = history.naive_totals()
    assert_shows(at, "4,944", f"{heads.gap.params:,}", f"{heads.fc_stack.params:,}", f"{naive.macs:,}",
                 f"{real.macs:,}", "6,998,552", "23,834,568", t("reconciled.link", lang=lang))
    assert len(at.latex) >= 2                     # the LRN formula and the output-size formula
    frames = [d.value for d in at.dataframe]
    assert len(frames) == 5
    widen, grow, lrn, rule, timeline = frames
    training = at.table[0].value
    assert list(widen["cost_factor"]) == [1, 4, 16, 64, 256]
    assert list(grow["naive_macs"]) == [r.naive.macs for r in history.naive_growth()]
    assert list(lrn["b"]) == pytest.approx(list(lrn["b_hand"]))     # torch and the formula, side by side
    assert list(rule["measured"]) == [history.SAME_SIZE_H] * 4       # the padding rule, on a real conv
    assert "Adam" in training.iloc[0, 1] and len(training) == 4      # read from the training lab's trainer
    assert list(timeline["gmacs"]) == ["1.58", "—", "5.71", "12.30", "13.20"]
    assert len(timeline) == 5 and timeline["top1"].is_monotonic_increasing
    assert_clean(at)


def test_output_size_check_right_and_wrong(page):
    at, lang = page
    # the preset is GoogLeNet's conv1: 224, 7x7, stride 2, padding 3 -> 112
    assert [at.number_input(key=f"hist_{f}").value for f in "hksp"] == [224, 7, 2, 3]
    check(at, 224, 7, 2, 3, "112")
    assert [s.value for s in at.success] == [t("history.size.right", lang=lang, answer=112)]
    assert t("history.size.measured", lang=lang, k=7, s=2, p=3, h=224, measured=112) in visible_text(at)
    check(at, 56, 3, 1, 1, "54")   # forgot the padding
    right = history.measured_output_size(56, 3, 1, 1)
    assert right == 56 and not at.success
    assert t("history.size.wrong", lang=lang, answer=54, right=56) in [e.value for e in at.error]
    check(at, 28, 5, 2, 0, "abc")
    assert t("history.size.not_number", lang=lang, answer="abc") in [e.value for e in at.error]
    check(at, 3, 9, 1, 0, "1")     # the kernel does not fit: no output at all
    assert t("history.size.no_output", lang=lang, k=9, padded=3) in [e.value for e in at.error]
    assert not at.success
    check(at, 10, 4, 3, 2, "4")    # (10 + 4 - 4) / 3 = 3.33 rounds down to 3, + 1
    assert [s.value for s in at.success] == [t("history.size.right", lang=lang, answer=4)]
    assert_clean(at)
