"""The glossary: one Chinese word per concept, d2l-zh's word beside it where they differ, every Chinese string
of the app checked against it; the glossary page through app.py in both languages."""
from __future__ import annotations

import pytest

from apptest_helpers import assert_shows, goto, open_app, rerun, visible_text
from googlenet.glossary import (TERMS, Problem, definition_key, search, term, translation_problems,
                                wording_problems, zh)
from googlenet.i18n import t, tables
from ui.markdown_table import markdown_rows

PAGE = "app_pages/glossary.py"


def test_every_term_is_defined_once_in_both_languages():
    keys = [x.key for x in TERMS]
    assert len(keys) == len(set(keys))
    for lang in ("en", "zh"):
        defined = {k.removeprefix("glossary.def.") for k in tables()[lang] if k.startswith("glossary.def.")}
        assert defined == set(keys), lang


def test_one_word_per_concept():
    """No two concepts share a Chinese word; no word is both used and avoided; d2l's word differs from ours."""
    words = [x.zh for x in TERMS]
    assert len(words) == len(set(words))
    used = {w for x in TERMS for w in (x.zh, *x.also)}
    avoided = {w for x in TERMS for w in x.avoid}
    assert not used & avoided
    for x in TERMS:
        assert x.d2l != x.zh and x.d2l not in x.also, x.key


def test_the_terms_concepts_md_names():
    """CONCEPTS.md §8 and §9: the words every page must use, and d2l-zh's where it differs."""
    assert (zh("pooling"), term("pooling").d2l) == ("池化", "汇聚")
    assert zh("max_pooling") == "最大池化" and zh("global_average_pooling") == "全局平均池化"
    assert (zh("batch_norm"), term("batch_norm").d2l) == ("批量归一化", "批量规范化")
    assert zh("receptive_field") == "感受野" and zh("padding") == "填充" and zh("stride") == "步幅"
    for key, word in [("dimension_reduction", "降维"), ("bottleneck", "瓶颈结构"), ("branch", "分支"),
                      ("concatenation", "拼接"), ("channel", "通道"), ("feature_map", "特征图"),
                      ("auxiliary_classifier", "辅助分类器"), ("parameter_count", "参数量"),
                      ("multiply_adds", "乘加次数"), ("vanishing_gradient", "梯度消失"),
                      ("depthwise_separable", "深度可分离卷积"), ("pretrained_weights", "预训练权重")]:
        assert zh(key) == word, key
    assert "计算量" in term("multiply_adds").also   # §8: 计算量/乘加次数


def test_the_checks_catch_what_they_should():
    strings = {
        "a": "最大汇聚层",                 # d2l's word alone
        "b": "最大池化（d2l 称最大汇聚）",   # both: fine
        "c": "加入了批归一化",              # avoided
        "d": "批量归一化（BatchNorm）",      # ours: fine
        "e": "每个通道单独一个 3×3 滤波器",   # avoided
    }
    found = {(p.string_key, p.word) for p in wording_problems(strings)}
    assert found == {("a", "最大汇聚"), ("a", "汇聚"), ("c", "批归一化"), ("e", "滤波器")}   # 汇聚: pooling too
    en = {"s": "3×3 max pool, stride 2", "k": "nn.Conv2d(3, 8, 3, stride=2)", "r": "its receptive field"}
    zh_ = {"s": "3×3 最大池化，步长 2", "k": "nn.Conv2d(3, 8, 3, stride=2)", "r": "它的感受野"}
    assert translation_problems(en, zh_) == [Problem("s", "stride", "stride", "步幅")]


def _report(problems: list[Problem]) -> str:
    zh_table = tables()["zh"]
    return "\n".join(f"{p.string_key}: says {p.word!r} for {p.term_key} (use {p.use!r}): {zh_table[p.string_key][:80]}"
                     for p in problems)


def test_the_app_uses_one_chinese_word_per_concept():
    """Every Chinese string: no avoided word, no d2l word without ours beside it."""
    problems = wording_problems(tables()["zh"])
    assert not problems, "\n" + _report(problems)


def test_chinese_strings_name_the_concept_their_english_names():
    """Where the English says e.g. "stride" or "receptive field", the Chinese uses the glossary's word."""
    problems = translation_problems(tables()["en"], tables()["zh"])
    assert not problems, "\n" + _report(problems)


def test_search_matches_either_language_and_the_d2l_word():
    assert [x.key for x in search("汇聚")] == ["pooling", "max_pooling", "average_pooling", "global_average_pooling"]
    assert "stride" in [x.key for x in search("STRIDE")]
    assert "batch_norm" in [x.key for x in search("批量规范化")]
    assert "receptive_field" in [x.key for x in search("depends on")]   # English definition
    assert len(search("")) == len(TERMS) and search("no such term") == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_glossary_page(lang):
    at = goto(open_app(lang), PAGE)
    assert at.title[0].value == t("glossary.title", lang=lang)
    header = [t(f"glossary.col.{c}", lang=lang) for c in ("en", "zh", "d2l", "definition")]
    rows = table_rows(at, header)
    assert len(rows) == len(TERMS)
    assert ["pooling", "池化", "汇聚", t(definition_key(term("pooling")), lang=lang)] in rows
    assert ["convolution", "卷积", "—", t(definition_key(term("convolution")), lang=lang)] in rows
    assert_shows(at, t("glossary.count", lang=lang, shown=len(TERMS), total=len(TERMS)))

    at.text_input(key="glossary_query").input("汇聚")
    rerun(at)
    assert [row[1] for row in table_rows(at, header)] == ["池化", "最大池化", "平均池化", "全局平均池化"]
    assert_shows(at, t("glossary.count", lang=lang, shown=4, total=len(TERMS)))

    at.text_input(key="glossary_query").input("xyzzy")
    rerun(at)
    assert table_rows(at, header) == []
    assert t("glossary.none", lang=lang, query="xyzzy") in visible_text(at)


def table_rows(at, header: list[str]) -> list[list[str]]:
    """The glossary table's rows as the page drew them (a Markdown table with this header), or []."""
    for md in at.markdown:
        rows = markdown_rows(md.value)
        if rows and rows[0] == header:
            return rows[1:]
    return []
