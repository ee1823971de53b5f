"""What the network builder draws: link pens and colours, thumbnails, readable text."""
import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QComboBox, QGraphicsProxyWidget, QGraphicsSimpleTextItem, QLabel, QWidget

from nnplayground.app import labels, style
from nnplayground.app.panels import network_items as ni
from nnplayground.app.panels.network_builder import NetworkBuilder
from nnplayground.app.panels.network_thumbnails import NO_PLANE, colorize
from nnplayground.core import DataSpec, Experiment, LayerSpec, NetworkSpec
from network_builder_helpers import link_point, make_experiment, shown_builder, snapshot_of, viewport_point
from plot_snapshots import draw


@pytest.fixture
def builder(qtbot):
    return shown_builder(qtbot)


# ----- live weights and neuron outputs ----------------------------------------------------------

def test_link_pens_follow_the_weights(builder):
    snap = snapshot_of(builder.experiment)
    W = np.array(snap.weights[0])
    W[0, 0], W[1, 2] = 0.8, -2.0
    snap = dataclasses.replace(snap, weights=(W, *snap.weights[1:]))
    draw(builder, snap)
    pen = builder.link_pen(0, 0, 0)
    assert pen.color().name() == QColor(style.POSITIVE).name()
    assert pen.widthF() == pytest.approx(0.8 * ni.LINK_SCALE, abs=0.13)
    pen = builder.link_pen(0, 1, 2)
    assert pen.color().name() == QColor(style.NEGATIVE).name()
    assert pen.widthF() == pytest.approx(2.0 * ni.LINK_SCALE, abs=0.13)
    # width is clipped to [0.5, 6]
    W2 = W.copy()
    W2[0, 0], W2[1, 2] = 1e-4, 50.0
    draw(builder, dataclasses.replace(snap, weights=(W2, *snap.weights[1:])))
    assert builder.link_pen(0, 0, 0).widthF() == ni.LINK_MIN_W
    assert builder.link_pen(0, 1, 2).widthF() == ni.LINK_MAX_W
    assert builder.link_pen(0, 1, 2).color().name() == QColor(style.POSITIVE).name()
    builder.grab()  # paints without error


def test_links_are_drawn_in_their_own_colour(builder):
    """Links are drawn grouped by pen: a positive 5 px link and a negative 5.25 px one must not
    share a group (and so a colour). Read back from the pixels in the middle of each link."""
    snap = snapshot_of(builder.experiment)
    W = np.zeros_like(snap.weights[0])  # the other links: thin and grey, drawn below
    W[0, 0], W[1, 3] = 2.5, -2.625
    draw(builder, dataclasses.replace(snap, weights=(W, *snap.weights[1:])))
    image = builder.view.viewport().grab().toImage()
    for (i, j), color in {(0, 0): style.POSITIVE, (1, 3): style.NEGATIVE}.items():
        pixel = QColor(image.pixel(viewport_point(builder, link_point(builder, 0, i, j, 0.5))))
        assert pixel.name() == QColor(color).name(), (i, j)


def test_show_snapshot_keeps_the_scene_and_clear_forgets_it(builder):
    items = set(map(id, builder.scene.items()))
    draw(builder, snapshot_of(builder.experiment))
    assert set(map(id, builder.scene.items())) == items
    assert builder.neuron_item(0, 0) is not None
    assert builder.thumbnail(0, 0) is not None
    builder.clear()
    assert builder.link_pen(0, 0, 0).color().name() == QColor(ni._NEUTRAL_LINK).name()
    assert builder.thumbnail(0, 0) is None
    builder.grab()


def test_a_snapshot_of_another_architecture_is_ignored(builder, qtbot):
    old = snapshot_of(builder.experiment)
    qtbot.mouseClick(builder.header(0).add_button, Qt.LeftButton)
    draw(builder, old)  # training not restarted yet
    assert builder.link_pen(0, 0, 0).color().name() == QColor(ni._NEUTRAL_LINK).name()
    builder.grab()
    draw(builder, snapshot_of(builder.experiment))
    assert builder.link_pen(0, 0, 0).color().name() != QColor(ni._NEUTRAL_LINK).name()


def test_thumbnails_use_the_snapshot_maps(builder):
    snap = snapshot_of(builder.experiment)
    draw(builder, snap)
    image = builder.thumbnail(0, 1)
    h, w = snap.neuron_maps[0].shape[:2]
    assert (image.width(), image.height()) == (w, h)
    # bottom-left pixel of the image is the lowest x2, lowest x1: row 0 of the map
    expected = colorize(snap.neuron_maps[0], "symmetric", 4)[1]
    assert QColor(image.pixel(0, h - 1)).getRgb()[:3] == tuple(expected[h - 1, 0, :3])
    value = snap.neuron_maps[0][0, 0, 1] / np.abs(snap.neuron_maps[0][..., 1]).max()
    end = np.array(QColor(style.POSITIVE if value > 0 else style.NEGATIVE).getRgb()[:3])  # |value| of the way there
    assert np.abs(expected[h - 1, 0, :3] - (255 + abs(value) * (end - 255))).max() <= 2  # from white, ± a LUT step


