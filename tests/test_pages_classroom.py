"""The Classroom page through app.py, as a teacher and a student use it, in both languages: a wrong PIN refused and
the rate limit holding, a photo uploaded and published, the class link and code shown, the photo offered first by
the picture picker of a vision page (with its own name), a wrong or expired code giving a short notice."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from apptest_helpers import assert_clean, assert_shows, goto, open_app, rerun, visible_text
from googlenet import classroom
from googlenet.i18n import t
from ui.image_input import CLASS_PHOTO

PIN = "31415926"
PAGE = "app_pages/classroom.py"


@pytest.fixture
def class_env(tmp_path, monkeypatch):
    monkeypatch.setenv(classroom.DATA_DIR_ENV, str(tmp_path))
    monkeypatch.setenv(classroom.PIN_ENV, PIN)
    from ui.classroom_link import forget_lookups
    forget_lookups()
    yield classroom.Classroom(tmp_path, env_pin=PIN)
    forget_lookups()


def png_bytes(colour=(20, 160, 40), size=(120, 80)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def unlock(at, pin: str):
    at.text_input(key="classroom_pin_input").set_value(pin)
    next(b for b in at.button if b.proto.is_form_submitter and "classroom_unlock" in b.proto.form_id).click()
    return rerun(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_teacher_publishes_and_the_vision_page_offers_it_first(class_env, lang):
    at = goto(open_app(lang), PAGE)
    assert_shows(at, t("classroom.title", lang=lang), t("classroom.pin.from_env", lang=lang))
    unlock(at, "00000000")
    assert_shows(at, t("classroom.err.wrong_pin", lang=lang, left=classroom.TRIES_PER_CLIENT - 1,
                       window=classroom.TRY_WINDOW_S))
    unlock(at, PIN)
    assert_shows(at, t("classroom.pin.ok", lang=lang), t("classroom.none", lang=lang))

    at.button(key="classroom_publish").click()   # nothing chosen yet: said, nothing published
    rerun(at)
    assert_shows(at, t("classroom.need_photo", lang=lang))
    at.file_uploader(key="classroom_upload").set_value(("not-a-photo.png", b"hello", "image/png"))
    at.button(key="classroom_publish").click()
    rerun(at)
    assert_shows(at, t("images.not_image", lang=lang))
    at.file_uploader(key="classroom_upload").set_value(("green field.png", png_bytes(), "image/png"))
    at.button(key="classroom_publish").click()
    rerun(at)
    code = at.session_state["classroom_teacher_code"]
    assert classroom.normalise_code(code) == code
    assert class_env.photo(code).name == "green field.png"
    assert any(m.value == code for m in at.metric)
    assert any(c.value.endswith(f"/?class={code}") for c in at.code)
    assert t("classroom.qr", lang=lang) in [i.caption for e in at.main if type(e).__name__ == "Image"
                                           for i in e.proto.imgs]   # the link as a QR code (tests/test_qr.py)
    assert_shows(at, t("classroom.current", lang=lang), t("classroom.publish.replace", lang=lang))

    # The teacher's own tab belongs to the class now: the preprocessing page starts on the class photo.
    goto(at, "app_pages/preprocessing.py")
    picker = at.selectbox(key="pre_sample")
    assert picker.options[0] == t("classroom.input.option", lang=lang, code=code)
    assert picker.value == CLASS_PHOTO
    assert_shows(at, t("classroom.input.using", lang=lang, name="green field.png", code=code, w=120, h=80))
    picker.set_value("coffee.jpg")   # a student may still pick a sample
    rerun(at)
    assert t("input.sample.coffee", lang=lang) in "\n".join(c.value for c in at.caption)
    assert at.selectbox(key="pre_sample").value == "coffee.jpg"

    # Unpublished: the picker drops it, and the next page says why in one line.
    goto(at, PAGE)
    at.button(key="classroom_unpublish").click()
    rerun(at)
    assert class_env.photo(code) is None
    assert_shows(at, t("classroom.none", lang=lang))
    goto(at, "app_pages/preprocessing.py")
    assert_shows(at, t("classroom.input.gone", lang=lang, code=code))
    assert CLASS_PHOTO not in at.selectbox(key="pre_sample").options
    assert_clean(at)


@pytest.mark.parametrize("lang", ["zh"])   # the teacher's test above runs in both languages
def test_a_student_opens_the_class_link(class_env, lang):
    code = class_env.publish(PIN, png_bytes(colour=(200, 200, 20)), name="sunflower.png")
    at = open_app(lang)
    at.query_params["class"] = code.lower()      # however it was typed
    rerun(at)
    assert_shows(at, t("classroom.home.banner", lang=lang, code=code))
    goto(at, "app_pages/preprocessing.py")       # the address lost ?class=: the session kept it
    assert at.selectbox(key="pre_sample").value == CLASS_PHOTO
    assert_shows(at, t("classroom.input.using", lang=lang, name="sunflower.png", code=code, w=120, h=80))
    goto(at, PAGE)
    assert_shows(at, t("classroom.join.ok", lang=lang, code=code))


@pytest.mark.parametrize("lang", ["en"])
def test_wrong_and_unknown_codes_give_a_short_notice(class_env, lang):
    at = open_app(lang)
    at.query_params["class"] = "<script>"
    rerun(at)
    assert_shows(at, t("classroom.input.bad_code", lang=lang, code="<script>"))
    at.query_params["class"] = "ABCDEFGH"       # well formed, but nobody published it
    rerun(at)
    assert_shows(at, t("classroom.input.gone", lang=lang, code="ABCDEFGH"))
    goto(at, "app_pages/preprocessing.py")
    assert at.selectbox(key="pre_sample").value == "chelsea_cat.jpg"
    goto(at, PAGE)   # typed into the join field
    at.text_input(key="classroom_join_code").set_value("xyz")
    next(b for b in at.button if b.proto.is_form_submitter and "classroom_join" in b.proto.form_id).click()
    rerun(at)
    assert_shows(at, t("classroom.join.bad", lang=lang, code="xyz", length=classroom.CODE_LENGTH),
                 t("classroom.join.gone", lang=lang, code="ABCDEFGH"))


def test_the_rate_limit_holds_on_the_page(class_env):
    at = goto(open_app("en"), PAGE)
    for _ in range(classroom.TRIES_PER_CLIENT):
        unlock(at, "12345678")
    unlock(at, PIN)   # the right PIN, too late
    assert "Too many wrong PINs" in visible_text(at)
    assert "classroom_pin" not in at.session_state
