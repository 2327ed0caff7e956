"""Training lab: train a small Inception net (or a residual one) on handwritten digits here; watch the loss, the
accuracy and the gradient of every block; run the seed articles' experiments (auxiliary classifiers on/off, the
softmax before the loss, plain vs residual) and compare runs honestly."""
import streamlit as st

from googlenet.digits import (
    MAX_DEPTH, MIN_DEPTH, PRESETS, RESIDUAL_DEEP, RESIDUAL_PRESETS, RESNET_MAX_DEPTH, SEED_NET_DEPTH, SEED_PRESETS,
    TrainConfig, aux_taps, can_have_aux, load_split, settings_parameters, softmax_loss_range,
)
from googlenet.digits.nets import block_size
from googlenet.i18n import get_language, set_language, t
from ui import url_state
from ui.concept_check import stop_page
from ui.page_links import (
    TRAIN_BATCH_SIZES, TRAIN_DATA_CHOICES, TRAIN_DEFAULT_DATA, TRAIN_DEPTH_KEYS, TRAIN_EPOCHS, TRAIN_LEARNING_RATES,
    TRAIN_MAX_COUNT, TRAIN_SEED_DEPTH_KEYS,
)
from ui.training_experiments import (
    aux_gradients, experiments_panel, panel_state, residual_section, run_experiment, softmax_section,
)
from ui.training_runs import RunHistory
from ui.training_sections import (
    confusion_section, gradient_section, history_section, metrics_row, train_live, verdict_section,
)
from ui.training_try import try_the_network
from ui.training_weights import load_section, save_section

# The lab's choices are declared with its link (ui/page_links.py): a link sets them, never starts a run.
LEARNING_RATES, BATCH_SIZES = list(TRAIN_LEARNING_RATES), list(TRAIN_BATCH_SIZES)
BUTTONS_DRAWN_FOR = "train_buttons_state"  # what the experiment buttons below the form were drawn for
DATA_CHOICES, DEFAULT_DATA = TRAIN_DATA_CHOICES, TRAIN_DEFAULT_DATA
DEPTH_KEYS, SEED_DEPTH_KEYS = TRAIN_DEPTH_KEYS, TRAIN_SEED_DEPTH_KEYS   # the small nets' sliders; the seed nets'

runs = RunHistory()
stopped = runs.finish_interrupted()  # a Stop click reran the script in the middle of a run
mnist, digits = load_split("mnist"), load_split("digits")

st.title(t("nav.training"))
st.markdown(t("train.intro", n_mnist=sum(mnist.sizes), n_digits=sum(digits.sizes)))

# ------------------------------------------------------------------------------------------------ settings
def keep(*keys: str) -> None:
    """Keep the choices of widgets not drawn in this run (Streamlit forgets an undrawn widget's value). The
    widgets added with the residual nets and the experiments use Streamlit's own persist_state="session"."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def depth_slider(preset: str) -> int:
    """The depth: the small nets' own sliders (each keeps its choice while the other preset is shown); the seed
    nets' fixed two blocks, shown on a disabled slider."""
    if preset != "googlenet_small":
        keep("train_depth")   # (the residual net's slider keeps its own choice: persist_state)
    if preset in SEED_PRESETS:
        return st.slider(t("train.depth.resnet" if preset == "seed_resnet" else "train.depth"), MIN_DEPTH,
                         MAX_DEPTH, SEED_NET_DEPTH, key=SEED_DEPTH_KEYS[preset], disabled=True,
                         help=t("train.depth.seed_resnet_help" if preset == "seed_resnet" else "train.depth.seed_help"))
    if preset == "resnet_small":
        return st.slider(t("train.depth.resnet"), MIN_DEPTH, RESNET_MAX_DEPTH, RESIDUAL_DEEP, key=DEPTH_KEYS[preset],
                         help=t("train.depth.resnet_help"), persist_state="session")
    return st.slider(t("train.depth"), MIN_DEPTH, MAX_DEPTH, 3, key=DEPTH_KEYS[preset], help=t("train.depth.help"))


def network_switches(preset: str, depth: int) -> tuple[bool, bool, bool, bool]:
    """The aux, BatchNorm and shortcuts switches: (aux, batch_norm, shortcuts, whether aux heads are possible).
    A switch that does not apply to this network is drawn disabled, with the reason in its help."""
    c1, c2 = st.columns(2)
    aux_possible = can_have_aux(preset, depth)
    if aux_possible:
        aux = c1.toggle(t("train.aux"), True, key="train_aux", help=t("train.aux.help"))
    else:  # nowhere to attach a head (one block, or a residual net): the toggle says why, the choice waits
        keep("train_aux")
        reason = "train.aux.residual_help" if preset in RESIDUAL_PRESETS else "train.aux.none_help"
        key = "train_aux_resnet" if preset in RESIDUAL_PRESETS else "train_aux_none"
        aux = c1.toggle(t("train.aux"), False, key=key, disabled=True, help=t(reason))
    if preset == "googlenet_small":
        batch_norm = c2.toggle(t("train.bn"), True, key="train_bn", help=t("train.bn.help"))
    else:  # the seed nets and the residual nets are built without BatchNorm
        keep("train_bn")
        residual = preset in RESIDUAL_PRESETS
        batch_norm = c2.toggle(t("train.bn"), False, key="train_bn_resnet" if residual else "train_bn_seed",
                               disabled=True, help=t("train.bn.residual_help" if residual else "train.bn.help"))
    if preset in RESIDUAL_PRESETS:
        shortcuts = st.toggle(t("train.shortcuts"), True, key="train_shortcuts", help=t("train.shortcuts.help"),
                              persist_state="session")
    else:
        shortcuts = False
    return aux, batch_norm, shortcuts, aux_possible


