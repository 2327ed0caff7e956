"""The training lab's run history: what the page keeps in st.session_state between reruns.

A :class:`RunRecord` is one run as the page remembers it (its curves, its model, how it ended); the
:class:`RunHistory` numbers runs, keeps the newest MAX_RUNS, remembers which uploaded weights files were
already turned into runs, and finds runs that a Stop click (a rerun) left behind half-way.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import NamedTuple

import streamlit as st
from torch import nn

from googlenet.digits import (
    CheckpointError, DigitsData, Evaluation, RunCurves, StepReport, TrainConfig, Trainer, evaluate, load_checkpoint,
    load_split,
)
from googlenet.i18n import t

MAX_RUNS = 8                      # the history keeps the newest runs (each holds a small model)
HISTORY_KEY = "train_history"
_log = logging.getLogger(__name__)


@dataclass(eq=False)
class RunRecord:
    """One run: updated after every step, so a run that is stopped keeps its curves.

    ``status``: running | done | stopped | loaded. A run is evaluated on the test set when it ends; if that
    fails, ``evaluation`` stays None and the page says "not evaluated" instead of failing."""
    number: int
    config: TrainConfig
    model: nn.Module
    trainer: Trainer | None = None
    status: str = "running"
    curves: RunCurves = field(default_factory=RunCurves)
    evaluation: Evaluation | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def start(cls, number: int, trainer: Trainer) -> "RunRecord":
        return cls(number, trainer.config, trainer.model, trainer, curves=RunCurves(total_steps=trainer.total_steps))

    def update(self, report: StepReport) -> None:
        """Add one step (ignored once the run has ended: a stopped run stops changing)."""
        with self._lock:
            if self.status == "running":
                self.curves.add(report)

    @property
    def data(self) -> DigitsData:
        """The run's own data set (the one its network was built for): its trainer's, or the full split."""
        return self.trainer.data if self.trainer is not None else load_split(self.config.dataset)

    def finish(self, status: str = "done") -> bool:
        """End the run (done, stopped, loaded) and evaluate what the model has learnt so far on the test set of
        its own data set. Only the first call counts (a rerun and the interrupted script run may both try);
        returns whether this one did."""
        with self._lock:
            if self.status != "running":
                return False
            self.status = status
            data = self.data
            if self.trainer is not None:
                self.trainer.stop()  # the interrupted run's generator takes no further step
                self.trainer = None  # and its optimiser state is no longer kept
        try:
            self.evaluation = evaluate(self.model, data.x_test, data.y_test)
        except Exception:  # noqa: BLE001 - the record stays usable ("not evaluated") whatever went wrong
            _log.exception("run #%d could not be evaluated", self.number)
        return True

    @property
    def test_accuracy(self) -> float | None:
        """On the whole test set, with the weights the run ended with (None if it was not evaluated)."""
        return self.evaluation.accuracy if self.evaluation is not None else None

    @property
    def trained_here(self) -> bool:
        return bool(self.curves.steps)


class StopNote(NamedTuple):
    number: int
    step: int
    total: int
    evaluated: bool


# ------------------------------------------------------------------------------------------------ labels
def on_off(flag: bool) -> str:
    return t("train.on") if flag else t("train.off")


def data_name(dataset: str) -> str:
    """The data set's short name, e.g. "MNIST 28×28"."""
    return t(f"train.data.{dataset}")


def settings_label(cfg: TrainConfig) -> str:
    """The settings that tell runs apart, e.g. "3 block(s) · aux on · BN on · 8×8 digits · softmax bug"."""
    data = data_name(cfg.dataset)
    if cfg.preset == "seed_mnist":
        label = t("train.label.seed", aux=on_off(cfg.aux), data=data)
    elif cfg.preset == "seed_resnet":
        label = t("train.label.seed_resnet", shortcuts=on_off(cfg.shortcuts), data=data)
    elif cfg.preset == "resnet_small":
        label = t("train.label.resnet", depth=cfg.depth, shortcuts=on_off(cfg.shortcuts), data=data)
    else:
        label = t("train.label.small", depth=cfg.depth, aux=on_off(cfg.aux), bn=on_off(cfg.batch_norm), data=data)
    return label + (" · " + t("train.label.softmax_bug") if cfg.softmax_bug else "")


