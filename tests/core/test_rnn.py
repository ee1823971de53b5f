"""The tanh RNN (core.rnn): BPTT against finite differences, truncation, vanishing and exploding
gradients, the sequence tasks, and a short training run. NumPy only."""
import numpy as np
import pytest

from nnplayground.core.rnn import RNN, SEQUENCE_TASKS, input_size, sequence_data

EPS = 1e-6
TOLERANCE = 1e-6


def relative_error(a, b):
    a, b = np.ravel(a).astype(float), np.ravel(b).astype(float)
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


def small_net(task, hidden=4, seed=0, **init):
    net = RNN(input_size(task), hidden)
    net.initialize(np.random.default_rng(seed), **init)
    net.b[...] = np.random.default_rng(seed + 1).normal(0, 0.3, net.b.shape)  # nonzero biases too
    net.b_o[...] = 0.2
    return net


def numeric_gradient(net, X, Y):
    numeric = np.empty_like(net.theta)
    for i in range(net.theta.size):
        saved = net.theta[i]
        net.theta[i] = saved + EPS
        plus = net.compute_gradients(X, Y)
        net.theta[i] = saved - EPS
        minus = net.compute_gradients(X, Y)
        net.theta[i] = saved
        numeric[i] = (plus - minus) / (2 * EPS)
    return numeric


@pytest.mark.parametrize("task", SEQUENCE_TASKS)
def test_bptt_matches_finite_differences(task):
    X, Y = sequence_data(task, 3, 6, np.random.default_rng(3))
    net = small_net(task, spectral_radius=1.2)
    loss, grads = net.loss_and_grads(X, Y)
    analytic = np.concatenate([g.ravel() for g in grads])
    assert np.array_equal(analytic, net.grad)  # loss_and_grads lists the segments in theta order
    assert relative_error(analytic, numeric_gradient(net, X, Y)) < TOLERANCE
    assert loss == pytest.approx(np.mean((net.predict(X) - Y) ** 2), rel=1e-12)


def test_two_outputs_and_float32_match_float64():
    rng = np.random.default_rng(4)
    X, Y = rng.normal(size=(5, 7, 3)), rng.normal(size=(5, 2))
    net = RNN(3, 6, 2)
    net.initialize(np.random.default_rng(5))
    assert relative_error(net.loss_and_grads(X, Y)[1][1], numeric_gradient(net, X, Y)[18:54]) < TOLERANCE
    net32 = RNN(3, 6, 2, dtype="float32")
    net32.theta[...] = net.theta
    assert net32.grad.dtype == np.float32 and net32.hidden_grad_norms.dtype == np.float64
    loss32 = net32.compute_gradients(X, Y)
    loss64 = net.compute_gradients(X, Y)
    assert loss32 == pytest.approx(loss64, rel=1e-5)
    assert relative_error(net32.grad, net.grad) < 1e-5
    assert net32.hidden_grad_norms.dtype == np.float64


def test_layout_views_share_theta_and_grad():
    net = RNN(2, 5, 3)
    assert net.theta.size == 2 * 5 + 5 * 5 + 5 + 5 * 3 + 3
    assert list(net.segment_starts) == [0, 10, 35, 40, 55]
    net.theta[:] = np.arange(net.theta.size)
    assert net.W_x[1, 0] == 5 and net.W_h[0, 0] == 10 and net.b[0] == 35
    assert net.W_o[0, 0] == 40 and net.b_o[2] == 57
    assert [(W.shape, b.shape) for W, b in net.params] == [((2, 5), (5,)), ((5, 5), (0,)), ((5, 3), (3,))]
    assert all(np.shares_memory(W, net.theta) for W, _ in net.params)
    assert all(np.shares_memory(dW, net.grad) for dW, _ in net.grads)


