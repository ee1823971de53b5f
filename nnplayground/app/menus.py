"""The main window's menu bar: File, Presets, Labs, View and Help, retitled on every language switch.

The menus only call the window (its file actions, labs and views); the actions the window and
its tests use are attributes here and, through MainWindow, on the window itself.
"""
from __future__ import annotations

from PySide6.QtWidgets import QMenuBar

from ..core.compiled.engine import DEFAULT_ENGINE
from . import labels
from .file_actions import add_action
from .guide import Guide
from .language import Retranslating, fill_language_menu
from .preset_menu import fill_preset_menu


class MenuBar(Retranslating, QMenuBar):
    """The menus of ``window`` (a MainWindow): built once, their texts written in ``retranslate``."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.file_menu = self.addMenu("")
        window.files.build_menu(self.file_menu, [view for _, view in window.plots()])
        self.presets_menu = self.addMenu("")
        self.preset_actions: dict = {}  # filled (again) in retranslate: names and descriptions are translated
        self.labs_menu = self.addMenu("")
        self.gradient_lab_action = add_action(self.labs_menu, "", window.open_gradient_lab)
        self.propagation_inspector_action = add_action(self.labs_menu, "", window.open_propagation_inspector)
        self.activation_lab_action = add_action(self.labs_menu, "", window.open_activation_lab)
        self.parallel_lab_action = add_action(self.labs_menu, "", window.open_parallel_lab)
        self.sweeps_action = add_action(self.labs_menu, "", window.open_sweeps)
        self._build_view_menu()
        self.help_menu = self.addMenu("")
        self.guide = Guide(window, self.help_menu)  # Help > Guide (F1): the concept pages, app/guide
        self.about_action = add_action(self.help_menu, "", window.about)
        self.retranslate()

    def _build_view_menu(self) -> None:
        window = self.window
        self.view_menu = view_menu = self.addMenu("")
        for dock in window.docks:  # their entries take the docks' titles, as the toolbars' do
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(window.controls.toggleViewAction())
        view_menu.addAction(window.controls.schedule_bar.toggleViewAction())
        self.headline_action = view_menu.addAction("")
        self.headline_action.setCheckable(True)
        self.headline_action.setChecked(True)
        self.headline_action.toggled.connect(window.headline.setVisible)
        self.engine_action = view_menu.addAction("")
        self.engine_action.setCheckable(True)
        self.engine_action.setChecked(window.settings.value("engine", DEFAULT_ENGINE) == "compiled")
        self.language_menu = view_menu.addMenu("")
        self.language_actions = fill_language_menu(self.language_menu, window.language)
        view_menu.addSeparator()
        self.reset_layout_action = add_action(view_menu, "", window.reset_layout)

    def retranslate(self) -> None:
        """Write every menu title and entry in the interface's language."""
        self.file_menu.setTitle(self.tr("&File"))
        self.window.files.retranslate([title for title, _ in self.window.plots()])
        self.presets_menu.setTitle(self.tr("&Presets"))
        fill_preset_menu(self.presets_menu, self.window.open_preset, self.preset_actions)
        self.labs_menu.setTitle(self.tr("&Labs"))
        labs = ((self.gradient_lab_action, self.tr("Gradient lab..."),
                 self.tr("How gradients flow back through deep nets and recurrent nets: vanishing, exploding, "
                         "saturation, outliers.")),
                (self.propagation_inspector_action, self.tr("Propagation inspector..."),
                 self.tr("Follow one sample forward and backward through the current network, number by number.")),
                (self.activation_lab_action, self.tr("Activation lab..."),
                 self.tr("The activation functions, their derivatives and where the current network's units sit "
                         "on them.")),
                (self.parallel_lab_action, self.tr("Parallel lab..."),
                 self.tr("Data-parallel training with simulated ranks: all-reduce, precision and their cost.")),
                (self.sweeps_action, self.tr("Sweeps..."),
                 self.tr("Train a grid of variants of the experiment in the background and compare them.")))
        for action, text, tip in labs:
            action.setText(text)
            action.setToolTip(tip)
        self.labs_menu.setToolTipsVisible(True)
        self.view_menu.setTitle(self.tr("&View"))
        self.view_menu.setToolTipsVisible(True)
        self.headline_action.setText(self.tr("Headline numbers"))
        self.headline_action.setToolTip(self.tr("Show the large numbers above the network; hidden, they move into "
                                                "the status bar."))
        self.engine_action.setText(labels.engine("compiled"))
        self.engine_action.setToolTip(self.tr("Train many iterations per compiled call (numba), several times "
                                              "faster; off: the NumPy engine. Both give the same numbers to rounding."))
        # In both languages, so that a person who cannot read the one shown still finds it.
        self.language_menu.setTitle(self.tr("Language"))
        self.reset_layout_action.setText(self.tr("Reset layout"))
        self.reset_layout_action.setToolTip(self.tr("Put every panel and toolbar back where it was at first."))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About nnplayground"))
