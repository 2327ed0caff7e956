"""The page list: one entry per page file. A page appears only once its file exists (no placeholders)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageInfo:
    path: str        # relative to app.py, e.g. "app_pages/architecture.py"
    title_key: str   # i18n key of the page title
    blurb_key: str   # i18n key of one line for the home page's guided path
    icon: str

    @property
    def url_path(self) -> str:
        return Path(self.path).stem


# The guided path, in teaching order: why -> structure -> cost -> bugs in real code -> comparison -> pictures
# -> inside the network -> training; the glossary, then the teacher's pages (lessons, class photo) last.
# Pictures: the answer, what the network is fed, what its blocks see and how far, what each branch is
# worth, where it looked.
ALL_PAGES = (
    PageInfo("app_pages/home.py", "nav.home", "nav.home.blurb", ":material/home:"),
    PageInfo("app_pages/history.py", "nav.history", "nav.history.blurb", ":material/history_edu:"),
    PageInfo("app_pages/architecture.py", "nav.architecture", "nav.architecture.blurb", ":material/account_tree:"),
    PageInfo("app_pages/inception_lab.py", "nav.inception_lab", "nav.inception_lab.blurb", ":material/calculate:"),
    PageInfo("app_pages/spot_the_bug.py", "nav.spot_the_bug", "nav.spot_the_bug.blurb", ":material/bug_report:"),
    PageInfo("app_pages/family.py", "nav.family", "nav.family.blurb", ":material/groups:"),
    PageInfo("app_pages/classify.py", "nav.classify", "nav.classify.blurb", ":material/photo_camera:"),
    PageInfo("app_pages/preprocessing.py", "nav.preprocessing", "nav.preprocessing.blurb", ":material/tune:"),
    PageInfo("app_pages/feature_maps.py", "nav.feature_maps", "nav.feature_maps.blurb", ":material/layers:"),
    PageInfo("app_pages/receptive_field.py", "nav.receptive_field", "nav.receptive_field.blurb",
             ":material/center_focus_strong:"),
    PageInfo("app_pages/ablation.py", "nav.ablation", "nav.ablation.blurb", ":material/science:"),
    PageInfo("app_pages/gradcam.py", "nav.gradcam", "nav.gradcam.blurb", ":material/local_fire_department:"),
    PageInfo("app_pages/channel_vis.py", "nav.channel_vis", "nav.channel_vis.blurb", ":material/visibility:"),
    PageInfo("app_pages/branch_vote.py", "nav.branch_vote", "nav.branch_vote.blurb", ":material/how_to_vote:"),
    PageInfo("app_pages/training.py", "nav.training", "nav.training.blurb", ":material/model_training:"),
    PageInfo("app_pages/glossary.py", "nav.glossary", "nav.glossary.blurb", ":material/translate:"),
    PageInfo("app_pages/lessons.py", "nav.lessons", "nav.lessons.blurb", ":material/school:"),
    PageInfo("app_pages/classroom.py", "nav.classroom", "nav.classroom.blurb", ":material/co_present:"),
)


def available_pages() -> list[PageInfo]:
    return [p for p in ALL_PAGES if (ROOT / p.path).exists()]
