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


def test_every_user_facing_error_has_one_contract():
    """ImageError, WeightsUnavailable, CheckpointError and the lab's FieldProblem: one base, key + values,
    a message in each language (inner terms translated too), English in str(), and they survive pickling."""
    import pickle

    from googlenet.digits import CheckpointError
    from googlenet.errors import LocalisedError
    from googlenet.images import ImageError
    from googlenet.module_lab import FieldProblem
    from googlenet.weights import WeightsUnavailable

    errors = [ImageError("images.empty"), WeightsUnavailable("weights.missing", path="/x"),
              CheckpointError("train.ckpt.empty"), FieldProblem("size", "0")]
    for err in errors:
        assert isinstance(err, LocalisedError)
        assert str(err) == err.message("en") != err.message("zh")
        again = pickle.loads(pickle.dumps(err))
        assert type(again) is type(err) and again.message("zh") == err.message("zh")
    field = errors[-1]
    assert t("lab.in.size", lang="zh") in field.message("zh") and t("lab.in.size", lang="en") in str(field)


def test_a_thread_without_a_language_asks_the_registered_source():
    """A fragment rerun or a widget callback runs in a fresh thread: it speaks the session's language."""
    import threading

    from googlenet import i18n

    seen = {}
    previous = i18n._source
    try:
        i18n.use_language_source(lambda: "en")
        worker = threading.Thread(target=lambda: seen.update(fresh=i18n.get_language(), title=t("home.title")))
        worker.start()
        worker.join()
        assert seen["fresh"] == "en" and seen["title"] == t("home.title", lang="en")
        i18n.use_language_source(lambda: None)   # outside a session: the default language
        worker = threading.Thread(target=lambda: seen.update(fresh=i18n.get_language()))
        worker.start()
        worker.join()
        assert seen["fresh"] == i18n.DEFAULT_LANGUAGE
    finally:
        i18n.use_language_source(previous)
