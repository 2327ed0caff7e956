"""Every view is a link: a page's main choices live in the address (st.query_params).

A page's choices are declared once, in ui/page_links.py, as `Param`s: a name in the address, the widget's
session-state key, the values it may take and its default. Then:

* `open_view(page)` (app.py, before the page runs) reads the address once, when the page opens: a value there
  wins over the one this session kept, which wins over the default. A value that is unknown or out of range
  (a hand-edited link) falls back to the default, with a short notice in the session's language — never an
  exception.
* `publish()` writes the page's current choices back into the address: at the start of every full run
  (app.py), and at the start of every rerun of a fragment whose widgets are linked (`fragment` below replaces
  `st.fragment` there), so the address bar is always the view on screen.
* `share_button()` shows the link to this view: the app's own address + the page + its parameters.

The language, presentation view and lesson ride along in every link (GLOBAL names); a parameter this module
does not know (e.g. another feature's) is left as it is.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence
from urllib.parse import urlencode, urlsplit

import streamlit as st

from googlenet.i18n import get_language, t

GLOBAL = ("lang", "present", "lesson", "step")   # names every page carries (app.py / ui.lesson_bar / ui.presentation)
OPENED = "_url_page"           # session: the page whose address was read last (its choices are the view now)
PUBLISHED = "_url_published"   # session: (page, {name: text}) last written into the address
REOPEN = "_url_reopen"         # session: read the address again on the next run (a lesson step: "reset")
NOTICE = "_url_notice"         # session: the bad values of the last link, shown once as a notice


@dataclass(frozen=True)
class Param:
    """One choice of a page in the address: `name=value` <-> st.session_state[key].

    `key` and `options` may be functions of the values read before this one (e.g. a channel slider's key and
    range depend on the block and branch); `options` may be a collection, a range, or None for "anything
    `parse` accepts". `on_set(value)` runs after the value is put into the session (e.g. a preset fills fields).
    """
    name: str
    key: str | Callable[[dict], str]
    default: object
    options: Sequence | Callable[[dict], Sequence] | None = None
    parse: Callable[[str], object] = str
    show: Callable[[object], str] = str
    on_set: Callable[[object], None] | None = None

    def session_key(self, values: dict) -> str:
        return self.key(values) if callable(self.key) else self.key

    def allowed(self, values: dict) -> Sequence | None:
        return self.options(values) if callable(self.options) else self.options

    def read(self, text: str, values: dict) -> object | None:
        """The value `text` stands for, or None when it is not one this choice can take."""
        try:
            value = self.parse(text)
        except (TypeError, ValueError):
            return None
        allowed = self.allowed(values)
        return value if allowed is None or value in allowed else None

    def current(self, values: dict) -> object:
        return st.session_state.get(self.session_key(values), self.default)


@dataclass(frozen=True)
class Flags:
    """A set of switches in one parameter: `off=branch2,branch3` <-> st.session_state[f"{prefix}{item}"] = True."""
    name: str
    prefix: str
    items: Sequence[str]
    on_set: None = None

    def read(self, text: str, values: dict) -> frozenset | None:
        chosen = frozenset(x for x in text.split(",") if x)
        return chosen if chosen <= set(self.items) else None

    def current(self, values: dict) -> frozenset:
        return frozenset(x for x in self.items if st.session_state.get(f"{self.prefix}{x}"))

    def keys(self) -> list[str]:
        return [f"{self.prefix}{x}" for x in self.items]

    @property
    def default(self) -> frozenset:
        return frozenset()

    def show(self, value: frozenset) -> str:
        return ",".join(x for x in self.items if x in value)


@dataclass(frozen=True)
class PageLink:
    page: str                        # url_path, e.g. "architecture"
    params: tuple = field(default=())

    def names(self) -> list[str]:
        return [p.name for p in self.params]


def integer(text: str) -> int:
    return int(text.strip())


def decimal(text: str) -> float:
    value = float(text.strip())
    if value != value:   # NaN
        raise ValueError(text)
    return round(value, 2)


def boolean(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(text)


def show_bool(value: object) -> str:
    return "1" if value else "0"


def show_number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


# ------------------------------------------------------------------------------------------ the registry
_LINKS: dict[str, PageLink] = {}


def register(link: PageLink) -> PageLink:
    _LINKS[link.page] = link
    return link


def link_of(page: str) -> PageLink:
    """The page's linked choices (none declared: only the language and the lesson travel)."""
    from ui import page_links  # noqa: F401  (declares every page's choices on import)

    return _LINKS.get(page, PageLink(page))


