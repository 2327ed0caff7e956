"""Architecture explorer: paper Table 1 rebuilt from the model, paper vs torchvision, one layer up close."""
import streamlit as st

from googlenet import anatomy
from googlenet.costs import PAPER_TOLERANCE_PCT, SPEC_COLUMNS, layer_table, network_total, size_scaling
from googlenet.diagrams import INCEPTION_LABELS, inception_dot
from googlenet.headline_numbers import PAPER_MULTIPLY_ADDS, table1_sums
from googlenet.i18n import t
from googlenet.model import INCEPTION_CONFIG, INPUT_SIZE
from ui.charts_vega import share_bars
from ui.diagrams import show_diagram
from ui.downloads import download_diagram, show_markdown_table, show_table, show_vega
from ui.reconciled import reconciled_link
from ui import presentation, url_state

NUM = st.column_config.NumberColumn
# Explicit widths: all twelve columns fit the page next to the sidebar (no sideways scrolling on a projector).
# The type column is the widest: it holds the model's names ("convolution (conv2 + conv3)").
WIDTHS = {"type": 182, "patch": 84, "output": 88, "depth": 48, "n1x1": 42, "n3x3_reduce": 88, "n3x3": 42,
          "n5x5_reduce": 88, "n5x5": 42, "pool_proj": 68, "params": 78, "macs": 94}
TABLE1_ORDER = ("type", "patch", "output", "params", "macs", "depth", "n1x1", "n3x3_reduce", "n3x3", "n5x5_reduce",
                "n5x5", "pool_proj")
DIFFERENCES = ("weights", "input", "norm", "branch3", "pools", "dropout", "aux")


def variant_name(v: str) -> str:
    return t(f"arch.variant.{v}")


def show_totals(size: int) -> None:
    st.subheader(t("arch.totals.title", size=size))
    for col, v in zip(st.columns(2, gap="large"), anatomy.VARIANTS):  # one column per variant: no cut-off numbers
        total = network_total(v, size)
        col.metric(t("arch.totals.params", variant=variant_name(v)), f"{total.params:,}")
        col.metric(t("arch.totals.macs", variant=variant_name(v)), f"{total.macs:,}")
    st.caption(t("arch.totals.caption"))
    published, ours = table1_sums(), network_total("paper", INPUT_SIZE)
    st.markdown(t("arch.totals.published", k=published.params_k, params=published.params_read_as_1024,
                  ops=published.ops_m, budget=round(PAPER_MULTIPLY_ADDS), ours_params=ours.params,
                  ours_macs=ours.macs))
    reconciled_link()
    with st.expander(t("arch.differs.title"), expanded=True):
        show_markdown_table([t("arch.differs.aspect"), t("arch.differs.paper"), t("arch.differs.tv")],
                            [[t(f"arch.diff.{a}"), t(f"arch.diff.{a}.paper"), t(f"arch.diff.{a}.tv")]
                             for a in DIFFERENCES], "paper_vs_torchvision")
        st.caption(t("arch.differs.note"))


def show_table1(rows, variant: str, size: int) -> None:
    st.subheader(t("arch.table.title"))
    config = {
        # pinned: it does not stretch with the table, so it grows with the presentation view's larger type
        "type": st.column_config.TextColumn(t("arch.col.type"), pinned=True, width=presentation.px(WIDTHS["type"])),
        "patch": st.column_config.TextColumn(t("arch.col.patch"), width=WIDTHS["patch"]),
        "output": st.column_config.TextColumn(t("arch.col.output"), width=WIDTHS["output"]),
        "depth": NUM(t("arch.col.depth"), format="%d", width=WIDTHS["depth"]),
        **{c: st.column_config.TextColumn(t(f"arch.col.{c}"), alignment="right", width=WIDTHS[c])
           for c in SPEC_COLUMNS},
        "params": NUM(t("arch.col.params"), format="localized", width=WIDTHS["params"]),
        "macs": NUM(t("arch.col.macs"), format="localized", width=WIDTHS["macs"]),
    }
    # The parameters and multiply-adds, the numbers the lesson is about, come right after the output size (the
    # paper puts them last): at 1280 px the table is wider than the page and the last columns scroll out of sight.
    show_table(anatomy.table1(rows, variant), f"table1_{variant}_{size}", column_config=config, hide_index=True,
               width="stretch", height="content", column_order=TABLE1_ORDER)
    st.caption(t("arch.table.caption", variant=variant_name(variant), size=size, **anatomy.stem_channels(variant)))