def preset_caption(config: TrainConfig) -> str:
    """What the chosen network is, with its parameter count computed from the network these settings build."""
    preset, depth, dataset = config.preset, config.depth, config.dataset
    params = settings_parameters(preset, depth, config.batch_norm, dataset)
    if preset in SEED_PRESETS:
        return t(f"train.preset.{preset}.caption.{dataset}", params=params)
    size = block_size(dataset)
    if preset == "resnet_small":
        return t("train.preset.resnet_small.caption", depth=depth, params=params, size=size,
                 stem=t(f"train.resnet_stem.{dataset}"))
    stem = t(f"train.stem.{dataset}")
    if aux_taps(depth):
        return t("train.preset.googlenet_small.caption", depth=depth, params=params, stem=stem, size=size,
                 taps=", ".join(str(i) for i in aux_taps(depth)))
    return t("train.preset.googlenet_small.caption_noaux", depth=depth, params=params, stem=stem, size=size)


@url_state.fragment   # the settings travel in the link (ui/page_links.py)
def settings_form() -> tuple[TrainConfig, bool]:
    """The settings widgets: (the run they describe, whether it can have aux heads). A fragment: moving one
    reruns only this form, not the runs' results below, however many there are."""
    set_language(st.session_state.get("lang", get_language()))  # a fragment rerun starts a fresh context
    left, right = st.columns(2, gap="large")
    with left:
        preset = st.radio(t("train.preset"), PRESETS, key="train_preset", horizontal=True,
                          format_func=lambda p: t(f"train.preset.{p}"))
        dataset = st.radio(t("train.data"), DATA_CHOICES, index=DATA_CHOICES.index(DEFAULT_DATA[preset]),
                           key=f"train_data_{preset}", horizontal=True, help=t("train.data.help"),
                           persist_state="session",   # each network keeps its own data choice, across pages too
                           format_func=lambda d: t(f"train.data.option.{d}", n=sum(load_split(d).sizes)))
        depth = depth_slider(preset)
        aux, batch_norm, shortcuts, aux_possible = network_switches(preset, depth)
    with right:
        epochs = st.slider(t("train.epochs"), *TRAIN_EPOCHS, key="train_epochs", help=t("train.epochs.help"))
        lr = st.select_slider(t("train.lr"), LEARNING_RATES, value=0.003, key="train_lr", help=t("train.lr.help"))
        softmax_bug = st.toggle(t("train.softmax_bug"), False, key="train_softmax_bug", persist_state="session",
                                help=t("train.softmax_bug.help", floor=softmax_loss_range().floor))
        with st.expander(t("train.more")):
            m1, m2 = st.columns(2)
            seed = m1.number_input(t("train.seed"), 0, TRAIN_MAX_COUNT, 0, step=1, key="train_seed",
                                   help=t("train.seed.help"))
            batch_size = m2.selectbox(t("train.batch"), BATCH_SIZES, index=1, key="train_batch")
            max_steps = st.number_input(t("train.max_steps"), 0, TRAIN_MAX_COUNT, 0, step=1,
                                        key="train_max_steps", help=t("train.max_steps.help"))

    config = TrainConfig(preset=preset, depth=depth, aux=aux, batch_norm=batch_norm, epochs=epochs, lr=lr,
                         batch_size=batch_size, seed=seed, max_steps=max_steps, dataset=dataset,
                         shortcuts=shortcuts, softmax_bug=softmax_bug)
    st.caption(preset_caption(config))
    if st.session_state.get(BUTTONS_DRAWN_FOR) not in (None, panel_state(config, aux_possible)):
        st.rerun()  # a form-only rerun that changes what the experiment buttons offer: redraw them too
    return config, aux_possible


st.header(t("train.settings"))
with st.container(border=True):
    st.session_state[BUTTONS_DRAWN_FOR] = None   # (the form sees None while the whole page runs)
    config, aux_possible = settings_form()
    st.session_state[BUTTONS_DRAWN_FOR] = panel_state(config, aux_possible)
    b1, b2, _ = st.columns([1, 1, 2])
    start = b1.button(t("train.start"), key="train_start", type="primary", width="stretch")
    b2.button(t("train.stop"), key="train_stop", width="stretch")

experiment = experiments_panel(config, aux_possible)
url_state.publish()   # the settings drawn for the first time are in the address too (the page may stop below)

for note in stopped:
    st.warning(t("train.stopped" if note.evaluated else "train.stopped.not_evaluated",
                 n=note.number, step=note.step, total=note.total))

# ------------------------------------------------------------------------------------------------ training
if start:
    train_live(runs, config, load_split(config.dataset))
elif experiment is not None:
    run_experiment(runs, experiment)

if not runs:
    st.info(t("train.none_yet"))
    load_section(runs)
    stop_page("training")   # the page's concept checks, then st.stop()

# ------------------------------------------------------------------------------------------------ results
st.header(t("train.results"))
chosen = runs.choose()
metrics_row(chosen)
history_section(runs)
comparison = verdict_section(runs)
if comparison is not None:
    aux_gradients(comparison)
softmax_section(runs)
residual_section(runs)
gradient_section(chosen, comparison)
confusion_section(chosen)

st.header(t("train.try.title"))
try_the_network(chosen, load_split(chosen.config.dataset))   # the run's own test digits

save_section(chosen)
load_section(runs)
