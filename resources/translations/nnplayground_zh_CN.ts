<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationLab</name>
    <message>
        <source>Activation lab - nnplayground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output by task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>During training</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>Autosave failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An autosaved experiment could not be read and was discarded: {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nnplayground did not close properly. Restore the experiment you were working on ({0}, {1})?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore opens it with its changes unsaved; Discard deletes the autosaved copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliProcess</name>
    <message>
        <source>could not start {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the command ended with exit code {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConvergenceView</name>
    <message>
        <source>&lt;b&gt;Convergence speed.&lt;/b&gt; One process (blue) updates the weights after every batch of b samples. Data-parallel training (orange) has K ranks compute the gradients of K batches at once and makes one update from their mean. For the same samples seen it has made K times fewer updates (one per epoch with epoch blocks), so per sample it tends to learn more slowly; per iteration, or per simulated second when the ranks work at the same time, it can be ahead. Change the x axis to see both.&lt;br&gt;&lt;b&gt;Fitting.&lt;/b&gt; The lower plot is test loss minus training loss at each epoch&apos;s end, both on the whole sets. Updates from one batch follow that batch&apos;s noise; the mean of K batches&apos; gradients is smoother. A widening gap means over-fitting, high losses with no gap under-fitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>simulated time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one process, batch {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} ranks, {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training loss per iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test loss − training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss: one process against data-parallel, same seed and data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train/test gap at each epoch&apos;s end</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CostView</name>
    <message>
        <source>&lt;b&gt;What more ranks buy.&lt;/b&gt; An iteration takes the slowest rank&apos;s compute (measured here: the real time of one batch&apos;s forward and backward pass) plus the all-reduce, modelled as latency + bytes / bandwidth per message: ring sends 2(K−1) messages of 1/K of the gradient, tree 2⌈log₂K⌉ whole ones, sequential 2(K−1) whole ones. The curve is one process&apos;s epoch time over K ranks&apos; epoch time (the dashed line is perfect scaling). A small network&apos;s gradient is small and quick to compute, so latency weighs most and more ranks can even be slower: communication overhead eats the gain. Below: the last iteration, rank by rank; beside it, the same experiment measured on K real processes (PyTorch, gloo), whose ranks wait in the all-reduce for the slowest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>simulated time in the iteration (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>perfect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ranks K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>speed-up per epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed-up over K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Run or Step to measure the compute time per batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed-up over K: {0}, {1:g} GB/s, latency {2:g} µs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured compute: {0:.1f} µs per batch; gradient: {1} bytes per rank; at K = {2} ({3}) the model predicts a speed-up of {4:.2f} per epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank timeline of iteration {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank timeline (no iteration yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Batches this iteration:&lt;/b&gt; {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary: one sigmoid output, P(class 1). Multi-class: one softmax output per class. Regression: one linear output, the predicted value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of clusters (classes) of the blobs data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of points, training and test together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} / {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much the points (or, for regression, the targets) are jittered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the points used for training; the rest are test points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a new random sample of the same data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train / test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training targets pushed far off (regression only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far an outlier&apos;s target is pushed (regression only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Magnitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed {0} to the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applied: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least one input feature is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outliers apply to regression data sets only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DepthTab</name>
    <message>
        <source>&lt;b&gt;Why depth matters.&lt;/b&gt; On the way down, backpropagation multiplies the error signal by every layer&apos;s weights and by the slope of its activation. Over many layers these factors compound: when they are typically below 1 the signal shrinks geometrically and the first layers hardly learn (vanishing); above 1 it grows geometrically until the numbers overflow (exploding). Sigmoid&apos;s slope is at most 0.25, so deep sigmoid nets vanish. A linear net with orthogonal weights scales the signal by exactly the gain at each layer: the pale red line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gain per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vanishing: 30 sigmoid layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exploding: 30 linear layers, gain 1.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer k (1 = nearest the input)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected: gain^(L−k)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not finite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} at iteration {1}, before it diverged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖∂L/∂z‖ of layer 1 ÷ output layer: before {0}; after {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖∂L/∂z‖ of layer 1 ÷ output layer: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Explanations</name>
    <message>
        <source>… ({0} more terms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 if z &gt; 0, else 0 (z = {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 if z &gt; 0, else α = {0} (z = {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 (linear)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary cross-entropy: L = −[y·log p + (1 − y)·log(1 − p)] = −[{0}·log {1} + {2}·log {3}] = &lt;b&gt;{4}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-entropy: L = −Σ y&lt;sub&gt;c&lt;/sub&gt;·log p&lt;sub&gt;c&lt;/sub&gt; = −log p&lt;sub&gt;{0}&lt;/sub&gt; (the target class) = −log {1} = &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Squared error: L = (ŷ − y)² = ({0} − {1})² = &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huber: r = ŷ − y = {0}; |r| ≤ δ = {1}, so L = ½r² = &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huber: r = ŷ − y = {0}; |r| &gt; δ = {1}, so L = δ(|r| − δ/2) = &lt;b&gt;{2}&lt;/b&gt; (linear far from the target: an outlier pulls no harder than δ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Plus the penalty on the weights, {0}: the total L = &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The input layer holds the sample&apos;s features, a&lt;sub&gt;0&lt;/sub&gt; = x. Nothing is computed here; press Next to compute the first layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax over all the outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: z = b + Σ a·w = {1} + {2} = &lt;b&gt;{3}&lt;/b&gt;&lt;br&gt;a = f(z) with f = {4}: &lt;b&gt;{5}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient descent moves every parameter a small step against its gradient: w ← w − η·∂L/∂w, with η = {0}.&lt;br&gt;&lt;b&gt;{1}&lt;/b&gt;: bias {2} − {3}·{4} = &lt;b&gt;{5}&lt;/b&gt;; weight from {6}: {7} − {3}·{8} = &lt;b&gt;{9}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: ∂L/∂z = p − y = {1} − {2} = &lt;b&gt;{3}&lt;/b&gt;&lt;br&gt;With {4} and cross-entropy, the derivative of the loss through the output activation simplifies to prediction minus target, so it is shown directly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ŷ − y, clipped to ±δ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: ∂L/∂a = {1} = &lt;b&gt;{2}&lt;/b&gt;&lt;br&gt;The output is linear, f′(z) = 1, so ∂L/∂z = ∂L/∂a = &lt;b&gt;{3}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: ∂L/∂a = Σ w·∂L/∂z over its links to {1} = {2} = &lt;b&gt;{3}&lt;/b&gt;&lt;br&gt;f′(z) = {4} = &lt;b&gt;{5}&lt;/b&gt;&lt;br&gt;∂L/∂z = ∂L/∂a · f′(z) = &lt;b&gt;{6}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Each weight into it: ∂L/∂w = a (from) · ∂L/∂z; its bias: ∂L/∂b = ∂L/∂z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The penalty adds {0} to each weight&apos;s gradient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target y = {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: not computed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bias {0} → {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open experiment...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export metrics CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiments (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs not loaded: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiments (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {0} rows, one per iteration, to {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {0} rows, one every {1} iterations (the window keeps a long run&apos;s history thinned), to {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FunctionsTab</name>
    <message>
        <source>Leaky ReLU&apos;s slope for x &lt; 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slope for x &lt; 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak slope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f′(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f′ below 1% of its peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>σ(x) = 1 / (1 + e&lt;sup&gt;−x&lt;/sup&gt;) squashes any number into (0, 1). Its slope peaks at x = 0 with only 0.25 and fades fast on both sides: below 7% of that peak at |x| = 4, below 1% only past |x| ≈ 6, hence the thin shading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rarely a good choice now: each layer multiplies the backward signal by at most 0.25, so deep sigmoid nets learn slowly, and the outputs are all positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the usual choice for binary classification, read as the probability of class 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tanh(x) squashes into (−1, 1), centred on 0, with slope 1 at x = 0; it is a stretched sigmoid: tanh(x) = 2σ(2x) − 1. Beyond |x| ≈ 3 it is flat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a sound choice for small nets: centred outputs suit the next layer; watch for large z, which saturate it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only when the targets lie in (−1, 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max(0, x) passes positive inputs unchanged (slope 1, no saturation) and blocks negative ones (slope 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default for deep nets. A unit whose z is negative for every sample is dead: no gradient reaches it, so it never recovers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rarely: only for targets that cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x for x &gt; 0 and αx otherwise: ReLU with a small slope α for negative inputs, so a unit never goes completely silent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a common cure for dead ReLUs. With α below 1% of the peak slope it counts as dead there, like ReLU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rarely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f(x) = x: no squashing, slope 1 everywhere, never saturates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pointless: linear layers stacked are still one linear map, so the net can only draw straight boundaries, however deep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the usual choice for regression: an unbounded value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In hidden layers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the output:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>range {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} and its slope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the mouse over the plot to read off f(x) and f′(x).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never: f′ stays at or above 1% of its peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saturated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} where {1} (f′ below 1% of its peak, shaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x = {0:.2f}, f(x) = {1:.4f}, f′(x) = {2:.4f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradientHeatmap</name>
    <message>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log₁₀ ‖dL/dz‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log₁₀ ‖dL/dW‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover over the map to read a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, iteration {1}: ‖dL/dz‖ {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, iteration {1}: ‖dL/dW‖ {2}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradientLab</name>
    <message>
        <source>Gradient lab - nnplayground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large initialisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturating activations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RNN over long sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train every run of this tab; press again to pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train one iteration (one batch) and stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to iteration 0 with the same initial weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diverged at iteration {0}, layer {1} (non-finite {2})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration {0} (all epochs done)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Reset to start the runs again from iteration 0.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradientNormPlot</name>
    <message>
        <source>output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖dL/dz‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖dL/dW‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} layers; the legend names {1} of them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InitScaleTab</name>
    <message>
        <source>&lt;b&gt;Too-large initial weights.&lt;/b&gt; Large weights spread every layer&apos;s pre-activations z wide. A tanh or sigmoid unit far out on its flat tails (shaded red) has a slope near zero: it passes almost no gradient back and hardly changes however long you train. Too-small weights fail the other way: each layer shrinks the signal. Xavier and He initialisation pick the scale that keeps the spread of z the same from layer to layer, so the profile below stays flat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial weight scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pre-activation z (end columns: |z| ≥ 8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer k (1 = nearest the input)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backward signal per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z per layer, {0}: {1:.0%} in the shaded zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-activations z per layer: {0:.0%} in the shaded zone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabTab</name>
    <message>
        <source>orthogonal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training loss per batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every ReLU unit of layer {0} outputs 0 for every probe sample (dead units pass nothing back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signal underflowed to 0 at layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no gradient reaches layers 1 to {0}: {1}. A log axis cannot draw 0, so the curve stops there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabWindow</name>
    <message>
        <source>Main window&apos;s experiment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerHeader</name>
    <message>
        <source>Activation function of this layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 neuron</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} neurons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a neuron to this layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The builder allows up to {0} neurons per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a neuron from this layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A layer needs at least one neuron; use “− layer” to remove layers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy / R²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Labs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient lab...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Propagation inspector...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation lab...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel lab...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweeps...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headline numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train many iterations per compiled call (numba), several times faster; off: the NumPy engine. Both give the same numbers to rounding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About nnplayground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The experiment changed, so training restarts from iteration 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy engine (the compiled one is unavailable: {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy engine (compiling the fast one...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch {0} - iteration {1} - batch {2}/{3} - samples seen {4}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%p% - about {0} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Training diverged&lt;/b&gt; at iteration {0}: the {1} of layer {2} became infinite or NaN. Lower the learning rate or change the initialisation, then press Reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About nnplayground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;nnplayground {0}&lt;/h3&gt;&lt;p&gt;Build a small neural network, train it and watch it learn.&lt;/p&gt;&lt;p&gt;PySide6 {1} - pyqtgraph {2} - NumPy {3}&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasuredPlot</name>
    <message>
        <source>weight gradients ‖dL/dW‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backward signal ‖dL/dz‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖dL/dW‖: each layer&apos;s weight gradient at every step. ‖dL/dz‖: the gradient backpropagation passes down to each layer (on a fixed batch), which shows vanishing or exploding directly</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricPlot</name>
    <message>
        <source>R²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkBuilder</name>
    <message>
        <source>+ layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>− layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each link is a weight: blue for positive, orange for negative, thicker for larger |w|. Hover a link to read it, double-click to edit it; click a neuron to inspect it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight from {0} to {1}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} → {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>w = {0}, ∂L/∂w = {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} positive weight &amp;nbsp; {1} negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>neuron {0} of layer {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+{0} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the first {0} of {1} neurons are drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The features fed to the network, each shown over the input plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input {0}: its value over the input plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: its output over the input plane. Click to inspect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hidden layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} hidden layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a hidden layer (a copy of the last one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The builder allows up to {0} hidden layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the last hidden layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no hidden layers to remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>Links: the weights w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links into layer {0} and above: ∂L/∂w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links into layer {0}: the change −η·∂L/∂w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (blue &gt; 0, orange &lt; 0, thicker = larger)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… {0} more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutlierTab</name>
    <message>
        <source>&lt;b&gt;Outliers.&lt;/b&gt; With squared error, a sample&apos;s gradient grows with its error, so a few targets far off the rest dominate every batch they land in: the gradient norm spikes (red dots mark batches holding an outlier) and the weights jump. Huber loss caps each sample&apos;s gradient once its error passes δ; gradient clipping caps the whole step. Either keeps the spikes from derailing the fit, as the test R² shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>squared error (MSE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huber (δ = {0:g})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outliers k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outlier magnitude m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global gradient norm per iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖∇L‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch held an outlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test R² (the test targets have no outliers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · axis cut at {1:g}: the lowest R² is {2}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutputCaption</name>
    <message>
        <source>P(class 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any real value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary classification: the sigmoid squashes the output into (0, 1), read as the probability of class 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiclass classification: the softmax turns the {0} outputs into class probabilities that sum to 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression: the output is linear because the target is an unbounded value, not a probability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Output&lt;/b&gt;&lt;br&gt;{0}&lt;br&gt;&lt;span style=&apos;color:#80868b&apos;&gt;{1}&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutputTab</name>
    <message>
        <source>&lt;b&gt;The output layer speaks the task&apos;s language.&lt;/b&gt; Hidden layers may use any nonlinearity; the output&apos;s activation is chosen so its values mean what the targets mean, and it is paired with a loss that fits it. With these pairs the gradient at the output is simply &lt;i&gt;prediction − target&lt;/i&gt;, so a confidently wrong output still learns fast instead of sitting on a flat tail.&lt;br&gt;&lt;br&gt;The row of the experiment in the main window is highlighted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one unit, in (0, 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The probability of class 1 (class 0 gets the rest). A probability must lie between 0 and 1, and the sigmoid maps any z there; z = 0 is the 50% boundary. Loss: binary cross-entropy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>K units, positive, sum to 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A distribution over the K classes: exactly one class is right, so the probabilities must compete and add up to 1. Separate sigmoids would not (see the Softmax tab). Loss: categorical cross-entropy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one unit, any real number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unbounded value: the target can be any number, and a sigmoid or tanh could never reach values outside its range. Loss: squared error (or Huber, which caps the pull of outliers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Mismatches and what they do&lt;/b&gt;&lt;ul style=&apos;margin-left: -20px&apos;&gt;&lt;li&gt;A sigmoid or tanh output on regression can never predict beyond its range: targets above 1 stay out of reach, and the unit saturates trying.&lt;/li&gt;&lt;li&gt;A linear output on classification gives scores, not probabilities: nothing keeps them in (0, 1) or makes them add up to 1.&lt;/li&gt;&lt;li&gt;Softmax over a single unit always outputs 1; for two classes, one sigmoid unit does the job of a two-unit softmax.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No experiment from the main window yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The main window&apos;s experiment &lt;b&gt;{0}&lt;/b&gt;: task &lt;b&gt;{1}&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to the network&apos;s output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show test data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw the test points as hollow circles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discretize output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click on the plot to add a training point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class of the points you add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target value of the points you add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the click&apos;s height is the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear my points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every point you added by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to show the output again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neuron {0} of hidden layer {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output neuron {0}: P(class {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output neuron: P(class 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output neuron: prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A regression output has no classes to snap to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour each point of the plane by the predicted class only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParallelLab</name>
    <message>
        <source>Parallel lab - nnplayground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convergence and fitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The experiment both runs train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>K, the number of simulated ranks (GPUs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A batch per rank: an iteration trains K batches. Epoch blocks: an iteration is the whole epoch, each rank taking a contiguous block of its batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order in which the all-reduce adds the ranks&apos; gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The float type the all-reduce adds in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interconnect the cost model assumes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data-parallel settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranks K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All-reduce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduce in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;The notes&apos; example&lt;/b&gt;: 100 batches over 4 ranks in one iteration: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train both runs; press again to pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One data-parallel iteration (the one-process run catches up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both runs back to iteration 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iteration {0} ({1}); one process: iteration {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;This experiment&lt;/b&gt;: {0} training samples in {1} batches of {2} per epoch; over {3} ranks ({4}) that is {5} iteration(s) per epoch, the first one giving {6}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParallelWorker</name>
    <message>
        <source>The run has stopped ({0}): press Reset to train again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrecisionView</name>
    <message>
        <source>&lt;b&gt;Numeric precision.&lt;/b&gt; In exact arithmetic the all-reduce gives the same mean gradient whatever order it adds the ranks&apos; gradients in. Floating-point addition is not associative, so the sequential, ring and tree orders round differently, most visibly when reducing in float32. The upper plot shows, per iteration, each order&apos;s combined gradient against a float64 sum of the same gradients (zero leaves a gap). The lower one shows how those roundings carry into the weights: the largest parameter difference over the largest parameter, between runs that differ only in the order, or in the reduction&apos;s dtype, or against one process with batch K·b, which is the same training in exact arithmetic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max absolute difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max relative difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max difference in ULPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measure:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max |Δθ| / max |θ|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter drift between runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ring vs sequential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tree vs sequential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vs float64 reduction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vs one process, batch K·b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Combined gradient, reduced in {0}, against a float64 sum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter drift between runs (no one-process equivalent: {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replicas bit-identical after every iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replicas differ: the ranks&apos; parameters are no longer identical</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PropagationInspector</name>
    <message>
        <source>Propagation inspector - nnplayground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which training sample goes through the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While this is on, click a training point in the main window&apos;s output plot to send it through the network here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The step size of the update in phase 4 (taken from the experiment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use latest weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the network as the main window&apos;s run has it now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back one step (Left or Page Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On one step (Right or Page Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sequence data set trains a recurrent net, which this inspector does not show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights after iteration {0} of the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial weights (iteration 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase 4 shows one plain gradient-descent step on this one sample.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(The run itself uses {0} on batches of {1}, which step differently.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(The run averages the gradient over batches of {0}.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a = f(z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∂L/∂z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new bias b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output
{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden {0}
{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward pass: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss: prediction vs target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backward pass: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}. {1}   (step {2} of {3})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: the first {1} of {2} neurons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Published</name>
    <message>
        <source>Training stopped: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QMainWindow</name>
    <message>
        <source>{0} trains a recurrent net on sequences: open it in Labs &gt; Gradient lab or run it with `nnplayground run`.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RNNTab</name>
    <message>
        <source>&lt;b&gt;Recurrent nets over long sequences.&lt;/b&gt; An RNN uses the same recurrent weights W&lt;sub&gt;h&lt;/sub&gt; at every step, so the error signal that reaches step t from the last step T has been multiplied T − t times by W&lt;sub&gt;h&lt;/sub&gt;&lt;sup&gt;T&lt;/sup&gt;·diag(1 − h&lt;sup&gt;2&lt;/sup&gt;): the weights, then the slope of tanh. With a spectral radius below 1 each factor shrinks it and the early steps get a geometrically small gradient, so the net cannot learn what the first inputs said. Above 1 it can grow geometrically while tanh stays in its linear range, but as the hidden state grows, h&lt;sup&gt;2&lt;/sup&gt; nears 1, the slope nears 0 and pulls the signal back toward vanishing. Truncated backpropagation through time stops the chain after k steps: nothing explodes, but the earlier steps get no gradient at all. The pale red line is the most the signal can be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time step t (1 = the first input)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖∂L/∂h&lt;sub&gt;t&lt;/sub&gt;‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated: no gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the first input: the target is the first input. Adding problem: the target is the sum of the two inputs marked by a second channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every eigenvalue of the initial W_h has this modulus (W_h is this times a random orthogonal matrix)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence length T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spectral radius</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backpropagation through time: through every step, or only the last k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many of the last steps the gradient flows back through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD steps in proportion to the gradient, so an exploding gradient throws the weights far; Adam divides by its running size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BPTT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k =</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall the first of 200 inputs (radius 0.9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings of the &quot;RNN over a long sequence&quot; preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bound σᵀ⁻ᵗ·‖∂L/∂h{0}‖ (σ = ‖Wₕ‖₂ = {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not finite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} at iteration {1}, before it diverged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: before {1}; after {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} = {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steps {0}–{1} underflow to 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truncated at k = {0}: steps 1–{1} get no gradient</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RankTimeline</name>
    <message>
        <source>rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all-reduce</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RealRanksPanel</name>
    <message>
        <source>&lt;b&gt;Measured on {0} processes&lt;/b&gt; ({1} iterations, torch {2}, gloo): replicas bit-identical: {3}; max |Δ| of gloo&apos;s sum against the simulated ones: {4}. Time per iteration: measured {5}, predicted {6} with the fitted link, {7} with the configured one. Fitted link: {8}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure on real ranks (PyTorch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train this experiment on K processes through torch.distributed (gloo), about as many iterations as the lab has trained (at most {0}), and show what they measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs PyTorch, which is not installed. Install it with: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured time in a mean iteration (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank timeline measured on real ranks (none yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the experiment file: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on {0} processes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real ranks: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank timeline measured on {0} processes, mean of {1} iterations</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemedyBar</name>
    <message>
        <source>&lt;b&gt;Remedies:&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip gradients at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale the whole gradient down whenever its norm exceeds the threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xavier/He init</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xavier initialisation (He for ReLU layers) at gain 1: keeps the spread of z the same from layer to layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU hidden layers: slope exactly 1 wherever a unit is active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate ÷10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take ten times smaller steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huber loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cap each sample&apos;s gradient once its error exceeds δ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The largest global gradient norm a step may use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clip at {0:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate ÷10</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Repeat with the same seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curve:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the runs: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {0} run(s) to {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {0} again for {1} iterations...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repeat failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is identical to {1}: max difference 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} differs from {1} (seed {2} vs {3}): max difference {4:.3g}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaturationTab</name>
    <message>
        <source>&lt;b&gt;Saturating activations.&lt;/b&gt; The same deep network trained four times, once per activation. Each layer multiplies the backward signal by the slope f′(z). Sigmoid&apos;s slope never exceeds 0.25 and tanh&apos;s falls to zero in its tails, so their gradients fade with depth. ReLU passes a slope of exactly 1 where z &gt; 0 and 0 elsewhere: for each sample some units are dead. Leaky ReLU keeps a small slope there, so no unit goes completely silent. With Xavier initialisation the ReLU nets still fade a little, as half their units pass nothing; He initialisation makes up for that. Saturation is measured on each training batch: press Step or Play.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial weight scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturated or dead units per hidden layer (f′ below 1% of its peak)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fraction of units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backward signal per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer k (1 = nearest the input)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SoftmaxTab</name>
    <message>
        <source>&lt;b&gt;Softmax&lt;/b&gt; turns K scores z (logits) into probabilities p&lt;sub&gt;i&lt;/sub&gt; = e&lt;sup&gt;z&lt;sub&gt;i&lt;/sub&gt;/T&lt;/sup&gt; / Σ&lt;sub&gt;j&lt;/sub&gt; e&lt;sup&gt;z&lt;sub&gt;j&lt;/sub&gt;/T&lt;/sup&gt;: each one positive, together exactly 1. Raising one logit takes probability from all the others, and adding the same number to every logit changes nothing.&lt;br&gt;&lt;br&gt;The &lt;b&gt;temperature&lt;/b&gt; T divides the logits first: below 1 it sharpens the distribution toward the largest logit, above 1 it flattens it toward uniform.&lt;br&gt;&lt;br&gt;A &lt;b&gt;sigmoid per class&lt;/b&gt; instead answers K separate yes/no questions: each value lies in (0, 1), but their sum can be anything between 0 and K. That suits labels that can all be true at once, not picking one class out of K.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many classes (logits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>softmax(z / T): small T sharpens, large T flattens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random logits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logits z (drag the sliders)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>σ(z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>softmax(z / T), T = {0:g}: one distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sigmoid(z) per class: independent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sum of the softmax probabilities: &lt;b&gt;{0:.3f}&lt;/b&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;Sum of the sigmoids: &lt;b&gt;{1:.3f}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepTables</name>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output layer ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the output layer ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden layer {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden layer {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P(class 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prediction ŷ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>neuron {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The input: the sample&apos;s features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: each neuron sums its weighted inputs, then applies f</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neuron</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bias b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z = b + Σ a·w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a = f(z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links into layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a (from)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a·w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prediction against the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prediction a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 penalty ½·λ₂·ΣW²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L1 penalty λ₁·Σ|W|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total loss L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: how the loss changes with each neuron</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∂L/∂a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f′(z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∂L/∂z = ∂L/∂b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∂L/∂z (to)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a·∂L/∂z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∂L/∂w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∂L/∂w = a·∂L/∂z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient of each weight into layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: every parameter moves against its gradient, η = {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>b before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∂L/∂b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>b after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights into layer {0}: w − η·∂L/∂w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>w before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>w after</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepCurves</name>
    <message>
        <source>Batch loss (training)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the losses on a logarithmic axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepForm</name>
    <message>
        <source>Learning rate × seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch modes: shuffle, fixed order, one batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate × batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation × hidden units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The experiment every run starts from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the form with a ready-made sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting to vary (its path in the experiment file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated values, e.g. 0.01,0.03,0.1 or sgd,adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each combination trains once per seed, e.g. 1,2,3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs every run trains (0: the experiment&apos;s own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker processes on this machine (default: one per core)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. tcp://host:8786</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the runs to a running Dask scheduler instead (needs nnplayground[cluster])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new folder for each sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where sweep.csv and each run&apos;s metrics.csv are written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready-made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and vary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dask scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} trains until paused: set the epochs every run trains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} runs: at most {1} in one sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sweep: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} runs: {1} × {2} seeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nothing else)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the sweep&apos;s results</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepHeatMap</name>
    <message>
        <source>No sweep on show: start one, or open a saved one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} diverged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final test loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final test R²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final test accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: mean ± spread (standard deviation) over {1} seeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: one seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}; colours on a log scale</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepWindow</name>
    <message>
        <source>Sweeps - nnplayground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a sweep saved in a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick what to vary, then Start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final test loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final accuracy or R²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The final number each cell shows, over the whole training or test set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the selected run into the main window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the sweep?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} already holds a sweep. Replace its results?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the sweep&apos;s folder: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {0} runs into {1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before any run finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: {0} of {1} runs finished; their rows are in {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: {0} runs ({1} diverged), in {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sweep failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the sweep: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} runs, from {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a sweep&apos;s folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The main window now trains {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TabFrame</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimePlot</name>
    <message>
        <source>{0}, cut off above the axis</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TorchCheckPanel</name>
    <message>
        <source>Check with PyTorch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute this sample&apos;s loss and every gradient again with PyTorch autograd (float64) and compare them with the app&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs PyTorch, which is not installed. Install it with: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading PyTorch (a second or two the first time)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}. Install it with: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample {0}: the numbers are not finite (the run has diverged), so they cannot be compared; see {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample {0}: the app and PyTorch agree exactly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample {0}: the app and PyTorch agree to {1} (largest relative difference, in {2}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample {0}: the app and PyTorch DISAGREE: relative difference {1} in {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max |Δ|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max relative Δ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss L</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingControls</name>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start or pause training (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train one iteration: one batch forward, backward and update (→)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train until the end of the current epoch (Ctrl+→)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to iteration 0 with the seed&apos;s initial weights (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How fast Play trains: iterations a second, iterations between frames (about {0} frames a second), or as fast as possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} it/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} it/frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step size of each update; changes apply while training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength of the L1/L2 penalty on the weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples per iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order batches are drawn in: a new shuffle every epoch, the same order every epoch, or one batch trained on again and again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EPOCHS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many passes over the training set to train for; 0: until paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same seed, same data, initial weights and batch order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a fresh random seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>float32 halves memory and rounds sooner; float64 is exact enough for gradient checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: must be a number; got {1!r}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>&lt;b&gt;Where the units sit on their activation.&lt;/b&gt; One plot per hidden layer of the network in the main window. The blue histogram shows where that layer&apos;s pre-activations z fall for a fixed probe batch of training samples (right axis: share of all z; the end bins also hold every |z| ≥ 8). The dark curve is the activation f(z).&lt;br&gt;&lt;br&gt;Mass in the middle: units respond and pass gradient back. Mass on a flat tail (shaded red, slope below 1% of its peak): &lt;b&gt;saturated&lt;/b&gt; units that hardly learn. For ReLU, mass left of 0 means &lt;b&gt;dead&lt;/b&gt; units for those samples.&lt;br&gt;&lt;br&gt;Each title gives the share of units saturated or dead on the latest training batch. Press Play in the main window to watch them move.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hidden layers of the network training in the main window appear here. Open this lab from the main window&apos;s Labs menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f(z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network has {0} hidden layers; the first {1} are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network has no hidden layers: nothing to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {0}, {1}: press Step or Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {0}, {1}: never saturates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {0}, {1}: not finite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saturated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {0}, {1}: {2:.0%} {3}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Training diverged: press Reset to start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All EPOCHS are done: raise EPOCHS or reset to train more.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>one row every {0} iterations: the window keeps a long run&apos;s history thinned to at most {1} rows (nnplayground run logs every iteration)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Sigmoid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaky ReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x1²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x2²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x1·x2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin x1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sin x2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XOR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the first input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A disc of one class inside a ring of the other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Four quadrants; the class is whether x1 and x2 share a sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two round Gaussian clusters, one per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two spirals wound into each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two interleaving half-moons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several Gaussian clusters around a circle, one class each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression: the target rises linearly across the plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression on one input: the target is sin(x1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multi-class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shuffled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compiled engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basics: classifying points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activations and nonlinearity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vanishing and exploding gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequences (recurrent nets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data-parallel training (simulated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a batch per rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sequential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCIe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ethernet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy / R²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training loss (per batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy / R² (test)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global gradient norm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
