"""The README's experiment example is a valid file that spells out every default."""
import json
from pathlib import Path

from nnplayground.core import Experiment

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_documented_example_lists_every_key_with_its_default():
    block = README.read_text(encoding="utf-8").split("```json")[1].split("```")[0]
    documented = json.loads(block)
    defaults = Experiment(name=documented["name"], description=documented["description"]).to_dict()
    assert documented == defaults
