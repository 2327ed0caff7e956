"""Spot the bug: six short listings, each with one real bug. Pick the line, check it, reveal the fix, and see what
the bug does — computed by running the listing as shown (googlenet.bug_hunt), the slow parts cached for everyone."""
import math

import pandas as pd
import streamlit as st

from googlenet import bug_hunt
from googlenet.bug_hunt import experiments as ex
from googlenet.i18n import t
from ui import presentation
from ui.charts_bug_hunt import two_runs
from ui.downloads import show_table, show_vega

PICKS, REVEALED = "bug_picks", "bug_revealed"   # listing key -> lines checked (in order) / fix shown
LAST_STEPS = 10                                 # the "final loss" is the mean of this many last steps


# ------------------------------------------------------------------------------------ cached experiments
@st.cache_data(show_spinner=False)
def branch_runs() -> dict[bool, bug_hunt.BranchResult]:
    return {fixed: bug_hunt.branch_experiment(fixed) for fixed in (False, True)}


@st.cache_data(show_spinner=False)
def softmax_runs() -> dict[bool, bug_hunt.SoftmaxCurves]:
    return {fixed: bug_hunt.softmax_experiment(fixed) for fixed in (False, True)}


@st.cache_data(show_spinner=False)
def loss_bounds() -> bug_hunt.LossBounds:
    return bug_hunt.softmax_loss_bounds()


@st.cache_data(show_spinner=False)
def fixed_aux_head() -> bug_hunt.FixedRun:
    return bug_hunt.fixed_aux_head()


@st.cache_data(show_spinner=False)
def fixed_resnet() -> bug_hunt.FixedRun:
    return bug_hunt.fixed_resnet()


@st.cache_data(show_spinner=False)
def lrn_run() -> bug_hunt.LRNResult:
    return bug_hunt.lrn_experiment()


@st.cache_data(show_spinner=False)
def print_run() -> bug_hunt.PrintResult:
    return bug_hunt.print_experiment()


# ------------------------------------------------------------------------------------ the quiz's state
def picks() -> dict[str, list[int]]:
    return st.session_state.setdefault(PICKS, {})


def revealed() -> dict[str, bool]:
    return st.session_state.setdefault(REVEALED, {})


def record_pick(key: str) -> None:
    line = st.session_state.get(f"bug_pick_{key}")
    if line is not None:
        picks().setdefault(key, []).append(line)


def reveal(key: str) -> None:
    revealed()[key] = True


def start_again() -> None:
    st.session_state[PICKS] = {}
    st.session_state[REVEALED] = {}
    for p in bug_hunt.PUZZLES:
        st.session_state[f"bug_pick_{p.key}"] = None


def shape_text(shape) -> str:
    return "×".join(str(n) for n in shape)


# ------------------------------------------------------------------------------------ what each bug does
def show_branch() -> None:
    runs = branch_runs()
    buggy, fixed = runs[False], runs[True]
    st.markdown(t("bug.branch.intro", batch=ex.BATCH))
    st.markdown(t("bug.branch.shape", shape=shape_text(buggy.output_shape)))
    fmt = lambda v: t("bug.no_grad") if v is None else f"{v:.4f}"  # noqa: E731
    show_table(pd.DataFrame({t("bug.col.layer"): list(bug_hunt.BLOCK_LAYERS),
                             t("bug.col.buggy"): [fmt(buggy.grad_norms[n]) for n in bug_hunt.BLOCK_LAYERS],
                             t("bug.col.fixed"): [fmt(fixed.grad_norms[n]) for n in bug_hunt.BLOCK_LAYERS]}),
               "branch_bug_gradients", hide_index=True)
    st.caption(t("bug.branch.grad_caption"))
    st.markdown(t("bug.branch.train", steps=buggy.steps, lr=ex.BRANCH_LR, buggy=buggy.test_accuracy,
                  fixed=fixed.test_accuracy))
    if buggy.unchanged_after_training["branch3x3_1"]:
        st.markdown(t("bug.branch.idle", n=buggy.idle_parameters))
    else:
        st.markdown(t("bug.branch.moved"))
    st.caption(t("bug.seconds", seconds=buggy.seconds + fixed.seconds))


