"""Architecture explorer: paper Table 1 rebuilt from the model, paper vs torchvision, one layer up close."""
import pandas as pd
import streamlit as st

from googlenet import lab
from googlenet.costs import SPEC_COLUMNS, conv_layers, layer_table, network_total, paper_mismatches, stage_shapes
from googlenet.diagrams import INCEPTION_LABELS, inception_dot
from googlenet.i18n import t
from googlenet.model import INCEPTION_CONFIG
from ui.charts import png_bytes, share_chart

VARIANTS = ("paper", "torchvision")
DIFF_TOLERANCE = 3  # percent: published numbers further than this from the computed ones are shown in red
NUM = st.column_config.NumberColumn


def layer_label(name: str, variant: str = "paper") -> str:
    """Table 1's "type" column, as students read it: "convolution (conv1)", "inception (3a)", "max pool (pool2)"."""
    if name.startswith("inception"):
        return f"inception ({name[-2:]})"
    if name.startswith("conv"):
        return t("arch.layer.conv", name=name)
    if name.startswith("pool"):
        return t("arch.layer.pool", n=name[-1])
    if name.startswith("aux"):
        return t("arch.layer.aux", n=name[-1])
    if name == "dropout":
        return t("arch.layer.dropout", p=round(lab.dropout_p(variant) * 100))
    return t(f"arch.layer.{name}")


def chart_label(name: str) -> str:
    """Short names for the chart's axis."""
    if name.startswith("inception"):
        return f"Inception {name[-2:]}"
    return name if name.startswith("conv") else t(f"arch.layer.{name}")


def shape_text(shape: tuple) -> str:
    if len(shape) == 3:
        c, h, w = shape
        return f"{h}×{w}×{c}"
    return f"1×1×{shape[0]}"


def variant_name(v: str) -> str:
    return t(f"arch.variant.{v}")


@st.cache_data(max_entries=256, show_spinner=False)
def share_png(names: tuple, params_share: tuple, macs_share: tuple, selected: str, titles: tuple) -> bytes:
    return png_bytes(share_chart(names, params_share, macs_share, selected, titles))


st.title(t("nav.architecture"))
st.markdown(t("arch.intro"))

c1, c2 = st.columns([1, 2], gap="large")
variant = c1.radio(t("arch.variant"), VARIANTS, key="arch_variant", horizontal=True, format_func=variant_name)
size = c2.slider(t("arch.input_size"), 96, 448, 224, step=32, key="arch_size", help=t("arch.input_size.help"))
rows = layer_table(variant, size)
vname = variant_name(variant)

# ------------------------------------------------------------------ totals of both variants, and what differs
st.subheader(t("arch.totals.title", size=size))
cols = st.columns(4)
for i, v in enumerate(VARIANTS):
    total = network_total(v, size)
    cols[2 * i].metric(t("arch.totals.params", variant=variant_name(v)), f"{total.params:,}")
    cols[2 * i + 1].metric(t("arch.totals.macs", variant=variant_name(v)), f"{total.macs:,}")
st.caption(t("arch.totals.caption"))

with st.expander(t("arch.differs.title"), expanded=True):
    header = f"| {t('arch.differs.aspect')} | {t('arch.differs.paper')} | {t('arch.differs.tv')} |\n|---|---|---|\n"
    body = "".join(f"| {t(f'arch.diff.{a}')} | {t(f'arch.diff.{a}.paper')} | {t(f'arch.diff.{a}.tv')} |\n"
                   for a in ("norm", "branch3", "pools", "dropout", "aux"))
    st.markdown(header + body)
    st.caption(t("arch.differs.note"))

# ------------------------------------------------------------------ Table 1
st.subheader(t("arch.table.title"))
table = pd.DataFrame({
    "type": [layer_label(r.name, variant) for r in rows],
    "patch": [r.patch_stride for r in rows],
    "output": [shape_text(r.output_shape) for r in rows],
    "depth": [r.depth for r in rows],
    # Text, so that "does not apply" shows as an empty cell rather than "None".
    **{c: [str(r.spec[c]) if c in r.spec else "" for r in rows] for c in SPEC_COLUMNS},
    "params": [r.params for r in rows],
    "macs": [r.macs for r in rows],
})
# Explicit widths: all twelve columns fit the page next to the sidebar (no sideways scrolling on a projector).
WIDTHS = {"type": 140, "patch": 80, "output": 92, "depth": 50, "n1x1": 46, "n3x3_reduce": 86, "n3x3": 46,
          "n5x5_reduce": 86, "n5x5": 46, "pool_proj": 70, "params": 86, "macs": 106}
