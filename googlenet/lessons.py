"""Lessons a teacher steps through: one TOML file per lesson under lessons/, read and checked here.

A lesson is data, so a teacher can write their own (the lessons page shows the format):

    title = { en = "...", zh = "..." }
    minutes = 45
    summary = { en = "...", zh = "..." }

    [[steps]]
    page = "inception_lab"                       # a page's url_path
    params = { preset = "worked_example" }       # the link's choices that set the page's state
    title = { en = "...", zh = "..." }
    note = { en = "...", zh = "..." }            # for the teacher
    question = { en = "...", zh = "..." }        # for the class

A broken file is refused with a message that names the file, the step and the field, so the teacher knows
what to fix. Knows nothing of Streamlit: which pages exist and which choices they take is checked by the caller
(`check_links`, given a checker from the app).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

LESSONS_DIR = Path(__file__).resolve().parent.parent / "lessons"
LANGS = ("en", "zh")
TEXT_FIELDS = ("title", "note", "question")


class LessonError(ValueError):
    """A lesson file that cannot be used, with where the problem is."""


@dataclass(frozen=True)
class Text:
    en: str
    zh: str

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Step:
    page: str
    params: Mapping[str, str]
    title: Text
    note: Text
    question: Text


@dataclass(frozen=True)
class Lesson:
    id: str               # the file's name without .toml: what ?lesson= says
    title: Text
    minutes: int
    summary: Text
    steps: tuple[Step, ...]

    def __len__(self) -> int:
        return len(self.steps)


def _text(raw: object, where: str) -> Text:
    if not isinstance(raw, dict):
        raise LessonError(f"{where}: expected {{ en = \"…\", zh = \"…\" }}, found {raw!r}")
    for lang in LANGS:
        value = raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise LessonError(f"{where}: the {lang!r} text is missing or empty")
    extra = set(raw) - set(LANGS)
    if extra:
        raise LessonError(f"{where}: unknown language(s) {sorted(extra)}; use en and zh")
    return Text(raw["en"].strip(), raw["zh"].strip())


def _params(raw: object, where: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise LessonError(f"{where}: expected a table such as {{ block = \"inception4c\" }}, found {raw!r}")
    out = {}
    for name, value in raw.items():
        if isinstance(value, bool):
            value = "1" if value else "0"
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)     # a set of switches, e.g. off = ["branch2", "branch3"]
        elif isinstance(value, (int, float)):
            value = f"{value:g}" if isinstance(value, float) else str(value)
        if not isinstance(value, str):
            raise LessonError(f"{where}.{name}: expected text, a number or true/false, found {value!r}")
        out[name] = value
    return out


def _step(raw: object, where: str) -> Step:
    if not isinstance(raw, dict):
        raise LessonError(f"{where}: expected a [[steps]] table")
    page = raw.get("page")
    if not isinstance(page, str) or not page.strip():
        raise LessonError(f"{where}.page: missing (the page's url_path, e.g. \"architecture\")")
    unknown = set(raw) - {"page", "params", *TEXT_FIELDS}
    if unknown:
        raise LessonError(f"{where}: unknown field(s) {sorted(unknown)}")
    texts = {}
    for name in TEXT_FIELDS:
        if name not in raw:
            raise LessonError(f"{where}.{name}: missing")
        texts[name] = _text(raw[name], f"{where}.{name}")
    return Step(page.strip(), _params(raw.get("params"), f"{where}.params"), **texts)


def parse_lesson(lesson_id: str, raw: dict, source: str = "") -> Lesson:
    """A lesson from the TOML's table; LessonError naming `source`, the step (1-based) and the field."""
    name = source or lesson_id
    for required in ("title", "minutes", "summary", "steps"):
        if required not in raw:
            raise LessonError(f"{name}: {required}: missing")
    minutes = raw["minutes"]
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 600:
        raise LessonError(f"{name}: minutes: expected a whole number of minutes (1-600), found {minutes!r}")
    steps = raw["steps"]
    if not isinstance(steps, list) or not steps:
        raise LessonError(f"{name}: steps: a lesson needs at least one [[steps]] table")
    return Lesson(lesson_id, _text(raw["title"], f"{name}: title"), minutes, _text(raw["summary"], f"{name}: summary"),
                  tuple(_step(s, f"{name}: step {n}") for n, s in enumerate(steps, start=1)))


def load_lesson(path: Path) -> Lesson:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise LessonError(f"{path.name}: not valid TOML ({err})") from err
    except UnicodeDecodeError as err:
        raise LessonError(f"{path.name}: not UTF-8 text ({err})") from err
    return parse_lesson(path.stem, raw, path.name)


def load_lessons(folder: Path = LESSONS_DIR) -> tuple[dict[str, Lesson], dict[str, str]]:
    """Every lesson in `folder` (by id, in file-name order), and the files refused ({file name: why})."""
    lessons, broken = {}, {}
    for path in sorted(folder.glob("*.toml")):
        try:
            lessons[path.stem] = load_lesson(path)
        except LessonError as err:
            broken[path.name] = str(err)
    return lessons, broken


def check_links(lesson: Lesson, pages: Iterable[str], bad_params: Callable[[str, dict], list[str]]) -> None:
    """Every step's page exists and its choices are ones the page takes (`bad_params(page, params)` lists the
    names it refuses); LessonError naming the step otherwise."""
    known = set(pages)
    for n, step in enumerate(lesson.steps, start=1):
        where = f"{lesson.id}.toml: step {n}"
        if step.page not in known:
            raise LessonError(f"{where}.page: no page {step.page!r} (pages: {', '.join(sorted(known))})")
        bad = bad_params(step.page, dict(step.params))
        if bad:
            raise LessonError(f"{where}.params: {', '.join(bad)} not valid on the {step.page!r} page")