def show_paper_comparison(rows, variant: str, size: int) -> None:
    st.subheader(t("arch.paper.title"))
    if variant != "paper" or size != INPUT_SIZE:
        st.info(t("arch.paper.only", variant=variant_name(variant), size=size))
        return
    styled = anatomy.paper_table(rows)
    show_table(styled, "table1_paper_vs_model", hide_index=True, width="stretch", height="content", column_config={
        "layer": st.column_config.TextColumn(t("arch.col.layer")),
        "paper_params": NUM(t("arch.col.paper_params"), format="%.1f"),
        "our_params": NUM(t("arch.col.our_params"), format="%.1f"),
        "diff_params": NUM(t("arch.col.diff_params"), format="%+.1f%%"),
        "paper_ops": NUM(t("arch.col.paper_ops"), format="%.0f"),
        "our_ops": NUM(t("arch.col.our_ops"), format="%.1f"),
        "diff_ops": NUM(t("arch.col.diff_ops"), format="%+.1f%%"),
    })
    tol = f"{PAPER_TOLERANCE_PCT:g}"
    st.caption(t("arch.paper.caption", tol=tol))
    st.markdown(t("arch.paper.explain", tol=tol, names=t("arch.list_sep").join(anatomy.off_rows(rows)),
                  **anatomy.explain_numbers(rows)))
    reconciled_link()


def show_input_size(variant: str, size: int) -> None:
    st.subheader(t("arch.size.title"))
    features, classes = anatomy.head_features(variant)
    st.markdown(t("arch.size.explain", features=features, classes=classes))
    path = anatomy.spatial_path(variant, size)
    st.markdown(t("arch.size.path", size=size, path=" → ".join(f"**{p}**" for p in path)))
    here = network_total(variant, size)
    macs_ratio, area_ratio = size_scaling(variant, size)
    m1, m2 = st.columns(2)
    m1.metric(t("arch.size.params", size=size), f"{here.params:,}", delta=t("arch.size.params.delta"),
              delta_color="off", delta_arrow="off")
    m2.metric(t("arch.size.macs", size=size), f"{here.macs:,}",
              delta=t("arch.size.macs.delta", ratio=macs_ratio, area=area_ratio),
              delta_color="off", delta_arrow="off")
    reconciled_link()


@url_state.fragment   # the layer travels in the link (ui/page_links.py)
def show_layer(rows, variant: str, size: int) -> None:
    """A fragment: choosing another layer redraws only this section, not the tables above."""
    st.subheader(t("arch.pick.title"))
    options = anatomy.layer_choices(rows)
    pick = st.selectbox(t("arch.pick"), options, index=options.index("inception3a"), key="arch_layer",
                        format_func=lambda n: anatomy.layer_label(n, variant))
    layer = anatomy.focus(rows, pick, variant, size)
    k1, k2, k3, k4 = st.columns(4)
    k1.metric(t("arch.pick.shape"), " × ".join(str(s) for s in layer.shape))
    k2.metric(t("arch.pick.params"), f"{layer.params:,}")
    k3.metric(t("arch.pick.macs"), f"{layer.macs:,}")
    if layer.kind != "aux":  # an auxiliary head is not part of the network's totals: no share to show
        k4.metric(t("arch.pick.share"), f"{layer.macs_share:.1%}",
                  delta=t("arch.pick.share.value", params=layer.params_share), delta_color="off", delta_arrow="off")
    names, params_share, macs_share, selected = anatomy.share_chart_data(rows, pick)
    hover = (t("arch.col.layer"), t("arch.chart.share"))
    for column, shares, title, first, name in zip(st.columns(2), (params_share, macs_share),
                                                  (t("arch.chart.params"), t("arch.chart.macs")), (True, False),
                                                  ("params_share", "macs_share")):
        show_vega(presentation.chart(share_bars(names, shares, selected, title, hover, show_names=first)), name,
                  column)
    st.caption(t("arch.chart.caption", variant=variant_name(variant), size=size))
    left, right = st.columns([1, 1], gap="medium")
    with left:
        describe_layer(layer, variant, size)
    with right:
        st.markdown(f"**{t('arch.code.title')}**")
        st.code(anatomy.block_source(layer.kind, docstring=False), language="python", wrap_lines=True)
        st.caption(t(f"arch.code.caption.{layer.kind}"))