config = {
    "type": st.column_config.TextColumn(t("arch.col.type"), pinned=True, width=WIDTHS["type"]),
    "patch": st.column_config.TextColumn(t("arch.col.patch"), width=WIDTHS["patch"]),
    "output": st.column_config.TextColumn(t("arch.col.output"), width=WIDTHS["output"]),
    "depth": NUM(t("arch.col.depth"), format="%d", width=WIDTHS["depth"]),
    **{c: st.column_config.TextColumn(t(f"arch.col.{c}"), alignment="right", width=WIDTHS[c]) for c in SPEC_COLUMNS},
    "params": NUM(t("arch.col.params"), format="localized", width=WIDTHS["params"]),
    "macs": NUM(t("arch.col.macs"), format="localized", width=WIDTHS["macs"]),
}
st.dataframe(table, column_config=config, hide_index=True, width="stretch", height=35 * (len(rows) + 1) + 24)
st.caption(t("arch.table.caption", variant=vname, size=size))

# ------------------------------------------------------------------ published vs computed (paper, 224 only)
st.subheader(t("arch.paper.title"))
if variant == "paper" and size == 224:
    diffs = lab.paper_differences(rows)
    compare = pd.DataFrame({
        "layer": [layer_label(d.name) for d in diffs],
        "paper_params": [d.paper_params_k for d in diffs], "our_params": [d.params_k for d in diffs],
        "diff_params": [round(d.params_pct, 1) + 0.0 for d in diffs],  # + 0.0: no "-0.0%"
        "paper_ops": [d.paper_ops_m for d in diffs], "our_ops": [d.macs_m for d in diffs],
        "diff_ops": [round(d.ops_pct, 1) + 0.0 for d in diffs],
    })

    def red_if_far(col: pd.Series) -> list[str]:
        pct = compare["diff_params" if col.name in ("paper_params", "our_params", "diff_params") else "diff_ops"]
        return ["background-color: #f8d7da; color: #842029; font-weight: bold" if abs(p) > DIFF_TOLERANCE else ""
                for p in pct]

    styled = compare.style.apply(red_if_far, subset=[c for c in compare.columns if c != "layer"])
    st.dataframe(styled, hide_index=True, width="stretch", height=35 * (len(diffs) + 1) + 24, column_config={
        "layer": st.column_config.TextColumn(t("arch.col.layer")),
        "paper_params": NUM(t("arch.col.paper_params"), format="%.1f"),
        "our_params": NUM(t("arch.col.our_params"), format="%.1f"),
        "diff_params": NUM(t("arch.col.diff_params"), format="%+.1f%%"),
        "paper_ops": NUM(t("arch.col.paper_ops"), format="%.0f"),
        "our_ops": NUM(t("arch.col.our_ops"), format="%.1f"),
        "diff_ops": NUM(t("arch.col.diff_ops"), format="%+.1f%%"),
    })
    st.caption(t("arch.paper.caption", tol=DIFF_TOLERANCE))
    by_name = {r.name: r for r in rows}
    far = paper_mismatches(rows, tolerance=DIFF_TOLERANCE / 100)
    st.markdown(t(
        "arch.paper.explain", tol=DIFF_TOLERANCE,
        i3a_params=by_name["inception3a"].params, i3a_k=by_name["inception3a"].params_k,
        conv1_params=by_name["conv1"].params, conv1_k=by_name["conv1"].params_k, conv1_macs=by_name["conv1"].macs,
        i4c_k=by_name["inception4c"].params_k, i5a_k=by_name["inception5a"].params_k,
        i5a_params=by_name["inception5a"].params, i5a_m=by_name["inception5a"].macs_m,
        names=t("arch.list_sep").join(layer_label(n) for n in far),
        big=t("arch.list_sep").join(layer_label(n) for n in paper_mismatches(rows))))
else:
    st.info(t("arch.paper.only", variant=vname, size=size))