def test_input_pictures_follow_the_plane_of_the_snapshot(builder):
    """The inputs' pictures are kept as pixels while training, but a snapshot over another
    plane (another data set's extent) draws them anew, as does forgetting the snapshot."""
    def input_pixels():
        square = builder.view.mapFromScene(builder.neuron_item(-1, 0).sceneBoundingRect()).boundingRect()
        return builder.view.viewport().grab(square.adjusted(8, 8, -8, -8)).toImage()  # inside the frame

    snap = snapshot_of(builder.experiment)
    draw(builder, dataclasses.replace(snap, extent=NO_PLANE))
    wide = input_pixels()
    draw(builder, dataclasses.replace(snap, extent=(0.0, 1.0)))  # x1 from 0 to 1: pale, one-sided
    narrow = input_pixels()
    assert QColor(narrow.pixel(2, 2)).name() != QColor(wide.pixel(2, 2)).name()
    builder.clear()  # no snapshot: the plane before the first one again
    assert input_pixels() == wide


def test_one_dimensional_data_draws(qtbot):
    exp = Experiment(data=DataSpec(dataset="sine", features=("x1", "sin(x1)")),
                     network=NetworkSpec(task="regression", hidden=(LayerSpec(3), LayerSpec(2, "relu"))))
    builder = shown_builder(qtbot, exp)
    snap = snapshot_of(exp)
    draw(builder, snap)
    assert builder.thumbnail(1, 0).height() == snap.neuron_maps[1].shape[0]
    assert builder.thumbnail(-1, 1) is not None
    builder.grab()


# ----- readable text -------------------------------------------------------------------------------

def on_screen_fonts(builder: NetworkBuilder) -> dict[str, QFont]:
    """Every text the diagram draws (labels, header combo boxes and captions, the output's
    caption) with its font, as scaled by the view: the point size a person sees."""
    scale = builder.view.transform().m11()
    texts = {}
    for item in builder.scene.items():
        if isinstance(item, QGraphicsSimpleTextItem):
            texts[item.text()] = item.font()
        elif isinstance(item, QGraphicsProxyWidget) and item.isVisible():
            for widget in [item.widget(), *item.widget().findChildren(QWidget)]:
                if isinstance(widget, QLabel) and widget.isVisible():
                    texts[widget.text()] = widget.font()
                elif isinstance(widget, QComboBox) and widget.isVisible():
                    texts[widget.currentText()] = widget.font()
    for font in texts.values():
        font.setPointSizeF(font.pointSizeF() * scale)
    return texts


def assert_readable(texts: dict[str, QFont]) -> None:
    nine = QFont(QApplication.font())
    nine.setPointSizeF(ni.READABLE_PT)
    for text, font in texts.items():
        assert font.pointSizeF() >= ni.READABLE_PT, text
        assert QFontMetricsF(font).ascent() >= QFontMetricsF(nine).ascent() - 1e-6, text  # in pixels too


def test_texts_stay_readable_when_the_diagram_is_scaled_down(qtbot):
    builder = shown_builder(qtbot, make_experiment(6, 4, 3, features=("x1", "x2", "sin(x1)")), size=(330, 260))
    assert builder.view.transform().m11() < 1  # the scene is shrunk to fit...
    texts = on_screen_fonts(builder)
    names = [labels.feature(f) for f in builder.experiment.data.features]
    assert {*names, "Inputs", "6 neurons", "Tanh"} <= set(texts)
    assert_readable(texts)  # ...but not its texts
    for u in range(3):  # each input's name still sits left of its square, level with it
        name = next(item for item in builder.scene.items()
                    if isinstance(item, QGraphicsSimpleTextItem) and item.text() == names[u])
        square = builder.neuron_item(-1, u).sceneBoundingRect()
        assert name.sceneBoundingRect().right() < square.left()
        assert name.sceneBoundingRect().center().y() == pytest.approx(square.center().y(), abs=1)


def test_the_diagram_text_is_readable_in_a_1024_by_640_window(make_window):
    window = make_window()
    window.resize(1024, 640)
    QApplication.processEvents()
    texts = on_screen_fonts(window.builder)
    assert {"x1", "x2", "Inputs", "Tanh"} <= set(texts)
    assert_readable(texts)
