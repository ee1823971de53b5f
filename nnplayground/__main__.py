"""``python -m nnplayground``: the same as the ``nnplayground`` command."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
