"""Drive the app the way a student does: open it, pick a language, switch pages — and check every screen."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from streamlit.testing.v1 import AppTest

from googlenet.i18n import set_language, tables

APP = Path(__file__).resolve().parent.parent / "app.py"

TEXT_ATTRS = ("label", "value", "delta", "body", "options", "placeholder", "help", "caption")


def open_app(lang: str = "en", timeout: float = 120) -> AppTest:
    """Open the app (Chinese by default, as for a browser without a known locale) and pick `lang`."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    set_language("zh")
    at.run()
    assert_clean(at)
    return choose_language(at, lang)


def choose_language(at: AppTest, lang: str) -> AppTest:
    """Click the sidebar's language switch, as a user does.

    AppTest calls widgets' format_func in the test's own thread when it sends widget values, so that
    thread must speak the language the widgets were last drawn in: switch it only after the rerun.
    """
    if at.session_state["lang"] != lang:
        at.sidebar.radio[0].set_value(lang)
        rerun(at)
    set_language(lang)
    return at


def goto(at: AppTest, page: str) -> AppTest:
    """Switch to e.g. "app_pages/architecture.py" and run it, as a click in the sidebar would."""
    at.switch_page(page)
    at.run()
    assert_clean(at)
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert_clean(at)
    return at


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def visible_text(at: AppTest) -> str:
    """Everything a user can read on the screen (labels, values, options, messages), as one string."""
    parts = []
    for node in _walk(at._tree):
        for attr in TEXT_ATTRS:
            try:
                value = getattr(node, attr)
            except Exception:  # noqa: BLE001 - not every element has every attribute
                continue
            if isinstance(value, (str, int, float)):
                parts.append(str(value))
            elif isinstance(value, (list, tuple)):
                parts.extend(str(v) for v in value)
    return "\n".join(parts)


@lru_cache(maxsize=1)
def _raw_key_pattern() -> re.Pattern:
    keys = sorted(tables()["en"], key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w.])")


def assert_clean(at: AppTest) -> None:
    """No exception on the page and no untranslated i18n key shown to the user."""
    assert not at.exception, "page raised: " + "\n".join(str(e.value) for e in at.exception)
    raw = _raw_key_pattern().findall(visible_text(at))
    assert not raw, f"raw i18n keys shown on the page: {sorted(set(raw))}"


def assert_shows(at: AppTest, *snippets: str) -> None:
    text = visible_text(at)
    missing = [s for s in snippets if s not in text]
    assert not missing, f"expected on the page: {missing}"


def diagram_text(at: AppTest, index: int = 0) -> str:
    """The words of the index-th diagram on the screen, a line of text per line: read from the SVG the server
    drew (ui.diagrams), or from the DOT text when the browser lays the graph out (Graphviz missing)."""
    import base64
    import html

    charts = at.get("graphviz_chart")
    if charts:
        return charts[index].proto.spec.replace("\\n", "\n")
    prefix = "data:image/svg+xml;base64,"
    svgs = [base64.b64decode(img.url[len(prefix):]).decode() for element in at.get("image")
            for img in element.proto.imgs if img.url.startswith(prefix)]
    return "\n".join(html.unescape(text) for text in re.findall(r"<text[^>]*>(.*?)</text>", svgs[index]))


def vega_charts(at: AppTest) -> list[tuple[dict, object]]:
    """Every Vega-Lite chart on the screen: (its spec, the data it draws) — what a user hovers over."""
    import json

    import pyarrow as pa

    charts = []
    for chart in at.get("vega_lite_chart"):
        frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
        charts.append((json.loads(chart.proto.spec), frames[0] if frames else None))
    return charts