@pytest.mark.parametrize("task", SEQUENCE_TASKS)
def test_truncation(task):
    T = 12
    X, Y = sequence_data(task, 4, T, np.random.default_rng(6))
    net = small_net(task, hidden=5)
    full_loss, full = net.loss_and_grads(X, Y)
    full_norms = net.hidden_grad_norms.copy()
    assert full_norms.shape == (T,) and full_norms.dtype == np.float64 and np.all(full_norms > 0)
    for k in (T, T + 5):  # truncating at or beyond T is full BPTT, bit for bit
        loss, grads = net.loss_and_grads(X, Y, truncate=k)
        assert loss == full_loss
        assert all(np.array_equal(a, b) for a, b in zip(grads, full))
        assert np.array_equal(net.hidden_grad_norms, full_norms)
    for k in (1, 3, T - 1):
        loss, grads = net.loss_and_grads(X, Y, truncate=k)
        assert loss == full_loss
        assert np.all(net.hidden_grad_norms[:T - k] == 0)
        assert np.allclose(net.hidden_grad_norms[T - k:], full_norms[T - k:], rtol=1e-13, atol=0)
        assert np.array_equal(grads[3], full[3]) and np.array_equal(grads[4], full[4])  # W_o, b_o
        # With k = 1 only the last step's dz_T = dh_T * (1 - h_T^2) is kept:
        # dW_h = h_{T-1}^T dz_T and db = sum over the batch of dz_T.
        if k == 1:
            ws = net.workspace(T, 4)
            h = ws.h
            dh_T = (2 / Y.size) * (net.predict(X) - Y) @ net.W_o.T
            dz_T = dh_T * (1 - h[T] ** 2)
            assert np.allclose(grads[1], h[T - 1].T @ dz_T, rtol=1e-12, atol=1e-15)
            assert np.allclose(grads[2], dz_T.sum(axis=0), rtol=1e-12, atol=1e-15)
        assert relative_error(grads[0], full[0]) > 1e-6  # it drops dz_1..dz_{T-k} from dW_x
        if k < T - 1:  # (h_0 = 0, so dropping only dz_1 leaves dW_h as it was)
            assert relative_error(grads[1], full[1]) > 1e-6
    with pytest.raises(ValueError):
        net.compute_gradients(X, Y, truncate=0)


def test_truncated_gradient_is_the_gradient_of_the_loss_with_early_states_frozen():
    """truncate=k is the exact gradient when h_{T-k} is a constant (the usual stop-gradient)."""
    T, k = 8, 3
    X, Y = sequence_data("adding", 3, T, np.random.default_rng(7))
    net = small_net("adding", hidden=4)
    net.compute_gradients(X, Y, truncate=k)
    analytic = net.grad.copy()
    theta0 = net.theta.copy()
    net.predict(X[:, :T - k])
    h_frozen = net.workspace(T - k, 3).h[T - k].copy()  # h_{T-k} at the current parameters

    def loss_with_frozen_start(theta):
        net.theta[:] = theta
        h = h_frozen
        for t in range(T - k, T):
            h = np.tanh(X[:, t] @ net.W_x + h @ net.W_h + net.b)
        return np.mean((h @ net.W_o + net.b_o - Y) ** 2)

    numeric = np.empty_like(theta0)
    for i in range(theta0.size):
        step = np.zeros_like(theta0)
        step[i] = EPS
        plus, minus = loss_with_frozen_start(theta0 + step), loss_with_frozen_start(theta0 - step)
        numeric[i] = (plus - minus) / (2 * EPS)
    net.theta[:] = theta0
    assert relative_error(analytic, numeric) < TOLERANCE


def test_initialize_puts_every_eigenvalue_on_the_radius():
    for radius in (0.5, 0.9, 1.5):
        net = RNN(2, 16)
        net.initialize(np.random.default_rng(8), spectral_radius=radius, input_scale=0.3)
        assert np.allclose(np.abs(np.linalg.eigvals(net.W_h)), radius, rtol=1e-12)
        assert np.allclose(net.W_h @ net.W_h.T, radius**2 * np.eye(16), atol=1e-12)  # scaled orthogonal
        assert np.all(net.b == 0) and np.all(net.b_o == 0)
    again = RNN(2, 16)
    again.initialize(np.random.default_rng(8), spectral_radius=1.5, input_scale=0.3)
    assert np.array_equal(again.theta, net.theta)
    big = RNN(4, 64)
    big.initialize(np.random.default_rng(9), input_scale=2.0)
    assert np.std(big.W_x) == pytest.approx(2.0 / np.sqrt(4), rel=0.1)


def gradient_ratio(radius, input_scale, T, seed=10):
    X, Y = sequence_data("remember_first", 8, T, np.random.default_rng(seed))
    net = RNN(1, 16)
    net.initialize(np.random.default_rng(seed + 1), spectral_radius=radius, input_scale=input_scale)
    net.compute_gradients(X, Y)
    norms = net.hidden_grad_norms
    return norms[0] / norms[-1], np.abs(net.workspace(T, 8).h).max()


def test_gradients_vanish_with_a_small_spectral_radius():
    ratio, _ = gradient_ratio(0.5, 1.0, 200)
    assert ratio < 1e-6  # about 0.5^199 ~ 1e-60, and smaller still where tanh saturates
    ratio, _ = gradient_ratio(0.5, 1.0, 1000)  # 0.5^999 is near float64's smallest normal
    assert 0 <= ratio < 1e-250


def test_gradients_explode_with_a_large_spectral_radius_while_tanh_is_linear():
    # The hidden state grows as 1.5^t too, so the tanh stays linear over 50 steps only if the
    # inputs are tiny; then ||dL/dh_t|| grows by exactly 1.5 per step back (W_h is 1.5 * orthogonal).
    ratio, h_max = gradient_ratio(1.5, 1e-10, 50)
    assert h_max < 0.2
    assert ratio > 1e3
    assert ratio == pytest.approx(1.5**49, rel=0.05)
    ratio, _ = gradient_ratio(1.0, 1e-10, 50)  # radius 1, linear regime: the norm is preserved
    assert ratio == pytest.approx(1.0, rel=1e-3)


