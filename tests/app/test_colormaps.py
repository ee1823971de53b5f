"""The shared colour maps give TensorFlow Playground's colours, checked against hand-computed RGB."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor

from nnplayground.app import style
from nnplayground.app.panels.network_thumbnails import colorize as thumbnails
from nnplayground.app.plots.colormaps import (NAN_RGB, argmax_classes, colorize, confident_classes, diverging_lut,
                                              fade_lut)

WHITE = np.array([255, 255, 255])


def rgb_of(hex_color: str) -> np.ndarray:
    c = QColor(hex_color)
    return np.array([c.red(), c.green(), c.blue()])


def toward(hex_color: str, t: float, strength: float = 1.0) -> np.ndarray:
    """A fraction ``t`` of the way from white to ``hex_color`` softened to ``strength``."""
    return 255 + t * strength * (rgb_of(hex_color) - 255)


def test_the_diverging_map_runs_from_orange_through_white_to_blue():
    lut = diverging_lut()
    assert lut.dtype == np.uint8 and lut.shape == (len(lut), 3) and len(lut) % 2 == 1
    assert np.array_equal(lut[0], rgb_of("#f59322"))  # TF Playground's orange
    assert np.array_equal(lut[len(lut) // 2], WHITE)
    assert np.array_equal(lut[-1], rgb_of("#0877bd"))  # and its blue
    quarter = (len(lut) - 1) // 4
    assert np.abs(lut[quarter] - toward(style.NEGATIVE, 0.5)).max() <= 1
    assert np.abs(lut[3 * quarter] - toward(style.POSITIVE, 0.5)).max() <= 1


def test_softened_maps_move_every_colour_toward_white():
    soft = diverging_lut(0.8)
    assert np.array_equal(soft[0], np.rint(toward(style.NEGATIVE, 1.0, 0.8)))
    assert np.array_equal(soft[len(soft) // 2], WHITE)
    assert np.array_equal(soft[-1], np.rint(toward(style.POSITIVE, 1.0, 0.8)))
    fade = fade_lut(style.CLASS_COLORS[2], 0.8)
    assert np.array_equal(fade[0], WHITE)
    assert np.array_equal(fade[-1], np.rint(toward(style.CLASS_COLORS[2], 1.0, 0.8)))
    assert np.abs(fade[len(fade) // 2] - toward(style.CLASS_COLORS[2], 0.5, 0.8)).max() <= 1


def test_lookup_tables_are_built_once_and_shared_read_only():
    assert diverging_lut(0.8) is diverging_lut(0.8)
    assert fade_lut("#2ca02c") is fade_lut("#2ca02c")
    with pytest.raises(ValueError):
        diverging_lut()[0] = 0


def test_colorize_maps_linearly_clips_and_greys_out_non_finite_values():
    values = np.array([[-2.0, 0.0, 2.0], [-50.0, 1e300, np.nan], [np.inf, -np.inf, 1.0]])
    rgb = colorize(values, -2.0, 2.0, diverging_lut())
    assert rgb.shape == (3, 3, 3) and rgb.dtype == np.uint8
    assert np.array_equal(rgb[0, 0], rgb_of(style.NEGATIVE))
    assert np.array_equal(rgb[0, 1], WHITE)
    assert np.array_equal(rgb[0, 2], rgb_of(style.POSITIVE))
    assert np.array_equal(rgb[1, 0], rgb_of(style.NEGATIVE))  # beyond lo: the orange end
    assert np.array_equal(rgb[1, 1], rgb_of(style.POSITIVE))  # a huge finite value: the blue end
    for bad in (rgb[1, 2], rgb[2, 0], rgb[2, 1]):
        assert tuple(bad) == NAN_RGB
    assert np.abs(rgb[2, 2] - toward(style.POSITIVE, 0.5)).max() <= 1


def test_colorize_takes_a_range_per_unit():
    values = np.array([[1.0, -1.0], [4.0, 2.0]])  # unit 0 spans ±1, unit 1 spans ±4
    scale = np.array([[1.0], [4.0]])
    rgb = colorize(values, -scale, scale, diverging_lut())
    assert np.array_equal(rgb[0, 0], rgb_of(style.POSITIVE)) and np.array_equal(rgb[1, 0], rgb_of(style.POSITIVE))
    assert np.array_equal(rgb[0, 1], rgb_of(style.NEGATIVE))
    assert np.abs(rgb[1, 1] - toward(style.POSITIVE, 0.5)).max() <= 1


def test_classes_show_the_winner_as_strong_as_its_confidence():
    p = np.array([[1.0, 0.0, 0.0], [1 / 3, 1 / 3, 1 / 3], [0.2, 0.3, 0.5], [np.nan, 0.5, 0.5], [0.1, 0.6, 0.3]])
    shown = confident_classes(p, 0.8)
    assert np.array_equal(shown[0], np.rint(toward(style.CLASS_COLORS[0], 1.0, 0.8)))  # certain: the colour
    assert np.array_equal(shown[1], WHITE)  # undecided: white, not a muddy mix
    # P = 0.5 of three classes is a quarter of the way from 1/3 to certainty.
    assert np.abs(shown[2] - toward(style.CLASS_COLORS[2], 0.25, 0.8)).max() <= 0.5
    assert tuple(shown[3]) == NAN_RGB
    assert np.abs(shown[4] - toward(style.CLASS_COLORS[1], 0.4, 0.8)).max() <= 0.5
    winner = argmax_classes(p)
    assert [tuple(c) for c in winner[:3]] == [tuple(rgb_of(style.CLASS_COLORS[k])) for k in (0, 0, 2)]
    assert tuple(winner[3]) == NAN_RGB


def test_neuron_thumbnails_scale_by_the_activation_range():
    """The network builder's thumbnails (network_items.colorize) use the same maps."""
    white = (255, 255, 255)
    grid = np.zeros((2, 3, 1))
    grid[0, 0, 0], grid[1, 2, 0] = -0.5, 0.25  # row 0 = lowest x2 → bottom of the image
    img = thumbnails(grid, "symmetric", 1)[0]
    assert tuple(img[1, 0, :3]) == tuple(rgb_of(style.NEGATIVE))  # -max → NEGATIVE end
    assert np.abs(img[0, 2, :3] - toward(style.POSITIVE, 0.5)).max() <= 1  # half of max: half way
    assert tuple(img[0, 0, :3]) == white  # 0 → white
    sig = thumbnails(np.full((2, 2, 1), 0.5), "unit", 1)[0]
    assert tuple(sig[0, 0, :3]) == white
    sig = thumbnails(np.ones((2, 2, 1)), "unit", 1)[0]
    assert tuple(sig[0, 0, :3]) == tuple(rgb_of(style.POSITIVE))
    relu = thumbnails(np.array([[[0.0], [3.0]]]), "relu", 1)[0]
    assert tuple(relu[0, 0, :3]) == white and tuple(relu[0, 1, :3]) == tuple(rgb_of(style.POSITIVE))
    prob = thumbnails(np.full((2, 2, 2), 0.25), "prob", 2, style.class_rgb(2))[1]
    assert np.abs(prob[0, 0, :3] - toward(style.CLASS_COLORS[1], 0.25)).max() <= 1
    prob = thumbnails(np.ones((2, 2, 2)), "prob", 2, style.class_rgb(2))[1]
    assert tuple(prob[0, 0, :3]) == tuple(rgb_of(style.CLASS_COLORS[1]))
    bad = thumbnails(np.full((2, 2, 1), np.nan), "symmetric", 1)[0]
    r, g, b = bad[0, 0, :3]
    assert r == g == b and 150 < r < 230  # grey, told apart from white and the curve
    curve = thumbnails(np.linspace(-1, 1, 8)[:, None], "symmetric", 1)  # 1-D data: a curve
    assert curve.shape == (1, 8, 8, 4)
    dark = (curve[0, ..., :3] == 51).all(axis=-1)
    assert dark[7, 0] and dark[0, 7]  # rises from bottom-left to top-right
    # under the curve, the value tints a pale background: orange at -1 (left), blue at +1 (right)
    assert np.array_equal(curve[0, 0, 0, :3], np.rint(255 - 0.45 * (255 - rgb_of(style.NEGATIVE))))
    assert np.array_equal(curve[0, 7, 7, :3], np.rint(255 - 0.45 * (255 - rgb_of(style.POSITIVE))))
