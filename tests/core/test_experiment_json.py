"""Reading experiments from JSON text and files: every way the input can be wrong is one
ExperimentError with a one-line message that names the problem, never another exception."""
import json
import os
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from nnplayground.core import (DataSpec, Experiment, ExperimentError, LayerSpec, NetworkSpec, OptimizerSpec,
                               TrainingSpec)
from nnplayground.core.experiment import MAX_FILE_BYTES
from nnplayground.core.parallel_spec import ParallelSpec
from nnplayground.core.presets import load_preset

SECTIONS = (("", Experiment), ("data.", DataSpec), ("network.", NetworkSpec), ("optimizer.", OptimizerSpec),
            ("training.", TrainingSpec), ("network.hidden[0].", LayerSpec), ("parallel.", ParallelSpec))
NESTED_SECTIONS = (DataSpec, NetworkSpec, OptimizerSpec, TrainingSpec)


def field_paths(types):
    """Dotted paths of every field whose annotation is one of ``types`` (every field if None)."""
    return [prefix + f.name for prefix, cls in SECTIONS for f in fields(cls)
            if f.type not in ("DataSpec", "NetworkSpec", "OptimizerSpec", "TrainingSpec", "tuple[LayerSpec, ...]",
                              "ParallelSpec | None")
            and (types is None or f.type in types)]


NUMERIC_FIELDS = field_paths(("int", "float", "int | None", "float | None"))
ALL_FIELDS = field_paths(None)


def with_value(path: str, value) -> dict:
    """The default experiment's dict form with one field, given by its dotted path, set to ``value``."""
    if path.startswith("network.hidden[0]."):
        layer = {"units": 3, path.rsplit(".", 1)[1]: value}
        return {"network": {"hidden": [layer]}}
    section, _, name = path.rpartition(".")
    return {section: {name: value}} if section else {name: value}


PARSE_FAILURES = {  # name: (text, what the message must say)
    "invalid JSON": ('{"name": "x",\n  "seed": }', "not valid JSON (line 2, column 11"),
    "nested too deeply": ("[" * 10_000 + "]" * 10_000, "nested too deeply"),
    "5000-digit whole number": ('{"seed": ' + "9" * 5000 + "}", "5000 digits is too long"),
    "not an object": ("[1, 2]", "must be a JSON object, not list"),
    "empty": ("", "not valid JSON (line 1, column 1"),
}


@pytest.mark.parametrize("case", PARSE_FAILURES)
def test_from_json_turns_every_parse_failure_into_one_line(case):
    text, message = PARSE_FAILURES[case]
    with pytest.raises(ExperimentError) as info:
        Experiment.from_json(text)
    assert message in str(info.value)
    assert "\n" not in str(info.value) and len(str(info.value)) < 200


@pytest.mark.parametrize("case", PARSE_FAILURES)
def test_load_names_the_file_in_parse_failures(tmp_path, case):
    text, message = PARSE_FAILURES[case]
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExperimentError) as info:
        Experiment.load(path)
    assert str(info.value).startswith("bad.json: ") and message in str(info.value)
    assert "\n" not in str(info.value)


def test_value_errors_name_the_field_in_text_and_in_files(tmp_path):
    text = '{"data": {"noise": 2}}'
    path = tmp_path / "noisy.json"
    path.write_text(text, encoding="utf-8")
    for read in (lambda: Experiment.from_json(text), lambda: Experiment.load(path)):
        with pytest.raises(ExperimentError) as info:
            read()
        assert info.value.field == "data.noise"
        assert str(info.value) == "data.noise: must be in [0.0, 1.0]; got 2.0"


def test_valid_json_text_gives_the_experiment():
    exp = Experiment(name="text", seed=9, optimizer=OptimizerSpec(name="adam", beta1=0.5))
    assert Experiment.from_json(exp.to_json()) == exp


@pytest.mark.parametrize("path", NUMERIC_FIELDS)
@pytest.mark.parametrize("number", ["1" + "0" * 400, "-1" + "0" * 400, "1e400", "-1e400"])
def test_a_huge_number_in_any_numeric_field_is_an_experiment_error(tmp_path, path, number):
    text = json.dumps(with_value(path, "NUMBER")).replace('"NUMBER"', number)
    assert json.loads(text)  # it does parse: the number itself is what must be refused
    with pytest.raises(ExperimentError) as info:
        Experiment.from_json(text)
    assert info.value.field == path
    assert "\n" not in str(info.value) and len(str(info.value)) < 200
    file = tmp_path / "huge.json"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ExperimentError, match=path.replace("[", r"\[").replace("]", r"\]")):
        Experiment.load(file)


def test_a_huge_hand_placed_point_is_an_experiment_error():
    with pytest.raises(ExperimentError) as info:
        Experiment.from_json('{"data": {"extra_points": [[0.5, 1' + "0" * 400 + ", 1]]}}")
    assert info.value.field == "data.extra_points[0][1]"


def test_text_that_could_not_be_saved_again_is_refused():
    with pytest.raises(ExperimentError) as info:
        Experiment.from_json('{"name": "half a pair \\ud800"}')
    assert info.value.field == "name" and "surrogate" in str(info.value)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(-10**500, 10**500) | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ALL_FIELDS), json_values)
def test_any_json_value_in_any_field_gives_an_experiment_or_an_experiment_error(path, value):
    try:
        exp = Experiment.from_dict(with_value(path, value))
    except ExperimentError as e:
        assert "\n" not in str(e) and len(str(e)) < 200
    else:
        assert Experiment.from_json(exp.to_json()) == exp


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40) | st.builds(lambda n: "[" * n + "]" * n, st.integers(0, 5000)))
def test_any_text_gives_an_experiment_or_an_experiment_error(text):
    try:
        Experiment.from_json(text)
    except ExperimentError as e:
        assert "\n" not in str(e)


def refused_file(path) -> str:
    """The one-line message Experiment.load gives for ``path`` (it must refuse, at once)."""
    with pytest.raises(ExperimentError) as refused:
        Experiment.load(path)
    message = str(refused.value)
    assert "\n" not in message
    return message


def test_a_device_a_pipe_or_a_folder_is_refused_without_being_read(tmp_path):
    """/dev/zero would be read without end and a FIFO would hang the reader: only regular
    files are read."""
    pipe = tmp_path / "experiment.json"
    os.mkfifo(pipe)  # nobody writes to it: opening it to read would block for ever
    for path in (pipe, Path("/dev/zero"), tmp_path):
        assert "not a regular file" in refused_file(path)


def test_a_file_larger_than_any_experiment_is_refused(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    assert f"larger than {MAX_FILE_BYTES // 2**20} MiB" in refused_file(path)
    path.write_text(load_preset("circle").to_json(), encoding="utf-8")  # a real one still loads
    assert Experiment.load(path) == load_preset("circle")


def test_a_file_starting_with_a_byte_order_mark_loads(tmp_path):
    """Some Windows editors save UTF-8 with a byte order mark: the experiment is the same."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + load_preset("spiral").to_json().encode("utf-8"))
    assert Experiment.load(path) == load_preset("spiral")
