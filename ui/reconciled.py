""""The numbers, reconciled": the home page's section, and the link every headline number gets to it.

The home page opens that section (expanded, at the top) when the address carries ?section=numbers.
The numbers come from googlenet.headline_numbers; this module only lays them out (Markdown tables, each with
its CSV button: ui.downloads).
"""
from __future__ import annotations

import streamlit as st

from googlenet.headline_numbers import (ALEXNET_PAPER_PARAMS, HEADLINE_TOP5, PAPER_FEWER_THAN_ALEXNET,
                                        PAPER_MULTIPLY_ADDS, SINGLE_TOP5, TABLE3, Reconciled, millions,
                                        table1_printed)
from googlenet.i18n import get_language, t
from ui.downloads import show_markdown_table

HOME = "app_pages/home.py"
SECTION = "numbers"


def reconciled_link(container=None) -> None:
    """Draw the link in `container` (default: where the page is drawing)."""
    target = container if container is not None else st
    target.page_link(HOME, label=t("reconciled.link"), icon=":material/balance:",
                     query_params={"section": SECTION, "lang": get_language()})


def section_requested() -> bool:
    return st.query_params.get("section") == SECTION


def _g(x: float) -> str:
    return f"{x:g}"


def short_block_name(block: str) -> str:
    """ "inception3a" -> "3a" (googlenet.model.short_name, without importing torch)."""
    return block.removeprefix("inception")


def top5_part(n: Reconciled) -> None:
    fmt = dict(headline=_g(HEADLINE_TOP5.top5_error), single=_g(SINGLE_TOP5.top5_error), tv_err=_g(n.tv_top5_error))
    st.markdown(f"##### {t('reconciled.top5.title', **fmt)}")
    st.markdown(t("reconciled.top5.body", models=HEADLINE_TOP5.models, crops=HEADLINE_TOP5.crops, **fmt))
    header = [t(f"reconciled.top5.col.{c}") for c in ("models", "crops", "cost", "error")]
    rows = [[str(r.models), str(r.crops), f"{r.evaluations:,}", f"{r.top5_error:.2f}%"] for r in TABLE3]
    show_markdown_table(header, rows, "reconciled_top5", right={0, 1, 2, 3})
    st.markdown(t("reconciled.top5.after", tv_top5=_g(n.tv_top5), tv_top1=_g(n.tv_top1), **fmt))


def params_part(n: Reconciled) -> None:
    table1 = n.table1
    title = t("reconciled.params.title", table1_m=millions(table1.params_read_as_thousands),
              paper_m=millions(n.paper_params), tv_m=millions(n.tv_params))
    st.markdown(f"##### {title}")
    rows = [
        ("table1", table1.params_read_as_thousands, {"k": table1.params_k}),
        ("table1_1024", table1.params_read_as_1024, {"k": table1.params_k}),
        ("paper", n.paper_params, {}),
        ("paper_aux", n.paper_params_with_aux, {}),
        ("tv", n.tv_params, {}),
        ("tv_meta", n.tv_meta_params, {}),
        ("tv_aux", n.tv_params_with_aux, {}),
    ]
    header = [t("reconciled.col.source"), t("reconciled.col.count"), t("reconciled.col.what")]
    show_markdown_table(header, [[t(f"reconciled.params.row.{key}"), f"{count:,}",
                                  t(f"reconciled.params.row.{key}.what", **fmt)] for key, count, fmt in rows],
                        "reconciled_params", right={1})
    conv1_k, _ = table1_printed("conv1")
    t3a_k, _ = table1_printed("inception3a")
    st.markdown(t("reconciled.params.after", p3a=n.inception3a_params, p3a_k=n.inception3a_params / 1024,
                  t3a=t3a_k, t1024=table1.params_read_as_1024,
                  table1_m=millions(table1.params_read_as_thousands),
                  gap=1 - table1.params_read_as_1024 / n.paper_params, tconv1=conv1_k, conv1=n.conv1_params,
                  conv1_k=n.conv1_params / 1024, aux=n.aux_params_tv))


def macs_part(n: Reconciled) -> None:
    title = t("reconciled.macs.title", paper_budget=f"{PAPER_MULTIPLY_ADDS / 1e9:g}G",
              paper_g=f"{n.paper_macs / 1e9:.2f}G", tv_g=f"{n.tv_macs / 1e9:.2f}G")
    st.markdown(f"##### {title}")
    rows = [
        ("budget", f"{PAPER_MULTIPLY_ADDS:,.0f}", {}),
        ("table1", f"{n.table1.ops_m * 1e6:,.0f}", {"m": n.table1.ops_m}),
        ("paper", f"{n.paper_macs:,}", {}),
        ("tv", f"{n.tv_macs:,}", {}),
        ("tv_meta", f"{n.tv_meta_gflops * 1e9:,.0f}", {"g": _g(n.tv_meta_gflops)}),
    ]
    header = [t("reconciled.col.source"), t("reconciled.col.count"), t("reconciled.col.what")]
    show_markdown_table(header, [[t(f"reconciled.macs.row.{key}"), count,
                                  t(f"reconciled.macs.row.{key}.what", **fmt)] for key, count, fmt in rows],
                        "reconciled_macs", right={1})
    _, conv1_ops = table1_printed("conv1")
    st.markdown(t("reconciled.macs.after", tv_meta=_g(n.tv_meta_gflops), tv=n.tv_macs, tconv1=conv1_ops,
                  conv1=n.conv1_macs))


def alexnet_part(n: Reconciled) -> None:
    st.markdown(f"##### {t('reconciled.alexnet.title', claim=PAPER_FEWER_THAN_ALEXNET)}")
    st.markdown(t("reconciled.alexnet.body", claim=PAPER_FEWER_THAN_ALEXNET, implied_m=millions(n.params_implied_by_12x),
                  r_table1=n.alexnet_ratio_table1, alexnet=n.alexnet_params, r_tv=n.alexnet_ratio_tv,
                  r_paper=n.alexnet_ratio_paper, alexnet_m=f"{ALEXNET_PAPER_PARAMS / 1e6:.0f}M",
                  table1_m=millions(n.table1.params_read_as_thousands)))


def bottleneck_part(n: Reconciled) -> None:
    low, high = n.module_saving_range
    st.markdown(f"##### {t('reconciled.bottleneck.title')}")
    st.markdown(t("reconciled.bottleneck.body", b5=n.saving_3a.branch5x5, low=low.module,
                  low_block=short_block_name(low.block), high=high.module, high_block=short_block_name(high.block)))
    header = [t(f"reconciled.bottleneck.col.{c}") for c in ("block", "size", "module", "b3", "b5")]
    rows = [[short_block_name(s.block), f"{s.size}×{s.size}", f"{s.module:.2f}×", f"{s.branch3x3:.2f}×",
             f"{s.branch5x5:.2f}×"] for s in n.savings]
    show_markdown_table(header, rows, "reconciled_savings", right={2, 3, 4})
    st.caption(t("reconciled.bottleneck.after"))


def reconciled_section(numbers: Reconciled) -> None:
    """The whole section, drawn where the caller is (the home page puts it in an expander)."""
    st.markdown(t("reconciled.intro"))
    for part in (top5_part, params_part, macs_part, alexnet_part, bottleneck_part):
        part(numbers)
