"""The handouts' fonts. Latin: DejaVu Sans (regular and bold). Chinese: the Noto Sans CJK the app's charts use
(ui/style.py; installed by scripts/system_deps.sh), its Simplified Chinese face.

The CJK collection holds 65,000 glyphs, and reading it takes most of a second every time a PDF embeds it. So it is
cut once to the characters the app's texts can put on a handout (every string table, the glossary, the ready
lessons, and the Latin, punctuation and symbol blocks), a few thousand glyphs, and kept in the temporary folder for
every process; a handout with a character outside that set embeds the whole face instead.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_FACE = "Noto Sans CJK SC"
LATIN_FONTS = {"": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
               "B": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"}
ROOT = Path(__file__).resolve().parents[2]
TEXT_SOURCES = (ROOT / "googlenet" / "glossary.py", *sorted((ROOT / "lessons").glob("*.toml")))
BLOCKS = ((0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF),
          (0x2300, 0x23FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF))


def latin_available() -> bool:
    return all(Path(path).exists() for path in LATIN_FONTS.values())


def has_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in text)


@lru_cache(maxsize=None)
def face_index(path: str) -> int:
    """Which font of the collection is the Simplified Chinese face."""
    from fontTools.ttLib import TTCollection
    names = [font["name"].getDebugName(4) for font in TTCollection(path, lazy=True).fonts]
    return next((i for i, name in enumerate(names) if name and name.startswith(CJK_FACE)), 0)


@lru_cache(maxsize=1)
def app_characters() -> frozenset[str]:
    from ..i18n import tables
    chars = {ch for table in tables().values() for text in table.values() for ch in text}
    for source in TEXT_SOURCES:
        chars.update(source.read_text(encoding="utf-8"))
    for first, last in BLOCKS:
        chars.update(map(chr, range(first, last + 1)))
    return frozenset(ch for ch in chars if ch.isprintable())


@lru_cache(maxsize=1)
def _cut_face() -> Path | None:
    """The CJK face cut to app_characters(), made once (its name carries a hash of the characters and the font)."""
    chars = "".join(sorted(app_characters()))
    stat = os.stat(CJK_FONT)
    digest = hashlib.sha256(f"{chars}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"googlenet_handout_cjk_{digest}.otf"
    if path.exists():
        return path
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
        font = TTFont(CJK_FONT, fontNumber=face_index(CJK_FONT), lazy=True)
        options = subset.Options()
        options.name_IDs, options.notdef_outline, options.hinting, options.layout_features = ["*"], True, False, []
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(ch) for ch in chars])
        subsetter.subset(font)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        font.save(partial)
        os.replace(partial, path)       # another process may be writing the same file: the last one wins, whole
        return path
    except OSError:
        return None


def cjk_font(text: str) -> tuple[str, int]:
    """(font file, face index) for a handout whose text is `text`: the cut face where it has every character.
    Without the CJK font (scripts/system_deps.sh installs it) the Latin one: Chinese is then missing, as in the
    app's charts, but the handout is still made."""
    if not Path(CJK_FONT).exists():
        return LATIN_FONTS[""], 0
    cut = _cut_face() if set(text) <= app_characters() else None
    return (str(cut), 0) if cut else (CJK_FONT, face_index(CJK_FONT))
