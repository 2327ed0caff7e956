"""The QR codes the app draws read back as the links they stand for (zxing-cpp, the reader phones use)."""
import io

import pytest
import zxingcpp
from PIL import Image

from ui.qr import qr_png


@pytest.mark.parametrize("link", [
    "http://localhost:8501/?class=K7QXM3PA",
    "http://192.168.1.20:8501/feature_maps?block=inception4c&top=16&norm=each&branch=branch3&channel=12&lang=zh"
    "&present=1&lesson=deep_dive_90&step=4&class=K7QXM3PA",
])
def test_a_qr_code_reads_back_as_its_link(link):
    picture = Image.open(io.BytesIO(qr_png(link)))
    assert picture.width == picture.height
    assert [code.text for code in zxingcpp.read_barcodes(picture)] == [link]
