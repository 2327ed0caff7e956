"""Training lab: train a small Inception net on handwritten digits here, with and without auxiliary
classifiers; watch the loss, the accuracy and the gradient of every block; compare runs honestly."""
import streamlit as st

from googlenet.digits import (
    MAX_DEPTH, MIN_DEPTH, PRESETS, SEED_NET_DEPTH, TrainConfig, aux_taps, can_have_aux, load_split,
    settings_parameters,
)
from googlenet.digits.nets import block_size
from googlenet.i18n import get_language, set_language, t
from ui.concept_check import stop_page
from ui.training_runs import RunHistory
from ui.training_sections import (
    confusion_section, gradient_section, history_section, metrics_row, train_live, verdict_section,
)
from ui.training_try import try_the_network
from ui.training_weights import load_section, save_section

LEARNING_RATES = [0.0003, 0.001, 0.003, 0.01, 0.03]
BATCH_SIZES = [32, 64, 128]
BUTTONS_DRAWN_FOR = "train_buttons_aux"   # whether the buttons below the form were drawn with "compare" enabled
DATA_CHOICES = ("mnist", "digits")          # the real thing first; the 8x8 digits train in a few seconds
DEFAULT_DATA = {"seed_mnist": "mnist", "googlenet_small": "digits"}  # the seed net at its native 28x28

runs = RunHistory()
stopped = runs.finish_interrupted()  # a Stop click reran the script in the middle of a run
mnist, digits = load_split("mnist"), load_split("digits")

st.title(t("nav.training"))
st.markdown(t("train.intro", n_mnist=sum(mnist.sizes), n_digits=sum(digits.sizes)))

# ------------------------------------------------------------------------------------------------ settings
@st.fragment
def settings_form() -> tuple[TrainConfig, bool]:
    """The settings widgets: (the run they describe, whether it can have aux heads). A fragment: moving one
    reruns only this form, not the runs' results below, however many there are."""
    set_language(st.session_state.get("lang", get_language()))  # a fragment rerun starts a fresh context
    left, right = st.columns(2, gap="large")
    with left:
        preset = st.radio(t("train.preset"), PRESETS, key="train_preset", horizontal=True,
                          format_func=lambda p: t(f"train.preset.{p}"))
        seed_net = preset == "seed_mnist"
        for other in PRESETS:  # each network keeps its own data-set choice while the other one is shown
            if other != preset and f"train_data_{other}" in st.session_state:
                st.session_state[f"train_data_{other}"] = st.session_state[f"train_data_{other}"]
        dataset = st.radio(t("train.data"), DATA_CHOICES, index=DATA_CHOICES.index(DEFAULT_DATA[preset]),
                           key=f"train_data_{preset}", horizontal=True, help=t("train.data.help"),
                           format_func=lambda d: t(f"train.data.option.{d}", n=sum(load_split(d).sizes)))
        if seed_net:  # the seed net's shape is fixed: the widgets show what it is, the small net's choices wait
            for key in ("train_depth", "train_bn"):  # (kept while their widgets are not drawn)
                if key in st.session_state:
                    st.session_state[key] = st.session_state[key]
            depth = st.slider(t("train.depth"), MIN_DEPTH, MAX_DEPTH, SEED_NET_DEPTH, key="train_depth_seed",
                              disabled=True, help=t("train.depth.seed_help"))
        else:
            depth = st.slider(t("train.depth"), MIN_DEPTH, MAX_DEPTH, 3, key="train_depth", help=t("train.depth.help"))
        c1, c2 = st.columns(2)
        aux_possible = can_have_aux(preset, depth)
        if aux_possible:
            aux = c1.toggle(t("train.aux"), True, key="train_aux", help=t("train.aux.help"))
        else:  # one block: nowhere to attach a head; the toggle shows that, the user's choice waits
            if "train_aux" in st.session_state:
                st.session_state["train_aux"] = st.session_state["train_aux"]
            aux = c1.toggle(t("train.aux"), False, key="train_aux_none", disabled=True, help=t("train.aux.none_help"))
        if seed_net:
            batch_norm = c2.toggle(t("train.bn"), False, key="train_bn_seed", disabled=True, help=t("train.bn.help"))
        else:
            batch_norm = c2.toggle(t("train.bn"), True, key="train_bn", help=t("train.bn.help"))
    with right:
        epochs = st.slider(t("train.epochs"), 1, 30, 8, key="train_epochs", help=t("train.epochs.help"))
        lr = st.select_slider(t("train.lr"), LEARNING_RATES, value=0.003, key="train_lr", help=t("train.lr.help"))
        with st.expander(t("train.more")):
            m1, m2 = st.columns(2)
            seed = m1.number_input(t("train.seed"), 0, 10_000, 0, step=1, key="train_seed", help=t("train.seed.help"))
            batch_size = m2.selectbox(t("train.batch"), BATCH_SIZES, index=1, key="train_batch")
            max_steps = st.number_input(t("train.max_steps"), 0, 10_000, 0, step=1, key="train_max_steps",
                                        help=t("train.max_steps.help"))

    config = TrainConfig(preset=preset, depth=depth, aux=aux, batch_norm=batch_norm, epochs=epochs, lr=lr,
                         batch_size=batch_size, seed=seed, max_steps=max_steps, dataset=dataset)
    params = settings_parameters(preset, config.depth, config.batch_norm, dataset)
    if seed_net:
        st.caption(t(f"train.preset.seed_mnist.caption.{dataset}", params=params))
    else:
        size = block_size(dataset)
        stem = t(f"train.stem.{dataset}")
        if aux_taps(depth):
            st.caption(t("train.preset.googlenet_small.caption", depth=depth, params=params, stem=stem, size=size,
                         taps=", ".join(str(i) for i in aux_taps(depth))))
        else:
            st.caption(t("train.preset.googlenet_small.caption_noaux", depth=depth, params=params, stem=stem,
                         size=size))
    if st.session_state.get(BUTTONS_DRAWN_FOR) not in (None, aux_possible):
        st.rerun()  # a form-only rerun that enables or disables the comparison: redraw the buttons too
    return config, aux_possible


st.header(t("train.settings"))
with st.container(border=True):
    st.session_state[BUTTONS_DRAWN_FOR] = None   # (the form sees None while the whole page runs)
    config, aux_possible = settings_form()
    st.session_state[BUTTONS_DRAWN_FOR] = aux_possible
    b1, b2, b3 = st.columns([1, 1, 2])
    start = b1.button(t("train.start"), key="train_start", type="primary", width="stretch")
    b2.button(t("train.stop"), key="train_stop", width="stretch")
    both = b3.button(t("train.compare"), key="train_compare", width="stretch", disabled=not aux_possible,
                     help=t("train.compare.help" if aux_possible else "train.aux.none_help"))

for note in stopped:
    st.warning(t("train.stopped" if note.evaluated else "train.stopped.not_evaluated",
                 n=note.number, step=note.step, total=note.total))

# ------------------------------------------------------------------------------------------------ training
if start:
    train_live(runs, config, load_split(config.dataset))
elif both:
    for with_aux in (True, False):
        train_live(runs, config.with_(aux=with_aux), load_split(config.dataset))

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
gradient_section(chosen, comparison)
confusion_section(chosen)

st.header(t("train.try.title"))
try_the_network(chosen, load_split(chosen.config.dataset))   # the run's own test digits

save_section(chosen)
load_section(runs)
