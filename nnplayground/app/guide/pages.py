"""The Guide's pages: what each page's "Try it" does and the numbers it computes when shown.

A page's text lives in resources/guide/<language>/<key>.html, one file per language with the
same keys. Numbers the notes quote are never typed into the text: the page holds a
placeholder ``{{name}}`` and ``Page.values()`` computes it from nnplayground.core when the
page is shown, so the text cannot drift from what the app computes.
"""
from __future__ import annotations

import math
import re
from typing import Callable, NamedTuple

import numpy as np

from ...core.activations import ACTIVATIONS
from ...core.batching import iterations_per_epoch
from ...core.collectives import assign_batches, reduce_sum
from ...core.losses import huber, mean_squared_error
from ...core.optimizers import Momentum, clip_by_global_norm
from ...resources import resource_path

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def sci(x: float, digits: int = 2) -> str:
    """``x`` for a page: scientific notation in HTML (4.1 × 10<sup>17</sup>) outside
    [0.001, 100000), whole numbers from 100 up, else ``digits`` significant digits."""
    if x != 0 and not 1e-3 <= abs(x) < 1e5:
        exponent = math.floor(math.log10(abs(x)))
        mantissa = x / 10**exponent
        return f"{mantissa:.{digits - 1}f} × 10<sup>{exponent}</sup>".replace("-", "−")
    return f"{x:.0f}" if abs(x) >= 100 else f"{x:.{digits}g}"


def peak_derivative(name: str) -> float:
    """The largest f'(z) of activation ``name`` on a fine grid over [-10, 10] (z = 0 included),
    computed by core.activations, not read from its ``peak_derivative`` field."""
    z = np.linspace(-10.0, 10.0, 200_001)
    return float(np.max(ACTIVATIONS[name].grad(z)))


def _training_loop() -> dict:
    samples, batch = 1000, 100
    return {"samples": str(samples), "batch": str(batch),
            "iterations": str(iterations_per_epoch(samples, batch)),
            "keep": str(iterations_per_epoch(samples, 300, "keep")),
            "drop": str(iterations_per_epoch(samples, 300, "drop"))}


def _depth() -> dict:
    return {"product": sci(1.5**100), "product30": sci(1.5**30), "shrink": sci(0.5**100)}


def _rnn() -> dict:
    return {"grow": sci(1.01**1000), "fade": sci(0.99**1000), "fade200": sci(0.9**200)}


def _init() -> dict:
    return {"scale8": sci(4.0**8), "tanh_at_4": sci(float(ACTIVATIONS["tanh"].grad(4.0)), 2)}


def _saturation() -> dict:
    sigmoid, tanh = peak_derivative("sigmoid"), peak_derivative("tanh")
    return {"sigmoid_peak": f"{sigmoid:.4g}", "tanh_peak": f"{tanh:.4g}", "gain_needed": f"{1 / sigmoid:.4g}",
            "best30": sci(sigmoid**30), "gain5_30": sci((5 * sigmoid) ** 30)}


def _outliers() -> dict:
    """An MSE batch of ten residuals, nine of 0.5 and one of 50, through core.losses: the
    outlier's share of the gradient, and the same with the Huber loss (delta 1)."""
    z = np.array([[0.5] * 9 + [50.0]])
    grad = np.empty_like(z)
    mean_squared_error(z, np.zeros_like(z), grad)
    mse_share = abs(grad[0, -1]) / np.abs(grad).sum()
    huber(z, np.zeros_like(z), grad, 1.0)
    huber_share = abs(grad[0, -1]) / np.abs(grad).sum()
    return {"mse_share": f"{100 * mse_share:.0f}%", "huber_share": f"{100 * huber_share:.0f}%"}


def _activations() -> dict:
    probabilities = ACTIVATIONS["softmax"](np.array([2.0, 1.0, 0.1]))
    return {"softmax": ", ".join(f"{p:.2f}" for p in probabilities), "softmax_sum": f"{probabilities.sum():.2f}"}


def _ranges(shares) -> str:
    return ", ".join(f"{r.start}–{r.stop - 1}" for r in shares)


def _parallel() -> dict:
    blocks = assign_batches("epoch_blocks", 100, 4)[0]
    return {"per_rank": str(len(blocks[0])), "blocks": _ranges(blocks),
            "per_rank_updates": str(len(assign_batches("per_rank_batch", 100, 4))),
            "single_updates": str(len(assign_batches("single", 100, 1)))}


