"""Inception module & 1x1 bottleneck lab: your channel numbers, naive vs reduced, formulas, a real module as referee."""
import random

import streamlit as st

from googlenet import block_check, exercise, formulas, module_lab, onebyone
from googlenet.i18n import t
from googlenet.model import BRANCHES, short_name
from ui.charts_vega import branch_bars
from ui.downloads import show_static_table, show_table, show_vega
from ui import presentation, url_state
from ui.page_links import fill_lab_fields
from ui.reconciled import reconciled_link

PRESETS = module_lab.lab_presets()  # the articles' two worked examples first: they are where the lesson starts
FORMULAS = ((False, "macs", "lab.formula.naive"), (True, "macs", "lab.formula.bottleneck"),
            (False, "params", "lab.formula.naive_params"), (True, "params", "lab.formula.bottleneck_params"))


def block_label(name: str) -> str:
    return t("lab.block", name=short_name(name))


def preset_label(name: str) -> str:
    cfg = PRESETS[name]
    if name in module_lab.EXAMPLES:
        return t(f"lab.preset.{name}", in_ch=cfg.spec.in_channels, size=cfg.size, out=cfg.spec.n5x5,
                 block=block_label(module_lab.EXAMPLE_BLOCKS[name]))
    return t("lab.preset.block", name=short_name(name), size=cfg.size)


def branch_name(b: str) -> str:
    return t(f"lab.branch.{b}")


def apply_preset() -> None:
    """Copy the chosen preset into the fields (runs before the page is drawn; a link's preset does the same)."""
    fill_lab_fields()


def new_exercise() -> None:
    st.session_state["lab_ex_seed"] = random.randrange(1_000_000)
    st.session_state.pop("lab_ex_result", None)
    st.session_state["lab_ex_answer"] = ""


def record_answer() -> None:
    st.session_state["lab_ex_result"] = (st.session_state["lab_ex_seed"], st.session_state.get("lab_ex_answer", ""))


def read_form() -> module_lab.LabConfig | None:
    """The preset, the reset button and the eight fields: the config they show, or None after naming each bad field."""
    if any(f"lab_{f}" not in st.session_state for f in module_lab.LAB_FIELDS):
        apply_preset()
    p0, p1 = st.columns([3, 1], vertical_alignment="bottom")
    preset = p0.selectbox(t("lab.preset"), list(PRESETS), key="lab_preset", format_func=preset_label,
                          on_change=apply_preset, help=t("lab.preset.help"))
    edited = any(st.session_state[f"lab_{f}"] != text for f, text in module_lab.field_texts(PRESETS[preset]).items())
    p1.button(t("lab.preset.reset"), key="lab_reset", on_click=apply_preset, disabled=not edited,
              help=t("lab.preset.reset.help"), width="stretch")
    st.markdown(f"**{t('lab.inputs.title')}**")
    texts = {field: col.text_input(t(f"lab.in.{field}"), key=f"lab_{field}", max_chars=8)
             for col, field in zip(st.columns(len(module_lab.LAB_FIELDS), vertical_alignment="bottom"),
                                   module_lab.LAB_FIELDS)}
    cfg, problems = module_lab.read_fields(texts)
    for problem in problems:
        st.error(problem.message(), icon=":material/error:")
    if problems:
        st.info(t("lab.error.nothing_computed"))
    return cfg


