"""What a channel wants to see: feature visualisation by optimisation, and the real patches that excite it.

* ``parameterisation`` – the picture as scaled Fourier coefficients in decorrelated colours (Distill 2017);
* ``robustness``       – the random jitter, scale and rotation applied at every step;
* ``truncated``        – the channel to maximise (``Target``) and a private copy of only the layers it needs;
* ``optimise``         – the optimisation itself (``visualise``, ``Settings``), diversity included;
* ``cache``            – finished pictures on disk, keyed by weights, channel and settings;
* ``jobs``             – background runs with progress and a stop flag (``start_render``, ``start_render_grid``);
* ``patches``          – the strongest patches of real photos (``strongest_patches``);
* ``measure``          – orientation and colour read off a picture.

Command line: ``python -m googlenet.featurevis --block inception4c --branch 2 --channels 0-15`` precomputes a
grid into the cache. No Streamlit in here.
"""
from .cache import CACHE_ENV, VisCache, cache_dir, entry_key, file_hash, untrained_id
from .jobs import Job, render, render_grid, render_part, start_render, start_render_grid
from .measure import angle_difference, colour_shares, dominant_orientation
from .optimise import THREADS, Settings, Visualisation, diversity_penalty, visualise
from .parameterisation import FourierImage
from .patches import Patch, channel_maps, patches_from_maps, strongest_patches
from .truncated import PARTS, Target, TruncatedNet, part_width, truncated_copy

__all__ = ["CACHE_ENV", "VisCache", "cache_dir", "entry_key", "file_hash", "untrained_id", "Job", "render",
           "render_grid", "render_part", "start_render", "start_render_grid", "angle_difference", "colour_shares",
           "dominant_orientation", "THREADS", "Settings", "Visualisation", "diversity_penalty", "visualise",
           "FourierImage", "Patch", "channel_maps", "patches_from_maps", "strongest_patches", "PARTS", "Target", "TruncatedNet",
           "part_width", "truncated_copy"]
