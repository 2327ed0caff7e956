"""Spot the bug: six short listings, each with one real bug of the kind the seed articles' code carries
(../shared/reference/CONCEPTS.md §6), and what each bug does, measured.

* :mod:`.listings` - the listings as text, which lines are the bug, the fix, and a runner that executes a
  listing exactly as the page shows it (so an exception names the listing's own line);
* :mod:`.experiments` - the consequences computed with the listings' own code: gradient norms, training curves,
  the exceptions raised, the LRN's cost, the prints counted and timed;
* :mod:`.quiz` - a student's picks and the score.
"""
from .experiments import (
    BLOCK_LAYERS, BranchResult, FixedRun, LossBounds, LRNResult, PrintResult, SoftmaxCurves, branch_experiment,
    caffe_scale_photo, captured_error, fixed_aux_head, fixed_resnet, floor_formula, lrn_experiment,
    module_minus_module_error, print_experiment, softmax_experiment, softmax_loss_bounds,
)
from .listings import BY_KEY, PUZZLES, CapturedError, ListingRun, Puzzle, run_listing
from .quiz import Score, found, score

__all__ = [
    "BLOCK_LAYERS", "BranchResult", "FixedRun", "LossBounds", "LRNResult", "PrintResult", "SoftmaxCurves",
    "branch_experiment", "caffe_scale_photo", "captured_error", "fixed_aux_head", "fixed_resnet", "floor_formula",
    "lrn_experiment", "module_minus_module_error", "print_experiment", "softmax_experiment", "softmax_loss_bounds",
    "BY_KEY", "PUZZLES", "CapturedError", "ListingRun", "Puzzle", "run_listing",
    "Score", "found", "score",
]