def _precision() -> dict:
    """Four ranks' gradients summed in ring and in sequential order, in float32 and float64: how far apart."""
    values = {}
    for dtype in ("float32", "float64"):
        parts = np.random.default_rng(0).normal(size=(4, 10_000)).astype(dtype)
        ring, sequential = reduce_sum(parts, "ring"), reduce_sum(parts, "sequential")
        values[f"differ_{dtype}"] = str(int(np.count_nonzero(ring != sequential)))
        values[f"largest_{dtype}"] = sci(float(np.max(np.abs(ring - sequential))))
    return values


def momentum_after_rate_change(mu=0.9, before=0.1, after=0.01, g=1.0, steps=100) -> tuple[float, float]:
    """The step right after the learning rate drops from ``before`` to ``after`` (constant
    gradient g, ``steps`` steps at the old rate): (this app's, core.optimizers.Momentum;
    PyTorch's buffer form buf = mu buf + g, theta -= lr buf)."""
    theta, grad = np.zeros(1), np.array([g])
    app = Momentum(1, np.float64, before, mu)
    buffer = 0.0
    for _ in range(steps):
        app.update(theta, grad)
        buffer = mu * buffer + g
    app.learning_rate = after
    return float(app.update(theta, grad)[0]), -after * (mu * buffer + g)


def _formulas() -> dict:
    app, torch = momentum_after_rate_change()
    before, _ = momentum_after_rate_change(after=0.1)
    g = np.array([3.0, 4.0])
    factor = clip_by_global_norm(g, 1.0, float(np.linalg.norm(g)))
    return {"step_before": f"{before:.3f}", "step_app": f"{app:.3f}", "step_torch": f"{torch:.3f}",
            "clip_factor": f"{factor:.3g}"}


class Page(NamedTuple):
    """One page: ``key`` names its HTML files. "Try it" opens ``preset`` in the main window
    (if any), then the lab ``lab`` (a MainWindow method name, if any), and points at ``watch``:
    a dotted attribute path from the lab if there is one, else from the window (a tab of a lab
    is brought to the front)."""
    key: str
    preset: str | None = None
    lab: str | None = None
    watch: str = ""
    values: Callable[[], dict] = dict


PAGES = (
    Page("propagation", lab="open_propagation_inspector", watch="diagram_scroll"),
    Page("gradients", preset="vanishing-deep-sigmoid", watch="gradient_dock"),
    Page("cause-depth", preset="exploding-deep-gain", watch="gradient_dock", values=_depth),
    Page("cause-rnn", preset="rnn-long-sequence", lab="open_gradient_lab", watch="rnn_tab",
         values=_rnn),
    Page("cause-init", preset="large-init", watch="heatmap_dock", values=_init),
    Page("cause-saturation", lab="open_gradient_lab", watch="sigmoid_tab",
         values=_saturation),
    Page("cause-outliers", preset="outliers-regression", watch="gradient_dock", values=_outliers),
    Page("activation-roles", preset="nonlinearity-linear", watch="output"),
    Page("activation-functions", lab="open_activation_lab", watch="functions_tab",
         values=_activations),
    Page("training-loop", preset="circle", watch="controls.schedule_bar", values=_training_loop),
    Page("batch-order", preset="batch-modes", watch="loss_dock"),
    Page("parallel", preset="parallel-epoch-blocks", lab="open_parallel_lab", watch="batches_label",
         values=_parallel),
    Page("parallel-differences", preset="parallel-4-ranks-float32", lab="open_parallel_lab",
         watch="precision_view", values=_precision),
    Page("formulas", watch="controls", values=_formulas),
)
PAGE_KEYS = tuple(page.key for page in PAGES)


def page_path(language: str, key: str):
    """The HTML file of page ``key`` in ``language`` (a key of app.language.LANGUAGES)."""
    return resource_path("guide", language, f"{key}.html")


def page_html(language: str, page: Page) -> str:
    """The page's HTML in ``language`` with every placeholder filled by ``page.values()``."""
    html = page_path(language, page.key).read_text(encoding="utf-8")
    values = page.values()
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], html)


def page_title(language: str, key: str) -> str:
    """The page's <title>, as the page list shows it."""
    match = TITLE.search(page_path(language, key).read_text(encoding="utf-8"))
    return match.group(1).strip() if match else key
