"""googlenet.weights: safe, offline-friendly loading of the ImageNet weights. Never touches the network."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import torch
import torchvision

from googlenet import i18n, weights
from googlenet.model import GoogLeNet
from googlenet.strings import weights as weight_strings
from googlenet.weights import (ENV_VAR, FETCH_COMMAND, WeightsUnavailable, imagenet_labels, load_pretrained,
                               weights_meta, weights_path)
from weights_helpers import hashed_name, serve_bytes


def _no_network(*args, **kwargs):
    raise OSError("network disabled in tests")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """A private, empty torch hub cache; no GOOGLENET_WEIGHTS; any download attempt fails at once."""
    hub = tmp_path / "torch_home" / "hub"
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch_home"))
    monkeypatch.setattr(torch.hub, "_hub_dir", str(hub))
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr(weights, "_fetch", _no_network)
    assert weights.hub_cache_path() == hub / "checkpoints" / "googlenet-1378be20.pth"
    return hub


@pytest.fixture(scope="module")
def reference():
    """torchvision's own GoogLeNet (random but non-trivial weights) and its checkpoint file."""
    torch.manual_seed(0)
    model = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True)
    with torch.no_grad():  # make every layer matter, so "logits equal" is a real check
        for module in model.modules():
            if isinstance(module, torch.nn.Conv2d):
                torch.nn.init.kaiming_normal_(module.weight)
            elif isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 1.5)
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
        model.fc.weight.normal_(0, 0.002)  # logits of order 1, so 1e-5 is a tight bound
    state = model.state_dict()
    model.transform_input = True  # as torchvision does when it loads the pretrained weights
    model.aux_logits, model.aux1, model.aux2 = False, None, None
    model.eval()
    x = torch.randn(2, 3, 64, 64, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        logits = model(x)
    assert 0.1 < logits.abs().max() < 5 and logits.std() > 0.05
    return {"state": state, "input": x, "logits": logits}


@pytest.fixture(scope="module")
def checkpoint(reference, tmp_path_factory):
    """The reference state_dict saved with torch.save, aux heads included (like the real file)."""
    path = tmp_path_factory.mktemp("checkpoint") / "my_googlenet.pth"
    torch.save(reference["state"], path)
    return path


def check_model(model, reference, forward=False):
    """The loaded model is torchvision's, minus the aux heads. `forward`: also compare logits (slower)."""
    assert isinstance(model, GoogLeNet)
    assert not model.training
    assert model.variant == "torchvision" and model.transform_input
    assert model.aux1 is None and model.aux2 is None and not model.aux_logits
    loaded = model.state_dict()
    assert not any(name.startswith("aux") for name in loaded)
    for name, tensor in reference["state"].items():
        if not name.startswith(("aux1.", "aux2.")) and not name.endswith("num_batches_tracked"):
            assert torch.equal(loaded[name], tensor), name
    if not forward:
        return
    with torch.no_grad():
        out = model(reference["input"])
    assert isinstance(out, torch.Tensor) and out.shape == (2, 1000)
    torch.testing.assert_close(out, reference["logits"], rtol=1e-5, atol=1e-5)


# ------------------------------------------------------------------ where the weights come from

def test_loads_from_path_argument(checkpoint, reference):
    check_model(load_pretrained(checkpoint, download=False), reference, forward=True)
    check_model(load_pretrained(str(checkpoint)), reference)


def test_loads_from_env_var(checkpoint, reference, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(checkpoint))
    check_model(load_pretrained(download=False), reference)
    assert weights_path() == checkpoint


def test_loads_from_hub_cache(checkpoint, reference, isolated):
    cached = isolated / "checkpoints" / "googlenet-1378be20.pth"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(checkpoint.read_bytes())
    assert weights_path() == cached
    check_model(load_pretrained(download=False), reference, forward=True)
    check_model(load_pretrained(download=True), reference)  # found locally: the download is never tried


def test_argument_beats_env_var_and_cache(checkpoint, reference, monkeypatch, tmp_path):
    junk = tmp_path / "junk.pth"
    junk.write_bytes(b"junk")
    monkeypatch.setenv(ENV_VAR, str(junk))
    check_model(load_pretrained(checkpoint), reference)


@pytest.mark.parametrize("wrap", ["state_dict", "model", "module_prefix", "no_aux", "no_bn_counters"])
def test_accepted_checkpoint_shapes(wrap, reference, tmp_path):
    state = dict(reference["state"])
    if wrap == "state_dict":
        content = {"state_dict": state, "epoch": 90}
    elif wrap == "model":
        content = {"model": state}
    elif wrap == "module_prefix":
        content = {f"module.{k}": v for k, v in state.items()}
    elif wrap == "no_aux":
        content = {k: v for k, v in state.items() if not k.startswith(("aux1.", "aux2."))}
    else:
        content = {k: v for k, v in state.items() if not k.endswith("num_batches_tracked")}
    path = tmp_path / "wrapped.pth"
    torch.save(content, path)
    check_model(load_pretrained(path), reference)


# ------------------------------------------------------------------ failures a teacher can act on

def assert_actionable(err: WeightsUnavailable):
    message = str(err)
    assert "python -m googlenet.weights download" in message and FETCH_COMMAND in message
    assert ".venv/bin/python -m googlenet.weights download" in message
    assert "GOOGLENET_WEIGHTS" in message
    assert "\n" not in message
    zh = err.message("zh")
    assert FETCH_COMMAND in zh and "GOOGLENET_WEIGHTS" in zh and zh != message


def test_missing_weights_with_failing_download_is_quick():
    start = time.monotonic()
    with pytest.raises(WeightsUnavailable) as info:
        load_pretrained()
    assert time.monotonic() - start < 2.0
    assert info.value.key == "weights.download_failed"
    assert "network disabled in tests" in str(info.value)
    assert_actionable(info.value)


def test_missing_weights_without_download():
    with pytest.raises(WeightsUnavailable) as info:
        load_pretrained(download=False)
    assert info.value.key == "weights.missing"
    assert "googlenet-1378be20.pth" in str(info.value)
    assert_actionable(info.value)


def test_blocking_download_gives_up_after_timeout(monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(weights, "_fetch", lambda *args, **kwargs: release.wait(30))
    start = time.monotonic()
    try:
        with pytest.raises(WeightsUnavailable) as info:
            load_pretrained(timeout=1)
    finally:
        release.set()  # let the abandoned worker thread finish
    elapsed = time.monotonic() - start
    assert 0.9 <= elapsed < 3.0
    assert info.value.key == "weights.download_timeout"
    assert_actionable(info.value)


def test_download_writes_into_the_hub_cache(monkeypatch, isolated, checkpoint, reference):
    """The real _fetch streams into the cache; here a fake one does, reporting progress as it goes."""
    def fake_fetch(url, destination, state, cancel):
        assert url == weights.weights_url()
        destination.parent.mkdir(parents=True, exist_ok=True)
        data = checkpoint.read_bytes()
        state["total"] = len(data)
        destination.write_bytes(data)
        state["done"] = len(data)
        state["last"] = time.monotonic()

    monkeypatch.setattr(weights, "_fetch", fake_fetch)
    seen = []
    model = load_pretrained(progress=lambda done, total: seen.append((done, total)))
    check_model(model, reference)
    assert (isolated / "checkpoints" / "googlenet-1378be20.pth").is_file()
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_missing_explicit_path_and_env_var(tmp_path, monkeypatch):
    with pytest.raises(WeightsUnavailable) as info:
        load_pretrained(tmp_path / "nowhere.pth")
    assert info.value.key == "weights.no_file" and "nowhere.pth" in str(info.value)
    assert_actionable(info.value)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "also_nowhere.pth"))
    with pytest.raises(WeightsUnavailable) as info:
        load_pretrained()
    assert info.value.key == "weights.env_no_file" and "also_nowhere.pth" in str(info.value)
    assert_actionable(info.value)


