"""Both languages stay complete: same keys, same placeholders, nothing empty."""
from googlenet.i18n import language_from_locale, placeholders, t, tables


def test_same_keys_in_both_languages():
    zh, en = tables()["zh"], tables()["en"]
    assert set(zh) - set(en) == set(), "keys only in Chinese"
    assert set(en) - set(zh) == set(), "keys only in English"


def test_same_placeholders_and_no_empty_strings():
    zh, en = tables()["zh"], tables()["en"]
    for key in en:
        assert en[key].strip() and zh[key].strip(), key
        assert placeholders(en[key]) == placeholders(zh[key]), key


def test_chinese_table_is_chinese():
    zh = tables()["zh"]
    with_cjk = [k for k, v in zh.items() if any("\u4e00" <= ch <= "\u9fff" for ch in v)]
    assert len(with_cjk) / len(zh) > 0.8


def test_t_formats_and_falls_back():
    assert t("home.path.step", lang="en", n=3) == "Step 3"
    assert t("home.path.step", lang="zh", n=3) == "第 3 步"
    assert language_from_locale("en-GB") == "en"
    assert language_from_locale("zh-CN") == "zh"
    assert language_from_locale(None) == "zh"
