"""The propagation inspector's names and tables: what each layer and neuron is called, and the
two tables beside the diagram (the layer's neurons, the links into it) at the step on show.

A mix-in of the window (like ``Explanations``): it reads the window's ``trace``, the step
(``phase``, ``step_layer``) and ``experiment``, and fills its ``neuron_table`` and
``link_table``.
"""
from __future__ import annotations

import numpy as np

from ... import labels
from .propagation_views import fill_table, number, shown


class StepTables:
    """The names of layers and neurons, and the tables of the step on show. Headers that are
    formulas (∂L/∂w, a·w) are written the same in every language, so they are not translated."""

    def layer_name(self, k: int, heading: bool = False) -> str:
        """"hidden layer 2 (tanh)" in a sentence, "Hidden layer 2 (tanh)" as a ``heading``."""
        if k == 0:
            return self.tr("Input") if heading else self.tr("the input")
        layer = self.trace.layers[k - 1]
        if layer.is_output:
            text = self.tr("Output layer ({0})") if heading else self.tr("the output layer ({0})")
            return text.format(labels.activation(layer.activation))
        text = self.tr("Hidden layer {0} ({1})") if heading else self.tr("hidden layer {0} ({1})")
        return text.format(k, labels.activation(layer.activation))

    def unit_name(self, k: int, unit: int) -> str:
        """"neuron 3", "class 2", "P(class 1)", or the input feature's name, as the tables write it."""
        if k == 0:
            return labels.feature(self.experiment.data.features[unit])
        if self.trace.layers[k - 1].is_output:
            task = self.experiment.network.task
            if task == "multiclass":
                return self.tr("class {0}").format(unit)
            return self.tr("P(class 1)") if task == "binary" else self.tr("prediction ŷ")
        return self.tr("neuron {0}").format(unit + 1)

    def _short_unit(self, k: int, unit: int) -> str:
        """A compact name for the ends of a link: x1, 3, or c2."""
        if k == 0:
            return labels.feature(self.experiment.data.features[unit])
        if self.trace.layers[k - 1].is_output and self.experiment.network.task == "multiclass":
            return self.tr("class {0}").format(unit)
        return self.tr("out") if self.trace.layers[k - 1].is_output else str(unit + 1)

    def _links(self, layer, columns) -> list[list]:
        """One row per link into the shown neurons of ``layer``: from, to, then ``columns(i, j)``."""
        k = layer.index
        rows = []
        for j in range(shown(layer.units)):
            for i in range(shown(layer.fan_in)):
                rows.append([self._short_unit(k - 1, i), self._short_unit(k, j), *columns(i, j)])
        return rows

    def _show_forward(self) -> None:
        k = self.step_layer
        if k == 0:
            self.layer_title.setText(self.tr("The input: the sample's features"))
            fill_table(self.neuron_table, [self.tr("Feature"), self.tr("value x")],
                       [[self.unit_name(0, i), float(v)] for i, v in enumerate(self.trace.x)])
            self._set_links(None)
            return
        layer = self.trace.layers[k - 1]
        self.layer_title.setText(self.tr("{0}: each neuron sums its weighted inputs, then applies f").format(
            self.layer_name(k, heading=True)))
        fill_table(self.neuron_table,
                   [self.tr("Neuron"), self.tr("bias b"), "z = b + Σ a·w", "a = f(z)"],
                   [[self.unit_name(k, j), float(layer.bias[j]), float(layer.z[j]), float(layer.a[j])]
                    for j in range(shown(layer.units))])
        self._set_links(self.tr("Links into layer {0}").format(k),
                        [self.tr("From"), self.tr("To"), self.tr("a (from)"), self.tr("weight w"), "a·w"],
                        self._links(layer, lambda i, j: [float(layer.inputs[i]), float(layer.weights[i, j]),
                                                         float(layer.inputs[i] * layer.weights[i, j])]))

    def _show_loss(self) -> None:
        trace = self.trace
        out = trace.layers[-1]
        self.layer_title.setText(self.tr("The prediction against the target"))
        fill_table(self.neuron_table, [self.tr("Output"), "z", self.tr("prediction a"), self.tr("target y")],
                   [[self.unit_name(out.index, j), float(out.z[j]), float(out.a[j]), float(trace.y[j])]
                    for j in range(shown(out.units))])
        rows = [[self.tr("data loss"), float(trace.data_loss)]]
        if trace.l2:
            rows.append([self.tr("L2 penalty ½·λ₂·ΣW²"), float(sum(0.5 * trace.l2 * np.sum(l.weights ** 2)
                                                                   for l in trace.layers))])
        if trace.l1:
            rows.append([self.tr("L1 penalty λ₁·Σ|W|"), float(sum(trace.l1 * np.sum(np.abs(l.weights))
                                                                  for l in trace.layers))])
        rows.append([self.tr("total loss L"), float(trace.loss)])
        self._set_links(self.tr("The loss"), [self.tr("Term"), self.tr("value")], rows)

    def _show_backward(self) -> None:
        k = self.step_layer
        layer = self.trace.layers[k - 1]
        self.layer_title.setText(self.tr("{0}: how the loss changes with each neuron").format(
            self.layer_name(k, heading=True)))
        dash = "—"
        fill_table(self.neuron_table,
                   [self.tr("Neuron"), "∂L/∂a", "f′(z)", "∂L/∂z = ∂L/∂b"],
                   [[self.unit_name(k, j), dash if layer.d_a is None else float(layer.d_a[j]),
                     dash if layer.fprime is None else float(layer.fprime[j]), float(layer.d_z[j])]
                    for j in range(shown(layer.units))])
        headers = [self.tr("From"), self.tr("To"), self.tr("a (from)"), self.tr("∂L/∂z (to)")]
        if self.trace.l1 or self.trace.l2:
            headers += ["a·∂L/∂z", self.tr("+ penalty"), "∂L/∂w"]
            values = lambda i, j: [float(layer.inputs[i]), float(layer.d_z[j]), float(layer.d_weights_data[i, j]),
                                   float(layer.d_weights_penalty[i, j]), float(layer.d_weights[i, j])]
        else:
            headers += ["∂L/∂w = a·∂L/∂z"]
            values = lambda i, j: [float(layer.inputs[i]), float(layer.d_z[j]), float(layer.d_weights[i, j])]
        self._set_links(self.tr("Gradient of each weight into layer {0}").format(k), headers,
                        self._links(layer, values))

    def _show_update(self) -> None:
        k = self.step_layer
        layer = self.trace.layers[k - 1]
        lr = number(self.trace.learning_rate, 4)
        self.layer_title.setText(self.tr("{0}: every parameter moves against its gradient, η = {1}").format(
            self.layer_name(k, heading=True), lr))
        fill_table(self.neuron_table,
                   [self.tr("Neuron"), self.tr("b before"), "∂L/∂b", self.tr("b after")],
                   [[self.unit_name(k, j), float(layer.bias[j]), float(layer.d_bias[j]), float(layer.bias_after[j])]
                    for j in range(shown(layer.units))])
        self._set_links(self.tr("Weights into layer {0}: w − η·∂L/∂w").format(k),
                        [self.tr("From"), self.tr("To"), self.tr("w before"), "∂L/∂w", self.tr("w after")],
                        self._links(layer, lambda i, j: [float(layer.weights[i, j]), float(layer.d_weights[i, j]),
                                                         float(layer.weights_after[i, j])]))

    def _set_links(self, title, headers=(), rows=()) -> None:
        self.link_title.setVisible(title is not None)
        self.link_table.setVisible(title is not None)
        self.link_title.setText(title or "")
        fill_table(self.link_table, list(headers), list(rows))
