"""Every table of display names in app/labels.py has exactly the keys of the core registry it
names: a new activation, data set, optimizer or status cannot reach the window without a name
a person can read (and a translation, which tests/app/test_translations.py demands)."""
import pytest

from nnplayground.app import labels
from nnplayground.core import activations, datasets, experiment, parallel_spec, presets, runs, trainer
from nnplayground.core.compiled import engine


@pytest.mark.parametrize("table, registry", [
    (labels.ACTIVATIONS, activations.ACTIVATIONS),
    (labels.FEATURES, experiment.FEATURES),
    (labels.DATASETS, (*datasets.DATASET_INFO, *experiment.SEQUENCE_DATASETS)),
    (labels.DATASET_TIPS, datasets.DATASET_INFO),
    (labels.TASKS, experiment.TASKS),
    (labels.OPTIMIZERS, experiment.OPTIMIZERS),
    (labels.BATCH_MODES, experiment.BATCH_MODES),
    (labels.ENGINES, engine.ENGINES),
    (labels.PRESET_TOPICS, (*presets.TOPICS, presets.OTHER_TOPIC)),
    (labels.SCHEDULES, parallel_spec.SCHEDULES),
    (labels.ALLREDUCE, parallel_spec.ALGORITHMS),
    (labels.LINKS, parallel_spec.LINKS),
    (labels.STATUSES, ("ready", "training", *trainer.TERMINAL, runs.INTERRUPTED)),
    (labels.RUN_CURVES, runs.CURVES[1:]),
], ids=lambda value: "" if not isinstance(value, dict) else next(iter(value)))
def test_a_table_names_exactly_the_registry_keys(table, registry):
    assert set(table) == set(registry)


def test_an_unknown_key_is_shown_as_it_is(qapp):
    assert labels.status("no_such_status") == "no_such_status"
    assert labels.status("diverged") == "diverged"
