"""Hooks on a shared model never leak: removed afterwards, invisible to other threads' passes."""
import threading

import pytest
import torch

from googlenet import GoogLeNet
from googlenet.runtime.hooks import has_hooks, model_lock, temporary_hooks


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    # PyTorch's default init keeps activations at a healthy scale (the 0.01-std init shrinks them to ~1e-12).
    return GoogLeNet(variant="torchvision", aux_logits=False, init_weights=False).eval()


def test_hooks_are_removed_even_when_the_pass_fails(model):
    with pytest.raises(RuntimeError):
        with temporary_hooks(model, {"inception3a.branch1": lambda m, i, o: None}):
            model(torch.randn(1, 5, 64, 64))  # wrong channel count
    assert not has_hooks(model)


def test_unknown_module_is_refused(model):
    with pytest.raises(KeyError):
        with temporary_hooks(model, {"inception9z": lambda m, i, o: None}):
            pass
    assert not has_hooks(model)


def test_another_threads_pass_goes_straight_through(model):
    x = torch.randn(1, 3, 64, 64)
    with torch.inference_mode():
        expected = model(x)
    seen, results = [], {}
    zero_branch = lambda m, i, o: (seen.append(threading.get_ident()), torch.zeros_like(o))[1]

    def other_thread():
        with torch.inference_mode():
            results["other"] = model(x)

    with temporary_hooks(model, {"inception5b.branch1": zero_branch}), torch.inference_mode():
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
        results["ours"] = model(x)
    assert seen == [threading.get_ident()]          # the hook acted on our pass only
    torch.testing.assert_close(results["other"], expected)
    assert not torch.allclose(results["ours"], expected)
    assert not has_hooks(model)


def test_one_lock_per_model(model):
    assert model_lock(model) is model_lock(model)
    assert model_lock(model) is not model_lock(GoogLeNet(aux_logits=False))