# ------------------------------------------------------------------ any input size
st.subheader(t("arch.size.title"))
st.markdown(t("arch.size.explain"))
shapes = stage_shapes(variant, size)
path = [size] + [shapes[m][1] for m in ("conv1", "maxpool1", "maxpool2", "maxpool3", "maxpool4", "inception5b")] + [1]
st.markdown(t("arch.size.path", size=size, path=" → ".join(f"**{p}**" for p in path)))
here, base = network_total(variant, size), network_total(variant, 224)
m1, m2 = st.columns(2)
m1.metric(t("arch.size.params", size=size), f"{here.params:,}", delta=t("arch.size.params.delta"), delta_color="off")
m2.metric(t("arch.size.macs", size=size), f"{here.macs:,}",
          delta=t("arch.size.macs.delta", ratio=here.macs / base.macs, area=(size / 224) ** 2), delta_color="off")

# ------------------------------------------------------------------ one layer up close
st.subheader(t("arch.pick.title"))
options = [r.name for r in rows] + ["aux1", "aux2"]
pick = st.selectbox(t("arch.pick"), options, index=options.index("inception3a"), key="arch_layer",
                    format_func=lambda n: layer_label(n, variant))
kind = lab.row_kind(pick)
shares = lab.shares(rows)
row = next((r for r in rows if r.name == pick), None)

if kind == "aux":
    info = lab.aux_info(pick, variant, size)
    shape, params, macs = (1000,), info.cost.params, info.cost.macs
else:
    shape, params, macs = row.output_shape, row.params, row.macs
k1, k2, k3, k4 = st.columns(4)
k1.metric(t("arch.pick.shape"), " × ".join(str(s) for s in shape))
k2.metric(t("arch.pick.params"), f"{params:,}")
k3.metric(t("arch.pick.macs"), f"{macs:,}")
p_share, m_share = shares.get(pick, (0.0, 0.0))
k4.metric(t("arch.pick.share"), f"{m_share:.1%}", delta=t("arch.pick.share.value", params=p_share),
          delta_color="off")

names = list(shares)
# Shares rounded to the 0.1% the chart prints: input sizes that scale every layer alike reuse one drawing.
st.image(share_png(tuple(chart_label(n) for n in names), tuple(round(shares[n][0], 3) for n in names),
                   tuple(round(shares[n][1], 3) for n in names), chart_label(pick),
                   (t("arch.chart.params"), t("arch.chart.macs"))),
         width="stretch")
st.caption(t("arch.chart.caption", variant=vname, size=size))

left, right = st.columns([1, 1], gap="medium")
with left:
    if kind == "inception":
        st.markdown(f"**{t('arch.diagram.title', name=layer_label(pick))}**")
        words = {k: t(f"arch.diagram.label.{k}") for k in INCEPTION_LABELS}
        kernel5 = 5 if variant == "paper" else 3
        st.graphviz_chart(inception_dot(INCEPTION_CONFIG[pick], row.output_shape[1], kernel5=kernel5,
                                        title=layer_label(pick), labels=words, narrow=True),
                          width="stretch")
        if variant == "torchvision":
            st.caption(t("arch.diagram.kernel_note"))
    elif kind == "conv":
        after = t("arch.pick.conv.after.paper" if variant == "paper" else "arch.pick.conv.after.tv")
        for layer in conv_layers(variant, size):
            if layer.name.split(".")[0] in row.modules:
                st.markdown(t("arch.pick.conv", k=layer.kernel, s=layer.stride, cin=layer.in_ch,
                              cout=layer.out_ch, after=after))
    elif kind == "aux":
        st.markdown(t("arch.pick.aux", tap=layer_label(info.tap), shape=shape_text(info.in_shape)))
        if not info.fits:
            st.warning(t("arch.pick.aux.nofit", size=size, tap=layer_label(info.tap), hw=info.in_shape[1],
                         pooled=info.pooled))
    elif not params:
        st.markdown(t("arch.pick.noweights"))
with right:
    st.markdown(f"**{t('arch.code.title')}**")
    st.code(lab.block_source(kind, docstring=False), language="python", wrap_lines=True)
    st.caption(t(f"arch.code.caption.{kind}"))

# ------------------------------------------------------------------ torchinfo
# Computed only while the expander is open (on_change="rerun" makes it lazy), and cached.
summary = st.expander(t("arch.summary.title", variant=vname, size=size), key="arch_summary", on_change="rerun")
with summary:
    if summary.open:
        st.code(lab.network_summary(variant, size), language="text", height=640)
    st.caption(t("arch.summary.caption", size=size))
