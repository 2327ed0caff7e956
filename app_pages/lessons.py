"""Lessons: ready lessons a teacher steps through across the pages (one TOML file each, under lessons/), how to
write one's own, and the link choices every page takes (ui/page_links.py). The bar that moves through a lesson
is drawn by app.py on every page (ui/lesson_bar.py)."""
import streamlit as st

from googlenet.i18n import get_language, t
from googlenet.lessons import LESSONS_DIR, Lesson, LessonError, load_lessons
from ui import lesson_bar, url_state
from ui.downloads import show_markdown_table
from ui.nav import ALL_PAGES, available_pages

TITLES = {p.url_path: p.title_key for p in ALL_PAGES}
EXAMPLE = '''title = { en = "Why 1x1 convolutions", zh = "为什么用 1×1 卷积" }
minutes = 15
summary = { en = "One worked example, then the whole network.", zh = "一个算例，然后看整个网络。" }

[[steps]]
page = "inception_lab"
params = { preset = "worked_example", branch = "branch3" }
title = { en = "The 5x5 branch, with and without a 1x1", zh = "有无 1×1 的 5×5 分支" }
note = { en = "Let the class guess the ratio first.", zh = "先让全班猜比值。" }
question = { en = "Where does the saving come from?", zh = "节省来自哪里？" }
'''


def page_title(url_path: str) -> str:
    return t(TITLES[url_path]) if url_path in TITLES else url_path


def lesson_card(lesson: Lesson, lang: str) -> None:
    with st.container(border=True):
        st.subheader(lesson.title(lang))
        st.caption(t("lessons.length", minutes=lesson.minutes, steps=len(lesson)))
        st.markdown(lesson.summary(lang))
        rows = [[str(n), page_title(step.page), step.title(lang)] for n, step in enumerate(lesson.steps, start=1)]
        show_markdown_table([t("lessons.col.n"), t("lessons.col.page"), t("lessons.col.step")], rows,
                            f"lesson_{lesson.id}", right={0})
        if st.button(t("lessons.start"), key=f"lessons_start_{lesson.id}", type="primary",
                     icon=":material/play_arrow:"):
            lesson_bar.go(lesson, 0)
        st.caption(t("lessons.link", link=url_state.view_link(lesson.steps[0].page,
                                                             {"lesson": lesson.id, "step": "1", "lang": lang})))


st.title(t("nav.lessons"))
st.markdown(t("lessons.intro"))
found, broken = load_lessons()
pages = [p.url_path for p in available_pages()]
usable = {}
for lesson_id, lesson in found.items():
    try:
        lesson_bar.check(lesson, pages)
        usable[lesson_id] = lesson
    except LessonError as err:
        broken[f"{lesson_id}.toml"] = str(err)
for name, why in broken.items():
    st.error(t("lessons.broken", file=name, why=why), icon=":material/error:")
if not usable:
    st.info(t("lessons.none", folder=LESSONS_DIR))
for lesson in sorted(usable.values(), key=lambda x: (x.minutes, x.id)):   # the shortest first
    lesson_card(lesson, get_language())

with st.expander(t("lessons.own.title"), icon=":material/edit_note:"):
    st.markdown(t("lessons.own.body", folder=LESSONS_DIR))
    st.code(EXAMPLE, language="toml")
    st.markdown(t("lessons.own.params"))
    show_markdown_table([t("lessons.col.page"), t("lessons.col.url"), t("lessons.col.params")],
                        [[page_title(p), f"`/{p}`", ", ".join(f"`{n}`" for n in names)]
                         for p, names in url_state.describe(pages)], "link_parameters")
    st.caption(t("lessons.own.global"))
