"""The spot-the-bug page through AppTest, as a student uses it, in both languages: every listing, a wrong line
(the hint), the right line, the fix revealed and its measured consequence, and the score."""
from __future__ import annotations

import pytest

from apptest_helpers import assert_shows, goto, open_app, rerun, vega_charts, visible_text
from googlenet import bug_hunt
from googlenet.bug_hunt import experiments as ex
from googlenet.i18n import t

PAGE = "app_pages/spot_the_bug.py"

# A line of each listing that a student may well suspect, but that is fine.
DECOYS = {"branch": 15, "softmax": 8, "kernel": 4, "minus": 9, "lrn": 17, "print": 9}

# What each revealed consequence shows, computed: a string of the captured output that only running the code gives.
SHOWN = {
    "branch": lambda lang: t("bug.no_grad", lang=lang),
    "softmax": lambda lang: f"{ex.softmax_loss_bounds().floor:.4f}",
    "kernel": lambda lang: "TypeError: Conv2d.__init__() missing 1 required positional argument: 'kernel_size'",
    "minus": lambda lang: "AttributeError: 'SmallResNet' object has no attribute 'mp'",
    "lrn": lambda lang: f"{64 * 112 * 112:,}",
    "print": lambda lang: "after stem: (64, 16, 8, 8)",
}


def prefix(key: str, lang: str) -> str:
    return t(key, lang=lang).split("{")[0]


def shown_with_tables(at) -> str:
    """The page's text and the cells of its tables."""
    return visible_text(at) + "\n".join(df.value.to_string() for df in at.dataframe)


def check_line(at, key: str, line: int):
    at.selectbox(key=f"bug_pick_{key}").set_value(line)
    rerun(at)
    at.button(key=f"bug_check_{key}").click()
    return rerun(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_find_every_bug_and_see_what_it_does(lang):
    at = goto(open_app(lang), PAGE)
    assert at.title[0].value == t("nav.spot_the_bug", lang=lang)
    assert_shows(at, t("bug.score.none", lang=lang), bug_hunt.BY_KEY["branch"].source.splitlines()[0])
    for puzzle in bug_hunt.PUZZLES:
        at.radio(key="bug_puzzle").set_value(puzzle.key)
        rerun(at)
        assert at.subheader[0].value == t(f"bug.{puzzle.key}.title", lang=lang)
        assert puzzle.source.rstrip() in [c.value.rstrip() for c in at.code]           # the listing, as it runs
        assert at.button(key=f"bug_check_{puzzle.key}").disabled      # nothing picked yet

        check_line(at, puzzle.key, DECOYS[puzzle.key])
        assert not at.success
        assert [e.value for e in at.error] == [
            f"{t('bug.wrong', lang=lang, line=DECOYS[puzzle.key])} {t(f'bug.{puzzle.key}.hint', lang=lang)}"]

        check_line(at, puzzle.key, puzzle.bug_lines[0])
        assert not at.error
        assert at.success[0].value == t(f"bug.{puzzle.key}.right", lang=lang, line=puzzle.bug_lines[0],
                                        a=puzzle.bug_lines[0], b=puzzle.bug_lines[-1])

        at.button(key=f"bug_reveal_{puzzle.key}").click()
        rerun(at)
        codes = [c.value.rstrip() for c in at.code]
        assert puzzle.diff() in codes and puzzle.fixed_source().rstrip() in codes
        assert at.selectbox(key=f"bug_pick_{puzzle.key}").disabled
        assert at.button(key=f"bug_reveal_{puzzle.key}").disabled
        assert t("bug.measured.title", lang=lang) in visible_text(at)
        assert SHOWN[puzzle.key](lang) in shown_with_tables(at)

    assert_shows(at, t("bug.score.body", lang=lang, found=6, total=6, first=0, revealed=0),
                 t("bug.score.all", lang=lang), t("bug.status.found", lang=lang, n=2))
    at.button(key="bug_reset").click()
    rerun(at)
    assert_shows(at, t("bug.score.none", lang=lang))
    assert at.selectbox(key="bug_pick_print").value is None


def test_the_softmax_curves_are_the_measured_runs():
    at = goto(open_app("en"), PAGE)
    at.radio(key="bug_puzzle").set_value("softmax")
    rerun(at)
    at.button(key="bug_reveal_softmax").click()
    rerun(at)
    (loss_spec, loss), (_, accuracy) = vega_charts(at)
    runs = {fixed: ex.softmax_experiment(fixed) for fixed in (False, True)}
    for fixed, name in ((False, t("bug.series.buggy", lang="en")), (True, t("bug.series.fixed", lang="en"))):
        assert loss[loss.run == name].value.tolist() == pytest.approx(runs[fixed].losses)
        assert accuracy[accuracy.run == name].value.tolist() == pytest.approx(runs[fixed].test_accuracies)
    assert "floor" in str(loss_spec)
    # Revealing without finding the bug first counts as revealed, not found.
    assert_shows(at, t("bug.score.body", lang="en", found=0, total=6, first=0, revealed=1),
                 t("bug.status.revealed", lang="en"))


def test_a_first_try_scores_and_the_picks_survive_another_page():
    at = goto(open_app("en"), PAGE)
    check_line(at, "branch", 13)
    assert_shows(at, t("bug.score.body", lang="en", found=1, total=6, first=1, revealed=0),
                 t("bug.status.first", lang="en"))
    goto(at, "app_pages/home.py")
    goto(at, PAGE)
    assert at.session_state["bug_picks"] == {"branch": [13]}
    assert_shows(at, t("bug.status.first", lang="en"))
    assert "TypeError" not in visible_text(at)      # nothing revealed: no consequence shown
