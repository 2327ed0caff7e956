"""Downloads (ui/downloads.py): every page, in both languages, puts a download button right under each of its
charts, pictures and tables (a PNG for a chart or picture, a CSV for a table), and a CSV's headings are the ones
the page shows — Chinese on the Chinese page.

One session through app.py: every page in English, then the language switch, every page in Chinese. A page's
first view is checked (pages that show results only after a button press have no charts yet).
"""
from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest

from apptest_helpers import choose_language, goto, open_app
from ui import downloads
from ui.nav import available_pages

SEPARATOR_ROW = re.compile(r"^\|\s*:?-{3,}", re.MULTILINE)   # the line under a Markdown table's header
# Drawn without a button on purpose: the user's own photo (Classify shows it beside the crop the network sees).
WITHOUT_BUTTON = {"classify": ["picture"]}
# The home page's network diagram is drawn twice, wide and tall (the browser shows one), one PNG button after both.
NOT_CHECKED = {"home": {"diagram"}}
ZH_PAGES = {"home", "architecture", "inception_lab", "glossary", "lessons"}


def _kind(node) -> str | None:
    """What a download button must follow: a table, a chart, a picture (or a diagram, an SVG)."""
    kind = getattr(node, "type", None)
    if kind in ("dataframe", "table", "vega_lite_chart"):
        return kind
    if kind == "image":
        svg = any(img.url.startswith("data:image/svg") for img in node.proto.imgs)
        return "diagram" if svg else "picture"
    if kind == "markdown" and SEPARATOR_ROW.search(node.value):
        return "markdown table"
    return None


def without_button(node) -> list[str]:
    """Every chart, picture and table under `node` whose next element in its container is no download button."""
    found, children = [], list(getattr(node, "children", {}).values())
    for n, child in enumerate(children):
        kind = _kind(child)
        if kind and not (n + 1 < len(children) and getattr(children[n + 1], "type", None) == "download_button"):
            found.append(kind)
        found += without_button(child)
    return found


def shown_headings(table) -> list[str]:
    """A st.dataframe's column headings as the page shows them (its order; column_config labels; hidden left out)."""
    config = json.loads(table.proto.columns or "{}")
    order = list(table.proto.column_order) or list(table.value.columns)   # the page's column_order, if it gives one
    return [(config.get(c) or {}).get("label") or c for c in order if config.get(c, {}) is not None
            and not (config.get(c) or {}).get("hidden")]


@pytest.fixture
def recorded(monkeypatch) -> dict:
    """The data of every download button drawn, by its key (the files are made only when pressed: call them)."""
    made, button = {}, downloads._button

    def record(label, data, name, extension, mime, where, key):
        made[downloads.KEY_PREFIX + (key or f"{name}_{extension}")] = data
        button(label, data, name, extension, mime, where, key)

    monkeypatch.setattr(downloads, "_button", record)
    return made


def test_every_chart_and_table_has_its_download_button_in_both_languages(with_weights, recorded):
    at = open_app("en")
    for lang in ("en", "zh"):
        choose_language(at, lang)
        # Every page in English; in Chinese the pages whose tables carry translated headings or Markdown (the
        # buttons themselves do not depend on the language).
        for info in [p for p in available_pages() if lang == "en" or p.url_path in ZH_PAGES]:
            goto(at, f"app_pages/{info.url_path}.py")
            bare = [k for k in without_button(at._tree) if k not in NOT_CHECKED.get(info.url_path, ())]
            assert sorted(bare) == WITHOUT_BUTTON.get(info.url_path, []), (lang, info.url_path, bare)
            keys = [b.proto.id.split("-", 1)[-1] for b in at.get("download_button")]
            assert len(keys) == len(set(keys)), (lang, info.url_path, keys)   # one key per button
            if lang == "zh" and info.url_path == "architecture":
                # Table 1's CSV: the Chinese headings the page shows, in the same order, then its rows.
                table1 = at.get("dataframe")[0]
                text = recorded["dl_table1_paper_224_csv"]().decode("utf-8-sig")
                frame = pd.read_csv(io.StringIO(text))
                assert list(frame.columns) == shown_headings(table1)
                assert list(frame.columns)[3] == "参数量"   # in the order shown: the parameters after the output size
                assert "类型" in frame.columns and len(frame) == len(table1.value)
