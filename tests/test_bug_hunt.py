"""googlenet.bug_hunt: the six listings, their fixes, and every consequence the spot-the-bug page shows."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch

from googlenet import bug_hunt
from googlenet.bug_hunt import experiments as ex
from googlenet.bug_hunt.listings import BY_KEY, PUZZLES

SEED_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "reference" / "seed-articles"


# ------------------------------------------------------------------------------------ the listings
@pytest.mark.parametrize("puzzle", PUZZLES, ids=[p.key for p in PUZZLES])
def test_listing_is_short_and_its_fix_touches_only_the_bug(puzzle):
    assert 10 <= len(puzzle.lines) <= 25
    assert set(puzzle.bug_lines) <= set(puzzle.code_lines())
    assert set(puzzle.fix) == set(puzzle.bug_lines)
    fixed = puzzle.fixed_source().splitlines()
    deleted = sum(new is None for new in puzzle.fix.values())
    assert len(fixed) == len(puzzle.lines) - deleted
    untouched = [text for n, text in enumerate(puzzle.lines, start=1) if n not in puzzle.fix]
    assert [line for line in fixed if line in untouched] == untouched      # every other line kept, in order
    for n in puzzle.bug_lines:
        assert f"- {n:>2} {puzzle.lines[n - 1]}" in puzzle.diff()
    assert compile(puzzle.fixed_source(), "fixed", "exec")


@pytest.mark.parametrize("puzzle", PUZZLES, ids=[p.key for p in PUZZLES])
def test_every_fixed_listing_runs(puzzle):
    assert bug_hunt.run_listing(puzzle, fixed=True).ok


@pytest.mark.skipif(not SEED_ARTICLES.is_dir(), reason="the seed articles are not next to the project")
def test_listings_are_our_own_code_not_the_articles():
    """No line beyond boilerplate (`def forward(self, x):`) reads like the articles' code, except a bug line itself
    (it is the bug being taught)."""
    articles = "".join(p.read_text() for p in SEED_ARTICLES.glob("*.txt")).replace(" ", "")
    squeezed = lambda text: text.replace(" ", "")  # noqa: E731
    copied = [(p.key, text.strip()) for p in PUZZLES for n, text in enumerate(p.lines, start=1)
              if n not in p.bug_lines and len(squeezed(text)) > 24 and squeezed(text) in articles]
    assert not copied


def test_picking_lines_scores_the_quiz():
    assert BY_KEY["branch"].is_bug(13) and not BY_KEY["branch"].is_bug(14)
    assert BY_KEY["lrn"].is_bug(14) and BY_KEY["lrn"].is_bug(15)      # either half of the swapped pair
    s = bug_hunt.score({"branch": [4, 13], "softmax": [10], "kernel": [1]}, {"kernel": True, "softmax": True})
    assert (s.found, s.first_try, s.revealed_unfound, s.total) == (2, 1, 1, 6)
    assert bug_hunt.score({}).found == 0


# ------------------------------------------------------------------------------------ (a) branch mixup
@pytest.fixture(scope="module")
def branch_runs():
    return {fixed: ex.branch_experiment(fixed) for fixed in (False, True)}


def test_misplaced_branch_runs_but_its_reduce_gets_no_gradient(branch_runs):
    buggy, fixed = branch_runs[False], branch_runs[True]
    assert buggy.output_shape == fixed.output_shape == (ex.BATCH, ex.BLOCK_OUT, 8, 8)
    assert buggy.grad_norms["branch3x3_1"] is None
    assert fixed.grad_norms["branch3x3_1"] > 0
    others = [n for n in ex.BLOCK_LAYERS if n != "branch3x3_1"]
    assert all(buggy.grad_norms[n] > 0 and fixed.grad_norms[n] > 0 for n in others)
    assert buggy.unchanged_after_training["branch3x3_1"] and not fixed.unchanged_after_training["branch3x3_1"]
    assert not any(buggy.unchanged_after_training[n] for n in others)
    assert buggy.idle_parameters == ex.STEM_CHANNELS * 8 + 8 and fixed.idle_parameters == 0


def test_misplaced_branch_still_learns(branch_runs):
    for run in branch_runs.values():
        assert run.test_accuracy > 0.5          # ten classes: chance is 10%


# ------------------------------------------------------------------------------------ (b) softmax before CE
@pytest.fixture(scope="module")
def softmax_runs():
    return {fixed: ex.softmax_experiment(fixed) for fixed in (False, True)}


def test_loss_bounds_of_a_softmax_fed_to_cross_entropy():
    b = ex.softmax_loss_bounds()
    assert b.floor == pytest.approx(ex.floor_formula(), abs=1e-5) == pytest.approx(math.log(math.e + 9) - 1, abs=1e-5)
    assert b.ceiling == pytest.approx(math.log(math.e + 9), abs=1e-5)
    assert b.uniform == pytest.approx(math.log(10), abs=1e-5)


def test_softmax_before_cross_entropy_stays_above_its_floor_and_learns_less(softmax_runs):
    buggy, fixed = softmax_runs[False], softmax_runs[True]
    floor, ceiling = ex.softmax_loss_bounds().floor, ex.softmax_loss_bounds().ceiling
    assert len(buggy.losses) == len(fixed.losses) == ex.SOFTMAX_STEPS
    assert all(floor < loss <= ceiling + 1e-6 for loss in buggy.losses)
    assert min(fixed.losses) < floor                     # the right loss is not fenced in
    assert buggy.steps == fixed.steps and buggy.steps[-1] == ex.SOFTMAX_STEPS
    assert fixed.test_accuracies[-1] > buggy.test_accuracies[-1] + 0.1
    assert fixed.first_grad_norm > 3 * buggy.first_grad_norm


# ------------------------------------------------------------------------------------ (c), (d) exceptions
def test_aux_conv_without_kernel_size_raises_type_error_at_its_line():
    err = ex.captured_error("kernel")
    assert err.type_name == "TypeError" and "kernel_size" in err.message
    assert err.line == BY_KEY["kernel"].bug_lines[0]
    assert err.text.startswith("TypeError: ")


def test_fixed_aux_head_runs_on_a_4a_sized_map():
    run = ex.fixed_aux_head()
    assert run.output_shape == (1, 1000)
    assert run.parameters == (512 * 128 + 128) + (2048 * 1024 + 1024) + (1024 * 1000 + 1000)


def test_minus_instead_of_assignment_raises_attribute_error_while_building():
    err = ex.captured_error("minus")
    assert err.type_name == "AttributeError" and "'mp'" in err.message
    assert err.line == BY_KEY["minus"].bug_lines[0]
    nxt = ex.module_minus_module_error()
    assert nxt.type_name == "TypeError" and "unsupported operand" in nxt.message
    run = ex.fixed_resnet()
    assert run.input_shape == (1, 1, 8, 8) and run.output_shape == (1, 10)


@pytest.mark.parametrize("key", ["branch", "softmax", "lrn", "print"])
def test_the_silent_bugs_raise_nothing(key):
    assert ex.captured_error(key) is None


# ------------------------------------------------------------------------------------ (e) LRN before the pool
def test_lrn_before_the_pool_normalises_four_times_as_many_values_and_changes_the_output():
    res = ex.lrn_experiment()
    assert res.lrn_input_shape == {"buggy": (1, 64, 112, 112), "fixed": (1, 64, 56, 56)}
    assert res.values_normalised["buggy"] == 4 * res.values_normalised["fixed"] == 4 * 64 * 56 * 56
    assert res.output_shape == (1, 192, 28, 28)
    assert res.max_abs_diff > 1e-3 * res.max_abs_output
    assert 0 < res.differing_share <= 1
    assert all(ms > 0 for ms in res.lrn_ms.values())


def test_caffe_scale_photo():
    x = ex.caffe_scale_photo()
    assert x.shape == (1, 3, 224, 224) and x.dtype == torch.float32
    assert x.min() >= -123 and x.max() <= 255 - 104


# ------------------------------------------------------------------------------------ (f) print in forward
def test_prints_in_forward_are_counted_per_batch_and_timed():
    res = ex.print_experiment(epochs=1)
    assert res.lines_printed == 2 * res.batches and res.fixed_lines_printed == 0
    assert res.batches == len(ex._digits()[1]) // ex.BATCH
    assert res.first_lines[0].startswith("after stem: (64, 16, 8, 8)")
    assert res.first_lines[1].startswith("after block: (64, 32, 8, 8)")
    assert 0 < res.print_us < 1000 and res.epoch_seconds > 0
    assert res.print_seconds == pytest.approx(res.lines_printed * res.print_us / 1e6)


def test_listings_draw_their_weights_from_their_seed_and_leave_the_global_generator_alone():
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    nets = [bug_hunt.run_listing(BY_KEY["print"], fixed=fixed).names for fixed in (False, True)]
    assert torch.equal(torch.rand(3), expected)
    with bug_hunt.listings.seeded(0):
        buggy = nets[0]["TinyNet"]()
    with bug_hunt.listings.seeded(0):
        fixed = nets[1]["TinyNet"]()
    assert all(torch.equal(a, b) for a, b in zip(buggy.state_dict().values(), fixed.state_dict().values()))