class Payload:
    """A pickle that runs code when loaded: creating a marker file stands in for something nasty."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_malicious_pickle_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.pth"
    torch.save({"conv1.conv.weight": torch.zeros(1), "payload": Payload(marker)}, evil)
    with pytest.raises(WeightsUnavailable) as info:
        load_pretrained(evil)
    assert info.value.key == "weights.invalid"
    assert not marker.exists(), "the checkpoint's code ran"
    assert_actionable(info.value)
    # The payload is real: an unsafe load (weights_only=False) would have run it.
    torch.load(evil, weights_only=False)
    assert marker.exists()


def test_garbage_file_is_refused(tmp_path):
    garbage = tmp_path / "garbage.pth"
    garbage.write_bytes(os.urandom(2048))
    with pytest.raises(WeightsUnavailable) as info:
        load_pretrained(garbage)
    assert info.value.key == "weights.invalid" and "garbage.pth" in str(info.value)
    assert_actionable(info.value)


@pytest.mark.parametrize("content", ["other_net", "wrong_classes", "extra_key", "missing_key", "not_tensors",
                                     "empty", "a_tensor"])
def test_wrong_architecture_is_refused(content, reference, tmp_path):
    state = dict(reference["state"])
    if content == "other_net":
        obj = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.Linear(8, 2)).state_dict()
    elif content == "wrong_classes":
        obj = GoogLeNet(num_classes=10, variant="torchvision", init_weights=False).state_dict()
    elif content == "extra_key":
        obj = {**state, "head.weight": torch.zeros(3)}
    elif content == "missing_key":
        obj = {k: v for k, v in state.items() if k != "fc.weight"}
    elif content == "not_tensors":
        obj = {k: 1.0 for k in state}
    elif content == "empty":
        obj = {}
    else:
        obj = torch.zeros(3)
    path = tmp_path / "wrong.pth"
    torch.save(obj, path)
    with pytest.raises(WeightsUnavailable) as info:
        load_pretrained(path)
    assert info.value.key == "weights.invalid"
    assert_actionable(info.value)


def test_paper_variant_checkpoint_is_refused(tmp_path):
    path = tmp_path / "paper.pth"
    torch.save(GoogLeNet(variant="paper", init_weights=False).state_dict(), path)
    with pytest.raises(WeightsUnavailable) as info:
        load_pretrained(path)
    assert "wrong shape" in str(info.value) or "missing keys" in str(info.value)


def test_errors_pickle_with_key():
    import pickle

    err = pickle.loads(pickle.dumps(WeightsUnavailable("weights.missing", path="/x")))
    assert err.key == "weights.missing" and err.fmt["path"] == "/x" and FETCH_COMMAND in str(err)


def test_strings_tables_match():
    assert weight_strings.EN.keys() == weight_strings.ZH.keys()
    for key, english in weight_strings.EN.items():
        assert i18n.placeholders(english) == i18n.placeholders(weight_strings.ZH[key]), key


# ------------------------------------------------------------------ labels, facts, status

def test_imagenet_labels():
    labels = imagenet_labels()
    assert len(labels) == 1000 and labels[0] == "tench" and labels[-1] == "toilet tissue"
    labels.append("mine")  # a copy: callers cannot damage the table
    assert len(imagenet_labels()) == 1000


def test_weights_meta():
    meta = weights_meta()
    assert meta["top1"] == pytest.approx(69.778) and meta["top5"] == pytest.approx(89.53)
    assert meta["num_params"] == 6624904 and round(meta["gflops"], 1) == 1.5
    assert meta["file_name"] == "googlenet-1378be20.pth" and meta["num_classes"] == 1000
    model = GoogLeNet(variant="torchvision", aux_logits=False, init_weights=False)
    assert sum(p.numel() for p in model.parameters()) == meta["num_params"]


def test_weights_path_none_when_nothing(tmp_path):
    assert weights_path() is None
    assert weights_path(tmp_path / "nope.pth") is None
    real = tmp_path / "w.pth"
    real.write_bytes(b"x")
    assert weights_path(real) == real


def test_cli_status_and_download(checkpoint, monkeypatch, capsys, isolated):
    assert weights.main(["status"]) == 1
    assert "missing" in capsys.readouterr().out
    assert weights.main(["download", "--quiet", "--timeout", "1"]) == 1
    err = capsys.readouterr().err
    assert FETCH_COMMAND in err and "network disabled in tests" in err

    monkeypatch.setenv(ENV_VAR, str(checkpoint))
    assert weights.main(["status"]) == 0
    assert str(checkpoint) in capsys.readouterr().out

    def fake_fetch(url, destination, state, cancel):
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(checkpoint.read_bytes())

    monkeypatch.setattr(weights, "_fetch", fake_fetch)
    assert weights.main(["download", "--quiet"]) == 0
    assert str(isolated / "checkpoints" / "googlenet-1378be20.pth") in capsys.readouterr().out


# ------------------------------------------------------------------ the real downloader, against localhost only

@pytest.fixture
def local_url(monkeypatch):
    """Point the downloader at a server on 127.0.0.1 (never the internet) and undo the _fetch stub."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")
    monkeypatch.setattr(weights, "_fetch", _REAL_FETCH)

    def use(url):
        monkeypatch.setattr(weights, "weights_url", lambda: url)

    return use


