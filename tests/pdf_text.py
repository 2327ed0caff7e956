"""Just enough of a PDF reader for the handouts' tests (no PDF library in requirements.txt): how many pages a PDF
made by fpdf2 has, and the text of its page, decoded through each font's ToUnicode map."""
from __future__ import annotations

import re
import zlib

UNKNOWN = "\ufffd"   # a glyph the font's ToUnicode map does not name
_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(n): body for n, body in _OBJECT.findall(pdf)}


def _stream(body: bytes) -> bytes:
    data = _STREAM.search(body).group(1)
    return zlib.decompress(data) if b"/FlateDecode" in body else data


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


def _unicode_map(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap's bfchar and bfrange entries: glyph id -> text."""
    found: dict[int, str] = {}
    for section in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for glyph, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
            found[int(glyph, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, start in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
            for k in range(int(lo, 16), int(hi, 16) + 1):
                found[k] = chr(int(start, 16) + k - int(lo, 16))
    return found


def page_text(pdf: bytes) -> str:
    """The text drawn on the (first) page, in drawing order; lines joined by spaces."""
    objects = _objects(pdf)
    page = next(body for body in objects.values() if re.search(rb"/Type /Page\b", body))
    fonts = {}
    resources = page if b"/Font" in page else objects[int(re.search(rb"/Resources (\d+) 0 R", page).group(1))]
    for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", resources):
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)])
        fonts[name] = _unicode_map(_stream(objects[int(to_unicode.group(1))])) if to_unicode else {}
    content = _stream(objects[int(re.search(rb"/Contents (\d+) 0 R", page).group(1))])
    words, font = [], {}
    for selected, literal, hexes in _TEXT.findall(content):
        if selected:
            font = fonts.get(selected, {})
            continue
        codes = _unescape(literal) if not hexes else bytes.fromhex(hexes.decode())
        words.append("".join(font.get(int.from_bytes(codes[i:i + 2], "big"), UNKNOWN) for i in range(0, len(codes), 2)))
        words.append(" ")
    return re.sub(r"\s+", " ", "".join(words))


# a font selection, or a string drawn with Tj: (literal) or <hex>
_TEXT = re.compile(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\()])*)\)\s*Tj|<([0-9A-Fa-f]*)>\s*Tj", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> bytes:
    """A PDF literal string's bytes: backslash escapes and octal codes resolved."""
    def one(match: re.Match) -> bytes:
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8)])
        return _ESCAPES.get(code, code)
    return re.sub(rb"\\([0-7]{1,3}|.)", one, literal, flags=re.S)
