"""The compiled training engine (numba): the same iteration as the NumPy engine, many per call.

kernel.py holds the compiled loops (it alone imports numba), slices.py packs a trainer's
arrays for them, engine.py finds numba, compiles in the background and caches on disk.
"""