def show_softmax() -> None:
    runs, bounds = softmax_runs(), loss_bounds()
    buggy, fixed = runs[False], runs[True]
    steps = len(buggy.losses)
    st.markdown(t("bug.softmax.intro", lr=ex.SOFTMAX_LR, steps=steps, batch=ex.BATCH))
    legend = (t("bug.series.buggy"), t("bug.series.fixed"))
    accuracy, loss = st.columns(2)
    accuracy.markdown(f"**{t('bug.metric.accuracy', steps=steps)}**")
    loss.markdown(f"**{t('bug.metric.loss', n=LAST_STEPS)}**")
    for col, name, run in zip(accuracy.columns(2), legend, (buggy, fixed)):
        col.metric(name, f"{run.test_accuracies[-1]:.1%}")
    for col, name, run in zip(loss.columns(2), legend, (buggy, fixed)):
        col.metric(name, f"{sum(run.losses[-LAST_STEPS:]) / LAST_STEPS:.3f}")
    c1, c2 = st.columns(2)
    step_word = t("bug.chart.step")
    show_vega(presentation.chart(two_runs(
        tuple(range(1, steps + 1)), tuple(buggy.losses), tuple(fixed.losses), t("bug.chart.loss"), step_word, legend,
        floor=bounds.floor, floor_label=t("bug.chart.floor"))), "softmax_bug_loss", c1)
    show_vega(presentation.chart(two_runs(
        tuple(buggy.steps), tuple(buggy.test_accuracies), tuple(fixed.test_accuracies), t("bug.chart.accuracy"),
        step_word, legend, percent=True)), "softmax_bug_accuracy", c2)
    st.markdown(t("bug.softmax.bounds", floor=bounds.floor, ceiling=bounds.ceiling, uniform=bounds.uniform,
                  band=bounds.ceiling - bounds.floor))
    st.markdown(t("bug.softmax.lowest", lowest=min(buggy.losses), floor=bounds.floor))
    st.markdown(t("bug.softmax.grad", buggy=buggy.first_grad_norm, fixed=fixed.first_grad_norm,
                  ratio=fixed.first_grad_norm / buggy.first_grad_norm))
    st.caption(t("bug.seconds", seconds=buggy.seconds + fixed.seconds))


def show_error(key: str) -> None:
    err = bug_hunt.captured_error(key)
    st.markdown(t("bug.error.raised", line=err.line))
    st.code(err.text, language="text")


def show_kernel() -> None:
    show_error("kernel")
    st.markdown(t("bug.kernel.explain"))
    run = fixed_aux_head()
    st.markdown(t("bug.kernel.fixed", inp=shape_text(run.input_shape), out=shape_text(run.output_shape),
                  params=run.parameters))


def show_minus() -> None:
    show_error("minus")
    st.markdown(t("bug.minus.explain"))
    st.code(bug_hunt.module_minus_module_error().text, language="text")
    run = fixed_resnet()
    st.markdown(t("bug.minus.fixed", inp=shape_text(run.input_shape), out=shape_text(run.output_shape),
                  params=run.parameters))


def show_lrn() -> None:
    res = lrn_run()
    st.markdown(t("bug.lrn.intro"))
    kinds = ("buggy", "fixed")
    show_table(pd.DataFrame({
        t("bug.lrn.col.where"): [t(f"bug.lrn.row.{k}") for k in kinds],
        t("bug.lrn.col.shape"): [shape_text(res.lrn_input_shape[k][1:]) for k in kinds],
        t("bug.lrn.col.values"): [f"{res.values_normalised[k]:,}" for k in kinds],
        t("bug.lrn.col.ms", n=ex.LRN_REPEATS): [f"{res.lrn_ms[k]:.1f}" for k in kinds]}), "lrn_bug", hide_index=True)
    st.markdown(t("bug.lrn.ratio", ratio=res.values_normalised["buggy"] / res.values_normalised["fixed"],
                  buggy=res.values_normalised["buggy"], fixed=res.values_normalised["fixed"]))
    st.markdown(t("bug.lrn.diff", shape=shape_text(res.output_shape), share=res.differing_share,
                  n=math.prod(res.output_shape),
                  diff=res.max_abs_diff, largest=res.max_abs_output))


def show_print() -> None:
    res = print_run()
    st.markdown(t("bug.print.intro", batches=res.batches, batch=ex.BATCH))
    lines, timing = st.columns(2)
    lines.markdown(f"**{t('bug.metric.lines')}**")
    timing.markdown(f"**{t('bug.metric.time')}**")
    for col, name, n in zip(lines.columns(2), (t("bug.series.buggy"), t("bug.series.fixed")),
                            (res.lines_printed, res.fixed_lines_printed)):
        col.metric(name, f"{n:,}")
    c1, c2 = timing.columns(2)
    c1.metric(t("bug.metric.print_us"), f"{res.print_us:.1f} µs")
    c2.metric(t("bug.metric.epoch"), f"{res.epoch_seconds:.3f} s")
    st.markdown(t("bug.print.first"))
    st.code("\n".join(res.first_lines), language="text")
    st.markdown(t("bug.print.explain", lines=res.lines_printed, us=res.print_us,
                  calls=ex.PRINT_CALLS * ex.PRINT_REPEATS, ms=1000 * res.print_seconds, epoch=res.epoch_seconds,
                  n=ex.EPOCH_REPEATS, share=res.print_seconds / res.epoch_seconds))


