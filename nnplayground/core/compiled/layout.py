"""What the numbers passed to the compiled kernel mean: codes and array slots, one place for both sides.

kernel.py (compiled) and slices.py (which packs a trainer's state) import these; this module
imports nothing, so the trainer reads them without loading numba.
"""
# Codes of the hidden activations, losses and optimisers (the kernel branches on them).
SIGMOID, TANH, RELU, LEAKY_RELU, LINEAR = range(5)
BCE, SOFTMAX_CE, MSE, HUBER = range(4)
SGD, MOMENTUM, ADAM = range(3)
ACTIVATION_CODES = {"sigmoid": SIGMOID, "tanh": TANH, "relu": RELU, "leaky_relu": LEAKY_RELU, "linear": LINEAR}
LOSS_CODES = {"bce": BCE, "softmax_ce": SOFTMAX_CE, "mse": MSE, "huber": HUBER}
# What train_slice returns besides the iterations it trained.
FINISHED, NON_FINITE, WEIGHTS_NON_FINITE = range(3)
# Slots of ``c``, the constants in the network's dtype; per hidden layer k, alpha and the
# saturation threshold follow at C_LAYERS + 2k.
C_LR, C_MU, C_B1, C_1MB1, C_B2, C_1MB2, C_EPS, C_L1, C_L2, C_DELTA, C_CAP, C_HALF, C_ONE, C_ZERO = range(14)
C_LAYERS = 14
# Slots of ``r``, float64 settings (as Python floats in the NumPy engine).
R_LR, R_B1, R_B2, R_L1, R_L2, R_CLIP = range(6)
# Slots of ``ints``: layers L, hidden layers H, the batch capacity, loss, optimiser, Adam's t,
# clipping on; then sizes[0..L], each layer's W and b offsets in theta, and H activation codes.
I_L, I_H, I_NMAX, I_LOSS, I_OPT, I_T, I_CLIP = range(7)
I_SIZES = 7
