"""The class photo store (googlenet.classroom): publish and fetch, expiry, codes nobody can guess, the teacher PIN
and its rate limit, bad uploads refused with their reason, WAL mode, and two processes sharing one store."""
from __future__ import annotations

import io
import math
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from googlenet import classroom
from googlenet.classroom import Classroom, TooManyTries, WrongPin
from googlenet.images import ImageError

ROOT = Path(__file__).resolve().parent.parent
PIN = "24681357"


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def png(width: int = 64, height: int = 48, colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path, clock) -> Classroom:
    return Classroom(tmp_path, clock=clock, env_pin=PIN)


def test_publish_then_fetch(store):
    code = store.publish(PIN, png(), name="  red\nsquare.png ")
    photo = store.photo(code)
    assert photo.code == code and photo.name == "red square.png"
    assert photo.image.mode == "RGB" and photo.image.size == (64, 48)
    r, g, b = photo.image.getpixel((10, 10))
    assert abs(r - 200) < 8 and g < 40 and b < 40          # re-encoded as JPEG: the colour survives
    assert store.photo(code.lower()) is not None            # a code typed in lower case, with a dash
    assert store.photo(f"{code[:4]}-{code[4:]}") is not None


def test_the_database_runs_in_wal_mode(store):
    store.publish(PIN, png())
    assert store.journal_mode() == "wal"
    with sqlite3.connect(store.path) as db:   # kept in the file: every other process gets it too
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_photos_expire_and_are_deleted(store, clock):
    code = store.publish(PIN, png())
    clock.now += classroom.LIFETIME_S - 1
    assert store.photo(code) is not None
    clock.now += 2
    assert store.photo(code) is None
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM photos").fetchone()[0] == 0


def test_replacing_keeps_the_code_and_the_link(store):
    code = store.publish(PIN, png(colour=(200, 30, 30)))
    again = store.publish(PIN, png(colour=(30, 30, 200)), code=code)
    assert again == code
    assert store.photo(code).image.getpixel((5, 5))[2] > 150
    assert store.unpublish(PIN, code) and store.photo(code) is None


def test_codes_are_unguessable(store):
    codes = {classroom.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 8 and set(c) <= set(classroom.CODE_ALPHABET) for c in codes)
    assert not set("0O1IL") & set(classroom.CODE_ALPHABET)       # nothing a projector makes ambiguous
    assert math.log2(len(classroom.CODE_ALPHABET)) * classroom.CODE_LENGTH > 39   # ~8.5e11 codes
    # Every letter of the alphabet turns up (secrets draws them uniformly, not a fixed sequence).
    assert set("".join(codes)) == set(classroom.CODE_ALPHABET)
    # Unknown, malformed and empty codes are simply not found.
    for code in ("ABCDEFGH", "abc", "", None, "ABCDEFG0", "'; DROP TABLE photos; --"):
        assert store.photo(code) is None


def test_a_wrong_pin_is_refused_and_nothing_is_published(store):
    with pytest.raises(WrongPin) as err:
        store.publish("1111", png())
    assert err.value.key == "classroom.err.wrong_pin" and err.value.fmt["left"] == classroom.TRIES_PER_CLIENT - 1
    assert "Wrong PIN" in err.value.message("en") and "PIN 码错误" in err.value.message("zh")
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM photos").fetchone()[0] == 0


def test_the_rate_limit_holds_per_client_and_for_the_server(tmp_path, clock):
    store = Classroom(tmp_path, clock=clock, env_pin=PIN)
    for n in range(classroom.TRIES_PER_CLIENT):
        with pytest.raises(WrongPin):
            store.check_pin(f"000{n}", "student-a")
        clock.now += 1
    # Over the limit: even the right PIN is refused, with the seconds to wait.
    with pytest.raises(TooManyTries) as err:
        store.check_pin(PIN, "student-a")
    assert 1 <= err.value.fmt["seconds"] <= classroom.TRY_WINDOW_S
    # Another instance on the same folder (another worker) sees the same count.
    with pytest.raises(TooManyTries):
        Classroom(tmp_path, clock=clock, env_pin=PIN).check_pin(PIN, "student-a")
    store.check_pin(PIN, "teacher")   # another client is not locked out by one student
    # Many clients together hit the server-wide limit: then nobody gets in.
    for n in range(classroom.TRIES_PER_SERVER - classroom.TRIES_PER_CLIENT):
        with pytest.raises(WrongPin):
            store.check_pin("9999", f"tab-{n}")
    with pytest.raises(TooManyTries):
        store.check_pin(PIN, "teacher")
    clock.now += classroom.TRY_WINDOW_S + 1   # a minute later everything is forgiven
    store.check_pin(PIN, "student-a")
    store.check_pin(PIN, "teacher")


