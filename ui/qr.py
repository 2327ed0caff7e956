"""QR codes of the app's links, drawn on the server (segno: pure Python, nothing fetched): a class scans the
projector instead of typing an address."""
from __future__ import annotations

import io

import streamlit as st


@st.cache_data(show_spinner=False, max_entries=32)
def qr_png(text: str, scale: int = 8) -> bytes:
    """`text` as a QR code PNG: black on white with the standard quiet zone (4 modules), error correction M
    (about 15% of the code may be covered or blurred and it still reads)."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m", boost_error=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def show_qr(text: str, caption: str, where=st, width: int = 240) -> None:
    where.image(qr_png(text), caption=caption, width=width, output_format="PNG")   # sharp edges, no JPEG blur
