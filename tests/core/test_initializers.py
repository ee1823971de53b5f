"""Each initialiser draws from the distribution its name promises (closed-form spread)."""
import numpy as np
import pytest

from nnplayground.core.initializers import INITIALIZERS, initial_weights

FAN_IN, FAN_OUT = 300, 200


@pytest.mark.parametrize("scheme,expected_std", [
    ("xavier_uniform", np.sqrt(2.0 / (FAN_IN + FAN_OUT))),  # uniform(-l, l): std = l / sqrt(3)
    ("xavier_normal", np.sqrt(2.0 / (FAN_IN + FAN_OUT))),
    ("he_uniform", np.sqrt(2.0 / FAN_IN)),
    ("he_normal", np.sqrt(2.0 / FAN_IN)),
    ("normal", 0.3),
    ("uniform", 0.3 / np.sqrt(3.0)),
    ("orthogonal", np.sqrt(1.0 / FAN_IN)),  # FAN_OUT orthonormal columns of length FAN_IN
    ("zeros", 0.0),
])
def test_spread_matches_the_closed_form(scheme, expected_std):
    W = initial_weights(scheme, np.random.default_rng(0), FAN_IN, FAN_OUT, param=0.3)
    assert W.shape == (FAN_IN, FAN_OUT)
    assert W.std() == pytest.approx(expected_std, rel=0.02, abs=1e-12)
    assert abs(W.mean()) < 0.01


def test_uniform_schemes_stay_inside_their_limit():
    W = initial_weights("xavier_uniform", np.random.default_rng(1), FAN_IN, FAN_OUT)
    assert np.abs(W).max() <= np.sqrt(6.0 / (FAN_IN + FAN_OUT))


@pytest.mark.parametrize("scheme", sorted(INITIALIZERS))
def test_gain_scales_every_scheme(scheme):
    plain = initial_weights(scheme, np.random.default_rng(2), 20, 10, param=0.5)
    scaled = initial_weights(scheme, np.random.default_rng(2), 20, 10, param=0.5, gain=3.0)
    assert np.array_equal(scaled, 3.0 * plain)


@pytest.mark.parametrize("fan_in,fan_out", [(16, 16), (16, 4), (4, 16)])
def test_orthogonal_weights_keep_lengths(fan_in, fan_out):
    W = initial_weights("orthogonal", np.random.default_rng(3), fan_in, fan_out, gain=1.5)
    small = min(fan_in, fan_out)
    gram = W.T @ W if fan_in >= fan_out else W @ W.T
    np.testing.assert_allclose(gram, 1.5**2 * np.eye(small), atol=1e-12)
