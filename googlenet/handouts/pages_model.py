"""Handouts of the pages about the network itself: home, history, architecture, Inception lab, spot the bug,
family. Every number is computed by the same package functions the pages call."""
from __future__ import annotations

from ..i18n import t
from .common import handout, intro, number
from .figures import BLUE, GREY, ORANGE, new_figure


def home(lang: str):
    from ..headline_numbers import HEADLINE_TOP5, reconciled
    r = reconciled()

    def figure():
        fig, ax = new_figure(2.7)
        names = [b.block.removeprefix("inception") for b in r.savings]
        ax.bar(names, [b.module for b in r.savings], color=BLUE)
        for x, b in enumerate(r.savings):
            ax.text(x, b.module, f"{b.module:.1f}×", ha="center", va="bottom", fontsize="small")
        ax.set_xlabel(t("handout.fig.block", lang=lang))
        ax.set_ylabel(t("handout.home.fig.y", lang=lang))
        return fig

    return handout("home", lang, intro("home.intro", lang), figure, t("handout.home.caption", lang=lang), [
        number(lang, "handout.home.n.macs", r.tv_macs),
        number(lang, "handout.home.n.paper_params", r.paper_params),
        number(lang, "handout.home.n.alexnet", r.alexnet_params),
        number(lang, "handout.home.n.ratio", r.alexnet_ratio_tv, f"{r.alexnet_ratio_tv:.1f}×"),
        number(lang, "handout.home.n.top5", HEADLINE_TOP5.top5_error, f"{HEADLINE_TOP5.top5_error:.2f}%",
               models=HEADLINE_TOP5.models, crops=HEADLINE_TOP5.crops),
    ])


def history(lang: str):
    from ..history import head_costs, naive_growth, naive_totals
    rows = naive_growth()
    naive, real = naive_totals()
    heads = head_costs()

    def figure():
        fig, ax = new_figure(2.8)
        names = [r.block.removeprefix("inception") for r in rows]
        ax.plot(names, [r.out_channels for r in rows], "o-", color=ORANGE,
                label=t("handout.history.fig.naive", lang=lang))
        ax.plot(names, [r.real_out for r in rows], "o-", color=BLUE, label=t("handout.history.fig.real", lang=lang))
        ax.set_yscale("log")
        ticks = [250, 500, 1000, 2000, 4000]
        ax.set_yticks(ticks, [str(n) for n in ticks])
        ax.yaxis.set_minor_formatter("")
        ax.set_ylabel(t("handout.history.fig.y", lang=lang))
        ax.set_xlabel(t("handout.fig.block", lang=lang))
        ax.legend(frameon=False)
        return fig

    return handout("history", lang, intro("history.intro", lang), figure, t("handout.history.caption", lang=lang), [
        number(lang, "handout.history.n.naive_out", rows[-1].out_channels),
        number(lang, "handout.history.n.real_out", rows[-1].real_out),
        number(lang, "handout.history.n.naive_macs", naive.macs),
        number(lang, "handout.history.n.real_macs", real.macs),
        number(lang, "handout.history.n.heads", heads.fc_stack.params / heads.gap.params,
               f"{heads.fc_stack.params / heads.gap.params:,.0f}×"),
    ])


def architecture(lang: str):
    from ..costs import layer_table, network_total
    from ..model import INPUT_SIZE
    rows = [r for r in layer_table("paper", INPUT_SIZE) if r.macs]
    total = network_total("paper", INPUT_SIZE)
    biggest = max(rows, key=lambda r: r.macs)
    blocks_share = 100 * sum(r.macs for r in rows if r.name.startswith("inception")) / total.macs

    def figure():
        fig, ax = new_figure(3.3)
        shares = [100 * r.macs / total.macs for r in rows]
        colours = [BLUE if r.name.startswith("inception") else GREY for r in rows]
        ax.bar([r.name.removeprefix("inception") for r in rows], shares, color=colours)
        ax.set_ylabel(t("handout.arch.fig.y", lang=lang))
        ax.tick_params(axis="x", rotation=60)
        return fig

    return handout("architecture", lang, t("handout.arch.intro", lang=lang), figure,
                   t("handout.arch.caption", lang=lang), [
        number(lang, "handout.arch.n.params", total.params),
        number(lang, "handout.arch.n.macs", total.macs),
        number(lang, "handout.arch.n.biggest", 100 * biggest.macs / total.macs,
               f"{100 * biggest.macs / total.macs:.1f}%", layer=biggest.name),
        number(lang, "handout.arch.n.blocks", sum(r.name.startswith("inception") for r in rows)),
        number(lang, "handout.arch.n.blocks_share", blocks_share, f"{blocks_share:.1f}%"),
    ])


