"""googlenet.labels_zh: a Chinese name for every ImageNet class, translated by the class's WordNet sense.

The tables are googlenet/data/imagenet_zh_*.tsv (index, torchvision's English name, Chinese name).
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from torchvision.models import GoogLeNet_Weights

from apptest_helpers import goto, open_app, rerun
from googlenet.i18n import t
from googlenet.labels_zh import DATA, LABELS_ZH, SAMPLE_CLASSES, label_zh

ASSETS = Path(__file__).resolve().parent.parent / "assets"
CATEGORIES = GoogLeNet_Weights.IMAGENET1K_V1.meta["categories"]   # torchvision's 1000 names, in output order
CJK = re.compile("[\u4e00-\u9fff]")


def table_rows() -> list[tuple[str, int, str, str]]:
    """Every row of every table as (file name, index, English, Chinese); comment lines skipped."""
    rows = []
    for path in sorted(DATA.glob("imagenet_zh_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                index, english, chinese = (line.split("\t") + ["", ""])[:3]
                rows.append((path.name, int(index), english, chinese))
    return rows


def test_every_class_has_one_row_in_the_table_named_for_its_range():
    rows = table_rows()
    counts = Counter(index for _, index, _, _ in rows)
    assert sorted(counts) == list(range(1000)), "missing or extra indices"
    assert not [i for i, n in counts.items() if n > 1], "an index appears twice (the later row would win)"
    for name, index, _, _ in rows:   # imagenet_zh_0500_0999.tsv holds 500..999
        lo, hi = (int(part) for part in name.removeprefix("imagenet_zh_").removesuffix(".tsv").split("_"))
        assert lo <= index <= hi, f"{index} in {name}"


def test_chinese_names_point_at_the_intended_classes():
    assert sorted(LABELS_ZH) == list(range(1000)), "every class needs a Chinese name"
    wrong = {i: (en, CATEGORIES[i]) for i, (en, _) in LABELS_ZH.items() if CATEGORIES[i] != en}
    assert not wrong, f"index -> (intended, torchvision's): {wrong}"


def test_chinese_table_is_large_chinese_and_unambiguous():
    names = {i: zh for i, (_, zh) in LABELS_ZH.items()}
    assert len(names) == 1000
    not_chinese = {i: zh for i, zh in names.items() if not CJK.search(zh)}
    assert not not_chinese, f"names without a Chinese character: {not_chinese}"
    untidy = {i: zh for i, zh in names.items() if zh != zh.strip() or "\t" in zh}
    assert not untidy, untidy
    shared = {zh: [i for i, z in names.items() if z == zh] for zh, n in Counter(names.values()).items() if n > 1}
    assert not shared, f"classes that share a Chinese name: {shared}"


# The same English word for two things: each index must get the sense of its own synset.
TWO_SENSES = {
    134: "鹤", 517: "起重机",             # crane bird / crane, the machine
    638: "舞蹈紧身衣", 639: "连体泳衣",    # maillot (dancers' tights) / maillot, tank suit (one-piece swimsuit)
    836: "取火镜", 837: "太阳镜",          # sunglass (a burning lens) / sunglasses
    620: "膝上型电脑", 681: "笔记本电脑",  # laptop / notebook computer
}


def test_words_with_two_senses_get_the_sense_of_their_synset():
    for index in TWO_SENSES:
        assert TWO_SENSES[index] in label_zh(index), (index, CATEGORIES[index], label_zh(index))
    assert label_zh(664) == "显示器"          # monitor: the screen, not the lizard
    assert "箱" in label_zh(492)               # chest: a box for storage, not the body part
    assert label_zh(717) == "皮卡"             # pickup: the truck
    assert label_zh(456) != label_zh(457)      # bow (the weapon) / bow tie


def test_sample_photos_classes_are_translated():
    assert set(SAMPLE_CLASSES) == {p.name for p in ASSETS.glob("*.jpg")}
    for indices in SAMPLE_CLASSES.values():
        for index in indices:
            assert index in LABELS_ZH
    assert label_zh(281) == "虎斑猫" and label_zh(967) == "意式浓缩咖啡"
    assert label_zh(812) == "航天飞机" and label_zh(698) == "宫殿"


def test_label_zh_falls_back():
    for outside in (1000, 5000, -1):
        assert outside not in LABELS_ZH
        assert label_zh(outside) is None
        assert label_zh(outside, "x") == "x"
    assert label_zh("812") == "航天飞机"   # an index given as text still finds its class


@pytest.mark.parametrize("sample", sorted(SAMPLE_CLASSES))
def test_classify_in_chinese_names_every_class_in_chinese(sample, with_weights):
    """The Classify page in Chinese, each sample photo (test checkpoint): every top-5 class has a Chinese name."""
    at = goto(open_app("zh"), "app_pages/classify.py")
    at.selectbox(key="cls_sample").set_value(sample)
    rerun(at)
    names = at.dataframe[0].value[t("classify.table.class", lang="zh")].tolist()
    assert len(names) == 5
    english_only = [name for name in names if not CJK.search(name)]
    assert not english_only, f"{sample}: class names shown without Chinese: {english_only}"
