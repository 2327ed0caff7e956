"""The class photo: a teacher publishes one picture under a short class code; every student who opens the class
link sees it on every vision page.

The app may run as several worker processes (``make serve``), and a student's browser may talk to any of them,
so nothing here lives in process memory: photos, the teacher PIN's hash and the failed PIN attempts are kept in
one SQLite file (stdlib ``sqlite3``) in the data folder, ``$GOOGLENET_DATA_DIR`` (default: ``data/`` next to
app.py). The database runs in WAL mode (write-ahead log): readers never wait for a writer, and writers from
different processes take turns (``BEGIN IMMEDIATE`` + a busy timeout).

Safety, in one place:

* **Only the teacher publishes.** The PIN comes from ``$GOOGLENET_TEACHER_PIN``; without it one is generated the
  first time it is needed, printed once in that process's terminal, and only its scrypt hash is stored, so every
  worker checks against the same PIN. ``python -m googlenet.classroom new-pin`` makes and prints a fresh one.
* **Guessing is slow.** Wrong PINs are counted in the database: 5 per client and 20 for the whole server in any
  60 seconds, then every try (a right one too) is refused until the minute has passed.
* **Codes are unguessable**: 8 characters drawn with ``secrets`` from 31 letters and digits that cannot be
  confused (no 0/O, 1/I/L): 31^8 ≈ 8.5 × 10^11 codes.
* **A photo is an upload like any other**: at most ``MAX_PHOTO_BYTES``, decoded by ``googlenet.images.load_image``
  (never unpickled), shrunk to ``MAX_SIDE`` and stored re-encoded as a JPEG we wrote ourselves.
* **Photos expire** (default one day); expired rows are deleted whenever the store is written or misses.

No Streamlit here: the teacher's page (app_pages/classroom.py) and the picture picker (ui/image_input.py) call
``publish``, ``photo`` and ``unpublish``.
"""
from __future__ import annotations

import hashlib
import hmac
import io
import os
import secrets
import sqlite3
import sys
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .errors import LocalisedError

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "GOOGLENET_DATA_DIR"
PIN_ENV = "GOOGLENET_TEACHER_PIN"
DB_NAME = "classroom.sqlite3"

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I/L: read aloud or off a projector safely
CODE_LENGTH = 8
PIN_DIGITS = 8
LIFETIME_S = 24 * 3600          # a class photo lasts one day
MAX_PHOTO_BYTES = 20 * 2**20    # the app's upload limit (.streamlit/config.toml: maxUploadSize = 20)
MAX_SIDE = 1600                 # stored photos are shrunk to this long side (the network sees 224x224 anyway)
JPEG_QUALITY = 90

# Wrong PINs allowed per window: for one client (a browser session) and for the whole server.
TRY_WINDOW_S = 60
TRIES_PER_CLIENT = 5
TRIES_PER_SERVER = 20

