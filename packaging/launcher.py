"""The bundle's entry script: what ``nnplayground`` runs when frozen by PyInstaller."""
import multiprocessing
import sys

from nnplayground.__main__ import main

if __name__ == "__main__":
    # A frozen program is its own worker process: `sweep --workers N` starts copies of this
    # executable (spawn on Windows and macOS), which must become pool workers, not a new CLI.
    multiprocessing.freeze_support()
    sys.exit(main())