def test_saturated_tanh_stops_the_explosion():
    # With inputs of normal size the same radius-1.5 net saturates (|h| near 1, tanh' near 0),
    # and the gradient no longer grows as 1.5^t: the explosion needs the linear regime.
    ratio, h_max = gradient_ratio(1.5, 1.0, 200)
    assert h_max > 0.99
    assert ratio < 1e3 < 1.5**199


def test_overflow_is_silent():
    net = RNN(1, 8)
    net.initialize(np.random.default_rng(12), spectral_radius=1e6, input_scale=1e-300)
    X, Y = sequence_data("remember_first", 2, 100, np.random.default_rng(13))
    with np.errstate(all="raise"):  # would raise if any warning escaped
        net.compute_gradients(X, Y)
        net.W_o[...] = np.inf
        net.compute_gradients(X, Y)
        net.predict(X)
    assert not np.all(np.isfinite(net.grad))


@pytest.mark.parametrize("task", SEQUENCE_TASKS)
def test_sequence_data(task):
    X, Y = sequence_data(task, 50, 40, np.random.default_rng(14))
    assert X.shape == (50, 40, input_size(task)) and Y.shape == (50, 1)
    assert X.dtype == Y.dtype == np.float64
    X2, Y2 = sequence_data(task, 50, 40, np.random.default_rng(14))
    assert np.array_equal(X, X2) and np.array_equal(Y, Y2)
    X3, _ = sequence_data(task, 50, 40, np.random.default_rng(15))
    assert not np.array_equal(X, X3)
    X32, Y32 = sequence_data(task, 50, 40, np.random.default_rng(14), dtype=np.float32)
    assert X32.dtype == Y32.dtype == np.float32 and np.allclose(X32, X, atol=1e-7)
    if task == "remember_first":
        assert np.array_equal(Y[:, 0], X[:, 0, 0])
        assert X.min() >= -1 and X.max() <= 1 and X.min() < -0.9 and X.max() > 0.9
    else:
        values, markers = X[:, :, 0], X[:, :, 1]
        assert set(np.unique(markers)) == {0.0, 1.0}
        assert np.all(markers.sum(axis=1) == 2)
        assert np.all(markers[:, :20].sum(axis=1) == 1)  # one in each half
        assert np.all((values >= 0) & (values <= 1))
        assert np.allclose(Y[:, 0], (values * markers).sum(axis=1), rtol=0, atol=1e-15)
    with pytest.raises(ValueError):
        sequence_data("nope", 2, 3, np.random.default_rng(0))


def test_short_sequences_and_input_size():
    assert input_size("remember_first") == 1 and input_size("adding") == 2
    X, Y = sequence_data("adding", 10, 2, np.random.default_rng(16))
    assert np.all(X[:, :, 1] == 1) and np.allclose(Y[:, 0], X[:, :, 0].sum(axis=1))
    X, Y = sequence_data("remember_first", 3, 1, np.random.default_rng(17))
    net = RNN(1, 3)
    net.initialize(np.random.default_rng(18))
    net.compute_gradients(X, Y)
    assert net.hidden_grad_norms.shape == (1,)
    with pytest.raises(ValueError):
        sequence_data("adding", 3, 1, np.random.default_rng(0))


def test_buffers_are_reused_and_results_do_not_alias_them():
    X, Y = sequence_data("remember_first", 4, 9, np.random.default_rng(19))
    net = RNN(1, 6)
    net.initialize(np.random.default_rng(20))
    first = net.predict(X)
    ws = net.workspace(9, 4)
    net.compute_gradients(X, Y)
    assert net.workspace(9, 4) is ws
    net.predict(X[:2])  # another shape gets its own buffers; the first stay cached
    assert net.workspace(9, 4) is ws
    net.theta *= 2
    assert not np.array_equal(net.predict(X), first)  # predict returned a copy, not the buffer


def test_gradient_descent_learns_remember_first():
    X, Y = sequence_data("remember_first", 128, 5, np.random.default_rng(21))
    X_test, Y_test = sequence_data("remember_first", 128, 5, np.random.default_rng(22))
    net = RNN(1, 8)
    net.initialize(np.random.default_rng(23))
    start = net.compute_gradients(X, Y)
    for _ in range(300):
        loss = net.compute_gradients(X, Y)
        net.theta -= 0.1 * net.grad
    assert loss < 0.1 * start
    assert np.mean((net.predict(X_test) - Y_test) ** 2) < 0.1 * np.var(Y_test)
