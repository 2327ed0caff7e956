"""Handouts of the pages that look at pictures: classify, preprocessing, feature maps, receptive field, ablation,
Grad-CAM, what a channel wants to see, which branch voted. Their figures need no ImageNet weights (the app runs
without them): the network's shapes and costs, and the bundled sample photo as the network is given it."""
from __future__ import annotations

from textwrap import fill

from ..i18n import t
from .common import handout, intro, number, sample_photo
from .figures import BLUE, BRANCH_COLOURS, ORANGE, new_figure

BRANCHES = ("branch1", "branch2", "branch3", "branch4")


def _branch_names(lang: str) -> list[str]:
    return [t(f"handout.lab.fig.{b}", lang=lang) for b in BRANCHES]


def classify(lang: str):
    from ..concept_checks import _imagenet_accuracy, _meta
    from ..headline_numbers import TABLE3
    from ..model import INPUT_SIZE
    accuracy = _imagenet_accuracy()
    classes = _meta("torchvision").fc.out_features

    def figure():
        fig, ax = new_figure(2.7)
        labels = [f"{r.models}×{r.crops}" for r in TABLE3]
        ax.bar(labels, [r.top5_error for r in TABLE3], color=BLUE)
        for x, r in enumerate(TABLE3):
            ax.text(x, r.top5_error - 0.3, f"{r.top5_error:.2f}", ha="center", va="top", fontsize="small", color="white")
        ax.axhline(100 - accuracy["top5"], color=ORANGE, linestyle="--",
                   label=t("handout.classify.fig.tv", lang=lang, error=100 - accuracy["top5"]))
        ax.set_xlabel(t("handout.classify.fig.x", lang=lang))
        ax.set_ylabel(t("handout.classify.fig.y", lang=lang))
        ax.set_ylim(top=max(r.top5_error for r in TABLE3) * 1.25)
        ax.legend(frameon=False, loc="upper right")
        return fig

    return handout("classify", lang, intro("classify.intro", lang), figure, t("handout.classify.caption", lang=lang), [
        number(lang, "handout.classify.n.classes", classes),
        number(lang, "handout.classify.n.input", INPUT_SIZE, f"{INPUT_SIZE}×{INPUT_SIZE}"),
        number(lang, "handout.classify.n.top1", accuracy["top1"], f"{accuracy['top1']:.2f}%"),
        number(lang, "handout.classify.n.top5", accuracy["top5"], f"{accuracy['top5']:.2f}%"),
        number(lang, "handout.classify.n.best", TABLE3[-1].top5_error, f"{TABLE3[-1].top5_error:.2f}%"),
    ])


def preprocessing(lang: str):
    from ..concept_checks import crop_share
    from ..images import preprocessed_crop, preprocessing as transform_of
    photo = sample_photo()
    transform = transform_of()
    share = crop_share(*photo.size)

    def figure():
        fig, (left, right) = new_figure(2.9, ncols=2, width_ratios=[photo.width / photo.height, 1])
        left.imshow(photo)
        scale = photo.width / share["new_w"]     # the crop's box, back in the photo's own pixels
        side = share["crop"] * scale
        x0, y0 = (photo.width - side) / 2, (photo.height - side) / 2
        left.add_patch(_box(x0, y0, side))
        left.set_title(t("handout.pre.fig.photo", lang=lang, w=photo.width, h=photo.height))
        right.imshow(preprocessed_crop(photo))
        right.set_title(t("handout.pre.fig.crop", lang=lang, crop=share["crop"]))
        for ax in (left, right):
            ax.set_axis_off()
        return fig

    mean = transform.mean
    return handout("preprocessing", lang, intro("exp.pre.intro", lang), figure,
                   t("handout.pre.caption", lang=lang, resize=share["resize"], crop=share["crop"]), [
        number(lang, "handout.pre.n.resize", share["resize"]),
        number(lang, "handout.pre.n.crop", share["crop"], f"{share['crop']}×{share['crop']}"),
        number(lang, "handout.pre.n.share", share["share"], f"{share['share']:.1f}%", w=photo.width, h=photo.height),
        number(lang, "handout.pre.n.numbers", 3 * share["crop"] ** 2),
        number(lang, "handout.pre.n.mean", mean[0], " / ".join(f"{m:.3f}" for m in mean)),
    ])


def _box(x0: float, y0: float, side: float, colour: str = "#e61e1e"):
    from matplotlib.patches import Rectangle
    return Rectangle((x0, y0), side, side, fill=False, edgecolor=colour, linewidth=2)


