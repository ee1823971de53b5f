"""The propagation inspector's explanations: each computation of the step on show spelled out
with the sample's own numbers (a mix-in of the window, see ``Explanations``)."""
from __future__ import annotations

import numpy as np

from ... import labels
from .propagation_views import number

MAX_TERMS = 6  # terms of a sum written out in full in an explanation


def term(value) -> str:
    """A number inside a formula: 4 significant digits, in brackets when negative."""
    text = number(value, 4)
    return f"({text})" if text.startswith("−") else text


class Explanations:
    """The propagation inspector's texts that spell out one computation with the sample's
    numbers (a mix-in of the window: it reads ``trace``, the step and the names there)."""

    def _sum(self, pairs) -> str:
        """"a·w + a·w + ..." for (a, w) pairs, the first MAX_TERMS written out."""
        parts = [f"{term(a)}·{term(w)}" for a, w in pairs[:MAX_TERMS]]
        if len(pairs) > MAX_TERMS:
            parts.append(self.tr("… ({0} more terms)").format(len(pairs) - MAX_TERMS))
        return " + ".join(parts)

    def _fprime_text(self, layer, j) -> str:
        a, z = term(layer.a[j]), term(layer.z[j])
        return {"sigmoid": f"a(1 − a) = {a}·(1 − {a})", "tanh": f"1 − a² = 1 − {a}²",
                "relu": self.tr("1 if z > 0, else 0 (z = {0})").format(z),
                "leaky_relu": self.tr("1 if z > 0, else α = {0} (z = {1})").format(term(layer.alpha), z),
                "linear": self.tr("1 (linear)")}[layer.activation]

    def loss_formula(self) -> str:
        """The loss written out with the sample's numbers (HTML)."""
        t = self.trace
        p, y, z, value = t.prediction, t.y, t.output_z, number(t.data_loss)
        if t.loss_name == "bce":
            text = self.tr("Binary cross-entropy: L = −[y·log p + (1 − y)·log(1 − p)] "
                           "= −[{0}·log {1} + {2}·log {3}] = <b>{4}</b>").format(
                term(y[0]), term(p[0]), term(1 - y[0]), term(1 - p[0]), value)
        elif t.loss_name == "softmax_ce":
            c = int(np.argmax(y))
            text = self.tr("Cross-entropy: L = −Σ y<sub>c</sub>·log p<sub>c</sub> = −log p<sub>{0}</sub> "
                           "(the target class) = −log {1} = <b>{2}</b>").format(c, term(p[c]), value)
        elif t.loss_name == "mse":
            text = self.tr("Squared error: L = (ŷ − y)² = ({0} − {1})² = <b>{2}</b>").format(
                term(z[0]), term(y[0]), value)
        else:
            r, d = float(z[0] - y[0]), t.huber_delta
            if abs(r) <= d:
                text = self.tr("Huber: r = ŷ − y = {0}; |r| ≤ δ = {1}, so L = ½r² = <b>{2}</b>").format(
                    term(r), term(d), value)
            else:
                text = self.tr("Huber: r = ŷ − y = {0}; |r| > δ = {1}, so L = δ(|r| − δ/2) = <b>{2}</b> "
                               "(linear far from the target: an outlier pulls no harder than δ)").format(
                    term(r), term(d), value)
        if t.penalty:
            text += self.tr("<br>Plus the penalty on the weights, {0}: the total L = <b>{1}</b>").format(
                number(t.penalty), number(t.loss))
        return text

    def _explain(self) -> None:
        t, phase, k, j = self.trace, self.phase, self.step_layer, self.selected_unit
        if phase == "forward" and k == 0:
            text = self.tr("The input layer holds the sample's features, a<sub>0</sub> = x. Nothing is computed "
                           "here; press Next to compute the first layer.")
        elif phase == "forward":
            layer = t.layers[k - 1]
            name = (self.tr("Softmax over all the outputs") if layer.activation == "softmax"
                    else labels.activation(layer.activation))
            text = self.tr("<b>{0}</b>: z = b + Σ a·w = {1} + {2} = <b>{3}</b><br>a = f(z) with f = {4}: "
                           "<b>{5}</b>").format(self.unit_name(k, j), term(layer.bias[j]),
                                                self._sum(list(zip(layer.inputs, layer.weights[:, j]))),
                                                number(layer.z[j]), name, number(layer.a[j]))
        elif phase == "loss":
            text = self.loss_formula()
        elif phase == "backward":
            text = self._explain_backward(t, k, j)
        else:
            layer = t.layers[k - 1]
            lr = term(t.learning_rate)
            text = self.tr("Gradient descent moves every parameter a small step against its gradient: "
                           "w ← w − η·∂L/∂w, with η = {0}.<br>"
                           "<b>{1}</b>: bias {2} − {3}·{4} = <b>{5}</b>; "
                           "weight from {6}: {7} − {3}·{8} = <b>{9}</b>").format(
                number(t.learning_rate, 4), self.unit_name(k, j), term(layer.bias[j]), lr, term(layer.d_bias[j]),
                number(layer.bias_after[j]), self.unit_name(k - 1, 0), term(layer.weights[0, j]),
                term(layer.d_weights[0, j]), number(layer.weights_after[0, j]))
        self.explanation.setText(text)

    def _explain_backward(self, t, k, j) -> str:
        layer = t.layers[k - 1]
        name = self.unit_name(k, j)
        if layer.is_output and layer.d_a is None:
            text = self.tr("<b>{0}</b>: ∂L/∂z = p − y = {1} − {2} = <b>{3}</b><br>With {4} and cross-entropy, "
                           "the derivative of the loss through the output activation simplifies to prediction minus "
                           "target, so it is shown directly.").format(
                name, term(layer.a[j]), term(t.y[j]), number(layer.d_z[j]), labels.activation(layer.activation))
        elif layer.is_output:
            rule = "2(ŷ − y)" if t.loss_name == "mse" else self.tr("ŷ − y, clipped to ±δ")
            text = self.tr("<b>{0}</b>: ∂L/∂a = {1} = <b>{2}</b><br>The output is linear, f′(z) = 1, so "
                           "∂L/∂z = ∂L/∂a = <b>{3}</b>").format(name, rule, number(layer.d_a[j]),
                                                                 number(layer.d_z[j]))
        else:
            above = t.layers[k]
            text = self.tr("<b>{0}</b>: ∂L/∂a = Σ w·∂L/∂z over its links to {1} = {2} = <b>{3}</b><br>"
                           "f′(z) = {4} = <b>{5}</b><br>∂L/∂z = ∂L/∂a · f′(z) = <b>{6}</b>").format(
                name, self.layer_name(k + 1), self._sum(list(zip(above.weights[j], above.d_z))),
                number(layer.d_a[j]), self._fprime_text(layer, j), number(layer.fprime[j]), number(layer.d_z[j]))
        text += self.tr("<br>Each weight into it: ∂L/∂w = a (from) · ∂L/∂z; its bias: ∂L/∂b = ∂L/∂z.")
        if t.l1 or t.l2:
            extra = [f"{number(t.l2, 4)}·w" if t.l2 else "", f"{number(t.l1, 4)}·sign(w)" if t.l1 else ""]
            text += self.tr(" The penalty adds {0} to each weight's gradient.").format(
                " + ".join(e for e in extra if e))
        return text

    def describe_neuron(self, column: int, unit: int) -> str:
        """The tooltip of a circle in the diagram: that neuron's numbers so far."""
        t = self.trace
        if t is None:
            return ""
        if column > len(t.layers):
            return self.tr("target y = {0}").format(number(t.y[unit]))
        if column == 0:
            return f"{self.unit_name(0, unit)} = {number(t.x[unit])}"
        layer = t.layers[column - 1]
        if self.phase == "forward" and column > self.step_layer:
            return self.tr("{0}: not computed yet").format(self.unit_name(column, unit))
        lines = [f"<b>{self.unit_name(column, unit)}</b>", f"z = {number(layer.z[unit])}",
                 f"a = {number(layer.a[unit])}"]
        if self.phase == "update" or self.phase == "backward" and column >= self.step_layer:
            if layer.d_a is not None:
                lines += [f"∂L/∂a = {number(layer.d_a[unit])}", f"f′(z) = {number(layer.fprime[unit])}"]
            lines.append(f"∂L/∂z = {number(layer.d_z[unit])}")
        if self.phase == "update":
            lines.append(self.tr("bias {0} → {1}").format(number(layer.bias[unit]), number(layer.bias_after[unit])))
        return "<br>".join(lines)
