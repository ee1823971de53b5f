"""Generated experiment documents for the property tests of the loader, `nnplayground run` and
the window's Open (issue 10): small valid experiments, and invalid files made from them.

``valid_documents()`` draws the dict form of an experiment small enough to train in
milliseconds but with every field free within its valid range. ``invalid_documents()`` draws a
``BadFile``: the bytes of a file every reader must refuse with one ExperimentError, and the
field its message must name when the fault is in one field. Invalid files are mutations of
valid ones (a value of the wrong type, a number far out of range, NaN or Infinity, a lone
surrogate, a huge string, an unknown key, a layer without its units) or whole-file faults
(deep nesting, a 5,000-digit integer, truncated JSON, binary garbage, an empty file).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from hypothesis import strategies as st

from nnplayground.core import DataSpec, Experiment, LayerSpec, NetworkSpec, OptimizerSpec, TrainingSpec
from nnplayground.core.activations import HIDDEN_ACTIVATIONS
from nnplayground.core.experiment import (BATCH_MODES, CLASSIFICATION_DATASETS, DTYPES, FEATURES, OPTIMIZERS,
                                          PARTIAL_BATCH, REGRESSION_DATASETS, REGRESSION_LOSSES, SEQUENCE_DATASETS)
from nnplayground.core.initializers import INITIALIZERS

MAX_SAMPLES, MAX_UNITS, MAX_LAYERS, MAX_EPOCHS = 40, 4, 2, 2  # every valid run trains in milliseconds


def unit(low=0.0, high=1.0):
    """Finite floats in [low, high]."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def optional(strategy):
    """None (the field's "not set") or a value of ``strategy``."""
    return st.none() | strategy


@st.composite
def valid_experiments(draw) -> Experiment:
    """A small experiment with every field drawn from its valid range."""
    dataset = draw(st.sampled_from(CLASSIFICATION_DATASETS + REGRESSION_DATASETS + SEQUENCE_DATASETS))
    sequence, regression = dataset in SEQUENCE_DATASETS, dataset not in CLASSIFICATION_DATASETS
    samples = draw(st.integers(4, MAX_SAMPLES))
    train_fraction = draw(unit(0.05, 0.95).filter(lambda f: round(samples * f) >= 1))
    classes = draw(st.integers(2, 10))
    num_classes = 0 if regression else classes if dataset == "blobs" else 2
    x1_only = [f for f in FEATURES if "x2" not in f]
    features = draw(st.lists(st.sampled_from(x1_only if dataset == "sine" else FEATURES), min_size=1, unique=True))
    coordinate = unit(-1e6, 1e6)
    last = st.integers(0, num_classes - 1).map(float) if num_classes else coordinate
    width = 2 if dataset == "sine" else 3
    point = st.tuples(*[coordinate] * (width - 1), last)
    data = DataSpec(
        dataset=dataset, samples=samples, noise=draw(unit()), train_fraction=train_fraction, classes=classes,
        outliers=draw(st.integers(0, samples)), outlier_magnitude=draw(unit(0.0, 1e6)), features=tuple(features),
        draw=draw(st.integers(0, 2**31 - 1)), sequence_length=draw(st.integers(2, 6)),
        extra_points=tuple(draw(st.lists(point, max_size=3))))
    layer = st.builds(LayerSpec, units=st.integers(1, MAX_UNITS), activation=st.sampled_from(HIDDEN_ACTIVATIONS),
                      alpha=unit())
    hidden = (LayerSpec(draw(st.integers(1, MAX_UNITS))),) if sequence else draw(st.lists(layer, max_size=MAX_LAYERS))
    task = "regression" if regression else "multiclass" if num_classes > 2 else draw(
        st.sampled_from(["binary", "multiclass"]))
    network = NetworkSpec(
        task=task, hidden=tuple(hidden), regression_loss=draw(st.sampled_from(REGRESSION_LOSSES)),
        huber_delta=draw(unit(1e-6, 1e6)), init=draw(st.sampled_from(tuple(INITIALIZERS))),
        init_param=draw(unit(0.0, 1e6)), init_gain=draw(unit(0.0, 1e6)), spectral_radius=draw(unit(0.0, 100.0)),
        bptt_truncate=draw(optional(st.integers(1, 5000))))
    optimizer = OptimizerSpec(
        name=draw(st.sampled_from(OPTIMIZERS)), learning_rate=draw(unit(1e-6, 1e6)), momentum=draw(unit()),
        beta1=draw(unit(0.0, 0.999999)), beta2=draw(unit(0.0, 0.999999)), epsilon=draw(unit(1e-12, 1.0)),
        l1=draw(unit(0.0, 1e3)), l2=draw(unit(0.0, 1e3)), clip_norm=draw(optional(unit(1e-6, 1e12))))
    experiment = Experiment(name=draw(st.text(max_size=20)), description=draw(st.text(max_size=40)),
                            seed=draw(st.integers(0, 2**63 - 1)), dtype=draw(st.sampled_from(DTYPES)),
                            data=data, network=network, optimizer=optimizer)
    partial = draw(st.sampled_from(PARTIAL_BATCH))
    batch_limit = experiment.train_samples if partial == "drop" else 64
    training = TrainingSpec(
        batch_size=draw(st.integers(1, batch_limit)), epochs=draw(st.integers(1, MAX_EPOCHS)),
        batch_mode=draw(st.sampled_from(BATCH_MODES)), partial_batch=partial, eval_every=draw(st.integers(0, 5)),
        target_loss=draw(optional(unit(0.0, 1e12))), patience=draw(optional(st.integers(1, 5))))
    return experiment.replace(training=training)


