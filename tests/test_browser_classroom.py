"""The class photo in real Chromium through TWO workers sharing one store (as `make serve` runs them): the teacher,
on worker A in English, is refused a wrong PIN, unlocks, uploads and publishes; a student, in a second browser
context on worker B in Chinese, opens the class link and a vision page shows the class photo first."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from browser_helpers import assert_no_exception, screenshot, start_server, stop_server, upload, wait_idle
from googlenet import classroom
from googlenet.i18n import t

REPO = Path(__file__).resolve().parent.parent
PIN = "27182818"


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory, fake_weights_file):
    """Two `streamlit run app.py` on two ports, one data folder, one teacher PIN: workers of one deployment."""
    data = tmp_path_factory.mktemp("classroom-data")
    env = {classroom.DATA_DIR_ENV: str(data), classroom.PIN_ENV: PIN, "GOOGLENET_WEIGHTS": str(fake_weights_file)}
    with ThreadPoolExecutor(2) as pool:   # both start at once
        servers = list(pool.map(lambda _: start_server(REPO, env=env), range(2)))
    yield servers
    for server in servers:          # both asked to stop first, then waited for: half the time
        server.process.terminate()
    for server in servers:
        stop_server(server)


def test_class_photo_through_two_workers(two_workers, browser, tmp_path):
    worker_a, worker_b = two_workers
    assert worker_a.url != worker_b.url
    photo = tmp_path / "class-sunflower.png"
    from PIL import Image
    Image.new("RGB", (320, 200), (240, 200, 20)).save(photo)

    teacher = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US").new_page()
    student = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    try:
        # Worker B starts loading its vision page (and PyTorch) while the teacher works on worker A.
        student.goto(f"{worker_b.url}/preprocessing?lang=zh", wait_until="commit")

        teacher.goto(f"{worker_a.url}/classroom?lang=en")
        wait_idle(teacher)
        pin_field = teacher.get_by_label(t("classroom.pin.label", lang="en"))
        unlock = teacher.get_by_role("button", name=t("classroom.pin.unlock", lang="en"))
        pin_field.fill("11111111")
        unlock.click()
        teacher.get_by_text("Wrong PIN.").first.wait_for(timeout=30_000)
        wait_idle(teacher)
        assert_no_exception(teacher)
        screenshot(teacher, "classroom_wrong_pin_en")
        pin_field.fill(PIN)
        unlock.click()
        teacher.get_by_text(t("classroom.pin.ok", lang="en")).wait_for(timeout=30_000)
        wait_idle(teacher)
        upload(teacher, photo)
        teacher.get_by_role("button", name=t("classroom.publish", lang="en")).click()
        teacher.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=60_000)
        wait_idle(teacher)
        code = teacher.locator('[data-testid="stMetricValue"]').first.inner_text().strip()
        assert classroom.normalise_code(code) == code
        link = teacher.locator('[data-testid="stCode"]').first.inner_text().strip()
        assert link == f"{worker_a.url}/?class={code}"
        assert_no_exception(teacher)
        screenshot(teacher, "classroom_published_en")

        # The student: the class link, through the other worker (its host and port, the same path and code).
        wait_idle(student)
        student.goto(link.replace(worker_a.url, worker_b.url) + "&lang=zh")
        wait_idle(student)
        student.get_by_text(t("classroom.home.banner", lang="zh", code=code)).wait_for(timeout=30_000)
        screenshot(student, "classroom_student_home_zh")
        student.locator('[data-testid="stSidebarNav"] a[href$="/preprocessing"]').click()
        student.get_by_text(t("classroom.input.using", lang="zh", name=photo.name, code=code, w=320, h=200)) \
            .wait_for(timeout=90_000)
        wait_idle(student)
        picker = student.locator('[data-testid="stSelectbox"]').first.evaluate(   # its label and its value
            "e => e.innerText + ' ' + [...e.querySelectorAll('input')].map(i => i.value).join(' ')")
        assert t("classroom.input.option", lang="zh", code=code) in picker
        assert_no_exception(student)
        screenshot(student, "classroom_student_preprocessing_zh")
        student.locator('[data-testid="stSidebarNav"] a[href$="/classroom"]').click()
        student.get_by_text(t("classroom.join.ok", lang="zh", code=code)).wait_for(timeout=60_000)
        wait_idle(student)
        assert_no_exception(student)
        screenshot(student, "classroom_student_zh")
    finally:
        teacher.context.close()
        student.context.close()