# scrypt's cost (RFC 7914; n=2^14, r=8, p=1: ~16 MB and a few tens of ms per check).
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS photos (
    code TEXT PRIMARY KEY, image BLOB NOT NULL, name TEXT NOT NULL,
    width INTEGER NOT NULL, height INTEGER NOT NULL, created REAL NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS pin_failures (client TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS pin_failures_at ON pin_failures (at);
"""


class ClassroomError(LocalisedError):
    """A teacher's action that cannot be done (wrong PIN, too many tries, unknown code); ``err.message()`` says why."""


class WrongPin(ClassroomError):
    pass


class TooManyTries(ClassroomError):
    pass


@dataclass(frozen=True)
class PhotoInfo:
    """What is known about a class photo without decoding it (cheap: no PyTorch, no pixels)."""
    code: str
    name: str            # what the teacher called it (the file name)
    width: int           # as stored
    height: int
    created: float       # seconds since the epoch
    expires: float


@dataclass(frozen=True)
class ClassPhoto:
    code: str
    image: object        # PIL.Image.Image, RGB
    name: str
    created: float
    expires: float
    fingerprint: str     # sha256 of the stored bytes: the same photo, the same key


def data_dir() -> Path:
    """The data folder: $GOOGLENET_DATA_DIR, or data/ next to app.py."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else ROOT / "data"


def normalise_code(text: str | None) -> str | None:
    """What a student typed or a link carried -> the code as stored, or None if it cannot be one.
    Case, spaces and dashes do not matter ("abcd-efgh" is ABCDEFGH)."""
    if not text:
        return None
    code = "".join(ch for ch in str(text).upper() if ch not in " -_\t")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, **SCRYPT)


def _pin_record(pin: str) -> str:
    salt = secrets.token_bytes(16)
    return f"scrypt${salt.hex()}${_hash_pin(pin, salt).hex()}"


def _pin_matches(pin: str, record: str) -> bool:
    _, salt, digest = record.split("$")
    return hmac.compare_digest(_hash_pin(pin, bytes.fromhex(salt)), bytes.fromhex(digest))


def stored_size(width: int, height: int) -> tuple[int, int]:
    """The (width, height) a photo is stored at: its long side shrunk to MAX_SIDE (never enlarged), the shape kept."""
    scale = MAX_SIDE / max(width, height)
    if scale >= 1:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def shrink_and_encode(image) -> tuple[bytes, tuple[int, int]]:
    """An RGB picture -> JPEG bytes at stored_size, and that (width, height)."""
    from PIL import Image

    size = stored_size(*image.size)
    picture = image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue(), picture.size


class Classroom:
    """The class-photo store in one data folder. Every method opens its own short connection, so one instance
    may be shared by threads, and several processes may use the same folder at once."""

    def __init__(self, folder: Path | str | None = None, *, lifetime_s: float = LIFETIME_S,
                 clock: Callable[[], float] = time.time, env_pin: str | None = None, announce=None):
        self.folder = Path(folder) if folder is not None else data_dir()
        self.lifetime_s = lifetime_s
        self.clock = clock
        self.env_pin = os.environ.get(PIN_ENV, "").strip() if env_pin is None else env_pin
        self.announce = announce or _print_pin

    @property
    def path(self) -> Path:
        return self.folder / DB_NAME

    @contextmanager
    def _db(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """A connection in autocommit mode; `write` holds the write lock for the whole block (BEGIN IMMEDIATE),
        so a read-then-write (count the failures, then add one) cannot interleave with another worker's."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=15, isolation_level=None)) as db:
            db.execute("PRAGMA busy_timeout = 15000")
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")   # kept in the file: set once, for every process
            db.executescript(SCHEMA)
            if not write:
                yield db
                return
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def journal_mode(self) -> str:
        with self._db() as db:
            return db.execute("PRAGMA journal_mode").fetchone()[0]

    # ------------------------------------------------------------------ the teacher PIN

    def pin_source(self) -> str:
        """"env" (the teacher set GOOGLENET_TEACHER_PIN) or "generated" (made here, printed once)."""
        return "env" if self.env_pin else "generated"

    def ensure_pin(self) -> bool:
        """Make sure a PIN exists. Without $GOOGLENET_TEACHER_PIN the first process to get here generates one,
        stores its hash and prints it; every other worker finds the hash. True if a PIN was made just now."""
        if self.env_pin:
            return False
        with self._db(write=True) as db:
            if db.execute("SELECT 1 FROM settings WHERE name = 'pin'").fetchone():
                _remind_once(self.path)
                return False
            pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
            db.execute("INSERT INTO settings (name, value) VALUES ('pin', ?)", (_pin_record(pin),))
        _REMINDED.add(self.path)
        self.announce(pin, self.path)
        return True

    def new_pin(self) -> str:
        """Replace a generated PIN with a fresh one (returned; the caller prints it)."""
        pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
        with self._db(write=True) as db:
            db.execute("INSERT OR REPLACE INTO settings (name, value) VALUES ('pin', ?)", (_pin_record(pin),))
        return pin

    def _right_pin(self, db: sqlite3.Connection, pin: str) -> bool:
        if self.env_pin:
            return hmac.compare_digest(pin.encode(), self.env_pin.encode())
        row = db.execute("SELECT value FROM settings WHERE name = 'pin'").fetchone()
        return row is not None and _pin_matches(pin, row[0])

    def check_pin(self, pin: str, client: str) -> None:
        """Return if `pin` is the teacher's; else raise WrongPin (tries left) or TooManyTries (seconds to wait).
        While a client or the server is over its limit, even the right PIN is refused: guessing gains nothing."""
        self.ensure_pin()
        now = self.clock()
        with self._db(write=True) as db:
            db.execute("DELETE FROM pin_failures WHERE at <= ?", (now - TRY_WINDOW_S,))
            mine = [at for (at,) in db.execute("SELECT at FROM pin_failures WHERE client = ? ORDER BY at",
                                               (client,))]
            everyone = [at for (at,) in db.execute("SELECT at FROM pin_failures ORDER BY at")]
            for failures, limit in ((mine, TRIES_PER_CLIENT), (everyone, TRIES_PER_SERVER)):
                if len(failures) >= limit:
                    # Free again when the oldest failure that keeps it at the limit leaves the window.
                    wait = failures[len(failures) - limit] + TRY_WINDOW_S - now
                    raise TooManyTries("classroom.err.too_many_tries", seconds=max(1, round(wait + 0.5)),
                                       limit=limit, window=TRY_WINDOW_S)
            if self._right_pin(db, (pin or "").strip()):
                return
            db.execute("INSERT INTO pin_failures (client, at) VALUES (?, ?)", (client, now))
        left = min(TRIES_PER_CLIENT - len(mine), TRIES_PER_SERVER - len(everyone)) - 1
        raise WrongPin("classroom.err.wrong_pin", left=max(0, left), window=TRY_WINDOW_S)

    # ------------------------------------------------------------------ photos

    def _forget_expired(self, db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM photos WHERE expires <= ?", (self.clock(),))

    def publish(self, pin: str, image_bytes: bytes, *, name: str = "", code: str | None = None,
                client: str = "local") -> str:
        """Check the PIN, decode the upload like any other (ImageError with the reason if it is no usable picture),
        store it re-encoded and return its class code. Giving the teacher's current `code` replaces that class's
        photo, so the link the class already has shows the new one."""
        from .images import ImageError, load_image

        self.check_pin(pin, client)
        if len(image_bytes) > MAX_PHOTO_BYTES:
            raise ImageError("images.file_too_big", size_mb=len(image_bytes) / 2**20,
                             limit_mb=MAX_PHOTO_BYTES // 2**20)
        encoded, (width, height) = shrink_and_encode(load_image(image_bytes))
        now = self.clock()
        label = " ".join(str(name).split())[:80]
        with self._db(write=True) as db:
            self._forget_expired(db)
            code = normalise_code(code)   # the teacher's current class: its photo is replaced in place
            if code is None:              # a new class: a code nobody holds
                code = new_code()
                while db.execute("SELECT 1 FROM photos WHERE code = ?", (code,)).fetchone():
                    code = new_code()
            db.execute("INSERT OR REPLACE INTO photos (code, image, name, width, height, created, expires) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (code, encoded, label, width, height, now, now + self.lifetime_s))
        return code

    def photo(self, code: str | None) -> ClassPhoto | None:
        """The class photo under `code`, or None: unknown, malformed or expired (an expired one is deleted)."""
        from .images import ImageError, load_image

        code = normalise_code(code)
        if code is None:
            return None
        with self._db() as db:
            row = db.execute("SELECT image, name, created, expires FROM photos WHERE code = ? AND expires > ?",
                             (code, self.clock())).fetchone()
        if row is None:
            with self._db(write=True) as db:
                self._forget_expired(db)
            return None
        data, name, created, expires = row
        try:   # our own JPEG, decoded the way every upload is
            image = load_image(bytes(data))
        except ImageError:
            return None
        return ClassPhoto(code, image, name, created, expires, hashlib.sha256(data).hexdigest())

    def photo_info(self, code: str | None) -> PhotoInfo | None:
        """The class photo's name, size and expiry, or None (unknown, malformed or expired); nothing is decoded."""
        code = normalise_code(code)
        if code is None:
            return None
        with self._db() as db:
            row = db.execute("SELECT name, width, height, created, expires FROM photos WHERE code = ? AND expires > ?",
                             (code, self.clock())).fetchone()
        return PhotoInfo(code, *row) if row else None

    def unpublish(self, pin: str, code: str, client: str = "local") -> bool:
        """Remove the class photo (PIN checked); True if there was one."""
        self.check_pin(pin, client)
        with self._db(write=True) as db:
            return db.execute("DELETE FROM photos WHERE code = ?", (normalise_code(code),)).rowcount > 0


_REMINDED: set[Path] = set()   # stores whose PIN this process has already printed or mentioned


def _remind_once(path: Path) -> None:
    """A process that finds a PIN made earlier (by another worker, an earlier start) says so once in its terminal:
    the teacher who missed the first print learns how to get a new one."""
    if path in _REMINDED:
        return
    _REMINDED.add(path)
    print(f"GoogLeNet Explorer: the teacher PIN was generated earlier (hash in {path}). Forgot it? Run "
          f"`python -m googlenet.classroom new-pin`, or set {PIN_ENV}.", file=sys.stderr, flush=True)


def _print_pin(pin: str, path: Path) -> None:
    """Once, in the terminal of the process that generated the PIN."""
    bar = "=" * 72
    print(f"\n{bar}\nGoogLeNet Explorer — teacher PIN for the Classroom page: {pin}\n"
          f"(only its hash is kept, in {path}; set {PIN_ENV} to choose your own,\n"
          f" or run `python -m googlenet.classroom new-pin` for a new one)\n{bar}\n", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------- the app's store (its data folder)

def store() -> Classroom:
    """The store the app uses: the data folder and PIN of the environment, read now."""
    return Classroom()


def publish(pin: str, image_bytes: bytes, **kwargs) -> str:
    return store().publish(pin, image_bytes, **kwargs)


def photo(code: str | None) -> ClassPhoto | None:
    return store().photo(code)


def unpublish(pin: str, code: str, **kwargs) -> bool:
    return store().unpublish(pin, code, **kwargs)


def main(argv: list[str] | None = None) -> int:
    """python -m googlenet.classroom new-pin | where"""
    args = sys.argv[1:] if argv is None else argv
    classroom = store()
    if args == ["new-pin"]:
        if classroom.env_pin:
            print(f"{PIN_ENV} is set: the Classroom page uses that PIN; unset it to use a generated one.")
            return 1
        print(f"New teacher PIN: {classroom.new_pin()}  (hash kept in {classroom.path})")
        return 0
    if args == ["where"]:
        print(classroom.path)
        return 0
    print("usage: python -m googlenet.classroom new-pin | where", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
