"""The one-page handouts (googlenet.handouts): every page of the app has one, in both languages; each is exactly
one A4 page whose text holds the title, the key numbers (computed by the package's own functions) and the page's
Check-yourself questions with their computed answers."""
from __future__ import annotations

import re

from googlenet import handouts
from googlenet.concept_checks import CHOICE, format_number, page_questions
from googlenet.handouts.render import render_pdf
from googlenet.i18n import LANGUAGES, t
from pdf_text import UNKNOWN, page_count, page_text
from ui.nav import ALL_PAGES


def compact(text: str) -> str:
    """Without white space: a line may break anywhere in Chinese, and the PDF's text keeps the breaks."""
    return re.sub(r"\s+", "", text)


def test_every_page_has_a_handout():
    assert set(handouts.PAGES) == set(handouts.builders()) == {p.url_path for p in ALL_PAGES}


def test_every_handout_is_one_page_with_its_numbers_and_questions():
    # Both languages in one test: the questions' answers (some need a forward pass) are computed once
    for lang, page in ((lang, page) for lang in LANGUAGES for page in handouts.PAGES):
        handout = handouts.build_handout(page, lang)
        pdf = render_pdf(handout)
        assert pdf.startswith(b"%PDF") and page_count(pdf) == 1, page
        text = compact(page_text(pdf))
        assert UNKNOWN not in text, f"{page}: a character drawn without its Unicode"
        assert compact(handout.title) == compact(t(f"nav.{page}", lang=lang)) and compact(handout.title) in text, page
        assert 3 <= len(handout.numbers) <= 6, page
        for number in handout.numbers:
            assert compact(number.label) in text and compact(number.text) in text, (page, number)
        questions = page_questions(page)
        assert len(handout.questions) == len(questions) >= 1, page
        for printed, question in zip(handout.questions, questions):
            assert compact(printed.text)[:40] in text, (page, question.id)
            assert len(printed.options) == len(question.options)
            answer = question.solution().answer
            expected = ("ABCDEFGH"[question.options.index(answer)] if question.kind == CHOICE
                        else format_number(float(answer), question.decimals))
            assert printed.answer == expected
            assert compact(t("handout.answers", lang=lang, answers="")) in text and compact(expected) in text


def _values(page: str) -> list[float]:
    return [n.value for n in handouts.build_handout(page, "en").numbers]


def test_the_numbers_are_the_packages_own():
    from googlenet import classroom
    from googlenet.costs import module_cost, network_total, stage_shapes
    from googlenet.digits.nets import build_model, count_parameters
    from googlenet.family import family_table
    from googlenet.model import INCEPTION_CONFIG
    from googlenet.receptive_field import receptive_fields

    total = network_total("paper")
    assert _values("architecture")[:2] == [total.params, total.macs]
    spec = INCEPTION_CONFIG["inception3a"]
    side = stage_shapes("paper")["inception3a"][1]
    naive, real = module_cost(spec, side, bottleneck=False)["total"], module_cost(spec, side)["total"]
    assert _values("inception_lab") == [naive.macs, real.macs, naive.macs / real.macs, naive.params, real.params]
    googlenet = next(m for m in family_table() if m.key == "googlenet")
    assert _values("family")[0] == googlenet.params and _values("family")[3] == googlenet.top1
    fields = receptive_fields("torchvision")
    assert _values("receptive_field")[:4] == [fields[s].rf for s in ("conv1", "inception3a", "inception4e",
                                                                       "inception5b")]
    assert _values("training")[:2] == [count_parameters(build_model()), count_parameters(build_model(), False)]
    assert _values("classroom")[:4] == [classroom.CODE_LENGTH, len(classroom.CODE_ALPHABET) ** classroom.CODE_LENGTH,
                                        classroom.LIFETIME_S / 3600, classroom.MAX_SIDE]


def test_a_long_handout_is_laid_out_smaller_to_stay_on_one_page():
    from dataclasses import replace
    handout = handouts.build_handout("architecture", "en")
    longer = replace(handout, intro=" ".join([handout.intro] * 5))
    pdf = render_pdf(longer)
    assert page_count(pdf) == 1 and compact(handout.intro) in compact(page_text(pdf))
