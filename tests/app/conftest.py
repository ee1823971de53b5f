import os

# Widgets render offscreen: no display, no window manager, same pixels every run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