def show_costs(cfg: module_lab.LabConfig) -> None:
    naive, reduced = cfg.cost(bottleneck=False), cfg.cost(bottleneck=True)
    m1, m2, m3 = st.columns(3)
    for col, label, cost in ((m1, "lab.metric.naive", naive["total"]), (m2, "lab.metric.bottleneck", reduced["total"])):
        col.metric(t(label), f"{cost.macs:,}", delta=t("lab.metric.params.delta", params=cost.params),
                   delta_color="off", delta_arrow="off")
    ratio = cfg.saving()
    if ratio >= 1:
        m3.metric(t("lab.metric.ratio"), t("lab.metric.ratio.value", ratio=ratio))
    else:  # tiny channel numbers: the 1x1 reductions cost more than they save
        m3.metric(t("lab.metric.ratio.costlier"), t("lab.metric.ratio.costlier.value", ratio=1 / ratio))
    st.caption(t("lab.metric.branches", **{f"b{n}": cfg.saving(branch=f"branch{n}") for n in (1, 2, 3)}))
    reconciled_link()

    st.subheader(t("lab.compare.title"))
    numbers = {c: st.column_config.NumberColumn(t(f"lab.col.{c}"), format="localized")
               for c in ("params_naive", "params_bottleneck", "macs_naive", "macs_bottleneck")}
    table = module_lab.branch_table(cfg)
    # No ratio where the naive branch has no weights (the pool branch): a dash, not "None".
    table["ratio"] = [f"{r:.2f}×" if r is not None and r == r else "—" for r in table["ratio"]]
    show_table(table, "branch_costs", hide_index=True, width="stretch", column_config={
        **{c: st.column_config.TextColumn(t(f"lab.col.{c}")) for c in ("branch", "shape_naive", "shape_bottleneck")},
        **numbers, "ratio": st.column_config.TextColumn(t("lab.col.ratio"), alignment="right")})
    st.caption(t("lab.compare.caption", in_ch=cfg.spec.in_channels, naive_out=cfg.out_channels(False),
                 bottleneck_out=cfg.out_channels(True)))
    names = [branch_name(b).replace(": ", "\n").replace("：", "\n") for b in BRANCHES]
    legend = (t("lab.chart.naive"), t("lab.chart.bottleneck"))
    for column, quantity, title in zip(st.columns(2), ("params", "macs"), (t("lab.chart.params"), t("lab.chart.macs"))):
        spec = branch_bars(names, [getattr(naive[b], quantity) for b in BRANCHES],
                           [getattr(reduced[b], quantity) for b in BRANCHES], title, legend, t("lab.col.branch"))
        show_vega(presentation.chart(spec), f"branch_{quantity}", column)


@url_state.fragment   # the branch travels in the link
def show_formulas(cfg: module_lab.LabConfig) -> None:
    """A fragment: choosing another branch redraws only the formulas."""
    st.subheader(t("lab.formula.title"))
    st.caption(t("lab.formula.rule"))
    st.session_state.setdefault("lab_formula_branch", "branch3")
    f0, f1, f2 = st.columns([2, 1, 1], vertical_alignment="bottom")
    fb = f0.selectbox(t("lab.formula.branch"), BRANCHES, key="lab_formula_branch", format_func=branch_name)
    f1.metric(t("lab.formula.naive_value", branch=branch_name(fb)), f"{cfg.cost(bottleneck=False)[fb].macs:,}")
    f2.metric(t("lab.formula.bottleneck_value", branch=branch_name(fb)), f"{cfg.cost(bottleneck=True)[fb].macs:,}")
    for bottleneck, quantity, label in FORMULAS:
        latex, _value = formulas.branch_formula(cfg, fb, bottleneck=bottleneck, quantity=quantity)
        st.markdown(t(label))
        if latex == "0":
            st.caption(t("lab.formula.no_weights"))
        else:
            st.latex(latex)
    for example in module_lab.EXAMPLES:  # open the one whose example the fields show
        shown = st.session_state.get("lab_preset") == example and cfg == PRESETS[example]
        with st.expander(t(f"lab.slip.{example}.title"), expanded=shown, icon=":material/search:"):
            st.markdown(t(f"lab.slip.{example}.body", **slip_words(example)))
            reconciled_link()   # the branch's saving and the module's, side by side


def slip_words(example: str) -> dict:
    """The example's computed numbers, with its block names in words."""
    words = module_lab.SLIPS[example]()
    words["block"] = block_label(words["block"])
    if "blocks" in words:
        words["blocks"] = t("lab.list_sep").join(block_label(b) for b in words["blocks"])
    return words


def show_verification(cfg: module_lab.LabConfig) -> None:
    st.subheader(t("lab.verify.title"))
    st.markdown(t("lab.verify.intro", in_ch=cfg.spec.in_channels, size=cfg.size))
    if st.button(t("lab.verify.button"), key="lab_verify", type="primary"):
        st.session_state.pop("lab_verify_result", None)
        if block_check.verify_is_affordable(cfg):
            with st.spinner():
                st.session_state["lab_verify_result"] = (cfg, block_check.verify_inception(cfg))
        else:
            st.warning(t("lab.verify.too_big", macs=cfg.cost()["total"].macs, limit=block_check.MAX_VERIFY_MACS))
    stored = st.session_state.get("lab_verify_result")
    if not stored or stored[0] != cfg:
        return
    v = stored[1]
    v1, v2 = st.columns(2)
    v3, v4 = st.columns(2)
    v1.metric(t("lab.verify.shape"), str(tuple(v.output_shape)))
    v2.metric(t("lab.verify.shape_formula"), str(tuple(v.expected_shape)))
    v3.metric(t("lab.verify.params_torchinfo"), f"{v.torchinfo_params:,}")
    v4.metric(t("lab.verify.params_formula"), f"{v.formula_params:,}")
    st.caption(t("lab.verify.macs", torchinfo=v.torchinfo_macs, formula=v.formula_macs, bias=v.bias_adds))
    (st.success if v.agree else st.error)(t("lab.verify.ok" if v.agree else "lab.verify.fail"))


