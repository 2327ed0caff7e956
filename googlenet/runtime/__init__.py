"""Serving machinery, not the lesson: how one model is shared safely and quickly by many sessions.

* ``hooks``     – forward hooks attached for one guarded pass only (per-thread, under the model's lock);
* ``fast``      – ``optimize_for_inference``: BatchNorm folded, channels-last, fused conv + ReLU;
* ``precision`` – a bfloat16 copy for plain classification, used only where it checks out against float32;
* ``serving``   – thread count per process and cross-session micro-batching;
* ``inference`` – classify one picture (top-k, timings) and the cache keys pages use.
"""
