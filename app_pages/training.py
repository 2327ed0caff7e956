"""Training lab: train a small Inception net on handwritten digits here, with and without auxiliary
classifiers; watch the loss, the accuracy and the gradient of every block; compare runs honestly."""
import time

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, LogLocator
import numpy as np
import pandas as pd
import streamlit as st

from googlenet.digits import digit_from_image, digit_to_picture, load_digits_split
from googlenet.i18n import get_language, set_language, t
from googlenet.images import ACCEPTED_EXTENSIONS, ImageError, load_image
from googlenet.training import (
    MAX_DEPTH, MIN_DEPTH, PRESETS, SAME_THRESHOLD_PP, CheckpointError, RunRecord, TrainConfig, Trainer,
    aux_taps, build_model, compare_aux, count_parameters, load_checkpoint, predict_proba, save_checkpoint,
)

MAX_RUNS = 8                      # the history keeps the newest runs (each holds a small model)
DRAW_EVERY_S = 0.5                # live charts are redrawn at most twice a second
LEARNING_RATES = [0.0003, 0.001, 0.003, 0.01, 0.03]
FIGSIZE = (10, 4.5)
PLAIN = FuncFormatter(lambda v, _: f"{v:g}")   # 0.5 rather than 5 x 10^-1 on logarithmic axes


def plain_log_axis(ax) -> None:
    """Logarithmic y axis with plain tick labels, as many per decade as the range leaves room for."""
    ax.set_yscale("log")
    low, high = ax.get_ylim()
    span = high / max(low, 1e-30)
    subs = tuple(range(1, 10)) if span < 10 else (1, 2, 5) if span < 300 else (1,)
    ax.yaxis.set_major_locator(LogLocator(subs=[float(k) for k in subs], numticks=40))
    ax.yaxis.set_major_formatter(PLAIN)
    ax.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))

data = load_digits_split()
history: list[RunRecord] = st.session_state.setdefault("train_history", [])


def on_off(flag: bool) -> str:
    return t("train.on") if flag else t("train.off")


def settings_label(cfg: TrainConfig) -> str:
    if cfg.preset == "seed_mnist":
        return t("train.label.seed", aux=on_off(cfg.aux))
    return t("train.label.small", depth=cfg.depth, aux=on_off(cfg.aux), bn=on_off(cfg.batch_norm))


def run_label(rec: RunRecord, stat: bool = True) -> str:
    label = f"#{rec.number} · {settings_label(rec.config)}"
    if stat and rec.test_accuracy is not None:
        label += " · " + t("train.label.stat", acc=100 * rec.test_accuracy, status=t(f"train.status.{rec.status}"))
    return label


def next_number() -> int:
    st.session_state.train_counter = st.session_state.get("train_counter", 0) + 1
    return st.session_state.train_counter


def remember(rec: RunRecord) -> None:
    history.append(rec)
    del history[:-MAX_RUNS]
    st.session_state.train_pick_next = rec.number  # selected when the run picker is drawn next


def smooth(values, k: int = 10) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return values
    cumsum = np.cumsum(np.insert(values, 0, 0.0))
    idx = np.arange(1, len(values) + 1)
    lo = np.maximum(0, idx - k)
    return (cumsum[idx] - cumsum[lo]) / (idx - lo)


# A run still marked "running" was interrupted: the Stop button (or any other click) reran the script.
# Its curves were saved step by step; keep them, and evaluate what the network learnt so far.
for rec in history:
    if rec.status == "running":
        rec.finish(data, status="stopped")
        st.session_state.train_stopped_note = (rec.number, rec.steps[-1] if rec.steps else 0, rec.total_steps)

st.title(t("nav.training"))
st.markdown(t("train.intro", n_train=data.sizes[0], n_test=data.sizes[1]))