def describe_layer(layer: anatomy.LayerFocus, variant: str, size: int) -> None:
    if layer.kind == "inception":
        st.markdown(f"**{t('arch.diagram.title', name=anatomy.layer_label(layer.name))}**")
        words = {k: t(f"arch.diagram.label.{k}") for k in INCEPTION_LABELS}
        dot = inception_dot(INCEPTION_CONFIG[layer.name], layer.shape[1], kernel5=5 if variant == "paper" else 3,
                            title=anatomy.layer_label(layer.name), labels=words, narrow=True)
        show_diagram(dot)
        download_diagram(dot, f"{layer.name}_diagram")
        if variant == "torchvision":
            st.caption(t("arch.diagram.kernel_note"))
    elif layer.kind == "conv":
        after = t("arch.pick.conv.after.paper" if variant == "paper" else "arch.pick.conv.after.tv")
        for conv in layer.convs:
            st.markdown(t("arch.pick.conv", k=conv.kernel, s=conv.stride, cin=conv.in_ch, cout=conv.out_ch,
                          after=after))
    elif layer.kind == "aux":
        info = layer.aux
        st.markdown(t("arch.pick.aux", tap=anatomy.layer_label(info.tap), shape=anatomy.shape_text(info.in_shape)))
        if not info.fits:
            fits = t("arch.list_sep").join(f"{s} × {s}" for s in anatomy.aux_fitting_sizes(layer.name, variant))
            side, ch, features = anatomy.aux_head_input()
            st.warning(t("arch.pick.aux.nofit", size=size, tap=anatomy.layer_label(info.tap), hw=info.in_shape[1],
                         pooled=info.pooled, fits=fits, side=side, ch=ch, features=features))
    elif not layer.params:
        st.markdown(t("arch.pick.noweights"))


@st.fragment
def show_summary(variant: str, size: int) -> None:
    # Computed only while the expander is open (on_change="rerun" makes it lazy), and cached.
    summary = st.expander(t("arch.summary.title", variant=variant_name(variant), size=size), key="arch_summary",
                          on_change="rerun")
    with summary:
        if summary.open:
            st.code(anatomy.network_summary(variant, size), language="text", height=640)
            st.caption(t(f"arch.summary.extra.{variant}", extra=anatomy.summary_extra_adds(variant, size),
                         ours=network_total(variant, size).macs))
        st.caption(t("arch.summary.caption", size=size))


st.title(t("nav.architecture"))
st.markdown(t("arch.intro"))
c1, c2 = st.columns([1, 2], gap="large")
chosen = c1.radio(t("arch.variant"), anatomy.VARIANTS, key="arch_variant", horizontal=True, format_func=variant_name)
sizes = anatomy.INPUT_SIZES
input_size = c2.slider(t("arch.input_size"), sizes[0], sizes[-1], INPUT_SIZE, step=sizes[1] - sizes[0], key="arch_size",
                       help=t("arch.input_size.help"))
table_rows = layer_table(chosen, input_size)
show_totals(input_size)
show_table1(table_rows, chosen, input_size)
show_paper_comparison(table_rows, chosen, input_size)
show_input_size(chosen, input_size)
show_layer(table_rows, chosen, input_size)
with presentation.secondary("arch_summary"):   # the full listing: not for the back of a room
    show_summary(chosen, input_size)
