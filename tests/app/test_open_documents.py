"""File > Open on generated invalid documents (issue 10): each one shows exactly one dialog
with a one-line message naming the field at fault, and the window keeps its experiment, its
file, its title and its recent files; no exception escapes into Qt."""
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from documents import BadFile, invalid_documents, message_is_one_bounded_line, names


class Dialogs:
    """Stands in for QMessageBox.warning: builds the real message box with the text (so Qt
    must accept every character of it) and records what it would show, without waiting."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []

    def warning(self, parent, title, text):
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
        self.shown.append((box.windowTitle(), box.text()))
        box.deleteLater()
        return QMessageBox.StandardButton.Ok


# One window serves every example: what it must keep is the same across all the refusals.
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bad=invalid_documents())
@example(bad=BadFile(b'{"data": {"two\\nlines": 1}}', "data", "a key with a newline, once a two-line message"))
def test_opening_an_invalid_document_shows_one_dialog_and_keeps_everything(main_window, monkeypatch, tmp_path,
                                                                          bad):
    window = main_window
    mine = tmp_path / "mine.json"
    if window.model.path != mine:  # the first example: the window holds a file of its own
        assert window.files.save_to(mine)
    before = (window.experiment, window.model.path, window.windowTitle(), window.files.recent_files())
    dialogs = Dialogs()
    monkeypatch.setattr(QMessageBox, "warning", dialogs.warning)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.json"
        path.write_bytes(bad.content)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
        window.files.open_dialog()
    assert len(dialogs.shown) == 1, bad.kind
    title, message = dialogs.shown[0]
    assert title == "Cannot open experiment"
    assert message_is_one_bounded_line(message, 300 + len(str(path))) and names(message, bad.field), bad.kind
    assert (window.experiment, window.model.path, window.windowTitle(), window.files.recent_files()) == before