def data_sizes_label(dataset: str) -> str:
    """Which pictures, and how many: "MNIST 28×28 · 4,000 training / 1,000 test"."""
    n_train, n_test = load_split(dataset).sizes
    return t("train.data.sizes", data=data_name(dataset), n_train=n_train, n_test=n_test)


def status_label(rec: RunRecord) -> str:
    text = t(f"train.status.{rec.status}")
    if rec.status != "running" and rec.evaluation is None:
        text += " · " + t("train.status.not_evaluated")
    return text


def run_label(rec: RunRecord, stat: bool = True) -> str:
    label = f"#{rec.number} · {settings_label(rec.config)}"
    if stat:
        label += " · " + t("train.label.stat", acc=percent(rec.test_accuracy), status=status_label(rec))
    return label


def percent(value: float | None) -> str:
    return f"{100 * value:.1f}%" if value is not None else "–"


# ------------------------------------------------------------------------------------------------ history
class RunHistory:
    """This session's runs (newest last), kept in st.session_state."""

    def __init__(self, state=None):
        self.state = st.session_state if state is None else state
        self.runs: list[RunRecord] = self.state.setdefault(HISTORY_KEY, [])

    def __iter__(self):
        return iter(list(self.runs))

    def __len__(self) -> int:
        return len(self.runs)

    def get(self, number: int | None) -> RunRecord | None:
        return next((r for r in self.runs if r.number == number), None)

    def _next_number(self) -> int:
        self.state["train_counter"] = self.state.get("train_counter", 0) + 1
        return self.state["train_counter"]

    def add(self, rec: RunRecord) -> RunRecord:
        self.runs.append(rec)
        del self.runs[:-MAX_RUNS]
        self.state["train_pick_next"] = rec.number  # selected when the run picker is drawn next
        return rec

    def start(self, trainer: Trainer) -> RunRecord:
        """A new run, in the history from its first step on (so a stopped run keeps its curves)."""
        return self.add(RunRecord.start(self._next_number(), trainer))

    def finish_interrupted(self) -> list[StopNote]:
        """Runs still marked "running" were interrupted: Stop (or any other click) reran the script. Stop their
        training, keep their curves and evaluate what they learnt so far."""
        notes = []
        for rec in self:
            if rec.status == "running" and rec.curves.complete:
                rec.finish()  # every step was taken: only the final evaluation was interrupted
            elif rec.status == "running" and rec.finish(status="stopped"):
                notes.append(StopNote(rec.number, rec.curves.last_step, rec.curves.total_steps,
                                      rec.evaluation is not None))
        return notes

    def clear(self) -> None:
        """Forget every run. Weights files already loaded stay "seen", so a file still sitting in the
        uploader does not come back as a new run."""
        runs = self.state.setdefault(HISTORY_KEY, self.runs)  # (a callback: the list the session holds now)
        for rec in runs:
            if rec.trainer is not None:
                rec.trainer.stop()
        runs.clear()
        self.state.pop("train_pick", None)

    def load_upload(self, file_id: str, blob: bytes) -> tuple[RunRecord | None, bool]:
        """An uploaded weights file as a run of its own, read once per upload: (its run, whether it is new).
        The run is None when the history was cleared since. Raises CheckpointError for a file that cannot be
        used (every rerun, while the file stays in the uploader, without reading it again). The run is
        evaluated on the test set of the data set its file names."""
        loaded = self.state.setdefault("train_loaded_files", {})
        if file_id in loaded:  # a run number, or the reason the file was refused (shown again, not re-read)
            if isinstance(loaded[file_id], CheckpointError):
                raise loaded[file_id]
            return self.get(loaded[file_id]), False
        try:
            model, config, _ = load_checkpoint(blob)
        except CheckpointError as err:
            loaded[file_id] = err
            raise
        rec = RunRecord(self._next_number(), config, model)
        rec.finish(status="loaded")
        loaded[file_id] = rec.number
        return self.add(rec), True

    def choose(self) -> RunRecord:
        """Draw the run picker (the newest run after a new one arrived) and return the chosen run."""
        numbers = [r.number for r in self.runs]
        pending = self.state.pop("train_pick_next", None)
        if pending in numbers:
            self.state["train_pick"] = pending
        if self.state.get("train_pick") not in numbers:
            self.state["train_pick"] = numbers[-1]
        pick = st.selectbox(t("train.pick"), numbers, key="train_pick", format_func=lambda n: run_label(self.get(n)))
        return self.get(pick)