def valid_documents():
    """The dict form (parsed JSON) of small valid experiments."""
    return valid_experiments().map(lambda e: e.to_dict())


def as_json(document) -> bytes:
    """The file's bytes; \\u escapes keep lone surrogates spellable, NaN and Infinity are written as such."""
    return json.dumps(document, ensure_ascii=True).encode("ascii")


# ----- invalid documents ---------------------------------------------------------------------------

@dataclass(frozen=True)
class BadFile:
    """Bytes that must be refused; ``field`` is the dotted path the message names (None: the
    file as a whole is at fault); ``kind`` says which mutation made it, for failure reports."""

    content: bytes
    field: str | None
    kind: str


def dotted(path: tuple) -> str:
    """("network", "hidden", 0, "units") -> "network.hidden[0].units"."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text


def places(node, path=()):
    """(path, value) of every value below the document's top, objects and lists included."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield path + (key,), value
        yield from places(value, path + (key,))


def replaced(document: dict, path: tuple, value) -> dict:
    """A deep copy of ``document`` with the value at ``path`` replaced by ``value``."""
    copy = json.loads(json.dumps(document))
    node = copy
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return copy


TEXT_OF_ANOTHER_TYPE = st.sampled_from([0, 1.5, True, None, [], {}, ["a"]])
NUMBER_OF_ANOTHER_TYPE = st.sampled_from(["3", "", True, [], {}, [1.0], {"value": 1}])
LIST_OF_ANOTHER_TYPE = st.sampled_from(["x1", 3, True, {}, {"0": "x1"}])
OBJECT_OF_ANOTHER_TYPE = st.sampled_from(["{}", 0, True, [], [{}]])
# Beyond every field's range (the widest are +-1e6 for points and [0, 2**63 - 1] for the seed; -1 is
# below every other field's), or beyond floats.
EXTREME_NUMBERS = st.sampled_from([1e300, -1e300, 10**400, -10**400, 2**63, -2**63, 1.5e308, -1])
NON_FINITE = st.sampled_from([float("nan"), float("inf"), float("-inf")])
HUGE_TEXT = st.integers(10_000, 200_000).map(lambda n: "x" * n)
NOT_A_NUMBER_TEXT = st.sampled_from(["\ud800", "a\udfffb", "\n\ttwo\nlines"])


def wrong_value(value, path: tuple):
    """A replacement for ``value`` that no field of its kind accepts."""
    if isinstance(value, dict):
        return OBJECT_OF_ANOTHER_TYPE
    if isinstance(value, list):
        return LIST_OF_ANOTHER_TYPE
    if isinstance(value, str):
        if path in (("name",), ("description",)):  # free text: only another type is wrong
            return TEXT_OF_ANOTHER_TYPE | st.just("\ud800 lone")
        return TEXT_OF_ANOTHER_TYPE | NOT_A_NUMBER_TEXT | HUGE_TEXT
    if value is None or path == ("format_version",):  # a null optional number, or the format's version
        return NUMBER_OF_ANOTHER_TYPE | EXTREME_NUMBERS | NON_FINITE | HUGE_TEXT
    if "extra_points" in path:  # a coordinate or target may be -1
        return NUMBER_OF_ANOTHER_TYPE | EXTREME_NUMBERS.filter(lambda x: x != -1) | NON_FINITE | HUGE_TEXT
    return NUMBER_OF_ANOTHER_TYPE | EXTREME_NUMBERS | NON_FINITE | HUGE_TEXT


