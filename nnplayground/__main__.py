"""``python -m nnplayground``: the same as the ``nnplayground`` command."""
import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the command line loads: one line, as later, not a traceback
    print("nnplayground: interrupted", file=sys.stderr)
    sys.exit(130)

if __name__ == "__main__":
    sys.exit(main())