@st.cache_data(show_spinner=False)
def one_by_one_tables(bias_label: str) -> dict[str, list]:
    """The demo's numbers as text tables, made once (formatting data frames is most of the section's time)."""
    demo = onebyone.one_by_one_demo()
    text = lambda frame, digits: frame.map(lambda v: f"{v:.{digits}f}")  # noqa: E731
    return {"x": [text(onebyone.grid(x), 1) for x in demo.x],
            "w": [text(onebyone.weight_table(demo, bias_label), 1)],
            "conv": [text(onebyone.grid(y), 2) for y in demo.conv_out],
            "matmul": [text(onebyone.grid(y), 2) for y in demo.matmul_out]}


def show_one_by_one() -> None:
    st.subheader(t("lab.onebyone.title"))
    demo = onebyone.one_by_one_demo()
    sizes = dict(cin=demo.x.shape[0], cout=demo.weight.shape[0], size=demo.x.shape[1])
    st.markdown(t("lab.onebyone.intro", **sizes))
    tables = one_by_one_tables(t("lab.onebyone.bias"))
    cols = st.columns(4)
    for c, table in enumerate(tables["x"]):
        cols[c].markdown(t("lab.onebyone.x", c=c))
        show_static_table(table, f"onebyone_x{c}", cols[c])
    cols[3].markdown(t("lab.onebyone.w", **sizes))
    show_static_table(tables["w"][0], "onebyone_weights", cols[3])
    cols = st.columns(4)
    for c, (conv, matmul) in enumerate(zip(tables["conv"], tables["matmul"])):
        cols[2 * c].markdown(t("lab.onebyone.conv", c=c, **sizes))
        show_static_table(conv, f"onebyone_conv{c}", cols[2 * c])
        cols[2 * c + 1].markdown(t("lab.onebyone.matmul", c=c))
        show_static_table(matmul, f"onebyone_matmul{c}", cols[2 * c + 1])
    st.markdown(t("lab.onebyone.pixel"))
    st.latex(onebyone.pixel_formula(demo))
    st.caption(t("lab.onebyone.diff", diff=demo.max_diff))


@st.fragment
def show_exercise() -> None:
    """A fragment: typing an answer or asking for a new exercise redraws only the exercise."""
    st.subheader(t("lab.ex.title"))
    st.session_state.setdefault("lab_ex_seed", random.randrange(1_000_000))
    ex = exercise.make_exercise(st.session_state["lab_ex_seed"])
    st.markdown(t(f"lab.ex.question.{ex.quantity}", branch=branch_name(ex.branch), **ex.cfg.fields))
    a1, a2, a3 = st.columns([2, 1, 1], vertical_alignment="bottom")
    text = a1.text_input(t("lab.ex.answer"), key="lab_ex_answer", max_chars=40)
    a2.button(t("lab.ex.check"), key="lab_ex_check", on_click=record_answer, type="primary", width="stretch")
    a3.button(t("lab.ex.new"), key="lab_ex_new", on_click=new_exercise, width="stretch")
    if st.session_state.get("lab_ex_result") != (ex.seed, text):
        return  # not checked yet, or the answer changed since: no verdict on anything but what the field shows
    verdict, value = exercise.verdict(ex, text)
    if value is None:
        st.warning(t(f"lab.ex.{verdict}", text=text))
        return
    message = t(f"lab.ex.{verdict}", answer=ex.answer, value=value, area=ex.cfg.size ** 2)
    (st.success if verdict == "right" else st.error)(message)
    st.markdown(t("lab.ex.solution"))
    st.latex(ex.solution)
    if ex.branch == "branch4":
        st.caption(t("lab.ex.hint"))


@url_state.fragment   # the preset and the eight fields travel in the link
def show_module() -> None:
    """A fragment: the preset and the eight fields redraw the costs, formulas and check, not the sections below."""
    config = read_form()
    if config is not None:
        show_costs(config)
        show_formulas(config)
        show_verification(config)


st.title(t("nav.inception_lab"))
st.markdown(t("lab.intro"))
show_module()
show_one_by_one()
show_exercise()