def _branch_bars(ax, blocks: list[str], lang: str, share: bool = False) -> None:
    """Stacked horizontal bars: each block's output channels, branch by branch."""
    from ..model import INCEPTION_CONFIG
    lefts = [0.0] * len(blocks)
    for branch, colour, name in zip(BRANCHES, BRANCH_COLOURS, _branch_names(lang)):
        widths = []
        for block in blocks:
            spec = INCEPTION_CONFIG[block]
            w = spec.branch_widths()[branch]
            widths.append(100 * w / spec.out_channels if share else w)
        ax.barh([b.removeprefix("inception") for b in blocks], widths, left=lefts, color=colour, label=name)
        lefts = [a + b for a, b in zip(lefts, widths)]
    ax.invert_yaxis()
    ax.set_ylabel(t("handout.fig.block", lang=lang))
    ax.legend(frameon=False, ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0))


def feature_maps(lang: str):
    from ..costs import stage_shapes
    from ..model import INCEPTION_CONFIG, INPUT_SIZE
    blocks = list(INCEPTION_CONFIG)
    shapes = stage_shapes("torchvision", INPUT_SIZE)
    first, last = blocks[0], blocks[-1]

    def figure():
        fig, ax = new_figure(3.0)
        _branch_bars(ax, blocks, lang)
        ax.set_xlabel(t("handout.fmaps.fig.x", lang=lang))
        return fig

    return handout("feature_maps", lang, intro("fmaps.intro", lang), figure, t("handout.fmaps.caption", lang=lang), [
        number(lang, "handout.fmaps.n.blocks", len(blocks)),
        number(lang, "handout.fmaps.n.first", shapes[first][0], "{}×{}×{}".format(*shapes[first])),
        number(lang, "handout.fmaps.n.last", shapes[last][0], "{}×{}×{}".format(*shapes[last])),
        number(lang, "handout.fmaps.n.maps", sum(shapes[b][0] for b in blocks)),
    ])


def receptive_field(lang: str):
    from ..images import preprocessed_crop
    from ..receptive_field import draw_field, receptive_fields, shown_stages
    fields = receptive_fields("torchvision")
    stages = shown_stages("torchvision")
    shown = "inception3a"     # a block whose field fits the picture: the box is visible
    centre = fields[shown].side // 2

    def figure():
        fig, (left, right) = new_figure(3.0, ncols=2, width_ratios=[1, 1.8])
        left.imshow(draw_field(preprocessed_crop(sample_photo()), shown, centre, centre, scale=1))
        left.set_title(fill(t("handout.rf.fig.photo", lang=lang, stage=shown.removeprefix("inception")), 26),
                       fontsize="small")
        left.set_axis_off()
        names = [s.removeprefix("inception") for s in stages]
        right.plot(names, [fields[s].rf for s in stages], "o-", color=BLUE, label=t("handout.rf.fig.rf", lang=lang))
        right.plot(names, [fields[s].jump for s in stages], "s--", color=ORANGE,
                   label=t("handout.rf.fig.jump", lang=lang))
        right.set_yscale("log")
        right.yaxis.set_major_formatter("{x:g}")
        right.yaxis.set_minor_formatter("")
        right.tick_params(axis="x", rotation=70)
        right.set_ylabel(t("handout.rf.fig.y", lang=lang))
        right.legend(frameon=False)
        return fig

    return handout("receptive_field", lang, intro("exp.rf.intro", lang), figure, t("handout.rf.caption", lang=lang), [
        number(lang, "handout.rf.n.rf", fields["conv1"].rf, stage="conv1"),
        number(lang, "handout.rf.n.rf", fields["inception3a"].rf, stage="inception3a"),
        number(lang, "handout.rf.n.rf", fields["inception4e"].rf, stage="inception4e"),
        number(lang, "handout.rf.n.rf", fields["inception5b"].rf, stage="inception5b"),
        number(lang, "handout.rf.n.side", fields["inception3a"].side, stage="inception3a"),
    ])


def ablation(lang: str):
    from ..ablation import channels_off
    from ..model import INCEPTION_CONFIG
    blocks = list(INCEPTION_CONFIG)
    example = channels_off("inception4e", ["branch2"])
    first = INCEPTION_CONFIG["inception3a"]
    pool_share = 100 * first.pool_proj / first.out_channels

    def figure():
        fig, ax = new_figure(3.0)
        _branch_bars(ax, blocks, lang, share=True)
        ax.set_xlabel(t("handout.abl.fig.x", lang=lang))
        return fig

    return handout("ablation", lang, intro("exp.abl.intro", lang), figure, t("handout.abl.caption", lang=lang), [
        number(lang, "handout.abl.n.blocks", len(blocks)),
        number(lang, "handout.abl.n.branches", len(BRANCHES)),
        number(lang, "handout.abl.n.example", example.off, f"{example.off:,} / {example.total:,}"),
        number(lang, "handout.abl.n.pool_share", pool_share, f"{pool_share:.1f}%"),
    ])


