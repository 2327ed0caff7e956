"""The strings review (issue 13): wording rules the reviewed string tables keep, and the one claim of the training
lab's help that a real run has to bear out.

Reviewed tables: home, reconciled, history, spot_the_bug, family, family_page, glossary, training.
"""
from __future__ import annotations

import importlib
import re
import string

import pytest

from googlenet.strings import nav

REVIEWED = ("home", "reconciled", "history", "spot_the_bug", "family", "family_page", "glossary", "training")


def table(name: str):
    return importlib.import_module(f"googlenet.strings.{name}")


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("name", REVIEWED)
def test_same_keys_and_placeholders_in_both_languages(name):
    t = table(name)
    assert t.EN.keys() == t.ZH.keys()
    for key in t.EN:
        assert fields(t.EN[key]) == fields(t.ZH[key]), key


# "少 N 倍" / "小 N 倍" / "便宜十倍" can be read as "N times less" or "1/(N+1)": say "只有……的 1/N" instead.
AMBIGUOUS_SMALLER = re.compile(r"(少|小|低|便宜|减少|降低)\s*(\{[^}]*\}|[0-9.]+|[一二三四五六七八九十百千]+)\s*倍")


@pytest.mark.parametrize("name", REVIEWED)
def test_no_ambiguous_n_times_smaller_in_chinese(name):
    bad = {k: v for k, v in table(name).ZH.items() if AMBIGUOUS_SMALLER.search(v)}
    assert not bad


def test_pages_are_named_as_the_navigation_names_them():
    """A sentence that sends the reader to another page uses that page's title from the navigation."""
    zh_titles = {v for k, v in nav.ZH.items() if not k.endswith(".blurb")}
    en_titles = {v for k, v in nav.EN.items() if not k.endswith(".blurb")}
    for name in REVIEWED:
        t = table(name)
        for key, text in t.ZH.items():
            for title in re.findall(r"“([^”]+)”页面", text):
                assert title in zh_titles, (key, title)
        for key, text in t.EN.items():
            for title in re.findall(r"the page “([^”]+)”", text):
                assert title in en_titles, (key, title)


def test_the_training_lab_runs_on_the_server_not_the_visitors_computer():
    """The lab trains where the app runs; a visitor's browser may be on another machine."""
    t = table("training")
    for key, text in t.EN.items():
        assert "this computer" not in text, key
    for key, text in t.ZH.items():
        assert "这台电脑" not in text or "运行本应用的这台电脑" in text, key


def test_the_stem_is_not_called_the_trunk_in_chinese():
    """主干 is the trunk (the network without its auxiliary heads); the stem is the network's first layers."""
    zh = table("training").ZH
    for key in ("train.preset.googlenet_small.caption", "train.preset.googlenet_small.caption_noaux"):
        assert not zh[key].startswith("主干"), key


def test_eight_blocks_without_batchnorm_show_vanishing_gradients():
    """train.depth.help and train.why.body promise it: a full run with the page's other defaults must say so."""
    from googlenet.digits import TrainConfig
    from googlenet.digits.analysis import gradient_verdict, train_to_end
    from googlenet.digits.trainer import Trainer

    assert "8" in table("training").EN["train.depth.help"]
    run = train_to_end(Trainer(TrainConfig(depth=8, batch_norm=False)))
    verdict = gradient_verdict(run.curves)
    assert verdict is not None and verdict.kind == "vanish", verdict
