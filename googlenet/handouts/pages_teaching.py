"""Handouts of the training lab, the glossary and the teacher's pages (lessons, class photo)."""
from __future__ import annotations

import matplotlib

from ..i18n import t
from .common import handout, intro, number
from .figures import BLUE, GREY, ORANGE, new_figure


def training(lang: str):
    from ..digits.data import DATASETS
    from ..digits.nets import aux_taps, build_model, count_parameters
    from ..digits.trainer import AUX_WEIGHT, TrainConfig
    config = TrainConfig()
    model = build_model(config.preset, config.depth, aux=config.aux, batch_norm=config.batch_norm,
                        dataset=config.dataset)
    parts = [(name, sum(p.numel() for p in child.parameters())) for name, child in model.named_children()]
    parts = [(name, n) for name, n in parts if n]
    spec = DATASETS[config.dataset]

    def figure():
        fig, ax = new_figure(2.7)
        colours = [ORANGE if name.startswith("aux") else BLUE if name.startswith("inception") else GREY
                   for name, _ in parts]
        ax.bar([t(f"handout.train.part.{name.rstrip('0123456789')}", lang=lang) + name[-1] * name[-1].isdigit()
                for name, _ in parts], [n for _, n in parts], color=colours)
        for x, (_, n) in enumerate(parts):
            ax.text(x, n, f"{n:,}", ha="center", va="bottom", fontsize="small")
        ax.set_ylabel(t("handout.train.fig.y", lang=lang))
        return fig

    total, without = count_parameters(model), count_parameters(model, include_aux=False)
    return handout("training", lang, t("handout.train.intro", lang=lang, w=AUX_WEIGHT), figure,
                   t("handout.train.caption", lang=lang, depth=config.depth, side=spec.image_size), [
        number(lang, "handout.train.n.total", total),
        number(lang, "handout.train.n.without", without),
        number(lang, "handout.train.n.heads", len(aux_taps(config.depth))),
        number(lang, "handout.train.n.weight", AUX_WEIGHT, f"{AUX_WEIGHT:g}"),
        number(lang, "handout.train.n.epochs", config.epochs),
        number(lang, "handout.train.n.lr", config.lr, f"{config.lr:g}"),
    ])


def glossary(lang: str):
    from ..glossary import TERMS
    shown = [term for term in TERMS if term.key in GLOSSARY_FIGURE]

    def figure():
        fig, ax = new_figure(3.1)
        ax.set_axis_off()
        rows = [[term.en, term.zh, term.d2l or "—"] for term in shown]
        table = ax.table(cellText=rows, colLabels=[t(f"handout.glossary.col.{c}", lang=lang)
                                                   for c in ("en", "zh", "d2l")], bbox=[0, 0, 1, 1], cellLoc="left")
        table.auto_set_font_size(False)
        table.set_fontsize(0.9 * matplotlib.rcParams["font.size"])
        return fig

    return handout("glossary", lang, intro("glossary.intro", lang), figure, t("handout.glossary.caption", lang=lang), [
        number(lang, "handout.glossary.n.terms", len(TERMS)),
        number(lang, "handout.glossary.n.d2l", sum(bool(term.d2l) for term in TERMS)),
        number(lang, "handout.glossary.n.avoided", sum(len(term.avoid) for term in TERMS)),
    ])


# The core of the lesson, in the order the pages teach it
GLOSSARY_FIGURE = ("channel", "feature_map", "receptive_field", "one_by_one", "inception_module", "concatenation",
                   "dimension_reduction", "global_average_pooling", "auxiliary_classifier", "multiply_adds",
                   "top5_error", "ablation")


def lessons(lang: str):
    from ..lessons import load_lessons
    ready, _problems = load_lessons()
    ordered = sorted(ready.values(), key=lambda lesson: lesson.minutes)

    def figure():
        fig, ax = new_figure(0.9 + 1.0 * len(ordered))
        for y, lesson in enumerate(ordered):
            for n, step in enumerate(lesson.steps):
                ax.barh(y, 1, left=n, color=BLUE if y else ORANGE, edgecolor="white")
                ax.text(n + 0.5, y, str(n + 1), ha="center", va="center", color="white", fontsize="small")
        ax.set_yticks(range(len(ordered)), [f"{lesson.title(lang)}\n({lesson.minutes} min)" for lesson in ordered])
        ax.invert_yaxis()
        ax.set_xlabel(t("handout.lessons.fig.x", lang=lang))
        return fig

    pages = {step.page for lesson in ordered for step in lesson.steps}
    return handout("lessons", lang, intro("lessons.intro", lang), figure, t("handout.lessons.caption", lang=lang), [
        number(lang, "handout.lessons.n.ready", len(ordered)),
        *(number(lang, "handout.lessons.n.steps", len(lesson), title=lesson.title(lang), minutes=lesson.minutes)
          for lesson in ordered),
        number(lang, "handout.lessons.n.pages", len(pages)),
    ])


def classroom(lang: str):
    from .. import classroom as store
    from ..concept_checks_classroom import PHONE_PHOTO
    from ..images import preprocessing
    stored = store.stored_size(*PHONE_PHOTO)
    transform = preprocessing()
    crop = transform.crop_size[0]
    steps = [("phone", PHONE_PHOTO), ("stored", stored), ("crop", (crop, crop))]

    def figure():
        fig, ax = new_figure(2.4)
        ax.barh([t(f"handout.class.fig.{key}", lang=lang, w=w, h=h) for key, (w, h) in steps],
                [w * h / 1e6 for _, (w, h) in steps], color=[GREY, BLUE, ORANGE])
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter("{x:g}")
        ax.set_xlabel(t("handout.class.fig.x", lang=lang))
        ax.invert_yaxis()
        return fig

    hours = round(store.LIFETIME_S / 3600)
    codes = len(store.CODE_ALPHABET) ** store.CODE_LENGTH
    return handout("classroom", lang, intro("classroom.intro", lang, hours=hours), figure,
                   t("handout.class.caption", lang=lang), [
        number(lang, "handout.class.n.code", store.CODE_LENGTH, alphabet=len(store.CODE_ALPHABET)),
        number(lang, "handout.class.n.codes", codes, f"{codes:,}"),
        number(lang, "handout.class.n.hours", hours),
        number(lang, "handout.class.n.side", store.MAX_SIDE),
        number(lang, "handout.class.n.tries", store.TRIES_PER_CLIENT, seconds=store.TRY_WINDOW_S),
    ])


PAGES = {"training": training, "glossary": glossary, "lessons": lessons, "classroom": classroom}