# ------------------------------------------------------------------------------------------ reading a link
def apply(page: str, given: dict[str, str], reset: bool = False) -> list[tuple[str, str]]:
    """Put the choices `given` ({name: text}) into the session; with `reset`, every choice not given goes back
    to its default. Returns the (name, text) pairs that were not valid (they fall back to the default)."""
    bad, values = [], {}
    for param in link_of(page).params:
        text = given.get(param.name)
        value = None if text is None else param.read(text, values)
        if text is not None and value is None:
            bad.append((param.name, text))
        if value is None and (reset or text is not None):
            _forget(param, values)
            values[param.name] = param.default
            continue
        if value is None:
            values[param.name] = param.current(values)
            continue
        _store(param, value, values)
        values[param.name] = value
    return bad


def _store(param, value, values: dict) -> None:
    if isinstance(param, Flags):
        for item in param.items:
            st.session_state[f"{param.prefix}{item}"] = item in value
    else:
        st.session_state[param.session_key(values)] = value
    if param.on_set is not None:
        param.on_set(value)


def _forget(param, values: dict) -> None:
    keys = param.keys() if isinstance(param, Flags) else [param.session_key(values)]
    for key in keys:
        st.session_state.pop(key, None)
    if param.on_set is not None:
        param.on_set(param.default)


def open_view(page: str) -> None:
    """app.py, before the page runs: read the address when the page opens (not on its later reruns, where the
    widgets hold the choices), then write the view back into the address."""
    reopen = st.session_state.pop(REOPEN, None)
    if st.session_state.get(OPENED) != page or reopen:
        st.session_state[OPENED] = page
        # A lesson step's address was written for this page; any other may still hold another page's choices.
        given = {} if not reopen and _left_by_another_page(page) else st.query_params.to_dict()
        bad = apply(page, given, reset=reopen == "reset")
        for name, _text in bad:
            del st.query_params[name]
        for name, text in bad:
            report_bad(name, text)
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.toast(t("url.bad", values=", ".join(f"{name}={text}" for name, text in notice)),
                 icon=":material/link_off:")
    publish()


def report_bad(name: str, text: str) -> None:
    """A link's value that cannot be followed (the caller has fallen back to the default): one notice, shown by
    the next open_view (app.py: this run, unless the page switches first)."""
    st.session_state[NOTICE] = [*st.session_state.get(NOTICE, []), (name, text)]


def _left_by_another_page(page: str) -> bool:
    """True when the address still holds what this session wrote for another page (a browser clears it on a
    page switch; a test's AppTest does not): those values are not this page's to read."""
    last = st.session_state.get(PUBLISHED)
    if not last or last[0] == page:
        return False
    query = st.query_params.to_dict()
    stale = {k: v for k, v in last[1].items() if k not in GLOBAL}
    if stale and all(query.get(k) == v for k, v in stale.items()):
        for name in stale:
            del st.query_params[name]
        return True
    return False


# ------------------------------------------------------------------------------------------ writing it back
def view_params(page: str) -> dict[str, str]:
    """The page's choices now, as address text ({name: text}); choices still at their default are left out only
    when their widget has not been drawn yet (the link then opens the same default)."""
    out, values = {}, {}
    for param in link_of(page).params:
        value = param.current(values)
        values[param.name] = value
        drawn = any(k in st.session_state for k in param.keys()) if isinstance(param, Flags) \
            else param.session_key(values) in st.session_state
        if drawn:
            out[param.name] = param.show(value)
    return out