_REAL_FETCH = weights._fetch


def test_real_fetch_checks_the_hash_and_leaves_no_partial_file(local_url, isolated):
    import http.server

    body = b"not the real weights" * 1000

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        local_url(f"http://127.0.0.1:{server.server_address[1]}/models/googlenet-1378be20.pth")
        seen = []
        with pytest.raises(WeightsUnavailable) as info:
            load_pretrained(timeout=5, progress=lambda done, total: seen.append((done, total)))
    finally:
        server.shutdown()
        server.server_close()
    assert info.value.key == "weights.download_failed" and "checksum" in str(info.value)
    assert_actionable(info.value)
    assert list((isolated / "checkpoints").iterdir()) == []  # no half-written or wrong file stays behind
    assert seen and seen[-1] == (len(body), len(body))


def test_real_fetch_gives_up_on_a_silent_server(local_url):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers
    try:
        local_url(f"http://127.0.0.1:{silent.getsockname()[1]}/googlenet-1378be20.pth")
        start = time.monotonic()
        with pytest.raises(WeightsUnavailable) as info:
            load_pretrained(timeout=1)
        assert time.monotonic() - start < 3.0
    finally:
        silent.close()
    assert info.value.key == "weights.download_timeout"
    assert_actionable(info.value)


# ------------------------------------------------------------------ facts written out for a fast start-up