CONSEQUENCES = {"branch": show_branch, "softmax": show_softmax, "kernel": show_kernel, "minus": show_minus,
                "lrn": show_lrn, "print": show_print}


# ------------------------------------------------------------------------------------ one listing
def show_verdict(puzzle: bug_hunt.Puzzle, line: int | None) -> None:
    """The verdict on the line last checked, while the box still shows it."""
    checked = picks().get(puzzle.key, [])
    if line is None or not checked or checked[-1] != line:
        return
    if puzzle.is_bug(line):
        st.success(t(f"bug.{puzzle.key}.right", line=line, a=puzzle.bug_lines[0], b=puzzle.bug_lines[-1]),
                   icon=":material/check_circle:")
    else:
        st.error(f"{t('bug.wrong', line=line)} {t(f'bug.{puzzle.key}.hint')}", icon=":material/cancel:")


def show_fix(puzzle: bug_hunt.Puzzle) -> None:
    st.markdown(f"**{t('bug.fix.title')}**")
    st.code(puzzle.diff(), language="diff")
    st.caption(t("bug.fix.caption"))
    with st.expander(t("bug.fix.listing"), icon=":material/check:"):
        st.code(puzzle.fixed_source(), language="python", line_numbers=True)
    st.subheader(t("bug.measured.title"))
    with st.spinner(t("bug.running")):
        CONSEQUENCES[puzzle.key]()


def show_puzzle(puzzle: bug_hunt.Puzzle) -> None:
    st.subheader(t(f"bug.{puzzle.key}.title"))
    st.markdown(t(f"bug.{puzzle.key}.task"))
    st.code(puzzle.source, language="python", line_numbers=True)
    shown = revealed().get(puzzle.key, False)
    c1, c2, c3 = st.columns([4, 1, 1], vertical_alignment="bottom")
    line = c1.selectbox(t("bug.pick"), puzzle.code_lines(), index=None, key=f"bug_pick_{puzzle.key}",
                        placeholder=t("bug.pick.placeholder"), disabled=shown,
                        format_func=lambda n: t("bug.pick.line", n=n, code=puzzle.lines[n - 1].strip()))
    c2.button(t("bug.check"), key=f"bug_check_{puzzle.key}", type="primary", width="stretch",
              disabled=line is None or shown, on_click=record_pick, args=(puzzle.key,))
    c3.button(t("bug.reveal"), key=f"bug_reveal_{puzzle.key}", width="stretch", disabled=shown,
              help=t("bug.reveal.help"), on_click=reveal, args=(puzzle.key,))
    show_verdict(puzzle, line)
    if shown:
        show_fix(puzzle)


def status(puzzle: bug_hunt.Puzzle) -> str:
    tried = picks().get(puzzle.key, [])
    if bug_hunt.found(puzzle.key, tried):
        first = next(i for i, line in enumerate(tried, start=1) if puzzle.is_bug(line))
        return t("bug.status.first") if first == 1 else t("bug.status.found", n=first)
    if revealed().get(puzzle.key):
        return t("bug.status.revealed")
    return t("bug.status.trying", n=len(tried)) if tried else t("bug.status.open")


def show_score() -> None:
    st.subheader(t("bug.score.title"))
    if not picks() and not revealed():
        st.caption(t("bug.score.none"))
        return
    s = bug_hunt.score(picks(), revealed())
    st.markdown(t("bug.score.body", found=s.found, total=s.total, first=s.first_try, revealed=s.revealed_unfound))
    st.markdown("\n".join(f"- {t('bug.status.line', title=t(f'bug.{p.key}.title'), status=status(p))}"
                          for p in bug_hunt.PUZZLES))
    if s.found == s.total:
        st.success(t("bug.score.all"), icon=":material/emoji_events:")
    st.button(t("bug.score.reset"), key="bug_reset", on_click=start_again, icon=":material/restart_alt:")


st.title(t("nav.spot_the_bug"))
st.markdown(t("bug.intro"))
chosen = st.radio(t("bug.choose"), [p.key for p in bug_hunt.PUZZLES], key="bug_puzzle", horizontal=True,
                  format_func=lambda k: t(f"bug.{k}.title"))
show_puzzle(bug_hunt.BY_KEY[chosen])
st.divider()
show_score()
