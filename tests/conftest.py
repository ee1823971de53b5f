"""Every test trains with the compiled engine from its first iteration (where it covers the model).

Trainers start on NumPy while the kernel compiles in the background and switch when it is
ready; waiting for it once here makes every test's engine the same whatever the timing, so
tests that compare two runs number for number compare like with like.
"""
import pytest

from nnplayground.core.compiled.engine import COMPILER


@pytest.fixture(scope="session", autouse=True)
def compiled_kernels():
    """Compile (or load from the cache) the kernel for both dtypes before the first test."""
    for dtype in ("float64", "float32"):
        COMPILER.wait(dtype)