def gradcam(lang: str):
    from ..images import preprocessed_crop
    from ..model import INCEPTION_CONFIG, INPUT_SIZE
    from ..receptive_field import receptive_fields
    field = receptive_fields("torchvision")["inception5b"]
    channels = INCEPTION_CONFIG["inception5b"].out_channels

    def figure():
        fig, ax = new_figure(3.0)
        ax.imshow(preprocessed_crop(sample_photo()), extent=(0, INPUT_SIZE, INPUT_SIZE, 0))
        for k in range(1, field.side):     # the cells of 5b's map: one Grad-CAM number each
            ax.axhline(k * INPUT_SIZE / field.side, color="white", linewidth=1)
            ax.axvline(k * INPUT_SIZE / field.side, color="white", linewidth=1)
        ax.set_title(t("handout.cam.fig.title", lang=lang, side=field.side))
        ax.set_axis_off()
        return fig

    return handout("gradcam", lang, intro("gradcam.intro", lang), figure,
                   t("handout.cam.caption", lang=lang, side=field.side), [
        number(lang, "handout.cam.n.side", field.side, f"{field.side}×{field.side}"),
        number(lang, "handout.cam.n.cells", field.side ** 2),
        number(lang, "handout.cam.n.channels", channels),
        number(lang, "handout.cam.n.rf", field.rf),
        number(lang, "handout.cam.n.input", INPUT_SIZE, f"{INPUT_SIZE}×{INPUT_SIZE}"),
    ])


def channel_vis(lang: str):
    from ..featurevis import Settings
    from ..microscope import branch_widths, microscope_name
    block = "inception4c"
    widths = branch_widths(block)
    settings = Settings()

    def figure():
        fig, ax = new_figure(1.9)
        start = 0
        for branch, colour, name in zip(BRANCHES, BRANCH_COLOURS, _branch_names(lang)):
            ax.barh([0], [widths[branch]], left=start, color=colour)
            ax.text(start + widths[branch] / 2, 0, f"{name}\n{start}–{start + widths[branch] - 1}", ha="center",
                    va="center", color="white", fontsize="small")
            start += widths[branch]
        ax.set_yticks([])
        ax.set_xlabel(t("handout.cvis.fig.x", lang=lang, block=block, micro=microscope_name(block)))
        return fig

    return handout("channel_vis", lang, intro("cvis.intro", lang), figure,
                   t("handout.cvis.caption", lang=lang, block=block.removeprefix("inception")), [
        number(lang, "handout.cvis.n.channels", sum(widths.values()), block=block.removeprefix("inception")),
        number(lang, "handout.cvis.n.steps", settings.steps),
        number(lang, "handout.cvis.n.size", settings.size, f"{settings.size}×{settings.size}"),
        number(lang, "handout.cvis.n.widest", max(widths.values()), block=block.removeprefix("inception")),
    ])


def branch_vote(lang: str):
    from ..attribution import patch_starts
    from ..concept_checks_branch_vote import OCC_PATCH, OCC_STRIDE
    from ..images import preprocessed_crop
    from ..model import INCEPTION_CONFIG, INPUT_SIZE
    starts = patch_starts(INPUT_SIZE, OCC_PATCH, OCC_STRIDE)

    def figure():
        fig, ax = new_figure(3.0)
        ax.imshow(preprocessed_crop(sample_photo()), extent=(0, INPUT_SIZE, INPUT_SIZE, 0))
        for n, (y, x) in enumerate([(starts[0], starts[0]), (starts[0], starts[1]), (starts[1], starts[0])]):
            ax.add_patch(_box(x, y, OCC_PATCH, BRANCH_COLOURS[n]))
        ax.set_title(t("handout.bv.fig.title", lang=lang, patch=OCC_PATCH, stride=OCC_STRIDE))
        ax.set_axis_off()
        return fig

    return handout("branch_vote", lang, intro("bv.intro", lang), figure,
                   t("handout.bv.caption", lang=lang, patch=OCC_PATCH, stride=OCC_STRIDE), [
        number(lang, "handout.bv.n.blocks", len(INCEPTION_CONFIG)),
        number(lang, "handout.bv.n.branches", len(BRANCHES) * len(INCEPTION_CONFIG)),
        number(lang, "handout.bv.n.patch", OCC_PATCH, f"{OCC_PATCH}×{OCC_PATCH}"),
        number(lang, "handout.bv.n.stride", OCC_STRIDE),
    ])


PAGES = {"classify": classify, "preprocessing": preprocessing, "feature_maps": feature_maps,
         "receptive_field": receptive_field, "ablation": ablation, "gradcam": gradcam, "channel_vis": channel_vis,
         "branch_vote": branch_vote}
