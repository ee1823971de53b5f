"""Property tests of the loader (issue 10): every generated valid document round-trips and
trains; every invalid one, read as text or as a file, is one ExperimentError with a short
one-line message naming the field at fault, never another exception."""
import copy
import dataclasses
import tempfile
import warnings
from pathlib import Path

import numpy as np
from hypothesis import example, given, settings, strategies as st

from documents import (BadFile, as_json, invalid_documents, message_is_one_bounded_line, names, places,
                       valid_documents, valid_experiments)
from nnplayground.core import Experiment, ExperimentError, Trainer
from nnplayground.core.datasets import build_data
from nnplayground.core.experiment import MAX_POINT_VALUE
from nnplayground.core.trainer import DATA_STREAM, TERMINAL, stream


def refusal(read) -> ExperimentError:
    """The ExperimentError ``read()`` raises; any other outcome fails the test."""
    try:
        read()
    except ExperimentError as e:
        return e
    raise AssertionError("accepted an invalid document")


@settings(max_examples=150, deadline=None)
@given(valid_documents())
def test_a_valid_document_round_trips_and_trains(document):
    experiment = Experiment.from_dict(document)
    assert experiment.to_dict() == document
    assert Experiment.from_json(experiment.to_json()) == experiment
    trainer = Trainer(experiment)
    trainer.run()
    assert trainer.status in TERMINAL
    assert trainer.status != "completed" or trainer.iteration == trainer.total_iterations > 0


@settings(max_examples=250, deadline=None)
@given(invalid_documents())
@example(BadFile(b'{"format_version": true}', "format_version", "true == 1 in Python"))
@example(BadFile(b'{"network": {"\\n": 1}}', "network", "an unknown key once put verbatim into the message"))
def test_an_invalid_document_is_one_experiment_error_naming_its_field(bad):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.json"
        path.write_bytes(bad.content)
        error = refusal(lambda: Experiment.load(path))
    message = str(error)
    assert message_is_one_bounded_line(message, 300 + len(str(path))), (bad.kind, message[:300])
    assert names(message, bad.field), (bad.kind, message[:300])
    try:
        text = bad.content.decode("utf-8")
    except UnicodeDecodeError:
        return  # only a file can hold these bytes
    message = str(refusal(lambda: Experiment.from_json(text)))
    assert message_is_one_bounded_line(message) and names(message, bad.field), (bad.kind, message[:300])


@settings(max_examples=150, deadline=None)
@given(valid_documents(), st.data())
def test_a_document_missing_any_key_is_an_experiment_or_one_experiment_error(document, data):
    """Every key is optional, so dropping one gives the default, which may not fit the rest."""
    path, _ = data.draw(st.sampled_from(list(places(document))))
    shorter = copy.deepcopy(document)
    node = shorter
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]  # a key of an object, or an item of a list (a feature, a layer, a coordinate)
    try:
        experiment = Experiment.from_json(as_json(shorter).decode())
    except ExperimentError as e:
        assert message_is_one_bounded_line(str(e))
    else:
        assert Experiment.from_dict(experiment.to_dict()) == experiment


extreme = st.sampled_from([MAX_POINT_VALUE, -MAX_POINT_VALUE, MAX_POINT_VALUE * (1 - 1e-12), 0.0, 1e-300])


@settings(max_examples=40, deadline=None)
@given(valid_experiments().filter(lambda e: not e.data.is_sequence), st.integers(4, 5_000), st.floats(0, 1),
       st.integers(0, 5_000),
       st.lists(st.tuples(extreme, extreme), max_size=50), st.sampled_from([0.0, 1e6]))
def test_building_data_with_extreme_valid_settings_warns_about_nothing(experiment, samples, noise, outliers,
                                                                      coordinates, magnitude):
    """Coordinates near +-1e6 squared (x1^2, x1*x2) in float32 overflow unless handled."""
    spec = experiment.data
    width = 2 if spec.dataset == "sine" else 3
    last = 0.0 if experiment.num_classes else MAX_POINT_VALUE
    points = tuple((*xy[:width - 1], last) for xy in coordinates)
    data = dataclasses.replace(spec, samples=samples, noise=noise, train_fraction=0.5, outliers=min(outliers, samples),
                               outlier_magnitude=magnitude, extra_points=points)
    experiment = experiment.replace(data=data, training=dataclasses.replace(experiment.training, partial_batch="keep"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        built = build_data(experiment, stream(experiment.seed, DATA_STREAM, data.draw))
        extent = built.extent
    assert len(built.X_train) + len(built.X_test) == samples + len(points)
    # (1e6)^2 = 1e12, the largest feature value, is far inside even float32's range.
    assert all(np.isfinite(a).all() for a in (built.X_train, built.X_test, built.Y_train, built.Y_test))
    assert extent[1] >= np.abs(built.train_points).max()
