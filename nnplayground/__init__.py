"""nnplayground: build a small neural network, train it and watch it learn."""
__version__ = "0.1.0"