def test_file_name_and_size_are_torchvision_s():
    """FILE_NAME and FILE_SIZE_MB (kept so start-up needs no torchvision) are the metadata's own facts."""
    official = torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1
    assert weights.FILE_NAME == official.url.rsplit("/", 1)[-1] == weights.file_name()
    assert weights.FILE_SIZE_MB == official.meta["_file_size"] == weights_meta()["file_size_mb"]


@pytest.mark.parametrize("env", [{}, {"TORCH_HOME": "/srv/torch"}, {"XDG_CACHE_HOME": "/srv/cache"},
                                 {"TORCH_HOME": "~/t", "XDG_CACHE_HOME": "/srv/cache"}])
def test_hub_dir_follows_torch_s_rule_without_torch(env, monkeypatch):
    """Before torch is imported, torch_hub_dir applies torch.hub.get_dir's rule itself: same answer."""
    for name in ("TORCH_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(torch.hub, "_hub_dir", None)
    with_torch = weights.torch_hub_dir()
    monkeypatch.delitem(sys.modules, "torch")   # as in a fresh app process, where torch is not loaded yet
    assert weights.torch_hub_dir() == with_torch == Path(torch.hub.get_dir())


def test_finding_the_weights_imports_no_torch(tmp_path):
    """The app's sidebar asks weights_path() on every page; that must not cost a torch import."""
    script = ("import sys; from googlenet.weights import weights_path, hub_cache_path; weights_path(); "
              "hub_cache_path(); print(sorted(m for m in ('torch', 'torchvision') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parent.parent,
                         capture_output=True, text=True, check=True, env={**os.environ, "TORCH_HOME": str(tmp_path)})
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ fetch_and_check: download, then prove it loads

def test_fetch_and_check_downloads_checks_and_reports_bytes(local_url, isolated, checkpoint, reference, monkeypatch):
    data = checkpoint.read_bytes()
    monkeypatch.setattr(weights, "FILE_NAME", hashed_name(data))
    server = serve_bytes(data, pieces=4, pause=0.15)
    try:
        local_url(f"http://127.0.0.1:{server.server_address[1]}/{weights.FILE_NAME}")
        seen = []
        path = weights.fetch_and_check(timeout=5, progress=lambda done, total: seen.append((done, total)))
    finally:
        server.shutdown()
        server.server_close()
    assert path == isolated / "checkpoints" / weights.FILE_NAME and path.read_bytes() == data
    assert any(0 < done < len(data) for done, _ in seen), "no progress in between"
    assert seen[-1] == (len(data), len(data))
    check_model(load_pretrained(download=False), reference)
    # Already there: nothing is downloaded again (the fetch would fail: _fetch is the offline stub again).
    monkeypatch.setattr(weights, "_fetch", _no_network)
    assert weights.fetch_and_check(timeout=1) == path


def test_fetch_and_check_deletes_a_downloaded_file_that_does_not_load(monkeypatch, isolated):
    def fake_fetch(url, destination, state, cancel):
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(b"hash fine, but not a checkpoint")

    monkeypatch.setattr(weights, "_fetch", fake_fetch)
    with pytest.raises(WeightsUnavailable) as info:
        weights.fetch_and_check(timeout=1)
    assert info.value.key == "weights.invalid"
    assert_actionable(info.value)
    assert not weights.hub_cache_path().exists()


def test_the_mirror_variable_names_the_download_address(monkeypatch):
    monkeypatch.setenv(weights.URL_ENV_VAR, "http://school.example/googlenet-1378be20.pth")
    assert weights.weights_url() == "http://school.example/googlenet-1378be20.pth"
    monkeypatch.delenv(weights.URL_ENV_VAR)
    assert weights.weights_url() == torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1.url