# ------------------------------------------------------------------------------------------------ settings
st.header(t("train.settings"))
with st.container(border=True):
    left, right = st.columns(2, gap="large")
    with left:
        preset = st.radio(t("train.preset"), PRESETS, key="train_preset", horizontal=True,
                          format_func=lambda p: t(f"train.preset.{p}"))
        seed_net = preset == "seed_mnist"
        depth = st.slider(t("train.depth"), MIN_DEPTH, MAX_DEPTH, 3, key="train_depth", help=t("train.depth.help"),
                          disabled=seed_net)
        c1, c2 = st.columns(2)
        aux = c1.toggle(t("train.aux"), True, key="train_aux", help=t("train.aux.help"))
        batch_norm = c2.toggle(t("train.bn"), True, key="train_bn", help=t("train.bn.help"), disabled=seed_net)
    with right:
        epochs = st.slider(t("train.epochs"), 1, 30, 8, key="train_epochs", help=t("train.epochs.help"))
        lr = st.select_slider(t("train.lr"), LEARNING_RATES, value=0.003, key="train_lr", help=t("train.lr.help"))
        with st.expander(t("train.more")):
            m1, m2 = st.columns(2)
            seed = int(m1.number_input(t("train.seed"), 0, 10_000, 0, key="train_seed", help=t("train.seed.help")))
            batch_size = int(m2.selectbox(t("train.batch"), [32, 64, 128], index=1, key="train_batch"))
            max_steps = int(st.number_input(t("train.max_steps"), 0, 10_000, 0, key="train_max_steps",
                                            help=t("train.max_steps.help")))

    config = TrainConfig(preset=preset, depth=2 if seed_net else depth, aux=aux,
                         batch_norm=False if seed_net else batch_norm, epochs=epochs, lr=lr,
                         batch_size=batch_size, seed=seed, max_steps=max_steps)
    preview = build_model(**config.with_(aux=False).model_config())
    params = count_parameters(preview)
    if seed_net:
        st.caption(t("train.preset.seed_mnist.caption", params=params))
    elif aux_taps(depth):
        st.caption(t("train.preset.googlenet_small.caption", depth=depth, params=params,
                     taps=", ".join(str(i) for i in aux_taps(depth))))
    else:
        st.caption(t("train.preset.googlenet_small.caption_noaux", depth=depth, params=params))

    b1, b2, b3 = st.columns([1, 1, 2])
    start = b1.button(t("train.start"), key="train_start", type="primary", width="stretch")
    b2.button(t("train.stop"), key="train_stop", width="stretch")
    both = b3.button(t("train.compare"), key="train_compare", help=t("train.compare.help"), width="stretch")


note = st.session_state.pop("train_stopped_note", None)
if note:
    st.warning(t("train.stopped", n=note[0], step=note[1], total=note[2]))


# ------------------------------------------------------------------------------------------------ live training
def draw_live(box, rec: RunRecord) -> None:
    steps = pd.Index(rec.steps, name=t("train.chart.step"))
    loss = pd.DataFrame({t("train.series.total"): rec.losses, t("train.series.main"): rec.main_losses}, index=steps)
    test = pd.Series(np.nan, index=steps)
    test.loc[rec.epoch_steps] = rec.test_accuracies
    acc = pd.DataFrame({t("train.series.train_acc"): 100 * smooth(rec.accuracies),
                        t("train.series.test_acc"): 100 * test.ffill()}, index=steps)
    with box.container():
        c1, c2 = st.columns(2)
        c1.markdown(f"**{t('train.live.loss')}**")
        c1.line_chart(loss, height=280, x_label=t("train.chart.step"))
        c2.markdown(f"**{t('train.live.accuracy')}**")
        c2.line_chart(acc, height=280, x_label=t("train.chart.step"), y_label="%")
        c2.caption(t("train.live.accuracy.caption"))


def train_live(cfg: TrainConfig) -> None:
    trainer = Trainer(cfg, data)
    rec = RunRecord(number=next_number(), config=cfg, model=trainer.model, total_steps=trainer.total_steps)
    remember(rec)  # from now on every report lands in the history, so a stopped run keeps its curves
    st.subheader(t("train.live.title", n=rec.number, label=settings_label(cfg)))
    bar = st.progress(0.0)
    box = st.empty()
    last_draw = 0.0
    for report in trainer.run():
        rec.update(report)
        now = time.monotonic()
        if report.step == report.total_steps or report.test_accuracy is not None or now - last_draw > DRAW_EVERY_S:
            bar.progress(min(1.0, report.fraction),
                         text=t("train.progress", step=report.step, total=report.total_steps, epoch=report.epoch,
                                loss=report.loss, elapsed=report.elapsed))
            draw_live(box, rec)
            last_draw = now
    rec.finish(data)
    box.empty()  # the finished run's curves are drawn below, with all the others
    bar.progress(1.0, text=t("train.live.done", n=rec.number, acc=100 * rec.test_accuracy, elapsed=rec.elapsed))