CLASS_KEY, CLASS_NAME = "class_code", "class"   # the class a tab belongs to (ui/classroom_link.py), if any


def global_params() -> dict[str, str]:
    """What every link of this session carries: the language, the lesson, the presentation view, and the class
    (so a link shared in class keeps the class photo; the class is never removed from the address here)."""
    from ui import lesson_bar, presentation

    out = {"lang": get_language()}
    out.update(lesson_bar.url_params())
    out.update(presentation.url_params())
    if st.session_state.get(CLASS_KEY):
        out[CLASS_NAME] = st.session_state[CLASS_KEY]
    return out


def publish() -> None:
    """Write the open page's choices (and the language, lesson, presentation view) into the address."""
    page = st.session_state.get(OPENED)
    if page is None:
        return
    wanted = {**global_params(), **view_params(page)}
    known = set(GLOBAL) | set(link_of(page).names())
    query = st.query_params
    for name in [n for n in query.keys() if n in known and n not in wanted]:
        del query[name]
    for name, text in wanted.items():
        if query.get(name) != text:
            query[name] = text
    st.session_state[PUBLISHED] = (page, wanted)


def fragment(func: Callable) -> Callable:
    """`st.fragment` for a section with linked widgets: each rerun of it writes the address first (the widget's
    new value is in the session by then), so the address bar follows every change."""
    @functools.wraps(func)
    def linked(*args, **kwargs):
        publish()
        return func(*args, **kwargs)
    return st.fragment(linked)


# ------------------------------------------------------------------------------------------ the link
def app_address() -> str:
    """The app's own address (scheme, host, port and any base path), without the page: from the browser's
    address as Streamlit reports it (st.context.url), or localhost where there is none (a test)."""
    url = st.context.url or "http://localhost:8501"
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    page = st.session_state.get(OPENED) or ""
    if page and path.endswith("/" + page):
        path = path[: -len(page) - 1]
    return f"{parts.scheme}://{parts.netloc}{path}"


def view_link(page: str | None = None, params: dict[str, str] | None = None) -> str:
    """The address that opens this view in another browser."""
    page = page if page is not None else st.session_state.get(OPENED, "")
    query = params if params is not None else {**st.query_params.to_dict(), **global_params(), **view_params(page)}
    path = "" if page in ("", "home") else page
    return f"{app_address()}/{path}" + (f"?{urlencode(query)}" if query else "")


def share_button(container=None) -> None:
    """"Link to this view": a button; pressed, the link (with a copy icon) and what it opens."""
    target = container if container is not None else st
    with target.container(key="url_share_box"):
        if st.button(t("url.share"), key="url_share", icon=":material/link:", help=t("url.share.help"),
                     width="stretch"):
            link = view_link()
            st.code(link, language="text", wrap_lines=True)
            from ui.qr import show_qr

            show_qr(link, t("url.share.qr"), width=180)
            names = ", ".join(f"`{n}`" for n in link_of(st.session_state.get(OPENED, "")).names())
            st.caption(t("url.share.caption", names=names or "—"))


def describe(pages: Iterable[str]) -> list[tuple[str, list[str]]]:
    """(page, its parameter names) for every page with linked choices: the README's and lessons page's table."""
    return [(p, link_of(p).names()) for p in pages if link_of(p).params]


def invalid(page: str, given: dict[str, str]) -> list[str]:
    """The choices in `given` ({name: text}) the page does not take: unknown names, or values out of range
    (checked as a fresh browser would read them: what is not given is at its default). For lesson files."""
    link = link_of(page)
    bad = [name for name in given if name not in link.names() and name not in GLOBAL]
    values: dict = {}
    for param in link.params:
        text = given.get(param.name)
        value = None if text is None else param.read(text, values)
        if text is not None and value is None:
            bad.append(f"{param.name}={text}")
        values[param.name] = param.default if value is None else value
    return bad
