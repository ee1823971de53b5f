"""``python -m nnplayground`` and the ``nnplayground`` command: load the command line, run it."""
import signal
import sys


def main() -> int:
    """Run the command line; a Ctrl-C while it loads ends in one line and exit 130, as later.

    Until cli.py has loaded, Ctrl-C is only noted: a KeyboardInterrupt raised inside the import
    machinery can land in one of its callbacks, where Python prints it as a traceback it ignored.
    """
    noted = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    try:
        from .cli import main as command_line
    finally:
        signal.signal(signal.SIGINT, previous)
    if noted:
        print("nnplayground: interrupted", file=sys.stderr)
        return 130
    return command_line()


if __name__ == "__main__":
    sys.exit(main())