if start:
    train_live(config)
elif both:
    for with_aux in (True, False):
        train_live(config.with_(aux=with_aux))


# ------------------------------------------------------------------------------------------------ results
def loss_and_accuracy_figure(runs: list[RunRecord]):
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=FIGSIZE)
    for i, rec in enumerate(runs):
        style = dict(color=f"C{i % 10}", linestyle="--" if rec.config.aux else "-", label=f"#{rec.number}")
        ax1.plot(rec.steps, smooth(rec.main_losses), **style)
        ax2.plot(rec.epoch_steps, [100 * a for a in rec.test_accuracies], marker="o", markersize=4, **style)
    plain_log_axis(ax1)
    ax1.set_title(t("train.chart.loss"))
    ax1.set_xlabel(t("train.chart.step"))
    ax2.set_title(t("train.chart.test_acc"))
    ax2.set_xlabel(t("train.chart.step"))
    ax2.set_ylabel("%")
    ax2.set_ylim(max(0, min([ax2.get_ylim()[0], 80])), 100.5)
    for ax in (ax1, ax2):
        ax.grid(alpha=0.3)
    ax2.legend(title=t("train.chart.run"), loc="lower right")
    fig.tight_layout()
    return fig


def grad_figure(rec: RunRecord, partner: RunRecord | None):
    fifth = max(1, len(rec.grad_norms) // 5)
    early = rec.mean_grad_norms(fifth)
    late = {name: float(np.mean([r[name] for r in rec.grad_norms[-fifth:]])) for name in early}
    names = list(early)
    x = np.arange(len(names))
    fig, ax = plt.subplots(figsize=FIGSIZE)
    ax.plot(x, [early[n] for n in names], marker="o", color="C0", label=t("train.grad.early", n=rec.number))
    ax.plot(x, [late[n] for n in names], marker="s", color="C1", label=t("train.grad.late", n=rec.number))
    if partner is not None:
        other = partner.mean_grad_norms(max(1, len(partner.grad_norms) // 5))
        ax.plot(x, [other.get(n, np.nan) for n in names], marker="^", color="C2", linestyle="--",
                label=t("train.grad.partner", n=partner.number, aux=on_off(partner.config.aux)))
    plain_log_axis(ax)
    ax.set_xticks(x, names, rotation=30 if len(names) > 6 else 0)
    ax.set_ylabel(t("train.grad.ylabel"))
    ax.grid(alpha=0.3, which="major")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3 if partner is not None else 2, frameon=False,
              fontsize=12)
    fig.tight_layout()
    return fig, early


def confusion_figure(confusion: np.ndarray):
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    ax.imshow(confusion, cmap="Blues")
    top = confusion.max()
    for i in range(confusion.shape[0]):
        for j in range(confusion.shape[1]):
            if confusion[i, j]:
                ax.text(j, i, str(confusion[i, j]), ha="center", va="center", fontsize=11,
                        color="white" if confusion[i, j] > top / 2 else "black")
    ax.set_xticks(range(10))
    ax.set_yticks(range(10))
    ax.set_xlabel(t("train.confusion.pred"))
    ax.set_ylabel(t("train.confusion.true"))
    ax.spines[:].set_visible(False)
    fig.tight_layout()
    return fig


def show_prediction(rec: RunRecord, digit: np.ndarray) -> None:
    probs = predict_proba(rec.model, digit)[0]
    best = int(probs.argmax())
    st.markdown(t("train.try.prediction", label=best, p=float(probs[best])))
    chart = pd.DataFrame({t("train.try.probs"): probs}, index=pd.Index([str(d) for d in range(10)]))
    st.bar_chart(chart, height=220, x_label=t("train.confusion.pred"))


def clear_history() -> None:
    history.clear()
    st.session_state.pop("train_pick", None)
    st.session_state.pop("train_loaded_files", None)


def load_weights_section() -> None:
    """Upload weights downloaded earlier: they join the history as a run of their own."""
    st.subheader(t("train.load"))
    upload = st.file_uploader(t("train.load.upload"), type=["pt", "pth"], key="train_weights_upload")
    loaded = st.session_state.setdefault("train_loaded_files", {})
    if upload is not None and upload.file_id not in loaded:
        try:
            model, loaded_config, _ = load_checkpoint(upload.getvalue())
        except CheckpointError as err:
            st.error(t(err.key, **err.fmt))
        else:
            rec = RunRecord(number=next_number(), config=loaded_config, model=model, status="loaded")
            rec.finish(data, status="loaded")
            remember(rec)
            loaded[upload.file_id] = rec.number
            st.rerun()  # draw the page again with the loaded network selected
    number = loaded.get(upload.file_id) if upload is not None else None
    rec = next((r for r in history if r.number == number), None)
    if rec is not None:
        st.success(t("train.load.ok", n=rec.number, label=run_label(rec, stat=False), acc=100 * rec.test_accuracy))


if not history:
    st.info(t("train.none_yet"))
    load_weights_section()
    st.stop()

st.header(t("train.results"))
numbers = [r.number for r in history]
pending = st.session_state.pop("train_pick_next", None)
if pending in numbers:
    st.session_state.train_pick = pending
if st.session_state.get("train_pick") not in numbers:
    st.session_state.train_pick = numbers[-1]
pick = st.selectbox(t("train.pick"), numbers, key="train_pick",
                    format_func=lambda n: run_label(next(r for r in history if r.number == n)))
chosen = next(r for r in history if r.number == pick)

m1, m2, m3, m4 = st.columns(4)
m1.metric(t("train.metric.test_acc"), f"{100 * chosen.test_accuracy:.1f}%" if chosen.test_accuracy is not None else "–")
m2.metric(t("train.metric.time"), f"{chosen.elapsed:.1f} s" if chosen.steps else "–")
m3.metric(t("train.metric.steps"), f"{len(chosen.steps)} / {chosen.total_steps}" if chosen.steps else "–")
trunk = count_parameters(chosen.model, include_aux=False)
m4.metric(t("train.metric.params"), f"{trunk:,}",
          help=t("train.metric.params.help", aux=count_parameters(chosen.model) - trunk))

trained = [r for r in history if r.steps]
if trained:
    st.subheader(t("train.history.title"))
    fig = loss_and_accuracy_figure(trained)
    st.pyplot(fig)
    plt.close(fig)
    st.caption(t("train.history.caption"))
table = pd.DataFrame({
    t("train.history.table.run"): [f"#{r.number}" for r in history],
    t("train.history.table.settings"): [settings_label(r.config) for r in history],
    t("train.history.table.acc"): [f"{100 * r.test_accuracy:.1f}%" if r.test_accuracy is not None else "–"
                                   for r in history],
    t("train.history.table.time"): [f"{r.elapsed:.1f}" if r.steps else "–" for r in history],
    t("train.history.table.status"): [t(f"train.status.{r.status}") for r in history],
})
st.dataframe(table, hide_index=True, width="stretch")
st.button(t("train.history.clear"), key="train_clear", on_click=clear_history)

# The honest verdict: computed from this session's runs, never written in advance.
st.subheader(t("train.verdict.title"))
comparison = compare_aux(history)
if comparison is None:
    st.info(t("train.verdict.none"))
else:
    c = comparison
    text = t("train.verdict.numbers", a=c.with_aux.number, b=c.without_aux.number,
             acc_with=100 * c.with_aux.test_accuracy, acc_without=100 * c.without_aux.test_accuracy,
             diff=c.accuracy_gain, loss_with=float(np.mean(c.with_aux.main_losses[-10:])),
             loss_without=float(np.mean(c.without_aux.main_losses[-10:])))
    text += "\n\n" + t(f"train.verdict.{c.verdict}", threshold=SAME_THRESHOLD_PP)
    if np.isfinite(c.first_block_ratio):
        text += "\n\n" + t("train.verdict.grad", block=c.with_aux.model.blocks()[0][0], ratio=c.first_block_ratio)
    (st.info if c.verdict == "same" else st.success)(text)
with st.expander(t("train.why.title"), expanded=comparison is not None and comparison.verdict == "same"):
    st.markdown(t("train.why.body"))

# Gradient norms per block.
st.subheader(t("train.grad.title"))
if chosen.grad_norms:
    partner = None
    if comparison is not None and chosen in (comparison.with_aux, comparison.without_aux):
        partner = comparison.without_aux if chosen is comparison.with_aux else comparison.with_aux
    fig, early = grad_figure(chosen, partner)
    st.pyplot(fig)
    plt.close(fig)
    st.caption(t("train.grad.caption"))
    inceptions = [n for n in early if n.startswith("incep")]
    first, last = (inceptions[0], inceptions[-1]) if len(inceptions) >= 2 else (next(iter(early)), inceptions[-1])
    if early[first] > 0 and early[last] / early[first] > 10:
        st.markdown(t("train.grad.vanish", n=chosen.number, first=first, last=last, factor=early[last] / early[first]))
    elif min(early[first], early[last]) > 0:
        factor = max(early[first], early[last]) / min(early[first], early[last])
        st.markdown(t("train.grad.flat", n=chosen.number, first=first, last=last, factor=factor))
else:
    st.info(t("train.grad.none"))

# Confusion matrix.
st.subheader(t("train.confusion.title"))
confusion = chosen.evaluation.confusion
cm_left, cm_right = st.columns([3, 2])
with cm_left:
    fig = confusion_figure(confusion)
    st.pyplot(fig)
    plt.close(fig)
with cm_right:
    st.caption(t("train.confusion.caption"))
    off = confusion.copy()
    np.fill_diagonal(off, 0)
    if off.max() == 0:
        st.markdown(t("train.confusion.perfect", n=int(confusion.sum())))
    else:
        true, pred = np.unravel_index(off.argmax(), off.shape)
        st.markdown(t("train.confusion.worst", true=int(true), pred=int(pred), count=int(off.max())))

# ------------------------------------------------------------------------------------------------ try it
@st.fragment
def try_the_network(chosen: RunRecord) -> None:
    """A test digit or the user's own picture through the chosen network. A fragment: moving the slider
    reruns only this part, not the charts above."""
    set_language(st.session_state.get("lang", get_language()))  # a fragment rerun starts a fresh context
    tab_test, tab_upload = st.tabs([t("train.try.test_tab"), t("train.try.upload_tab")])
    with tab_test:
        index = st.slider(t("train.try.index"), 0, data.sizes[1] - 1, 0, key="train_test_index")
        digit = data.x_test[index, 0].numpy()
        p1, p2 = st.columns([1, 2])
        p1.image(digit_to_picture(digit), width=170)
        p1.markdown(t("train.try.truth", label=int(data.y_test[index])))
        with p2:
            show_prediction(chosen, digit)
    with tab_upload:
        picture = st.file_uploader(t("train.try.upload"), type=list(ACCEPTED_EXTENSIONS), key="train_digit_upload",
                                   help=t("train.try.upload.help"))
        if picture is not None:
            try:
                image = load_image(picture.getvalue())
            except ImageError as err:
                st.error(t(err.key, **err.fmt))
            else:
                digit = digit_from_image(image)
                u1, u2, u3 = st.columns([1, 1, 2])
                image.thumbnail((340, 340))
                u1.image(image, caption=t("train.try.yours"), width=170)
                u2.image(digit_to_picture(digit), caption=t("train.try.seen"), width=170)
                with u3:
                    if digit.max() == 0:
                        st.warning(t("train.try.empty"))
                    else:
                        show_prediction(chosen, digit)


st.header(t("train.try.title"))
st.caption(t("train.try.caption", n=chosen.number))
try_the_network(chosen)

# ------------------------------------------------------------------------------------------------ save
st.header(t("train.save.title"))
name = f"digits_{chosen.config.preset}_run{chosen.number}.pt"
st.download_button(t("train.save.download", n=chosen.number),
                   data=save_checkpoint(chosen.model, chosen.config, chosen.test_accuracy),
                   file_name=name, mime="application/octet-stream", key="train_download", on_click="ignore")
st.caption(t("train.save.caption"))
load_weights_section()