@st.composite
def wrong_values(draw) -> BadFile:
    """A valid document with one value, anywhere in it, replaced by one its field refuses."""
    document = draw(valid_documents())
    path, value = draw(st.sampled_from(list(places(document))))
    bad = draw(wrong_value(value, path))
    return BadFile(as_json(replaced(document, path, bad)), dotted(path), f"{dotted(path)} = {bad!r:.60}")


@st.composite
def unknown_keys(draw) -> BadFile:
    """A valid document with a key no field has, in any of its objects."""
    document = draw(valid_documents())
    objects = [()] + [path for path, value in places(document) if isinstance(value, dict)]
    path = draw(st.sampled_from(objects))
    key = draw(st.text(min_size=1, max_size=30) | st.sampled_from(["\ud800", "two\nlines", "k" * 100_000]))
    target = document
    for step in path:
        target = target[step]
    if key in target:
        key += "_unknown"
    copy = replaced(document, path, {**target, key: 1}) if path else {**document, key: 1}
    # A key that is no readable name (a newline, a lone surrogate, 100,000 letters) is named
    # in the message shortened and quoted: only the object holding it is certain.
    plain = key.isprintable() and len(key) <= 40
    field = dotted(path + (key,)) if plain else dotted(path) or None
    return BadFile(as_json(copy), field, f"unknown key {key!r:.40} at {dotted(path) or 'top'}")


@st.composite
def layers_without_units(draw) -> BadFile:
    """A valid document with the one required key, a hidden layer's units, dropped."""
    document = draw(valid_documents().filter(lambda d: d["network"]["hidden"]))
    i = draw(st.integers(0, len(document["network"]["hidden"]) - 1))
    layer = dict(document["network"]["hidden"][i])
    del layer["units"]
    return BadFile(as_json(replaced(document, ("network", "hidden", i), layer)), f"network.hidden[{i}].units",
                   "a layer without units")


PLACEHOLDER = "\u0000raw\u0000"


@st.composite
def raw_tokens(draw) -> BadFile:
    """A token json.dumps cannot write (a 5,000-digit integer, 10,000 nested lists) in place of any value."""
    document = draw(valid_documents())
    path, _ = draw(st.sampled_from(list(places(document))))
    digits = draw(st.integers(4301, 6000))
    token = draw(st.sampled_from(["9" * digits, "-" + "1" * digits, "[" * 10_000 + "]" * 10_000,
                                  '{"a":' * 10_000 + "1" + "}" * 10_000]))
    text = as_json(replaced(document, path, PLACEHOLDER)).replace(as_json(PLACEHOLDER), token.encode())
    return BadFile(text, None, f"{token[:8]}... at {dotted(path)}")


@st.composite
def truncated(draw) -> BadFile:
    """A valid document's text cut short, as a full disk or an interrupted copy leaves it."""
    text = as_json(draw(valid_documents()))
    return BadFile(text[:draw(st.integers(0, len(text) - 2))], None, "truncated")  # the closing brace is gone


WHOLE_FILE_FAULTS = st.one_of(
    st.just(BadFile(b"", None, "empty file")),
    st.binary(min_size=1, max_size=200).map(lambda b: BadFile(b"\xff" + b, None, "binary garbage")),
    st.binary(min_size=1, max_size=200).filter(lambda b: not b.strip().startswith(b"{"))
    .map(lambda b: BadFile(b, None, "bytes that are not an object")),
    st.sampled_from([b"NaN", b"Infinity", b"-Infinity", b"[1, 2]", b'"text"', b"null"])
    .map(lambda b: BadFile(b, None, "not an experiment object")),
)


def invalid_documents():
    """Files every reader must refuse: mutations of valid documents, and whole-file faults."""
    return st.one_of(wrong_values(), unknown_keys(), layers_without_units(), raw_tokens(), truncated(),
                     WHOLE_FILE_FAULTS)


def message_is_one_bounded_line(message: str, limit: int = 300) -> bool:
    """What every refusal must look like: one line, short whatever the file held."""
    return "\n" not in message and "\r" not in message and 0 < len(message) <= limit


def names(message: str, field: str | None) -> bool:
    """True when ``message`` starts with ``field`` or a path inside it (any message, when the
    file as a whole is at fault)."""
    return field is None or any(message.startswith(field + mark) for mark in (": ", ".", "["))
