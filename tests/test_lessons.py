"""Lessons: the ready lesson files validate (every step's page exists and takes the step's choices), a broken file
says which step and field, and a lesson is stepped through to its end through app.py in both languages, each
step opening its page in the state the lesson sets."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import APP, assert_clean, assert_shows, choose_language, goto, open_app
from googlenet.i18n import set_language, t
from googlenet.lessons import LessonError, load_lesson, load_lessons
from ui.lesson_bar import check
from ui.nav import ALL_PAGES, available_pages

PAGES = [p.url_path for p in available_pages()]
TITLE_KEYS = {p.url_path: p.title_key for p in ALL_PAGES}


def test_ready_lessons_validate():
    lessons, broken = load_lessons()
    assert not broken
    assert {"intro_45", "deep_dive_90"} <= set(lessons)
    assert lessons["intro_45"].minutes == 45 and lessons["deep_dive_90"].minutes == 90
    for lesson in lessons.values():
        check(lesson, PAGES)
        assert len(lesson) >= 5
        for step in lesson.steps:
            assert step.note("zh") != step.note("en") and step.question("zh") != step.question("en")


GOOD_STEP = '''
[[steps]]
page = "architecture"
params = {{ variant = "torchvision" }}
title = {{ en = "T", zh = "标题" }}
note = {{ en = "N", zh = "提示" }}
question = {{ en = "Q", zh = {question} }}
'''
HEAD = 'title = { en = "L", zh = "课" }\nminutes = 10\nsummary = { en = "S", zh = "简介" }\n'


def write(tmp_path, text: str, name: str = "mine.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_lesson_names_the_step_and_field(tmp_path):
    ok = GOOD_STEP.format(question='"问题"')
    path = write(tmp_path, HEAD + ok + GOOD_STEP.format(question='""'))
    with pytest.raises(LessonError, match=r"mine\.toml: step 2\.question: the 'zh' text is missing or empty"):
        load_lesson(path)
    with pytest.raises(LessonError, match=r"not valid TOML"):
        load_lesson(write(tmp_path, HEAD + "[[steps]\n"))
    with pytest.raises(LessonError, match=r"minutes"):
        load_lesson(write(tmp_path, HEAD.replace("10", '"ten"') + ok))
    lesson = load_lesson(write(tmp_path, HEAD + ok + ok.replace('"torchvision"', '"alexnet"')))
    with pytest.raises(LessonError, match=r"mine\.toml: step 2\.params: variant=alexnet not valid"):
        check(lesson, PAGES)
    lesson = load_lesson(write(tmp_path, HEAD + ok.replace('"architecture"', '"nowhere"')))
    with pytest.raises(LessonError, match=r"step 1\.page: no page 'nowhere'"):
        check(lesson, PAGES)
    # the folder: good files load, a broken one is reported by name and does not stop the others
    write(tmp_path, HEAD + ok, "good.toml")
    found, broken = load_lessons(tmp_path)
    assert "good" in found and "mine" in found and "broken" not in found


def test_lessons_page_lists_the_lessons_in_both_languages():
    at = goto(open_app("en"), "app_pages/lessons.py")
    lessons, _ = load_lessons()
    for lang in ("en", "zh"):
        choose_language(at, lang)
        assert_shows(at, *(lesson.title(lang) for lesson in lessons.values()))
        assert not at.error
        assert lessons["intro_45"].title(lang) in [h.value for h in at.subheader]


def bar_title(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "·" in m.value and "**" in m.value)


def step_through(at: AppTest, lesson, lang: str, first: int = 0) -> None:
    """Press Next from step `first` to the end, checking each step's page, bar and state; then Finish."""
    for index in range(first, len(lesson)):
        step = lesson.steps[index]
        assert at.title[0].value == t(TITLE_KEYS[step.page], lang=lang), (index, step.page)
        assert bar_title(at) == t("lesson.bar.title", lang=lang, lesson=lesson.title(lang), n=index + 1,
                                  total=len(lesson), step=step.title(lang))
        assert_shows(at, step.question(lang))
        assert at.query_params["lesson"] == lesson.id and at.query_params["step"] == str(index + 1)
        for name, value in step.params.items():   # the state the step sets is the view (and in the address)
            assert at.query_params[name] == value, (index, name)
        at.button(key="lesson_next").click()
        at.run()
        assert_clean(at)
    assert [x.value for x in at.toast] == [t("lesson.finished", lang=lang, lesson=lesson.title(lang))]
    assert "lesson" not in at.query_params
    assert not [b for b in at.button if b.key == "lesson_next"]


def test_intro_lesson_from_the_lessons_page_to_the_end_zh():
    at = goto(open_app("zh"), "app_pages/lessons.py")
    lesson = load_lessons()[0]["intro_45"]
    at.button(key="lessons_start_intro_45").click()
    at.run()
    assert_clean(at)
    step_through(at, lesson, "zh")


def test_deep_dive_from_a_link_with_previous_en():
    lesson = load_lessons()[0]["deep_dive_90"]
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update(lang="en", lesson="deep_dive_90", step="7")
    at.run()
    set_language("en")
    assert_clean(at)
    assert at.slider(key="fm_channel_inception4c_branch3").value == 12     # Inception 4c, branch 3, channel 12
    at.button(key="lesson_prev").click()
    at.run()
    assert at.radio(key="bug_puzzle").value == "branch" and at.query_params["step"] == "6"
    step_through(at, lesson, "en", first=5)


def test_leave_a_lesson_keeps_the_page():
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update(lang="zh", lesson="intro_45", step="2")
    at.run()
    set_language("zh")
    assert_clean(at)
    assert at.title[0].value == t("nav.inception_lab", lang="zh") and at.query_params["preset"] == "worked_example"
    at.button(key="lesson_leave").click()
    at.run()
    assert_clean(at)
    assert at.title[0].value == t("nav.inception_lab", lang="zh") and "lesson" not in at.query_params
    assert not [b for b in at.button if b.key == "lesson_next"] and "lesson_on" not in at.session_state


def computed_numbers() -> set[int]:
    """Every large number the ready lessons' notes may state, computed by the package (or, for the article's
    slip, cited where the app keeps it)."""
    from googlenet import history, module_lab
    from googlenet.costs import conv_cost, network_total

    presets = module_lab.lab_presets()
    out = {module_lab.PRINTED_MACS_TOTAL, history.head_costs().gap.params, network_total("torchvision", 224).params}
    for name in module_lab.EXAMPLES:
        cfg = presets[name]
        spec, side = cfg.spec, cfg.size
        naive, reduced = cfg.cost(bottleneck=False)["branch3"], cfg.cost(bottleneck=True)["branch3"]
        one = conv_cost(spec.in_channels, spec.n5x5_reduce, 1, side, side)
        five = conv_cost(spec.n5x5_reduce, spec.n5x5, 5, side, side)
        out |= {naive.macs, naive.params, reduced.macs, reduced.params, one.macs, five.macs}
    return out


def test_the_ready_lessons_numbers_are_computed():
    import re

    known = computed_numbers()
    for lesson in load_lessons()[0].values():
        for n, step in enumerate(lesson.steps, start=1):
            for lang in ("en", "zh"):
                stated = {int(x.replace(",", "")) for x in re.findall(r"\d{1,3}(?:,\d{3})+", step.note(lang))}
                assert stated <= known, (lesson.id, n, lang, stated - known)
            same = [re.findall(r"\d{1,3}(?:,\d{3})+", step.note(lang)) for lang in ("en", "zh")]
            assert same[0] == same[1], \
                (lesson.id, n)   # the Chinese states the same numbers as the English