@pytest.mark.parametrize("data, key", [
    (b"this is not a picture", "images.not_image"),
    (png(400, 300)[:200], "images.corrupt"),                       # truncated
    (b"\x89PNG" + b"\0" * (classroom.MAX_PHOTO_BYTES + 1), "images.file_too_big"),
    (b"", "images.empty"),
], ids=["not-an-image", "truncated", "huge", "empty"])
def test_a_bad_upload_is_refused_with_its_reason(store, data, key):
    with pytest.raises(ImageError) as err:
        store.publish(PIN, data)
    assert err.value.key == key
    assert err.value.message("en") and err.value.message("zh") != err.value.message("en")
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM photos").fetchone()[0] == 0


def test_a_big_photo_is_stored_shrunk(store):
    code = store.publish(PIN, png(3000, 1000))
    assert store.photo(code).image.size == classroom.stored_size(3000, 1000) == (classroom.MAX_SIDE, 533)
    assert classroom.stored_size(640, 480) == (640, 480)   # never enlarged


def test_a_generated_pin_is_made_once_printed_once_and_only_its_hash_kept(tmp_path):
    shown = []
    first = Classroom(tmp_path, env_pin="", announce=lambda pin, path: shown.append(pin))
    second = Classroom(tmp_path, env_pin="", announce=lambda pin, path: shown.append(pin))
    assert first.ensure_pin() and not second.ensure_pin() and not first.ensure_pin()
    (pin,) = shown
    assert len(pin) == classroom.PIN_DIGITS and pin.isdigit()
    assert pin.encode() not in first.path.read_bytes()
    second.check_pin(pin, "teacher")   # the other worker knows it by its hash
    with pytest.raises(WrongPin):
        second.check_pin(str((int(pin) + 1) % 10**8).zfill(8), "teacher")
    fresh = first.new_pin()
    first.check_pin(fresh, "teacher")
    with pytest.raises(WrongPin):
        first.check_pin(pin, "teacher")


def test_the_pin_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(classroom.PIN_ENV, "  blue-whale-7 ")
    store = Classroom(tmp_path)
    assert store.pin_source() == "env" and not store.ensure_pin()
    store.check_pin("blue-whale-7", "teacher")
    with pytest.raises(WrongPin):
        store.check_pin("blue-whale-8", "teacher")


def test_the_data_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(classroom.DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    assert classroom.store().path == tmp_path / "elsewhere" / classroom.DB_NAME
    monkeypatch.delenv(classroom.DATA_DIR_ENV)
    assert classroom.data_dir() == ROOT / "data"


def test_two_processes_share_one_store(tmp_path):
    """Another process (a second worker) sees the photo this one published, and the wrong PINs it counts hold here.
    (It needs no PyTorch for that: photo_info decodes nothing. The browser test publishes through one worker and
    shows the picture through another.)"""
    store = Classroom(tmp_path, env_pin=PIN)
    mine = store.publish(PIN, png(30, 20), name="mine.png")
    other_worker = textwrap.dedent(f"""
        import sys
        from googlenet.classroom import Classroom, TRIES_PER_CLIENT, WrongPin
        store = Classroom(sys.argv[1], env_pin="{PIN}")
        info = store.photo_info(sys.argv[2])
        for n in range(TRIES_PER_CLIENT):
            try:
                store.check_pin("0000", "guesser")
            except WrongPin:
                pass
        print(info.name, info.width, info.height, "torch" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", other_worker, str(tmp_path), mine], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["mine.png", "30", "20", "False"]
    with pytest.raises(TooManyTries):
        store.check_pin(PIN, "guesser")


def test_make_serve_prints_a_generated_pin_in_its_own_terminal(tmp_path):
    """`make serve` (deploy/serve.py) makes the PIN before its workers start, so it reaches the teacher's terminal
    (the workers write to log files); a second start only recalls that one was made."""
    root = Path(__file__).resolve().parent.parent
    run = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(root / 'deploy')!r}); "
                                 "import serve; serve.announce_teacher_pin()"]
    env = {"PATH": "/usr/bin:/bin", "GOOGLENET_DATA_DIR": str(tmp_path), "HOME": str(tmp_path)}
    first = subprocess.run(run, env=env, capture_output=True, text=True, timeout=60, check=True)
    pin = first.stderr.split("teacher PIN for the Classroom page: ")[1].split()[0]
    assert pin.isdigit() and len(pin) == classroom.PIN_DIGITS
    Classroom(tmp_path, env_pin="").check_pin(pin, "teacher")          # the printed PIN is the stored one
    again = subprocess.run(run, env=env, capture_output=True, text=True, timeout=60, check=True)
    assert pin not in again.stderr and "new-pin" in again.stderr