def inception_lab(lang: str):
    from ..costs import module_cost, stage_shapes
    from ..model import INCEPTION_CONFIG, INPUT_SIZE
    block = "inception3a"
    spec, side = INCEPTION_CONFIG[block], stage_shapes("paper", INPUT_SIZE)[block][1]
    naive, real = module_cost(spec, side, bottleneck=False), module_cost(spec, side)
    branches = ("branch1", "branch2", "branch3", "branch4")

    def figure():
        fig, ax = new_figure(2.9)
        x = range(len(branches))
        ax.bar([i - 0.2 for i in x], [naive[b].macs / 1e6 for b in branches], 0.4, color=ORANGE,
               label=t("handout.lab.fig.naive", lang=lang))
        ax.bar([i + 0.2 for i in x], [real[b].macs / 1e6 for b in branches], 0.4, color=BLUE,
               label=t("handout.lab.fig.real", lang=lang))
        ax.set_xticks(list(x), [t(f"handout.lab.fig.{b}", lang=lang) for b in branches])
        ax.set_ylabel(t("handout.fig.mmacs", lang=lang))
        ax.legend(frameon=False)
        return fig

    ratio = naive["total"].macs / real["total"].macs
    return handout("inception_lab", lang, intro("lab.intro", lang), figure,
                   t("handout.lab.caption", lang=lang, c=spec.in_channels, side=side), [
        number(lang, "handout.lab.n.naive", naive["total"].macs),
        number(lang, "handout.lab.n.real", real["total"].macs),
        number(lang, "handout.lab.n.ratio", ratio, f"{ratio:.1f}×"),
        number(lang, "handout.lab.n.naive_params", naive["total"].params),
        number(lang, "handout.lab.n.real_params", real["total"].params),
    ])


def spot_the_bug(lang: str):
    from ..concept_checks import softmax_twice
    f = softmax_twice()

    def figure():
        fig, ax = new_figure(2.5)
        bars = [(t("handout.bug.fig.raw", lang=lang), f["loss_raw"], BLUE),
                (t("handout.bug.fig.twice", lang=lang), f["loss_twice"], ORANGE),
                (t("handout.bug.fig.floor", lang=lang), f["floor"], GREY)]
        ax.barh([b[0] for b in bars], [b[1] for b in bars], color=[b[2] for b in bars])
        for y, (_, value, _) in enumerate(bars):
            ax.text(value, y, f" {_loss(value)}", va="center")
        ax.set_xlabel(t("handout.bug.fig.x", lang=lang))
        ax.invert_yaxis()
        return fig

    return handout("spot_the_bug", lang, intro("bug.intro", lang), figure,
                   t("handout.bug.caption", lang=lang, classes=f["classes"]), [
        number(lang, "handout.bug.n.classes", f["classes"]),
        number(lang, "handout.bug.n.raw", f["loss_raw"], _loss(f["loss_raw"])),
        number(lang, "handout.bug.n.twice", f["loss_twice"], f"{f['loss_twice']:.2f}"),
        number(lang, "handout.bug.n.floor", f["floor"], f"{f['floor']:.2f}"),
        number(lang, "handout.bug.n.shrink", f["shrink"], f"{f['shrink']:,.0f}×"),
    ])


def _loss(value: float) -> str:
    """5.91, or 2.1e-06 for a loss too small for two decimals."""
    return f"{value:.2f}" if value >= 0.01 else f"{value:.1e}"


def family(lang: str):
    from ..family import efficiency_summary, family_table
    members = family_table()
    g = next(m for m in members if m.key == "googlenet")
    summary = efficiency_summary()

    def figure():
        fig, ax = new_figure(3.3)
        for m in members:
            colour = BLUE if m.key == "googlenet" else GREY
            ax.scatter(m.params / 1e6, m.top1, s=40 + 4 * m.gflops * 10, color=colour, alpha=0.8)
            ax.annotate(m.name, (m.params / 1e6, m.top1), textcoords="offset points", xytext=(5, 4), fontsize="small")
        ax.set_xscale("log")
        ax.set_xlim(right=max(m.params for m in members) / 1e6 * 2.2)
        ticks = [3, 10, 30, 100]
        ax.set_xticks(ticks, [str(x) for x in ticks])
        ax.set_xlabel(t("handout.family.fig.x", lang=lang))
        ax.set_ylabel(t("handout.family.fig.y", lang=lang))
        return fig

    return handout("family", lang, intro("familypage.intro", lang), figure, t("handout.family.caption", lang=lang), [
        number(lang, "handout.family.n.params", g.params),
        number(lang, "handout.family.n.alexnet", summary.alexnet_params),
        number(lang, "handout.family.n.vgg", summary.vgg16_params),
        number(lang, "handout.family.n.top1", g.top1, f"{g.top1:.2f}%"),
        number(lang, "handout.family.n.gflops", g.gflops, f"{g.gflops:.2f}"),
        number(lang, "handout.family.n.fc", 100 * g.fc_share, f"{100 * g.fc_share:.1f}%"),
    ])


PAGES = {"home": home, "history": history, "architecture": architecture, "inception_lab": inception_lab,
         "spot_the_bug": spot_the_bug, "family": family}
