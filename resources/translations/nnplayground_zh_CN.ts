<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationLab</name>
    <message>
        <source>Activation lab - nnplayground</source>
        <translation>激活函数实验室 - nnplayground</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Each hidden activation with its slope and saturated zone</source>
        <translation>每种隐藏层激活函数及其斜率和饱和区</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax 函数</translation>
    </message>
    <message>
        <source>Logits turned into probabilities, beside independent sigmoids</source>
        <translation>把 logits 变成概率，并与相互独立的 Sigmoid 对照</translation>
    </message>
    <message>
        <source>Output by task</source>
        <translation>按任务选输出</translation>
    </message>
    <message>
        <source>Which output activation suits which task, and why</source>
        <translation>哪种输出激活函数适合哪种任务，以及原因</translation>
    </message>
    <message>
        <source>During training</source>
        <translation>训练过程中</translation>
    </message>
    <message>
        <source>Where the main window&apos;s pre-activations fall, live</source>
        <translation>实时查看主窗口网络的预激活值落在哪里</translation>
    </message>
</context>
<context>
    <name>AddingRow</name>
    <message>
        <source>Add points</source>
        <translation>添加数据点</translation>
    </message>
    <message>
        <source>While pressed, a click on the plot adds a training point there</source>
        <translation>按下时，在图上单击即可在该处添加一个训练样本点</translation>
    </message>
    <message>
        <source>Class of the points you add</source>
        <translation>你添加的数据点所属的类别</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Target value of the points you add (regression)</source>
        <translation>你添加的数据点的目标值（回归）</translation>
    </message>
    <message>
        <source>the click&apos;s height is the target</source>
        <translation>单击位置的高度即为目标值</translation>
    </message>
    <message>
        <source>Clear my points</source>
        <translation>清除我的数据点</translation>
    </message>
    <message>
        <source>Remove every point you added by hand</source>
        <translation>移除你手动添加的所有数据点</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>Autosave failed: {0}</source>
        <translation>自动保存失败：{0}</translation>
    </message>
    <message>
        <source>An autosaved experiment could not be read and was discarded: {0}: {1}</source>
        <translation>无法读取自动保存的实验，已将其丢弃：{0}：{1}</translation>
    </message>
    <message>
        <source>Restore experiment</source>
        <translation>恢复实验</translation>
    </message>
    <message>
        <source>nnplayground did not close properly. Restore the experiment you were working on ({0}, {1})?</source>
        <translation>nnplayground 上次未正常关闭。要恢复你当时正在编辑的实验（{0}，{1}）吗？</translation>
    </message>
    <message>
        <source>Restore opens it with its changes unsaved; Discard deletes the autosaved copy.</source>
        <translation>“恢复”会打开该实验，其中的更改尚未保存；“丢弃”会删除自动保存的副本。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
</context>
<context>
    <name>CliProcess</name>
    <message>
        <source>could not start {0}: {1}</source>
        <translation>无法启动 {0}：{1}</translation>
    </message>
    <message>
        <source>the command ended with exit code {0}</source>
        <translation>命令结束，退出码为 {0}</translation>
    </message>
</context>
<context>
    <name>ConvergenceView</name>
    <message>
        <source>&lt;b&gt;Convergence speed.&lt;/b&gt; One process (blue) updates the weights after every batch of b samples. Data-parallel training (orange) has K ranks compute the gradients of K batches at once and makes one update from their mean. For the same samples seen it has made K times fewer updates (one per epoch with epoch blocks), so per sample it tends to learn more slowly; per iteration, or per simulated second when the ranks work at the same time, it can be ahead. Change the x axis to see both.&lt;br&gt;&lt;b&gt;Fitting.&lt;/b&gt; The lower plot is test loss minus training loss at each epoch&apos;s end, both on the whole sets. Updates from one batch follow that batch&apos;s noise; the mean of K batches&apos; gradients is smoother. A widening gap means over-fitting, high losses with no gap under-fitting.</source>
        <translation>&lt;b&gt;收敛速度。&lt;/b&gt;单进程（蓝色）每处理一个 b 个样本的批次就更新一次权重。数据并行训练（橙色）让 K 个进程 (rank) 同时计算 K 个批次的梯度，并用它们的均值做一次更新。见过相同数量的样本时，它的更新次数少了 K 倍（按轮分块时每轮只更新一次），因此按样本计往往学得更慢；但按迭代计，或在各进程同时工作时按模拟秒计，它可能领先。切换 x 轴即可看到两种情况。&lt;br&gt;&lt;b&gt;拟合。&lt;/b&gt;下图是每轮结束时测试损失减去训练损失，两者都在完整数据集上计算。单个批次的更新会跟随该批次的噪声；K 个批次梯度的均值更平滑。差距不断扩大意味着过拟合，损失都高而没有差距则是欠拟合。</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation>已见样本数</translation>
    </message>
    <message>
        <source>simulated time (s)</source>
        <translation>模拟时间 (s)</translation>
    </message>
    <message>
        <source>x axis:</source>
        <translation>x 轴：</translation>
    </message>
    <message>
        <source>What the x axis counts: iterations, epochs, samples seen or simulated seconds (K ranks at once take the time of one)</source>
        <translation>x 轴的计量：迭代、轮、已见样本数或模拟秒数（K 个进程同时工作只花一个进程的时间）</translation>
    </message>
    <message>
        <source>one process, batch {0}</source>
        <translation>单进程，批大小 {0}</translation>
    </message>
    <message>
        <source>{0} ranks, {1}</source>
        <translation>{0} 个进程，{1}</translation>
    </message>
    <message>
        <source>training loss per iteration</source>
        <translation>每次迭代的训练损失</translation>
    </message>
    <message>
        <source>test loss − training loss</source>
        <translation>测试损失 − 训练损失</translation>
    </message>
    <message>
        <source>Loss: one process against data-parallel, same seed and data</source>
        <translation>损失：单进程与数据并行对比，相同种子和数据</translation>
    </message>
    <message>
        <source>Train/test gap at each epoch&apos;s end</source>
        <translation>每轮结束时的训练/测试差距</translation>
    </message>
    <message>
        <source>{0} (latest {1})</source>
        <translation>{0}（最新 {1}）</translation>
    </message>
</context>
<context>
    <name>CostView</name>
    <message>
        <source>&lt;b&gt;What more ranks buy.&lt;/b&gt; An iteration takes the slowest rank&apos;s compute (measured here: the real time of one batch&apos;s forward and backward pass) plus the all-reduce, modelled as latency + bytes / bandwidth per message: ring sends 2(K−1) messages of 1/K of the gradient, tree 2⌈log₂K⌉ whole ones, sequential 2(K−1) whole ones. The curve is one process&apos;s epoch time over K ranks&apos; epoch time (the dashed line is perfect scaling). A small network&apos;s gradient is small and quick to compute, so latency weighs most and more ranks can even be slower: communication overhead eats the gain. Below: the last iteration, rank by rank; beside it, the same experiment measured on K real processes (PyTorch, gloo), whose ranks wait in the all-reduce for the slowest.</source>
        <translation>&lt;b&gt;更多进程能带来什么。&lt;/b&gt;一次迭代的耗时是最慢进程的计算时间（此处实测：一个批次前向传播加反向传播的真实耗时）加上全归约的时间，后者按每条消息“延迟 + 字节数 / 带宽”建模：环形发送 2(K−1) 条消息，每条为梯度的 1/K；树形发送 2⌈log₂K⌉ 条完整梯度；顺序发送 2(K−1) 条完整梯度。曲线是单进程每轮耗时除以 K 个进程每轮耗时（虚线为理想加速）。小网络的梯度小、计算快，因此延迟占主导，进程更多甚至可能更慢：通信开销吃掉了收益。下方：上一次迭代中每个进程的情况；旁边：同一实验在 K 个真实进程上的测量结果（PyTorch, gloo），其中各进程在全归约中等待最慢的那个。</translation>
    </message>
    <message>
        <source>simulated time in the iteration (ms)</source>
        <translation>迭代内的模拟时间 (ms)</translation>
    </message>
    <message>
        <source>perfect</source>
        <translation>理想</translation>
    </message>
    <message>
        <source>ranks K</source>
        <translation>进程数 K</translation>
    </message>
    <message>
        <source>speed-up per epoch</source>
        <translation>每轮加速比</translation>
    </message>
    <message>
        <source>Speed-up over K</source>
        <translation>加速比随 K 的变化</translation>
    </message>
    <message>
        <source>Press Run or Step to measure the compute time per batch.</source>
        <translation>按“运行”或“单步”来测量每个批次的计算时间。</translation>
    </message>
    <message>
        <source>Speed-up over K: {0}, {1:g} GB/s, latency {2:g} µs</source>
        <translation>加速比随 K 的变化：{0}，{1:g} GB/s，延迟 {2:g} µs</translation>
    </message>
    <message>
        <source>Measured compute: {0:.1f} µs per batch; gradient: {1} bytes per rank; at K = {2} ({3}) the model predicts a speed-up of {4:.2f} per epoch.</source>
        <translation>实测计算：每批次 {0:.1f} µs；梯度：每个进程 {1} 字节；在 K = {2}（{3}）时，模型预测每轮加速比为 {4:.2f}。</translation>
    </message>
    <message>
        <source>Rank timeline of iteration {0}</source>
        <translation>第 {0} 次迭代的进程时间线</translation>
    </message>
    <message>
        <source>Rank timeline (no iteration yet)</source>
        <translation>进程时间线（尚无迭代）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Batches this iteration:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;本次迭代的批次：&lt;/b&gt;{0}</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Feed {0} to the network as an input</source>
        <translation>将 {0} 作为输入送入网络</translation>
    </message>
    <message>
        <source>Binary: one sigmoid output, P(class 1). Multi-class: one softmax output per class. Regression: one linear output, the predicted value.</source>
        <translation>二分类：一个 Sigmoid 输出，即 P(类别 1)。多分类：每个类别一个 Softmax 输出。回归：一个线性输出，即预测值。</translation>
    </message>
    <message>
        <source>Number of clusters (classes) of the blobs data set</source>
        <translation>Blobs 数据集中的簇（类别）数</translation>
    </message>
    <message>
        <source>How much the points (or, for regression, the targets) are jittered</source>
        <translation>数据点（回归时为目标值）所加噪声的大小</translation>
    </message>
    <message>
        <source>Share of the points used for training; the rest are test points</source>
        <translation>用于训练的数据点比例；其余为测试点</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Draw a new random sample of the same data set</source>
        <translation>从同一数据集重新随机抽取样本</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Train / test</source>
        <translation>训练 / 测试</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>离群点</translation>
    </message>
    <message>
        <source>Number of points, training and test together; more points draw the shape more clearly</source>
        <translation>数据点总数（训练与测试合计）；点越多，数据的形状越清晰</translation>
    </message>
    <message>
        <source>Training targets pushed far off (regression only)</source>
        <translation>被推离正常值的训练目标个数（仅回归）</translation>
    </message>
    <message>
        <source>How far an outlier&apos;s target is pushed (regression only)</source>
        <translation>离群点的目标值被推离的幅度（仅回归）</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>个数</translation>
    </message>
    <message>
        <source>Magnitude</source>
        <translation>幅度</translation>
    </message>
    <message>
        <source>Input features</source>
        <translation>输入特征</translation>
    </message>
    <message>
        <source>Not applied: {0}</source>
        <translation>未应用：{0}</translation>
    </message>
    <message>
        <source>At least one input feature is needed.</source>
        <translation>至少需要一个输入特征。</translation>
    </message>
    <message>
        <source>Outliers apply to regression data sets only</source>
        <translation>离群点仅适用于回归数据集</translation>
    </message>
</context>
<context>
    <name>DepthTab</name>
    <message>
        <source>&lt;b&gt;Why depth matters.&lt;/b&gt; On the way down, backpropagation multiplies the error signal by every layer&apos;s weights and by the slope of its activation. Over many layers these factors compound: when they are typically below 1 the signal shrinks geometrically and the first layers hardly learn (vanishing); above 1 it grows geometrically until the numbers overflow (exploding). Sigmoid&apos;s slope is at most 0.25, so deep sigmoid nets vanish. A linear net with orthogonal weights scales the signal by exactly the gain at each layer: the pale red line.</source>
        <translation>&lt;b&gt;深度为什么重要。&lt;/b&gt;反向传播向下传递时，误差信号在每一层都要乘以该层的权重和激活函数的斜率。层数一多，这些因子就会累乘：若它们通常小于 1，信号按几何级数衰减，前面几层几乎学不到东西（梯度消失）；若大于 1，信号按几何级数增长，直到数值溢出（梯度爆炸）。Sigmoid 的斜率最大只有 0.25，所以深层 Sigmoid 网络会出现梯度消失。采用正交权重的线性网络在每一层恰好把信号乘以增益：即浅红色的线。</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>How many hidden layers of 16 units the signal passes through; each multiplies it once more</source>
        <translation>信号要经过多少个 16 个神经元的隐藏层；每多一层就多乘一次</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>The hidden layers&apos; activation: its slope f′ multiplies the backward signal at every layer</source>
        <translation>隐藏层的激活函数：它的斜率 f′ 在每一层都乘到反向信号上</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Gain per layer</source>
        <translation>每层增益</translation>
    </message>
    <message>
        <source>Multiplies every initial weight: a linear net with orthogonal weights scales the signal by it per layer</source>
        <translation>乘到每个初始权重上：采用正交权重的线性网络每层把信号放大这么多倍</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>从预设开始</translation>
    </message>
    <message>
        <source>Vanishing: 30 sigmoid layers</source>
        <translation>梯度消失：30 个 Sigmoid 层</translation>
    </message>
    <message>
        <source>The settings of the preset &quot;Vanishing gradients: 30 sigmoid layers&quot;</source>
        <translation>使用预设“梯度消失：30 个 Sigmoid 层”的设置</translation>
    </message>
    <message>
        <source>Exploding: 30 linear layers, gain 1.5</source>
        <translation>梯度爆炸：30 个线性层，增益 1.5</translation>
    </message>
    <message>
        <source>The settings of the preset &quot;Exploding gradients: 30 linear layers with gain 1.5&quot;</source>
        <translation>使用预设“梯度爆炸：30 个增益为 1.5 的线性层”的设置</translation>
    </message>
    <message>
        <source>layer k (1 = nearest the input)</source>
        <translation>第 k 层（1 = 最靠近输入）</translation>
    </message>
    <message>
        <source>‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖</source>
        <translation>‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖</translation>
    </message>
    <message>
        <source>expected: gain^(L−k)</source>
        <translation>预期：增益^(L−k)</translation>
    </message>
    <message>
        <source>not finite</source>
        <translation>非有限值</translation>
    </message>
    <message>
        <source>{0} at iteration {1}, before it diverged</source>
        <translation>{0}（第 {1} 次迭代，发散之前）</translation>
    </message>
    <message>
        <source>‖∂L/∂z‖ of layer 1 ÷ output layer: before {0}; after {1}</source>
        <translation>第 1 层的 ‖∂L/∂z‖ ÷ 输出层的：之前 {0}；之后 {1}</translation>
    </message>
    <message>
        <source>‖∂L/∂z‖ of layer 1 ÷ output layer: {0}</source>
        <translation>第 1 层的 ‖∂L/∂z‖ ÷ 输出层的：{0}</translation>
    </message>
</context>
<context>
    <name>Explanations</name>
    <message>
        <source>… ({0} more terms)</source>
        <translation>…（另有 {0} 项）</translation>
    </message>
    <message>
        <source>1 if z &gt; 0, else 0 (z = {0})</source>
        <translation>z &gt; 0 时为 1，否则为 0（z = {0}）</translation>
    </message>
    <message>
        <source>1 if z &gt; 0, else α = {0} (z = {1})</source>
        <translation>z &gt; 0 时为 1，否则为 α = {0}（z = {1}）</translation>
    </message>
    <message>
        <source>1 (linear)</source>
        <translation>1（线性）</translation>
    </message>
    <message>
        <source>Binary cross-entropy: L = −[y·log p + (1 − y)·log(1 − p)] = −[{0}·log {1} + {2}·log {3}] = &lt;b&gt;{4}&lt;/b&gt;</source>
        <translation>二元交叉熵：L = −[y·log p + (1 − y)·log(1 − p)] = −[{0}·log {1} + {2}·log {3}] = &lt;b&gt;{4}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Cross-entropy: L = −Σ y&lt;sub&gt;c&lt;/sub&gt;·log p&lt;sub&gt;c&lt;/sub&gt; = −log p&lt;sub&gt;{0}&lt;/sub&gt; (the target class) = −log {1} = &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation>交叉熵：L = −Σ y&lt;sub&gt;c&lt;/sub&gt;·log p&lt;sub&gt;c&lt;/sub&gt; = −log p&lt;sub&gt;{0}&lt;/sub&gt;（目标类别）= −log {1} = &lt;b&gt;{2}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Squared error: L = (ŷ − y)² = ({0} − {1})² = &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation>平方误差：L = (ŷ − y)² = ({0} − {1})² = &lt;b&gt;{2}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Huber: r = ŷ − y = {0}; |r| ≤ δ = {1}, so L = ½r² = &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation>Huber 损失：r = ŷ − y = {0}；|r| ≤ δ = {1}，所以 L = ½r² = &lt;b&gt;{2}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Huber: r = ŷ − y = {0}; |r| &gt; δ = {1}, so L = δ(|r| − δ/2) = &lt;b&gt;{2}&lt;/b&gt; (linear far from the target: an outlier pulls no harder than δ)</source>
        <translation>Huber 损失：r = ŷ − y = {0}；|r| &gt; δ = {1}，所以 L = δ(|r| − δ/2) = &lt;b&gt;{2}&lt;/b&gt;（远离目标时是线性的：离群点的拉力不超过 δ）</translation>
    </message>
    <message>
        <source>&lt;br&gt;Plus the penalty on the weights, {0}: the total L = &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation>&lt;br&gt;再加上权重的惩罚项 {0}：总损失 L = &lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The input layer holds the sample&apos;s features, a&lt;sub&gt;0&lt;/sub&gt; = x. Nothing is computed here; press Next to compute the first layer.</source>
        <translation>输入层存放样本的特征，a&lt;sub&gt;0&lt;/sub&gt; = x。这里不做任何计算；按“下一步”计算第一层。</translation>
    </message>
    <message>
        <source>Softmax over all the outputs</source>
        <translation>对全部输出做 Softmax</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: z = b + Σ a·w = {1} + {2} = &lt;b&gt;{3}&lt;/b&gt;&lt;br&gt;a = f(z) with f = {4}: &lt;b&gt;{5}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;：z = b + Σ a·w = {1} + {2} = &lt;b&gt;{3}&lt;/b&gt;&lt;br&gt;a = f(z)，其中 f = {4}：&lt;b&gt;{5}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Gradient descent moves every parameter a small step against its gradient: w ← w − η·∂L/∂w, with η = {0}.&lt;br&gt;&lt;b&gt;{1}&lt;/b&gt;: bias {2} − {3}·{4} = &lt;b&gt;{5}&lt;/b&gt;; weight from {6}: {7} − {3}·{8} = &lt;b&gt;{9}&lt;/b&gt;</source>
        <translation>梯度下降让每个参数沿其梯度的反方向移动一小步：w ← w − η·∂L/∂w，其中 η = {0}。&lt;br&gt;&lt;b&gt;{1}&lt;/b&gt;：偏置 {2} − {3}·{4} = &lt;b&gt;{5}&lt;/b&gt;；来自 {6} 的权重：{7} − {3}·{8} = &lt;b&gt;{9}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: ∂L/∂z = p − y = {1} − {2} = &lt;b&gt;{3}&lt;/b&gt;&lt;br&gt;With {4} and cross-entropy, the derivative of the loss through the output activation simplifies to prediction minus target, so it is shown directly.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;：∂L/∂z = p − y = {1} − {2} = &lt;b&gt;{3}&lt;/b&gt;&lt;br&gt;使用 {4} 和交叉熵时，损失经过输出激活函数的导数化简为“预测减目标”，所以直接给出。</translation>
    </message>
    <message>
        <source>ŷ − y, clipped to ±δ</source>
        <translation>ŷ − y，裁剪到 ±δ 以内</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: ∂L/∂a = {1} = &lt;b&gt;{2}&lt;/b&gt;&lt;br&gt;The output is linear, f′(z) = 1, so ∂L/∂z = ∂L/∂a = &lt;b&gt;{3}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;：∂L/∂a = {1} = &lt;b&gt;{2}&lt;/b&gt;&lt;br&gt;输出是线性的，f′(z) = 1，所以 ∂L/∂z = ∂L/∂a = &lt;b&gt;{3}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: ∂L/∂a = Σ w·∂L/∂z over its links to {1} = {2} = &lt;b&gt;{3}&lt;/b&gt;&lt;br&gt;f′(z) = {4} = &lt;b&gt;{5}&lt;/b&gt;&lt;br&gt;∂L/∂z = ∂L/∂a · f′(z) = &lt;b&gt;{6}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;：∂L/∂a = 对它连到{1}的所有连接求 Σ w·∂L/∂z = {2} = &lt;b&gt;{3}&lt;/b&gt;&lt;br&gt;f′(z) = {4} = &lt;b&gt;{5}&lt;/b&gt;&lt;br&gt;∂L/∂z = ∂L/∂a · f′(z) = &lt;b&gt;{6}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Each weight into it: ∂L/∂w = a (from) · ∂L/∂z; its bias: ∂L/∂b = ∂L/∂z.</source>
        <translation>&lt;br&gt;连入它的每个权重：∂L/∂w = a（来源）· ∂L/∂z；它的偏置：∂L/∂b = ∂L/∂z。</translation>
    </message>
    <message>
        <source> The penalty adds {0} to each weight&apos;s gradient.</source>
        <translation> 惩罚项在每个权重的梯度上加 {0}。</translation>
    </message>
    <message>
        <source>target y = {0}</source>
        <translation>目标 y = {0}</translation>
    </message>
    <message>
        <source>{0}: not computed yet</source>
        <translation>{0}：尚未计算</translation>
    </message>
    <message>
        <source>bias {0} → {1}</source>
        <translation>偏置 {0} → {1}</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open experiment...</source>
        <translation>打开实验(&amp;O)...</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation>另存为(&amp;A)...</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近的文件</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Export metrics CSV...</source>
        <translation>导出指标 CSV...</translation>
    </message>
    <message>
        <source>Start again from the default experiment.</source>
        <translation>从默认实验重新开始。</translation>
    </message>
    <message>
        <source>Open an experiment file (.json).</source>
        <translation>打开一个实验文件（.json）。</translation>
    </message>
    <message>
        <source>Save the experiment, and its runs beside it.</source>
        <translation>保存实验，并在旁边保存它的运行记录。</translation>
    </message>
    <message>
        <source>Save the experiment to a new file.</source>
        <translation>把实验保存到一个新文件。</translation>
    </message>
    <message>
        <source>Save the current run&apos;s loss and metric history as a CSV table.</source>
        <translation>把当前训练的损失和指标历史保存为 CSV 表格。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the window.</source>
        <translation>关闭窗口。</translation>
    </message>
    <message>
        <source>{0}...</source>
        <translation>{0}...</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <source>Experiments (*.json);;All files (*)</source>
        <translation>实验 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open experiment</source>
        <translation>无法打开实验</translation>
    </message>
    <message>
        <source>Runs not loaded: {0}</source>
        <translation>未能载入运行记录：{0}</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>保存实验</translation>
    </message>
    <message>
        <source>Experiments (*.json)</source>
        <translation>实验 (*.json)</translation>
    </message>
    <message>
        <source>Cannot save experiment</source>
        <translation>无法保存实验</translation>
    </message>
    <message>
        <source>Cannot save the runs</source>
        <translation>无法保存运行记录</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Cannot export plot</source>
        <translation>无法导出图表</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot export metrics</source>
        <translation>无法导出指标</translation>
    </message>
    <message>
        <source>Exported {0} rows, one per iteration, to {1}</source>
        <translation>已导出 {0} 行（每次迭代一行）到 {1}</translation>
    </message>
    <message>
        <source>Exported {0} rows, one every {1} iterations (the window keeps a long run&apos;s history thinned), to {2}</source>
        <translation>已导出 {0} 行（每 {1} 次迭代一行：窗口会对长时间训练的历史进行抽稀）到 {2}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
</context>
<context>
    <name>FunctionsTab</name>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Slope for x &lt; 0</source>
        <translation>x &lt; 0 时的斜率</translation>
    </message>
    <message>
        <source>Output range</source>
        <translation>输出范围</translation>
    </message>
    <message>
        <source>Peak slope</source>
        <translation>最大斜率</translation>
    </message>
    <message>
        <source>Saturated</source>
        <translation>饱和</translation>
    </message>
    <message>
        <source>The activation function to show: its curve f, its slope f′ and where it saturates.</source>
        <translation>要显示的激活函数：它的曲线 f、斜率 f′ 以及饱和的位置。</translation>
    </message>
    <message>
        <source>Leaky ReLU&apos;s slope α for x &lt; 0: f(x) = αx there, so the gradient never quite vanishes.</source>
        <translation>Leaky ReLU 在 x &lt; 0 时的斜率 α：那里 f(x) = αx，所以梯度永远不会完全消失。</translation>
    </message>
    <message>
        <source>f′ below 1% of its peak</source>
        <translation>f′ 低于其峰值的 1%</translation>
    </message>
    <message>
        <source>σ(x) = 1 / (1 + e&lt;sup&gt;−x&lt;/sup&gt;) squashes any number into (0, 1). Its slope peaks at x = 0 with only 0.25 and fades fast on both sides: below 7% of that peak at |x| = 4, below 1% only past |x| ≈ 6, hence the thin shading.</source>
        <translation>σ(x) = 1 / (1 + e&lt;sup&gt;−x&lt;/sup&gt;) 把任意数压缩到 (0, 1) 内。它的斜率在 x = 0 处最大，也只有 0.25，并向两侧迅速衰减：在 |x| = 4 处已不到峰值的 7%，但要到 |x| ≈ 6 以外才低于 1%，所以阴影很窄。</translation>
    </message>
    <message>
        <source>rarely a good choice now: each layer multiplies the backward signal by at most 0.25, so deep sigmoid nets learn slowly, and the outputs are all positive.</source>
        <translation>如今很少是好的选择：每一层都把反向传播的信号乘以至多 0.25，所以深层 Sigmoid 网络学得很慢，而且输出全为正。</translation>
    </message>
    <message>
        <source>the usual choice for binary classification, read as the probability of class 1.</source>
        <translation>二分类的常用选择，输出读作类别 1 的概率。</translation>
    </message>
    <message>
        <source>tanh(x) squashes into (−1, 1), centred on 0, with slope 1 at x = 0; it is a stretched sigmoid: tanh(x) = 2σ(2x) − 1. Beyond |x| ≈ 3 it is flat.</source>
        <translation>tanh(x) 把输入压缩到 (−1, 1) 内，以 0 为中心，在 x = 0 处斜率为 1；它是拉伸后的 Sigmoid：tanh(x) = 2σ(2x) − 1。|x| ≈ 3 以外几乎是平的。</translation>
    </message>
    <message>
        <source>a sound choice for small nets: centred outputs suit the next layer; watch for large z, which saturate it.</source>
        <translation>小网络的稳妥选择：以 0 为中心的输出适合下一层；注意过大的 z 会使它饱和。</translation>
    </message>
    <message>
        <source>only when the targets lie in (−1, 1).</source>
        <translation>仅当目标值位于 (−1, 1) 内时。</translation>
    </message>
    <message>
        <source>max(0, x) passes positive inputs unchanged (slope 1, no saturation) and blocks negative ones (slope 0).</source>
        <translation>max(0, x) 让正输入原样通过（斜率 1，不饱和），挡住负输入（斜率 0）。</translation>
    </message>
    <message>
        <source>the default for deep nets. A unit whose z is negative for every sample is dead: no gradient reaches it, so it never recovers.</source>
        <translation>深层网络的默认选择。若某个神经元对所有样本的 z 都为负，它就“死亡”了：没有梯度能到达它，所以它再也无法恢复。</translation>
    </message>
    <message>
        <source>rarely: only for targets that cannot be negative.</source>
        <translation>很少使用：仅用于不可能为负的目标值。</translation>
    </message>
    <message>
        <source>x for x &gt; 0 and αx otherwise: ReLU with a small slope α for negative inputs, so a unit never goes completely silent.</source>
        <translation>x &gt; 0 时为 x，否则为 αx：即负输入处带一个小斜率 α 的 ReLU，因此神经元永远不会完全沉默。</translation>
    </message>
    <message>
        <source>a common cure for dead ReLUs. With α below 1% of the peak slope it counts as dead there, like ReLU.</source>
        <translation>治疗 ReLU 死亡的常用办法。若 α 低于最大斜率的 1%，那一侧就和 ReLU 一样算作死亡。</translation>
    </message>
    <message>
        <source>rarely.</source>
        <translation>很少使用。</translation>
    </message>
    <message>
        <source>f(x) = x: no squashing, slope 1 everywhere, never saturates.</source>
        <translation>f(x) = x：不做压缩，处处斜率为 1，从不饱和。</translation>
    </message>
    <message>
        <source>pointless: linear layers stacked are still one linear map, so the net can only draw straight boundaries, however deep.</source>
        <translation>没有意义：线性层叠加起来仍是一个线性映射，所以无论多深，网络都只能画出直线边界。</translation>
    </message>
    <message>
        <source>the usual choice for regression: an unbounded value.</source>
        <translation>回归的常用选择：输出一个无界的值。</translation>
    </message>
    <message>
        <source>In hidden layers:</source>
        <translation>用于隐藏层：</translation>
    </message>
    <message>
        <source>As the output:</source>
        <translation>用作输出：</translation>
    </message>
    <message>
        <source>range {0}</source>
        <translation>范围 {0}</translation>
    </message>
    <message>
        <source>{0} and its slope</source>
        <translation>{0} 及其斜率</translation>
    </message>
    <message>
        <source>Move the mouse over the plot to read off f(x) and f′(x).</source>
        <translation>把鼠标移到图上即可读出 f(x) 和 f′(x)。</translation>
    </message>
    <message>
        <source>never: f′ stays at or above 1% of its peak</source>
        <translation>从不：f′ 始终不低于其峰值的 1%</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>死亡</translation>
    </message>
    <message>
        <source>saturated</source>
        <translation>饱和</translation>
    </message>
    <message>
        <source>{0} where {1} (f′ below 1% of its peak, shaded)</source>
        <translation>{1} 时{0}（f′ 低于峰值的 1%，阴影部分）</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>x = {0:.2f}, f(x) = {1:.4f}, f′(x) = {2:.4f}</source>
        <translation>x = {0:.2f}，f(x) = {1:.4f}，f′(x) = {2:.4f}</translation>
    </message>
</context>
<context>
    <name>GradientHeatmap</name>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Hover over the map to read a value</source>
        <translation>将鼠标悬停在热图上可读取数值</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>{0}, iteration {1}: ‖dL/dz‖ {2}</source>
        <translation>{0}，第 {1} 次迭代：‖dL/dz‖ {2}</translation>
    </message>
    <message>
        <source>{0}, iteration {1}: ‖dL/dW‖ {2}</source>
        <translation>{0}，第 {1} 次迭代：‖dL/dW‖ {2}</translation>
    </message>
</context>
<context>
    <name>GradientLab</name>
    <message>
        <source>Gradient lab - nnplayground</source>
        <translation>梯度实验室 - nnplayground</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <source>Large initialisation</source>
        <translation>过大的初始化</translation>
    </message>
    <message>
        <source>Saturating activations</source>
        <translation>饱和激活函数</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>离群点</translation>
    </message>
    <message>
        <source>RNN over long sequences</source>
        <translation>长序列上的 RNN</translation>
    </message>
    <message>
        <source>Sigmoid: vanishing or exploding</source>
        <translation>Sigmoid：消失还是爆炸</translation>
    </message>
    <message>
        <source>How the backward signal fades or grows with the number of layers</source>
        <translation>反向信号如何随层数衰减或增长</translation>
    </message>
    <message>
        <source>Large initial weights push units onto the flat tails of tanh and sigmoid</source>
        <translation>过大的初始权重把神经元推到 Tanh 和 Sigmoid 平坦的两端</translation>
    </message>
    <message>
        <source>One deep net trained once per activation: saturated and dead units</source>
        <translation>同一个深层网络对每种激活函数各训练一次：饱和与死亡的神经元</translation>
    </message>
    <message>
        <source>A deep sigmoid net with ordinary and with large weights: the signal shrinks or grows</source>
        <translation>普通权重与大权重的深层 Sigmoid 网络：信号是缩小还是增长</translation>
    </message>
    <message>
        <source>Regression with a few far-off targets: gradient spikes, Huber loss and clipping</source>
        <translation>含少量离群目标的回归：梯度尖峰、Huber 损失与梯度裁剪</translation>
    </message>
    <message>
        <source>A tanh recurrent net over long sequences: the gradient per time step</source>
        <translation>长序列上的 Tanh 循环网络：每个时间步的梯度</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Train every run of this tab; press again to pause</source>
        <translation>训练本页的所有运行；再按一次暂停</translation>
    </message>
    <message>
        <source>Train one iteration (one batch) and stop</source>
        <translation>训练一次迭代（一个批次）后停止</translation>
    </message>
    <message>
        <source>Back to iteration 0 with the same initial weights</source>
        <translation>回到第 0 次迭代，初始权重不变</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>starting...</source>
        <translation>正在启动...</translation>
    </message>
    <message>
        <source>diverged at iteration {0}, layer {1} (non-finite {2})</source>
        <translation>在第 {0} 次迭代、第 {1} 层发散（{2}出现非有限值）</translation>
    </message>
    <message>
        <source>iteration {0} (all epochs done)</source>
        <translation>第 {0} 次迭代（所有轮已完成）</translation>
    </message>
    <message>
        <source>iteration {0}</source>
        <translation>第 {0} 次迭代</translation>
    </message>
    <message>
        <source>Press Reset to start the runs again from iteration 0.</source>
        <translation>按“重置”让各运行从第 0 次迭代重新开始。</translation>
    </message>
</context>
<context>
    <name>GradientNormPlot</name>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>{0} layers; the legend names {1} of them</source>
        <translation>共 {0} 层；图例只列出其中 {1} 层</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <source>&amp;Guide</source>
        <translation>概念指南(&amp;G)</translation>
    </message>
    <message>
        <source>One page per concept, each with a Try it that shows it in the app (F1)</source>
        <translation>每个概念一页，每页都有“动手试试”，在程序中演示该概念（F1）</translation>
    </message>
</context>
<context>
    <name>GuideDock</name>
    <message>
        <source>Guide</source>
        <translation>概念指南</translation>
    </message>
</context>
<context>
    <name>GuidePanel</name>
    <message>
        <source>&lt;b&gt;Concepts&lt;/b&gt;</source>
        <translation>&lt;b&gt;概念&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>动手试试</translation>
    </message>
    <message>
        <source>Load this page&apos;s experiment or lab and point at what to watch</source>
        <translation>载入本页对应的实验或实验室，并指出要观察的地方</translation>
    </message>
    <message>
        <source>One page per concept of deep-learning training</source>
        <translation>深度学习训练中的每个概念各占一页</translation>
    </message>
    <message>
        <source>the Gradient norms plot (bottom right)</source>
        <translation>“梯度范数”图（右下方）</translation>
    </message>
    <message>
        <source>the network diagram of the Propagation inspector: press Next to step</source>
        <translation>传播检查器中的网络图：按“下一步”逐步查看</translation>
    </message>
    <message>
        <source>the RNN tab of the Gradient lab: the gradient at each time step</source>
        <translation>梯度实验室的 RNN 标签页：每个时间步的梯度</translation>
    </message>
    <message>
        <source>the Gradient heatmap (bottom right)</source>
        <translation>“梯度热图”（右下方）</translation>
    </message>
    <message>
        <source>the Sigmoid tab of the Gradient lab: ordinary against large weights</source>
        <translation>梯度实验室的“Sigmoid：消失还是爆炸”标签页：普通权重与大权重对比</translation>
    </message>
    <message>
        <source>the Gradient norms plot: it spikes when a batch holds an outlier</source>
        <translation>“梯度范数”图：批次中含有离群点时会出现尖峰</translation>
    </message>
    <message>
        <source>the output view: linear units draw one straight boundary</source>
        <translation>输出视图：线性单元只能画出一条直线边界</translation>
    </message>
    <message>
        <source>the Functions tab of the Activation lab</source>
        <translation>激活函数实验室的“函数”标签页</translation>
    </message>
    <message>
        <source>the Schedule toolbar: batch size, EPOCHS and seed</source>
        <translation>“训练安排”工具栏：批大小、EPOCHS 和随机种子</translation>
    </message>
    <message>
        <source>the Loss plot (bottom left)</source>
        <translation>“损失”图（左下方）</translation>
    </message>
    <message>
        <source>the batches each rank takes (Parallel lab, left column)</source>
        <translation>每个进程（rank）负责的批次（并行实验室左栏）</translation>
    </message>
    <message>
        <source>the Precision tab of the Parallel lab</source>
        <translation>并行实验室的“精度”标签页</translation>
    </message>
    <message>
        <source>the Training toolbar: learning rate, optimizer and regularization</source>
        <translation>“训练”工具栏：学习率、优化器和正则化</translation>
    </message>
    <message>
        <source>Watch {0}.</source>
        <translation>请观察{0}。</translation>
    </message>
</context>
<context>
    <name>Headline</name>
    <message>
        <source>Test R²</source>
        <translation>测试 R²</translation>
    </message>
    <message>
        <source>best {0}</source>
        <translation>最佳 {0}</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Finished: {0} epochs, {1} iterations</source>
        <translation>已完成：{0} 轮，{1} 次迭代</translation>
    </message>
    <message>
        <source>Target reached</source>
        <translation>已达目标</translation>
    </message>
    <message>
        <source>Target loss reached: {0} epochs, {1} iterations</source>
        <translation>已达到目标损失：{0} 轮，{1} 次迭代</translation>
    </message>
    <message>
        <source>Stopped early</source>
        <translation>已提前停止</translation>
    </message>
    <message>
        <source>Stopped early, the test loss no longer improved: {0} epochs, {1} iterations</source>
        <translation>已提前停止，测试损失不再下降：{0} 轮，{1} 次迭代</translation>
    </message>
    <message>
        <source>epoch {0}, iteration {1}</source>
        <translation>第 {0} 轮，第 {1} 次迭代</translation>
    </message>
    <message>
        <source>iteration {0}</source>
        <translation>迭代 {0}</translation>
    </message>
</context>
<context>
    <name>InitScaleTab</name>
    <message>
        <source>&lt;b&gt;Too-large initial weights.&lt;/b&gt; Large weights spread every layer&apos;s pre-activations z wide. A tanh or sigmoid unit far out on its flat tails (shaded red) has a slope near zero: it passes almost no gradient back and hardly changes however long you train. Too-small weights fail the other way: each layer shrinks the signal. Xavier and He initialisation pick the scale that keeps the spread of z the same from layer to layer, so the profile below stays flat.</source>
        <translation>&lt;b&gt;初始权重过大。&lt;/b&gt;大的权重让每一层的预激活值 z 分布得很宽。落在平坦两端（红色阴影）的 Tanh 或 Sigmoid 神经元斜率接近 0：它几乎不向后传递梯度，无论训练多久都几乎不变。权重过小则从另一个方向失败：每一层都缩小信号。Xavier 和 He 初始化选取的尺度能让 z 的分布宽度逐层保持不变，因此下方的曲线保持平直。</translation>
    </message>
    <message>
        <source>Initial weight scale</source>
        <translation>初始权重缩放</translation>
    </message>
    <message>
        <source>Multiplies every initial weight (×1: the preset&apos;s Xavier scale); wider weights spread z</source>
        <translation>乘到每个初始权重上（×1：预设的 Xavier 尺度）；权重越大，z 分布越宽</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>The hidden layers&apos; activation; tanh and sigmoid saturate on their flat tails</source>
        <translation>隐藏层的激活函数；Tanh 和 Sigmoid 在平坦的两端饱和</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>How many hidden layers of 16 units</source>
        <translation>多少个 16 个神经元的隐藏层</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>pre-activation z (end columns: |z| ≥ 8)</source>
        <translation>预激活值 z（两端的列：|z| ≥ 8）</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Pre-activations z per layer</source>
        <translation>每层的预激活值 z</translation>
    </message>
    <message>
        <source>layer k (1 = nearest the input)</source>
        <translation>第 k 层（1 = 最靠近输入）</translation>
    </message>
    <message>
        <source>‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖</source>
        <translation>‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖</translation>
    </message>
    <message>
        <source>Backward signal per layer</source>
        <translation>每层的反向信号</translation>
    </message>
    <message>
        <source>before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>z per layer, {0}: {1:.0%} in the shaded zone</source>
        <translation>每层的 z，{0}：{1:.0%} 落在阴影区</translation>
    </message>
    <message>
        <source>Pre-activations z per layer: {0:.0%} in the shaded zone</source>
        <translation>每层的预激活值 z：{0:.0%} 落在阴影区</translation>
    </message>
</context>
<context>
    <name>LabTab</name>
    <message>
        <source>Xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>He</source>
        <translation>He</translation>
    </message>
    <message>
        <source>orthogonal</source>
        <translation>正交</translation>
    </message>
    <message>
        <source>How the first weights are drawn: Xavier keeps the spread of z for tanh and sigmoid, He for ReLU; orthogonal weights keep the norm of the signal</source>
        <translation>初始权重的抽取方式：Xavier 对 Tanh 和 Sigmoid 保持 z 的分布宽度，He 对 ReLU 保持；正交权重保持信号的范数</translation>
    </message>
    <message>
        <source>Training loss per batch</source>
        <translation>每个批次的训练损失</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Step size of every update: each weight moves by the learning rate times its gradient</source>
        <translation>每次更新的步长：每个权重移动学习率乘以其梯度</translation>
    </message>
    <message>
        <source>before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>after ({0})</source>
        <translation>之后（{0}）</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>out</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>every ReLU unit of layer {0} outputs 0 for every probe sample (dead units pass nothing back)</source>
        <translation>第 {0} 层的每个 ReLU 神经元对每个探测样本都输出 0（死亡的神经元不向后传递任何信号）</translation>
    </message>
    <message>
        <source>the signal underflowed to 0 at layer {0}</source>
        <translation>信号在第 {0} 层下溢为 0</translation>
    </message>
    <message>
        <source>no gradient reaches layers 1 to {0}: {1}. A log axis cannot draw 0, so the curve stops there.</source>
        <translation>没有梯度到达第 1 至 {0} 层：{1}。对数坐标轴无法画出 0，所以曲线在那里中断。</translation>
    </message>
</context>
<context>
    <name>LayerBar</name>
    <message>
        <source>+ layer</source>
        <translation>+ 层</translation>
    </message>
    <message>
        <source>− layer</source>
        <translation>− 层</translation>
    </message>
    <message>
        <source>Each link is a weight: blue for positive, orange for negative, thicker for larger |w|. Hover a link to read it, double-click to edit it; click a neuron to inspect it.</source>
        <translation>每条连线是一个权重：蓝色为正，橙色为负，|w| 越大线越粗。悬停在连线上可读取其值，双击可编辑；单击神经元可查看详情。</translation>
    </message>
    <message>
        <source>1 hidden layer</source>
        <translation>1 个隐藏层</translation>
    </message>
    <message>
        <source>{0} hidden layers</source>
        <translation>{0} 个隐藏层</translation>
    </message>
    <message>
        <source>Add a hidden layer (a copy of the last one)</source>
        <translation>添加一个隐藏层（复制最后一层）</translation>
    </message>
    <message>
        <source>The builder allows up to {0} hidden layers</source>
        <translation>网络编辑器最多允许 {0} 个隐藏层</translation>
    </message>
    <message>
        <source>Remove the last hidden layer</source>
        <translation>移除最后一个隐藏层</translation>
    </message>
    <message>
        <source>There are no hidden layers to remove</source>
        <translation>没有可移除的隐藏层</translation>
    </message>
    <message>
        <source>{0} positive weight &amp;nbsp; {1} negative</source>
        <translation>{0} 正权重 &amp;nbsp; {1} 负权重</translation>
    </message>
</context>
<context>
    <name>LayerHeader</name>
    <message>
        <source>Activation function of this layer: the nonlinearity applied to each neuron&apos;s weighted sum</source>
        <translation>该层的激活函数：作用于每个神经元加权和的非线性函数</translation>
    </message>
    <message>
        <source>1 neuron</source>
        <translation>1 个神经元</translation>
    </message>
    <message>
        <source>{0} neurons</source>
        <translation>{0} 个神经元</translation>
    </message>
    <message>
        <source>Hidden layer {0}</source>
        <translation>隐藏层 {0}</translation>
    </message>
    <message>
        <source>Add a neuron to this layer</source>
        <translation>为该层添加一个神经元</translation>
    </message>
    <message>
        <source>The builder allows up to {0} neurons per layer</source>
        <translation>网络编辑器每层最多允许 {0} 个神经元</translation>
    </message>
    <message>
        <source>Remove a neuron from this layer</source>
        <translation>从该层移除一个神经元</translation>
    </message>
    <message>
        <source>A layer needs at least one neuron; use “− layer” to remove layers</source>
        <translation>每层至少需要一个神经元；要移除层请使用“− 层”</translation>
    </message>
</context>
<context>
    <name>LogitSlider</name>
    <message>
        <source>The logit z of class {0}, from −{1:g} to {1:g}: raising it takes probability from every other class</source>
        <translation>类别 {0} 的 logit z，取值从 −{1:g} 到 {1:g}：调高它会从其他所有类别那里夺走概率</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation>在对数坐标轴上显示损失</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy / R²</source>
        <translation>准确率 / R²</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Gradient heatmap</source>
        <translation>梯度热图</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>The experiment changed, so training restarts from iteration 0.</source>
        <translation>实验已更改，训练从第 0 次迭代重新开始。</translation>
    </message>
    <message>
        <source>NumPy engine (the compiled one is unavailable: {0})</source>
        <translation>NumPy 引擎（编译引擎不可用：{0}）</translation>
    </message>
    <message>
        <source>NumPy engine (compiling the fast one...)</source>
        <translation>NumPy 引擎（正在编译更快的引擎...）</translation>
    </message>
    <message>
        <source>Epoch {0} - iteration {1} - batch {2}/{3} - samples seen {4}</source>
        <translation>轮 {0} - 迭代 {1} - 批次 {2}/{3} - 已见样本 {4}</translation>
    </message>
    <message>
        <source>%p% - about {0} left</source>
        <translation>%p% - 约剩 {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training diverged&lt;/b&gt; at iteration {0}: the {1} of layer {2} became infinite or NaN. Lower the learning rate or change the initialisation, then press Reset.</source>
        <translation>&lt;b&gt;训练发散&lt;/b&gt;于第 {0} 次迭代：第 {2} 层的{1}变成了无穷大或 NaN。请降低学习率或更换初始化方式，然后点击“重置”。</translation>
    </message>
    <message>
        <source>About nnplayground</source>
        <translation>关于 nnplayground</translation>
    </message>
    <message>
        <source>&lt;h3&gt;nnplayground {0}&lt;/h3&gt;&lt;p&gt;Build a small neural network, train it and watch it learn.&lt;/p&gt;&lt;p&gt;PySide6 {1} - pyqtgraph {2} - NumPy {3}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;nnplayground {0}&lt;/h3&gt;&lt;p&gt;搭建一个小型神经网络，训练它，看着它学习。&lt;/p&gt;&lt;p&gt;PySide6 {1} - pyqtgraph {2} - NumPy {3}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MeasuredPlot</name>
    <message>
        <source>weight gradients ‖dL/dW‖</source>
        <translation>权重梯度 ‖dL/dW‖</translation>
    </message>
    <message>
        <source>backward signal ‖dL/dz‖</source>
        <translation>反向信号 ‖dL/dz‖</translation>
    </message>
    <message>
        <source>‖dL/dW‖: each layer&apos;s weight gradient at every step. ‖dL/dz‖: the gradient backpropagation passes down to each layer (on a fixed batch), which shows vanishing or exploding directly</source>
        <translation>‖dL/dW‖：每一步中各层的权重梯度。‖dL/dz‖：反向传播传到各层的梯度（在固定批次上），可直接看出梯度消失或梯度爆炸</translation>
    </message>
</context>
<context>
    <name>MenuBar</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Labs</source>
        <translation>实验室(&amp;L)</translation>
    </message>
    <message>
        <source>Gradient lab...</source>
        <translation>梯度实验室...</translation>
    </message>
    <message>
        <source>How gradients flow back through deep nets and recurrent nets: vanishing, exploding, saturation, outliers.</source>
        <translation>梯度如何在深层网络和循环神经网络中反向传播：梯度消失、梯度爆炸、饱和、离群点。</translation>
    </message>
    <message>
        <source>Propagation inspector...</source>
        <translation>传播检查器...</translation>
    </message>
    <message>
        <source>Follow one sample forward and backward through the current network, number by number.</source>
        <translation>逐个数值地跟踪一个样本在当前网络中的前向传播和反向传播。</translation>
    </message>
    <message>
        <source>Activation lab...</source>
        <translation>激活函数实验室...</translation>
    </message>
    <message>
        <source>The activation functions, their derivatives and where the current network&apos;s units sit on them.</source>
        <translation>各激活函数及其导数，以及当前网络的神经元落在曲线上的位置。</translation>
    </message>
    <message>
        <source>Parallel lab...</source>
        <translation>并行实验室...</translation>
    </message>
    <message>
        <source>Data-parallel training with simulated ranks: all-reduce, precision and their cost.</source>
        <translation>用模拟的进程 (rank) 做数据并行训练：全归约 (all-reduce)、精度及其代价。</translation>
    </message>
    <message>
        <source>Sweeps...</source>
        <translation>参数扫描...</translation>
    </message>
    <message>
        <source>Train a grid of variants of the experiment in the background and compare them.</source>
        <translation>在后台训练实验的一组参数组合，并比较结果。</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Headline numbers</source>
        <translation>醒目数值</translation>
    </message>
    <message>
        <source>Show the large numbers above the network; hidden, they move into the status bar.</source>
        <translation>在网络上方以大字显示主要数值；隐藏后，这些数值移到状态栏。</translation>
    </message>
    <message>
        <source>Train many iterations per compiled call (numba), several times faster; off: the NumPy engine. Both give the same numbers to rounding.</source>
        <translation>每次编译调用 (numba) 训练多次迭代，速度快数倍；关闭时使用 NumPy 引擎。两者的结果在舍入误差内相同。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言 (Language)</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>Put every panel and toolbar back where it was at first.</source>
        <translation>把所有面板和工具栏放回最初的位置。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About nnplayground</source>
        <translation>关于 nnplayground(&amp;A)</translation>
    </message>
</context>
<context>
    <name>MetricPlot</name>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
</context>
<context>
    <name>NetworkBuilder</name>
    <message>
        <source>Edit weight</source>
        <translation>编辑权重</translation>
    </message>
    <message>
        <source>Weight from {0} to {1}:</source>
        <translation>从 {0} 到 {1} 的权重：</translation>
    </message>
    <message>
        <source>w = {0}, ∂L/∂w = {1}</source>
        <translation>w = {0}，∂L/∂w = {1}</translation>
    </message>
    <message>
        <source>output {0}</source>
        <translation>输出 {0}</translation>
    </message>
    <message>
        <source>neuron {0} of layer {1}</source>
        <translation>第 {1} 层的神经元 {0}</translation>
    </message>
    <message>
        <source>+{0} more</source>
        <translation>另有 {0} 个</translation>
    </message>
    <message>
        <source>Only the first {0} of {1} neurons are drawn</source>
        <translation>{1} 个神经元中只画出了前 {0} 个</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>The features fed to the network, each shown over the input plane</source>
        <translation>送入网络的特征，每个都显示为其在输入平面上的取值</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <source>Input {0}: its value over the input plane</source>
        <translation>输入 {0}：它在输入平面上的取值</translation>
    </message>
    <message>
        <source>{0}: its output over the input plane. Click to inspect.</source>
        <translation>{0}：它在输入平面上的输出。单击可查看详情。</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>Links: the weights w</source>
        <translation>连接：权重 w</translation>
    </message>
    <message>
        <source>Links into layer {0} and above: ∂L/∂w</source>
        <translation>连入第 {0} 层及以上各层的连接：∂L/∂w</translation>
    </message>
    <message>
        <source>Links into layer {0}: the change −η·∂L/∂w</source>
        <translation>连入第 {0} 层的连接：变化量 −η·∂L/∂w</translation>
    </message>
    <message>
        <source>  (blue &gt; 0, orange &lt; 0, thicker = larger)</source>
        <translation>  （蓝色 &gt; 0，橙色 &lt; 0，越粗绝对值越大）</translation>
    </message>
    <message>
        <source>… {0} more</source>
        <translation>…另有 {0} 个</translation>
    </message>
</context>
<context>
    <name>OutlierTab</name>
    <message>
        <source>&lt;b&gt;Outliers.&lt;/b&gt; With squared error, a sample&apos;s gradient grows with its error, so a few targets far off the rest dominate every batch they land in: the gradient norm spikes (red dots mark batches holding an outlier) and the weights jump. Huber loss caps each sample&apos;s gradient once its error passes δ; gradient clipping caps the whole step. Either keeps the spikes from derailing the fit, as the test R² shows.</source>
        <translation>&lt;b&gt;离群点。&lt;/b&gt;使用均方误差时，样本的梯度随误差增大，所以少数远离其余数据的目标会主导它们所在的每个批次：梯度范数出现尖峰（红点标出含离群点的批次），权重随之跳动。Huber 损失在误差超过 δ 后限制每个样本的梯度；梯度裁剪限制整步的大小。两者都能防止尖峰破坏拟合，测试 R² 可以说明这一点。</translation>
    </message>
    <message>
        <source>squared error (MSE)</source>
        <translation>均方误差（MSE）</translation>
    </message>
    <message>
        <source>Huber (δ = {0:g})</source>
        <translation>Huber 损失（δ = {0:g}）</translation>
    </message>
    <message>
        <source>Outliers k</source>
        <translation>离群点数 k</translation>
    </message>
    <message>
        <source>How many training targets are moved far off the rest</source>
        <translation>有多少个训练目标被移到远离其余数据的位置</translation>
    </message>
    <message>
        <source>Outlier magnitude m</source>
        <translation>离群幅度 m</translation>
    </message>
    <message>
        <source>How far each outlier&apos;s target is moved up or down from its true value</source>
        <translation>每个离群点的目标相对真实值向上或向下移动多远</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Squared error&apos;s gradient grows with the error; Huber&apos;s stops growing once the error exceeds δ</source>
        <translation>均方误差的梯度随误差增大；Huber 损失的梯度在误差超过 δ 后不再增大</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Global gradient norm per iteration</source>
        <translation>每次迭代的全局梯度范数</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>‖∇L‖</source>
        <translation>‖∇L‖</translation>
    </message>
    <message>
        <source>batch held an outlier</source>
        <translation>批次含离群点</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <source>Test R² (the test targets have no outliers)</source>
        <translation>测试 R²（测试目标不含离群点）</translation>
    </message>
    <message>
        <source>{0} · axis cut at {1:g}: the lowest R² is {2}</source>
        <translation>{0} · 坐标轴截断于 {1:g}：最低 R² 为 {2}</translation>
    </message>
</context>
<context>
    <name>OutputCaption</name>
    <message>
        <source>P(class 1)</source>
        <translation>P(类别 1)</translation>
    </message>
    <message>
        <source>class probabilities</source>
        <translation>各类别概率</translation>
    </message>
    <message>
        <source>any real value</source>
        <translation>任意实数</translation>
    </message>
    <message>
        <source>Binary classification: the sigmoid squashes the output into (0, 1), read as the probability of class 1.</source>
        <translation>二分类：Sigmoid 将输出压缩到 (0, 1)，解读为类别 1 的概率。</translation>
    </message>
    <message>
        <source>Multiclass classification: the softmax turns the {0} outputs into class probabilities that sum to 1.</source>
        <translation>多分类：Softmax 将 {0} 个输出转换为总和为 1 的各类别概率。</translation>
    </message>
    <message>
        <source>Regression: the output is linear because the target is an unbounded value, not a probability.</source>
        <translation>回归：输出是线性的，因为目标值是无界的数值，而不是概率。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Output&lt;/b&gt;&lt;br&gt;{0}&lt;br&gt;&lt;span style=&apos;color:#80868b&apos;&gt;{1}&lt;/span&gt;</source>
        <translation>&lt;b&gt;输出&lt;/b&gt;&lt;br&gt;{0}&lt;br&gt;&lt;span style=&apos;color:#80868b&apos;&gt;{1}&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>OutputTab</name>
    <message>
        <source>&lt;b&gt;The output layer speaks the task&apos;s language.&lt;/b&gt; Hidden layers may use any nonlinearity; the output&apos;s activation is chosen so its values mean what the targets mean, and it is paired with a loss that fits it. With these pairs the gradient at the output is simply &lt;i&gt;prediction − target&lt;/i&gt;, so a confidently wrong output still learns fast instead of sitting on a flat tail.&lt;br&gt;&lt;br&gt;The row of the experiment in the main window is highlighted.</source>
        <translation>&lt;b&gt;输出层要说任务的语言。&lt;/b&gt;隐藏层可以用任何非线性函数；输出层的激活函数则要选得让输出值与目标值含义一致，并配上与之相称的损失函数。这样搭配时，输出处的梯度就是简单的&lt;i&gt;预测 − 目标&lt;/i&gt;，所以一个自信却错误的输出仍能快速学习，而不会卡在平坦的尾部。&lt;br&gt;&lt;br&gt;主窗口中实验所对应的那一行会高亮显示。</translation>
    </message>
    <message>
        <source>one unit, in (0, 1)</source>
        <translation>一个神经元，取值在 (0, 1) 内</translation>
    </message>
    <message>
        <source>The probability of class 1 (class 0 gets the rest). A probability must lie between 0 and 1, and the sigmoid maps any z there; z = 0 is the 50% boundary. Loss: binary cross-entropy.</source>
        <translation>类别 1 的概率（其余归类别 0）。概率必须在 0 和 1 之间，而 Sigmoid 能把任何 z 映射到这个区间；z = 0 就是 50% 的分界。损失：二元交叉熵。</translation>
    </message>
    <message>
        <source>K units, positive, sum to 1</source>
        <translation>K 个神经元，均为正，总和为 1</translation>
    </message>
    <message>
        <source>A distribution over the K classes: exactly one class is right, so the probabilities must compete and add up to 1. Separate sigmoids would not (see the Softmax tab). Loss: categorical cross-entropy.</source>
        <translation>K 个类别上的概率分布：恰好只有一个类别是对的，所以各概率必须相互竞争、加起来等于 1。彼此独立的 Sigmoid 做不到这一点（见 Softmax 标签页）。损失：多类交叉熵。</translation>
    </message>
    <message>
        <source>one unit, any real number</source>
        <translation>一个神经元，可取任意实数</translation>
    </message>
    <message>
        <source>An unbounded value: the target can be any number, and a sigmoid or tanh could never reach values outside its range. Loss: squared error (or Huber, which caps the pull of outliers).</source>
        <translation>无界的值：目标可以是任何数，而 Sigmoid 或 Tanh 永远到达不了其范围之外的值。损失：平方误差（或 Huber 损失，它限制了离群点的拉力）。</translation>
    </message>
    <message>
        <source>this experiment</source>
        <translation>当前实验</translation>
    </message>
    <message>
        <source>&lt;b&gt;Mismatches and what they do&lt;/b&gt;&lt;ul style=&apos;margin-left: -20px&apos;&gt;&lt;li&gt;A sigmoid or tanh output on regression can never predict beyond its range: targets above 1 stay out of reach, and the unit saturates trying.&lt;/li&gt;&lt;li&gt;A linear output on classification gives scores, not probabilities: nothing keeps them in (0, 1) or makes them add up to 1.&lt;/li&gt;&lt;li&gt;Softmax over a single unit always outputs 1; for two classes, one sigmoid unit does the job of a two-unit softmax.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;b&gt;搭配不当会怎样&lt;/b&gt;&lt;ul style=&apos;margin-left: -20px&apos;&gt;&lt;li&gt;回归任务用 Sigmoid 或 Tanh 作输出，永远无法预测超出其范围的值：大于 1 的目标值始终够不着，神经元在努力中饱和。&lt;/li&gt;&lt;li&gt;分类任务用线性输出，得到的是分数而不是概率：没有什么能让它们保持在 (0, 1) 内，或使它们加起来等于 1。&lt;/li&gt;&lt;li&gt;只有一个神经元的 Softmax 永远输出 1；对于两个类别，一个 Sigmoid 神经元就能完成两个神经元的 Softmax 的工作。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>No experiment from the main window yet.</source>
        <translation>尚未收到主窗口的实验。</translation>
    </message>
    <message>
        <source>The main window&apos;s experiment &lt;b&gt;{0}&lt;/b&gt;: task &lt;b&gt;{1}&lt;/b&gt;.</source>
        <translation>主窗口的实验 &lt;b&gt;{0}&lt;/b&gt;：任务为&lt;b&gt;{1}&lt;/b&gt;。</translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Show output</source>
        <translation>显示输出</translation>
    </message>
    <message>
        <source>Show test data</source>
        <translation>显示测试数据</translation>
    </message>
    <message>
        <source>Discretize output</source>
        <translation>离散化输出</translation>
    </message>
    <message>
        <source>Go back from the neuron to the network&apos;s output</source>
        <translation>从神经元返回到网络的输出</translation>
    </message>
    <message>
        <source>Draw the test points as hollow circles: the network never trains on them, so they show how it generalises</source>
        <translation>将测试点画成空心圆：网络从不在这些点上训练，因此它们能体现网络的泛化能力</translation>
    </message>
    <message>
        <source>Click to show the output again</source>
        <translation>单击以重新显示输出</translation>
    </message>
    <message>
        <source>Neuron {0} of hidden layer {1}</source>
        <translation>隐藏层 {1} 的神经元 {0}</translation>
    </message>
    <message>
        <source>Output neuron {0}: P(class {1})</source>
        <translation>输出神经元 {0}：P(类别 {1})</translation>
    </message>
    <message>
        <source>Output neuron: P(class 1)</source>
        <translation>输出神经元：P(类别 1)</translation>
    </message>
    <message>
        <source>Output neuron: prediction</source>
        <translation>输出神经元：预测值</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>A regression output has no classes to snap to</source>
        <translation>回归输出没有可归入的类别</translation>
    </message>
    <message>
        <source>Colour each point of the plane by the predicted class only, without the shades of how sure the network is</source>
        <translation>平面上每个点只按预测类别着色，不再用深浅表示网络的确信程度</translation>
    </message>
</context>
<context>
    <name>ParallelLab</name>
    <message>
        <source>Parallel lab - nnplayground</source>
        <translation>并行实验室 - nnplayground</translation>
    </message>
    <message>
        <source>Convergence and fitting</source>
        <translation>收敛与拟合</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Cost model</source>
        <translation>开销模型</translation>
    </message>
    <message>
        <source>A batch per rank: an iteration trains K batches. Epoch blocks: an iteration is the whole epoch, each rank taking a contiguous block of its batches</source>
        <translation>每个进程一个批次：一次迭代训练 K 个批次。按轮分块：一次迭代即整轮，每个进程负责其中连续的一段批次</translation>
    </message>
    <message>
        <source>Data-parallel settings</source>
        <translation>数据并行设置</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>The experiment both runs train: the main window&apos;s or a preset</source>
        <translation>两个运行训练的实验：主窗口的实验或某个预设</translation>
    </message>
    <message>
        <source>Ranks K</source>
        <translation>进程数 K</translation>
    </message>
    <message>
        <source>K, the number of simulated ranks (GPUs): each computes the gradient of its own batch of b samples</source>
        <translation>K，模拟的进程 (rank) 数（GPU 数）：每个进程计算自己那一批 b 个样本的梯度</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>调度方式</translation>
    </message>
    <message>
        <source>All-reduce</source>
        <translation>全归约</translation>
    </message>
    <message>
        <source>The order in which the all-reduce adds the ranks&apos; gradients: the same sum in exact arithmetic, different roundings in floating point</source>
        <translation>全归约累加各进程梯度的顺序：精确算术下和相同，浮点运算下舍入不同</translation>
    </message>
    <message>
        <source>Reduce in</source>
        <translation>归约精度</translation>
    </message>
    <message>
        <source>The float type the all-reduce adds in: float32 keeps about 7 significant digits, float64 about 16</source>
        <translation>全归约累加时使用的浮点类型：float32 约保留 7 位有效数字，float64 约 16 位</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>互连</translation>
    </message>
    <message>
        <source>The interconnect the cost model assumes; picking one fills in its bandwidth and latency</source>
        <translation>开销模型假设的互连方式；选择后会填入其带宽和延迟</translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation>带宽</translation>
    </message>
    <message>
        <source>What the link carries per second: a message of n bytes takes latency + n / bandwidth</source>
        <translation>互连每秒传输的数据量：一条 n 字节的消息耗时为 延迟 + n / 带宽</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>The fixed cost of every message; with a small gradient it dominates the all-reduce</source>
        <translation>每条消息的固定开销；梯度较小时它主导全归约的耗时</translation>
    </message>
    <message>
        <source>&lt;b&gt;The notes&apos; example&lt;/b&gt;: 100 batches over 4 ranks in one iteration: {0}.</source>
        <translation>&lt;b&gt;讲义中的例子&lt;/b&gt;：一次迭代中 100 个批次分给 4 个进程：{0}。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>{0} ({1} batches)</source>
        <translation>{0}（各 {1} 个批次）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Train both runs; press again to pause</source>
        <translation>训练两个运行；再按一次暂停</translation>
    </message>
    <message>
        <source>One data-parallel iteration (the one-process run catches up)</source>
        <translation>执行一次数据并行迭代（单进程运行随之追上）</translation>
    </message>
    <message>
        <source>Both runs back to iteration 0</source>
        <translation>两个运行都回到第 0 次迭代</translation>
    </message>
    <message>
        <source>Iteration {0} ({1}); one process: iteration {2}</source>
        <translation>第 {0} 次迭代（{1}）；单进程：第 {2} 次迭代</translation>
    </message>
    <message>
        <source>&lt;b&gt;This experiment&lt;/b&gt;: {0} training samples in {1} batches of {2} per epoch; over {3} ranks ({4}) that is {5} iteration(s) per epoch, the first one giving {6}.</source>
        <translation>&lt;b&gt;本实验&lt;/b&gt;：每轮 {0} 个训练样本，分为 {1} 个批次，每批 {2} 个；分给 {3} 个进程（{4}）即每轮 {5} 次迭代，第一次迭代的分配为 {6}。</translation>
    </message>
    <message>
        <source>rank {0}: {1}</source>
        <translation>进程 {0}：{1}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
</context>
<context>
    <name>ParallelWorker</name>
    <message>
        <source>The run has stopped ({0}): press Reset to train again.</source>
        <translation>运行已停止（{0}）：按“重置”重新训练。</translation>
    </message>
</context>
<context>
    <name>PrecisionView</name>
    <message>
        <source>&lt;b&gt;Numeric precision.&lt;/b&gt; In exact arithmetic the all-reduce gives the same mean gradient whatever order it adds the ranks&apos; gradients in. Floating-point addition is not associative, so the sequential, ring and tree orders round differently, most visibly when reducing in float32. The upper plot shows, per iteration, each order&apos;s combined gradient against a float64 sum of the same gradients (zero leaves a gap). The lower one shows how those roundings carry into the weights: the largest parameter difference over the largest parameter, between runs that differ only in the order, or in the reduction&apos;s dtype, or against one process with batch K·b, which is the same training in exact arithmetic.</source>
        <translation>&lt;b&gt;数值精度。&lt;/b&gt;在精确算术下，无论全归约以何种顺序累加各进程的梯度，得到的平均梯度都相同。浮点加法不满足结合律，因此顺序、环形和树形三种顺序的舍入各不相同，在用 float32 归约时最明显。上图显示每次迭代中各顺序合并后的梯度与相同梯度的 float64 求和之差（为零时留空）。下图显示这些舍入如何传递到权重：最大参数差除以最大参数，比较的是仅累加顺序不同、或仅归约数据类型不同的运行，以及与批大小为 K·b 的单进程运行（精确算术下二者是同样的训练）。</translation>
    </message>
    <message>
        <source>max absolute difference</source>
        <translation>最大绝对差</translation>
    </message>
    <message>
        <source>max relative difference</source>
        <translation>最大相对差</translation>
    </message>
    <message>
        <source>max difference in ULPs</source>
        <translation>最大差（以 ULP 计）</translation>
    </message>
    <message>
        <source>measure:</source>
        <translation>度量：</translation>
    </message>
    <message>
        <source>How the upper plot compares each combined gradient with the float64 sum: ULPs count the float steps between them</source>
        <translation>上图如何比较合并后的梯度与 float64 求和：ULP 计算两者之间相隔多少个浮点数步长</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>max |Δθ| / max |θ|</source>
        <translation>max |Δθ| / max |θ|</translation>
    </message>
    <message>
        <source>Parameter drift between runs</source>
        <translation>运行之间的参数漂移</translation>
    </message>
    <message>
        <source>ring vs sequential</source>
        <translation>环形 vs 顺序</translation>
    </message>
    <message>
        <source>tree vs sequential</source>
        <translation>树形 vs 顺序</translation>
    </message>
    <message>
        <source>vs float64 reduction</source>
        <translation>vs float64 归约</translation>
    </message>
    <message>
        <source>vs one process, batch K·b</source>
        <translation>vs 单进程，批大小 K·b</translation>
    </message>
    <message>
        <source>Combined gradient, reduced in {0}, against a float64 sum</source>
        <translation>以 {0} 归约的合并梯度与 float64 求和之差</translation>
    </message>
    <message>
        <source>Parameter drift between runs (no one-process equivalent: {0})</source>
        <translation>运行之间的参数漂移（没有等价的单进程运行：{0}）</translation>
    </message>
    <message>
        <source>replicas bit-identical after every iteration</source>
        <translation>每次迭代后各副本逐位一致</translation>
    </message>
    <message>
        <source>replicas differ: the ranks&apos; parameters are no longer identical</source>
        <translation>副本不一致：各进程的参数已不再相同</translation>
    </message>
</context>
<context>
    <name>PropagationInspector</name>
    <message>
        <source>Propagation inspector - nnplayground</source>
        <translation>传播检查器 - nnplayground</translation>
    </message>
    <message>
        <source>Pick a sample</source>
        <translation>选取样本</translation>
    </message>
    <message>
        <source>While this is on, click a training point in the main window&apos;s output plot to send it through the network here</source>
        <translation>开启后，在主窗口的输出图中点击一个训练点，即可把它送入这里的网络</translation>
    </message>
    <message>
        <source>Use latest weights</source>
        <translation>使用最新权重</translation>
    </message>
    <message>
        <source>Take the network as the main window&apos;s run has it now</source>
        <translation>采用主窗口训练此刻的网络权重</translation>
    </message>
    <message>
        <source>Training sample</source>
        <translation>训练样本</translation>
    </message>
    <message>
        <source>Which training sample goes through the network (Left and Right step through the phases instead)</source>
        <translation>让哪个训练样本通过网络（左右方向键则用于逐步切换阶段）</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>The step size η of the update in phase 4: w ← w − η·∂L/∂w (taken from the experiment)</source>
        <translation>第 4 阶段更新的步长 η：w ← w − η·∂L/∂w（取自实验）</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Back one step (Left or Page Up)</source>
        <translation>后退一步（← 或 PgUp 键）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>On one step (Right or Page Down)</source>
        <translation>前进一步（→ 或 PgDn 键）</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>A sequence data set trains a recurrent net, which this inspector does not show.</source>
        <translation>序列数据集训练的是循环神经网络，本检查器不显示这种网络。</translation>
    </message>
    <message>
        <source> of {0}</source>
        <translation> / {0}</translation>
    </message>
    <message>
        <source>target {0}</source>
        <translation>目标 {0}</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <source>Weights after iteration {0} of the run.</source>
        <translation>训练第 {0} 次迭代后的权重。</translation>
    </message>
    <message>
        <source>Initial weights (iteration 0).</source>
        <translation>初始权重（第 0 次迭代）。</translation>
    </message>
    <message>
        <source>Phase 4 shows one plain gradient-descent step on this one sample.</source>
        <translation>第 4 阶段显示仅用这一个样本做的一步普通梯度下降。</translation>
    </message>
    <message>
        <source>(The run itself uses {0} on batches of {1}, which step differently.)</source>
        <translation>（训练本身使用 {0}，批大小为 {1}，每一步的更新方式不同。）</translation>
    </message>
    <message>
        <source>(The run averages the gradient over batches of {0}.)</source>
        <translation>（训练本身对 {0} 个样本的批次求平均梯度。）</translation>
    </message>
    <message>
        <source>new bias b</source>
        <translation>新偏置 b</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output
{0}</source>
        <translation>输出
{0}</translation>
    </message>
    <message>
        <source>Hidden {0}
{1}</source>
        <translation>隐藏 {0}
{1}</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Forward pass: {0}</source>
        <translation>前向传播：{0}</translation>
    </message>
    <message>
        <source>Loss: prediction vs target</source>
        <translation>损失：预测与目标对比</translation>
    </message>
    <message>
        <source>Backward pass: {0}</source>
        <translation>反向传播：{0}</translation>
    </message>
    <message>
        <source>Update: {0}</source>
        <translation>更新：{0}</translation>
    </message>
    <message>
        <source>{0}. {1}   (step {2} of {3})</source>
        <translation>{0}. {1}   （第 {2} / {3} 步）</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>{0}: the first {1} of {2} neurons</source>
        <translation>{0}：{2} 个神经元中的前 {1} 个</translation>
    </message>
    <message>
        <source>Shown: {0}.</source>
        <translation>已显示：{0}。</translation>
    </message>
</context>
<context>
    <name>QMainWindow</name>
    <message>
        <source>{0} trains a recurrent net on sequences: open it in Labs &gt; Gradient lab or run it with `nnplayground run`.</source>
        <translation>{0} 在序列上训练循环神经网络：请在“实验室 &gt; 梯度实验室”中打开，或用 `nnplayground run` 运行。</translation>
    </message>
</context>
<context>
    <name>RNNTab</name>
    <message>
        <source>&lt;b&gt;Recurrent nets over long sequences.&lt;/b&gt; An RNN uses the same recurrent weights W&lt;sub&gt;h&lt;/sub&gt; at every step, so the error signal that reaches step t from the last step T has been multiplied T − t times by W&lt;sub&gt;h&lt;/sub&gt;&lt;sup&gt;T&lt;/sup&gt;·diag(1 − h&lt;sup&gt;2&lt;/sup&gt;): the weights, then the slope of tanh. With a spectral radius below 1 each factor shrinks it and the early steps get a geometrically small gradient, so the net cannot learn what the first inputs said. Above 1 it can grow geometrically while tanh stays in its linear range, but as the hidden state grows, h&lt;sup&gt;2&lt;/sup&gt; nears 1, the slope nears 0 and pulls the signal back toward vanishing. Truncated backpropagation through time stops the chain after k steps: nothing explodes, but the earlier steps get no gradient at all. The pale red line is the most the signal can be.</source>
        <translation>&lt;b&gt;长序列上的循环网络。&lt;/b&gt;RNN 在每一步都使用同一组循环权重 W&lt;sub&gt;h&lt;/sub&gt;，所以从最后一步 T 传到第 t 步的误差信号已经被 W&lt;sub&gt;h&lt;/sub&gt;&lt;sup&gt;T&lt;/sup&gt;·diag(1 − h&lt;sup&gt;2&lt;/sup&gt;) 乘了 T − t 次：先乘权重，再乘 Tanh 的斜率。谱半径小于 1 时每个因子都会缩小信号，前面各步得到的梯度按几何级数变小，网络学不到最初输入的内容。谱半径大于 1 时，只要 Tanh 处于线性区，信号就能按几何级数增长；但隐藏状态变大后，h&lt;sup&gt;2&lt;/sup&gt; 接近 1，斜率接近 0，又把信号拉回梯度消失。截断的随时间反向传播在 k 步后切断链条：不会爆炸，但更早的步完全得不到梯度。浅红色的线是信号可能达到的最大值。</translation>
    </message>
    <message>
        <source>time step t (1 = the first input)</source>
        <translation>时间步 t（1 = 第一个输入）</translation>
    </message>
    <message>
        <source>‖∂L/∂h&lt;sub&gt;t&lt;/sub&gt;‖</source>
        <translation>‖∂L/∂h&lt;sub&gt;t&lt;/sub&gt;‖</translation>
    </message>
    <message>
        <source>truncated: no gradient</source>
        <translation>截断：没有梯度</translation>
    </message>
    <message>
        <source>Remember the first input: the target is the first input. Adding problem: the target is the sum of the two inputs marked by a second channel.</source>
        <translation>记住第一个输入：目标就是第一个输入。加法问题：目标是由第二个通道标记的两个输入之和。</translation>
    </message>
    <message>
        <source>Every eigenvalue of the initial W_h has this modulus (W_h is this times a random orthogonal matrix)</source>
        <translation>初始 W_h 的每个特征值的模都等于此值（W_h 是此值乘以一个随机正交矩阵）</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Sequence length T</source>
        <translation>序列长度 T</translation>
    </message>
    <message>
        <source>How many steps each sequence has: the signal to step 1 passes T − 1 recurrent steps</source>
        <translation>每个序列的步数：传到第 1 步的信号要经过 T − 1 个循环步</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>隐藏神经元数</translation>
    </message>
    <message>
        <source>The size of the hidden state h</source>
        <translation>隐藏状态 h 的大小</translation>
    </message>
    <message>
        <source>Spectral radius</source>
        <translation>谱半径</translation>
    </message>
    <message>
        <source>full</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>truncated</source>
        <translation>截断</translation>
    </message>
    <message>
        <source>Backpropagation through time: through every step, or only the last k</source>
        <translation>随时间反向传播：经过每一步，或只经过最后 k 步</translation>
    </message>
    <message>
        <source>How many of the last steps the gradient flows back through</source>
        <translation>梯度向后流经最后多少步</translation>
    </message>
    <message>
        <source>SGD steps in proportion to the gradient, so an exploding gradient throws the weights far; Adam divides by its running size</source>
        <translation>SGD 的步长与梯度成正比，所以梯度爆炸会把权重甩得很远；Adam 会除以梯度的滑动平均大小</translation>
    </message>
    <message>
        <source>BPTT</source>
        <translation>BPTT</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>从预设开始</translation>
    </message>
    <message>
        <source>Recall the first of 200 inputs (radius 0.9)</source>
        <translation>记住 200 个输入中的第一个（谱半径 0.9）</translation>
    </message>
    <message>
        <source>The settings of the &quot;RNN over a long sequence&quot; preset</source>
        <translation>使用预设“长序列上的 RNN”的设置</translation>
    </message>
    <message>
        <source>bound σᵀ⁻ᵗ·‖∂L/∂h{0}‖ (σ = ‖Wₕ‖₂ = {1})</source>
        <translation>上界 σᵀ⁻ᵗ·‖∂L/∂h{0}‖（σ = ‖Wₕ‖₂ = {1}）</translation>
    </message>
    <message>
        <source>not finite</source>
        <translation>非有限值</translation>
    </message>
    <message>
        <source>{0} at iteration {1}, before it diverged</source>
        <translation>{0}（第 {1} 次迭代，发散之前）</translation>
    </message>
    <message>
        <source>{0}: before {1}; after {2}</source>
        <translation>{0}：之前 {1}；之后 {2}</translation>
    </message>
    <message>
        <source>{0} = {1}</source>
        <translation>{0} = {1}</translation>
    </message>
    <message>
        <source>steps {0}–{1} underflow to 0</source>
        <translation>第 {0}–{1} 步下溢为 0</translation>
    </message>
    <message>
        <source>Truncated at k = {0}: steps 1–{1} get no gradient</source>
        <translation>在 k = {0} 处截断：第 1–{1} 步没有梯度</translation>
    </message>
</context>
<context>
    <name>RankTimeline</name>
    <message>
        <source>rank</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>all-reduce</source>
        <translation>全归约</translation>
    </message>
</context>
<context>
    <name>RealRanksPanel</name>
    <message>
        <source>&lt;b&gt;Measured on {0} processes&lt;/b&gt; ({1} iterations, torch {2}, gloo): replicas bit-identical: {3}; max |Δ| of gloo&apos;s sum against the simulated ones: {4}. Time per iteration: measured {5}, predicted {6} with the fitted link, {7} with the configured one. Fitted link: {8}.</source>
        <translation>&lt;b&gt;在 {0} 个进程上测量&lt;/b&gt;（{1} 次迭代，torch {2}，gloo）：副本逐位一致：{3}；gloo 求和与模拟求和的最大 |Δ|：{4}。每次迭代耗时：实测 {5}，按拟合的互连预测 {6}，按设置的互连预测 {7}。拟合的互连：{8}。</translation>
    </message>
    <message>
        <source>Measure on real ranks (PyTorch)</source>
        <translation>在真实进程上测量 (PyTorch)</translation>
    </message>
    <message>
        <source>Train this experiment on K processes through torch.distributed (gloo), about as many iterations as the lab has trained (at most {0}), and show what they measured</source>
        <translation>通过 torch.distributed (gloo) 在 K 个进程上训练此实验，迭代次数约与实验室已训练的相同（最多 {0} 次），并显示测量结果</translation>
    </message>
    <message>
        <source>Needs PyTorch, which is not installed. Install it with: {0}</source>
        <translation>需要 PyTorch，但尚未安装。安装命令：{0}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the run on real ranks; the lab&apos;s own runs go on</source>
        <translation>停止在真实进程上的运行；实验室自己的运行继续</translation>
    </message>
    <message>
        <source>measured time in a mean iteration (ms)</source>
        <translation>平均一次迭代内的实测时间 (ms)</translation>
    </message>
    <message>
        <source>Rank timeline measured on real ranks (none yet)</source>
        <translation>在真实进程上测得的进程时间线（尚无）</translation>
    </message>
    <message>
        <source>cannot write the experiment file: {0}</source>
        <translation>无法写入实验文件：{0}</translation>
    </message>
    <message>
        <source>Running on {0} processes…</source>
        <translation>正在 {0} 个进程上运行…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>cannot read {0}: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>latency {0:.1f} µs, bandwidth {1:.3g} GB/s</source>
        <translation>延迟 {0:.1f} µs，带宽 {1:.3g} GB/s</translation>
    </message>
    <message>
        <source>not fitted ({0})</source>
        <translation>未能拟合（{0}）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <source>Real ranks: {0}</source>
        <translation>真实进程：{0}</translation>
    </message>
    <message>
        <source>Rank timeline measured on {0} processes, mean of {1} iterations</source>
        <translation>在 {0} 个进程上测得的进程时间线，{1} 次迭代的平均</translation>
    </message>
</context>
<context>
    <name>RemedyBar</name>
    <message>
        <source>&lt;b&gt;Remedies:&lt;/b&gt;</source>
        <translation>&lt;b&gt;补救措施：&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Clip gradients at</source>
        <translation>梯度裁剪阈值</translation>
    </message>
    <message>
        <source>Scale the whole gradient down whenever its norm exceeds the threshold</source>
        <translation>每当梯度范数超过阈值时，把整个梯度按比例缩小</translation>
    </message>
    <message>
        <source>Xavier/He init</source>
        <translation>Xavier/He 初始化</translation>
    </message>
    <message>
        <source>Xavier initialisation (He for ReLU layers) at gain 1: keeps the spread of z the same from layer to layer</source>
        <translation>增益为 1 的 Xavier 初始化（ReLU 层用 He）：让 z 的分布宽度逐层保持不变</translation>
    </message>
    <message>
        <source>ReLU hidden layers: slope exactly 1 wherever a unit is active</source>
        <translation>ReLU 隐藏层：神经元激活处斜率恰为 1</translation>
    </message>
    <message>
        <source>Learning rate ÷10</source>
        <translation>学习率 ÷10</translation>
    </message>
    <message>
        <source>Take ten times smaller steps</source>
        <translation>步长缩小为十分之一</translation>
    </message>
    <message>
        <source>Huber loss</source>
        <translation>Huber 损失</translation>
    </message>
    <message>
        <source>Cap each sample&apos;s gradient once its error exceeds δ</source>
        <translation>误差超过 δ 后限制每个样本的梯度</translation>
    </message>
    <message>
        <source>The largest global gradient norm a step may use</source>
        <translation>每一步允许的最大全局梯度范数</translation>
    </message>
    <message>
        <source>clip at {0:g}</source>
        <translation>裁剪于 {0:g}</translation>
    </message>
    <message>
        <source>learning rate ÷10</source>
        <translation>学习率 ÷10</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>first run</source>
        <translation>第一次运行</translation>
    </message>
    <message>
        <source>same settings</source>
        <translation>设置相同</translation>
    </message>
    <message>
        <source>Repeat with the same seed</source>
        <translation>用相同种子重复</translation>
    </message>
    <message>
        <source>Train the selected run&apos;s experiment again from scratch with its seed: an exact repeat gives max difference 0</source>
        <translation>用所选运行记录的随机种子从头再训练一次它的实验：完全复现时最大差异为 0</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>新种子</translation>
    </message>
    <message>
        <source>Train the selected run&apos;s experiment again with a seed no run has used, to see how much the result depends on chance</source>
        <translation>用一个尚未使用过的随机种子再训练一次所选运行记录的实验，看看结果在多大程度上取决于随机性</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected runs from the list</source>
        <translation>从列表中删除所选的运行记录</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>导出 CSV...</translation>
    </message>
    <message>
        <source>Save the ticked runs&apos; curves as one CSV table</source>
        <translation>把勾选的运行记录的曲线保存为一个 CSV 表格</translation>
    </message>
    <message>
        <source>Curve:</source>
        <translation>曲线：</translation>
    </message>
    <message>
        <source>Which curve the plot overlays for the ticked runs</source>
        <translation>图中为勾选的运行记录叠加显示哪条曲线</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation>导出运行记录</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot export the runs: {0}</source>
        <translation>无法导出运行记录：{0}</translation>
    </message>
    <message>
        <source>Exported {0} run(s) to {1}</source>
        <translation>已将 {0} 条运行记录导出到 {1}</translation>
    </message>
    <message>
        <source>Training {0} again for {1} iterations...</source>
        <translation>正在重新训练 {0}，共 {1} 次迭代...</translation>
    </message>
    <message>
        <source>The repeat failed: {0}</source>
        <translation>重复训练失败：{0}</translation>
    </message>
    <message>
        <source>{0} is identical to {1}: max difference 0</source>
        <translation>{0} 与 {1} 完全相同：最大差异为 0</translation>
    </message>
    <message>
        <source>{0} differs from {1} (seed {2} vs {3}): max difference {4:.3g}</source>
        <translation>{0} 与 {1} 不同（种子 {2} 对 {3}）：最大差异 {4:.3g}</translation>
    </message>
</context>
<context>
    <name>SaturationTab</name>
    <message>
        <source>&lt;b&gt;Saturating activations.&lt;/b&gt; The same deep network trained four times, once per activation. Each layer multiplies the backward signal by the slope f′(z). Sigmoid&apos;s slope never exceeds 0.25 and tanh&apos;s falls to zero in its tails, so their gradients fade with depth. ReLU passes a slope of exactly 1 where z &gt; 0 and 0 elsewhere: for each sample some units are dead. Leaky ReLU keeps a small slope there, so no unit goes completely silent. With Xavier initialisation the ReLU nets still fade a little, as half their units pass nothing; He initialisation makes up for that. Saturation is measured on each training batch: press Step or Play.</source>
        <translation>&lt;b&gt;饱和激活函数。&lt;/b&gt;同一个深层网络训练四次，每种激活函数一次。每一层都把反向信号乘以斜率 f′(z)。Sigmoid 的斜率从不超过 0.25，Tanh 的斜率在两端降到 0，所以它们的梯度随深度衰减。ReLU 在 z &gt; 0 处斜率恰为 1，其余处为 0：对每个样本都有一些神经元处于死亡状态。Leaky ReLU 在那里保留一个小斜率，所以没有神经元完全沉默。使用 Xavier 初始化时，ReLU 网络仍会略有衰减，因为一半神经元不传递任何信号；He 初始化弥补了这一点。饱和程度在每个训练批次上测量：请按“单步”或“运行”。</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>How many hidden layers of 16 units each run has</source>
        <translation>每个运行有多少个 16 个神经元的隐藏层</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Initial weight scale</source>
        <translation>初始权重缩放</translation>
    </message>
    <message>
        <source>Multiplies every initial weight of all four runs</source>
        <translation>乘到四个运行的每个初始权重上</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Saturated or dead units per hidden layer (f′ below 1% of its peak)</source>
        <translation>每个隐藏层中饱和或死亡的神经元（f′ 低于其峰值的 1%）</translation>
    </message>
    <message>
        <source>hidden layer</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>fraction of units</source>
        <translation>神经元比例</translation>
    </message>
    <message>
        <source>Backward signal per layer</source>
        <translation>每层的反向信号</translation>
    </message>
    <message>
        <source>layer k (1 = nearest the input)</source>
        <translation>第 k 层（1 = 最靠近输入）</translation>
    </message>
    <message>
        <source>‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖</source>
        <translation>‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖</translation>
    </message>
</context>
<context>
    <name>SettingsBox</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>SigmoidTab</name>
    <message>
        <source>&lt;b&gt;Sigmoid: vanishing or exploding?&lt;/b&gt; Backpropagation multiplies the signal at every layer by the weights and by the slope f′(z). Sigmoid&apos;s slope is at most 0.25 (tanh&apos;s at most 1), so a saturating activation by itself only shrinks the signal: with ordinary weights (Xavier, gain 1) it fades layer by layer. It can grow only when the weights scale it by more than 1/f′ per layer (4 for sigmoid). Large weights also push z onto the flat tails, where f′ is far below 0.25, so the gain it takes is larger still: compare the two curves.</source>
        <translation>&lt;b&gt;Sigmoid：梯度消失还是爆炸？&lt;/b&gt;反向传播在每一层都把信号乘以权重和斜率 f′(z)。Sigmoid 的斜率最大为 0.25（Tanh 最大为 1），所以饱和激活函数本身只会缩小信号：使用普通权重（Xavier，增益 1）时，信号逐层衰减。只有当权重每层把信号放大超过 1/f′ 倍（Sigmoid 为 4）时，信号才能增长。而大权重还会把 z 推到平坦的两端，那里的 f′ 远低于 0.25，所以实际需要的增益更大：比较这两条曲线。</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>How many sigmoid layers of 16 units both runs have</source>
        <translation>两个运行各有多少个 16 个神经元的 Sigmoid 层</translation>
    </message>
    <message>
        <source>Large gain g</source>
        <translation>大增益 g</translation>
    </message>
    <message>
        <source>The second run&apos;s initial weights are Xavier&apos;s times g; growth needs g × typical f′ above 1</source>
        <translation>第二个运行的初始权重是 Xavier 权重乘以 g；要让信号增长，g × 典型 f′ 需大于 1</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>从预设开始</translation>
    </message>
    <message>
        <source>Exploding: 20 sigmoid layers, gain 16</source>
        <translation>梯度爆炸：20 个 Sigmoid 层，增益 16</translation>
    </message>
    <message>
        <source>The settings of the preset &quot;Exploding gradients: sigmoid with large weights&quot;</source>
        <translation>使用预设“梯度爆炸：大权重的 Sigmoid 网络”的设置</translation>
    </message>
    <message>
        <source>layer k (1 = nearest the input)</source>
        <translation>第 k 层（1 = 最靠近输入）</translation>
    </message>
    <message>
        <source>‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖</source>
        <translation>‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖</translation>
    </message>
    <message>
        <source>Backward signal per layer</source>
        <translation>每层的反向信号</translation>
    </message>
    <message>
        <source>ordinary weights (Xavier, gain 1)</source>
        <translation>普通权重（Xavier，增益 1）</translation>
    </message>
    <message>
        <source>large weights (gain {0})</source>
        <translation>大权重（增益 {0}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Measured factor per hidden layer&lt;/b&gt; (geometric mean of ‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖ ÷ ‖∂L/∂z&lt;sub&gt;k+1&lt;/sub&gt;‖): ordinary weights {0}, large weights (gain {1}) {2}. Below ×1 the signal vanishes toward the input, above ×1 it explodes. The rule: f′ ≤ {3:g} for sigmoid and ≤ {4:g} for tanh, so growth needs a weight gain per layer above 1/f′ ({5:g} for sigmoid, {6:g} for tanh).</source>
        <translation>&lt;b&gt;实测每个隐藏层的倍数&lt;/b&gt;（‖∂L/∂z&lt;sub&gt;k&lt;/sub&gt;‖ ÷ ‖∂L/∂z&lt;sub&gt;k+1&lt;/sub&gt;‖ 的几何平均）：普通权重 {0}，大权重（增益 {1}）{2}。低于 ×1 时信号向输入方向消失，高于 ×1 时则爆炸。规律：Sigmoid 的 f′ ≤ {3:g}，Tanh 的 f′ ≤ {4:g}，所以要让信号增长，每层的权重增益需超过 1/f′（Sigmoid 为 {5:g}，Tanh 为 {6:g}）。</translation>
    </message>
    <message>
        <source>‖∂L/∂z‖ of layer 1 ÷ last hidden layer: ordinary {0}; large {1}</source>
        <translation>第 1 层的 ‖∂L/∂z‖ ÷ 最后一个隐藏层的：普通 {0}；大 {1}</translation>
    </message>
</context>
<context>
    <name>SoftmaxTab</name>
    <message>
        <source>&lt;b&gt;Softmax&lt;/b&gt; turns K scores z (logits) into probabilities p&lt;sub&gt;i&lt;/sub&gt; = e&lt;sup&gt;z&lt;sub&gt;i&lt;/sub&gt;/T&lt;/sup&gt; / Σ&lt;sub&gt;j&lt;/sub&gt; e&lt;sup&gt;z&lt;sub&gt;j&lt;/sub&gt;/T&lt;/sup&gt;: each one positive, together exactly 1. Raising one logit takes probability from all the others, and adding the same number to every logit changes nothing.&lt;br&gt;&lt;br&gt;The &lt;b&gt;temperature&lt;/b&gt; T divides the logits first: below 1 it sharpens the distribution toward the largest logit, above 1 it flattens it toward uniform.&lt;br&gt;&lt;br&gt;A &lt;b&gt;sigmoid per class&lt;/b&gt; instead answers K separate yes/no questions: each value lies in (0, 1), but their sum can be anything between 0 and K. That suits labels that can all be true at once, not picking one class out of K.</source>
        <translation>&lt;b&gt;Softmax&lt;/b&gt; 把 K 个分数 z（logits）变成概率 p&lt;sub&gt;i&lt;/sub&gt; = e&lt;sup&gt;z&lt;sub&gt;i&lt;/sub&gt;/T&lt;/sup&gt; / Σ&lt;sub&gt;j&lt;/sub&gt; e&lt;sup&gt;z&lt;sub&gt;j&lt;/sub&gt;/T&lt;/sup&gt;：每个都为正，总和恰好为 1。调高一个 logit 会从其余所有类别那里夺走概率；给每个 logit 加上同一个数则什么也不改变。&lt;br&gt;&lt;br&gt;&lt;b&gt;温度&lt;/b&gt; T 先去除 logits：小于 1 时分布向最大的 logit 变尖锐，大于 1 时分布趋于平坦、接近均匀。&lt;br&gt;&lt;br&gt;而&lt;b&gt;每个类别一个 Sigmoid&lt;/b&gt; 回答的是 K 个相互独立的“是/否”问题：每个值都在 (0, 1) 内，但它们的和可以是 0 到 K 之间的任何数。这适合多个标签可以同时成立的情形，而不是从 K 个类别中挑出一个。</translation>
    </message>
    <message>
        <source>Random logits</source>
        <translation>随机 logits</translation>
    </message>
    <message>
        <source>All zero</source>
        <translation>全部归零</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>How many classes, each with its own logit (2 to {0})</source>
        <translation>类别的个数，每个类别有自己的 logit（2 到 {0}）</translation>
    </message>
    <message>
        <source>The temperature T in softmax(z / T): below 1 sharpens the distribution, above 1 flattens it.</source>
        <translation>softmax(z / T) 中的温度 T：小于 1 使分布更尖锐，大于 1 使分布更平坦。</translation>
    </message>
    <message>
        <source>Draw every logit at random from [−3, 3]</source>
        <translation>从 [−3, 3] 中随机抽取每个 logit</translation>
    </message>
    <message>
        <source>Set every logit to 0: softmax then gives each class 1/K</source>
        <translation>把每个 logit 设为 0：此时 Softmax 给每个类别 1/K</translation>
    </message>
    <message>
        <source>Logits z (drag the sliders)</source>
        <translation>Logits z（拖动滑块）</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>softmax(z / T), T = {0:g}: one distribution</source>
        <translation>softmax(z / T)，T = {0:g}：一个概率分布</translation>
    </message>
    <message>
        <source>sigmoid(z) per class: independent</source>
        <translation>每个类别的 sigmoid(z)：相互独立</translation>
    </message>
    <message>
        <source>Sum of the softmax probabilities: &lt;b&gt;{0:.3f}&lt;/b&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;Sum of the sigmoids: &lt;b&gt;{1:.3f}&lt;/b&gt;</source>
        <translation>Softmax 概率之和：&lt;b&gt;{0:.3f}&lt;/b&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;各 Sigmoid 之和：&lt;b&gt;{1:.3f}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>SourceCombo</name>
    <message>
        <source>Main window&apos;s experiment</source>
        <translation>主窗口的实验</translation>
    </message>
</context>
<context>
    <name>StepTables</name>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>the input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Output layer ({0})</source>
        <translation>输出层（{0}）</translation>
    </message>
    <message>
        <source>the output layer ({0})</source>
        <translation>输出层（{0}）</translation>
    </message>
    <message>
        <source>Hidden layer {0} ({1})</source>
        <translation>隐藏层 {0}（{1}）</translation>
    </message>
    <message>
        <source>hidden layer {0} ({1})</source>
        <translation>隐藏层 {0}（{1}）</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <source>P(class 1)</source>
        <translation>P(类别 1)</translation>
    </message>
    <message>
        <source>prediction ŷ</source>
        <translation>预测 ŷ</translation>
    </message>
    <message>
        <source>neuron {0}</source>
        <translation>神经元 {0}</translation>
    </message>
    <message>
        <source>out</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>The input: the sample&apos;s features</source>
        <translation>输入：样本的特征</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>value x</source>
        <translation>值 x</translation>
    </message>
    <message>
        <source>{0}: each neuron sums its weighted inputs, then applies f</source>
        <translation>{0}：每个神经元先对加权输入求和，再应用 f</translation>
    </message>
    <message>
        <source>Neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>bias b</source>
        <translation>偏置 b</translation>
    </message>
    <message>
        <source>Links into layer {0}</source>
        <translation>连入第 {0} 层的连接</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>a (from)</source>
        <translation>a（来源）</translation>
    </message>
    <message>
        <source>weight w</source>
        <translation>权重 w</translation>
    </message>
    <message>
        <source>The prediction against the target</source>
        <translation>预测与目标对比</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>prediction a</source>
        <translation>预测 a</translation>
    </message>
    <message>
        <source>target y</source>
        <translation>目标 y</translation>
    </message>
    <message>
        <source>data loss</source>
        <translation>数据损失</translation>
    </message>
    <message>
        <source>L2 penalty ½·λ₂·ΣW²</source>
        <translation>L2 惩罚项 ½·λ₂·ΣW²</translation>
    </message>
    <message>
        <source>L1 penalty λ₁·Σ|W|</source>
        <translation>L1 惩罚项 λ₁·Σ|W|</translation>
    </message>
    <message>
        <source>total loss L</source>
        <translation>总损失 L</translation>
    </message>
    <message>
        <source>The loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>项</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>{0}: how the loss changes with each neuron</source>
        <translation>{0}：损失随每个神经元如何变化</translation>
    </message>
    <message>
        <source>∂L/∂z (to)</source>
        <translation>∂L/∂z（目标端）</translation>
    </message>
    <message>
        <source>+ penalty</source>
        <translation>+ 惩罚项</translation>
    </message>
    <message>
        <source>Gradient of each weight into layer {0}</source>
        <translation>连入第 {0} 层的每个权重的梯度</translation>
    </message>
    <message>
        <source>{0}: every parameter moves against its gradient, η = {1}</source>
        <translation>{0}：每个参数沿梯度反方向移动，η = {1}</translation>
    </message>
    <message>
        <source>b before</source>
        <translation>更新前 b</translation>
    </message>
    <message>
        <source>b after</source>
        <translation>更新后 b</translation>
    </message>
    <message>
        <source>Weights into layer {0}: w − η·∂L/∂w</source>
        <translation>连入第 {0} 层的权重：w − η·∂L/∂w</translation>
    </message>
    <message>
        <source>w before</source>
        <translation>更新前 w</translation>
    </message>
    <message>
        <source>w after</source>
        <translation>更新后 w</translation>
    </message>
</context>
<context>
    <name>SweepCurves</name>
    <message>
        <source>Batch loss (training)</source>
        <translation>批次损失（训练）</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Show the losses on a logarithmic axis</source>
        <translation>用对数坐标轴显示损失</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>SweepForm</name>
    <message>
        <source>Learning rate × seed</source>
        <translation>学习率 × 种子</translation>
    </message>
    <message>
        <source>Batch modes: shuffle, fixed order, one batch</source>
        <translation>批次方式：打乱、固定顺序、单一批次</translation>
    </message>
    <message>
        <source>Learning rate × batch size</source>
        <translation>学习率 × 批大小</translation>
    </message>
    <message>
        <source>Activation × hidden units</source>
        <translation>激活函数 × 隐藏层神经元数</translation>
    </message>
    <message>
        <source>The experiment every run starts from</source>
        <translation>每个运行的起始实验</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Fill the form with a ready-made sweep</source>
        <translation>用一个现成的参数扫描填写表单</translation>
    </message>
    <message>
        <source>The setting to vary (its path in the experiment file)</source>
        <translation>要变化的设置（它在实验文件中的路径）</translation>
    </message>
    <message>
        <source>Epochs every run trains (0: the experiment&apos;s own)</source>
        <translation>每个运行训练的轮数（0：使用实验自己的设置）</translation>
    </message>
    <message>
        <source>as the experiment</source>
        <translation>同实验设置</translation>
    </message>
    <message>
        <source>optional, e.g. tcp://host:8786</source>
        <translation>可选，如 tcp://host:8786</translation>
    </message>
    <message>
        <source>Send the runs to a running Dask scheduler instead (needs nnplayground[cluster])</source>
        <translation>改为把运行发送到正在运行的 Dask 调度器（需要 nnplayground[cluster]）</translation>
    </message>
    <message>
        <source>a new folder for each sweep</source>
        <translation>每次扫描新建文件夹</translation>
    </message>
    <message>
        <source>Where sweep.csv and each run&apos;s metrics.csv are written</source>
        <translation>sweep.csv 和每个运行的 metrics.csv 的写入位置</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Ready-made</source>
        <translation>现成方案</translation>
    </message>
    <message>
        <source>Comma-separated values, e.g. 0.01,0.03,0.1 or sgd,adam; every value makes a column (or row) of the grid</source>
        <translation>用逗号分隔的取值，如 0.01,0.03,0.1 或 sgd,adam；每个取值构成网格的一列（或一行）</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>over</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>and vary</source>
        <translation>同时变化</translation>
    </message>
    <message>
        <source>A second setting to vary: every value of the first is combined with every value of this one</source>
        <translation>要变化的第二个设置：第一个设置的每个取值都与它的每个取值组合</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Each combination trains once per seed, e.g. 1,2,3; the spread over seeds shows what is luck</source>
        <translation>每个组合对每个种子各训练一次，如 1,2,3；不同种子间的离散程度显示哪些只是运气</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Worker processes on this machine, each training one run at a time (default: one per core)</source>
        <translation>本机上的工作进程数，每个进程一次训练一个运行（默认：每个核心一个）</translation>
    </message>
    <message>
        <source>Dask scheduler</source>
        <translation>Dask 调度器</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Pick the folder for the sweep&apos;s results</source>
        <translation>选择存放参数扫描结果的文件夹</translation>
    </message>
    <message>
        <source>{0} trains until paused: set the epochs every run trains</source>
        <translation>{0} 会一直训练到暂停：请设置每个运行训练的轮数</translation>
    </message>
    <message>
        <source>{0} runs: at most {1} in one sweep</source>
        <translation>{0} 个运行：一次参数扫描最多 {1} 个</translation>
    </message>
    <message>
        <source>Cannot sweep: {0}</source>
        <translation>无法扫描：{0}</translation>
    </message>
    <message>
        <source>{0} values</source>
        <translation>{0} 个取值</translation>
    </message>
    <message>
        <source>{0} runs: {1} × {2} seeds</source>
        <translation>{0} 个运行：{1} × {2} 个种子</translation>
    </message>
    <message>
        <source>(nothing else)</source>
        <translation>（不变化其他设置）</translation>
    </message>
    <message>
        <source>Folder for the sweep&apos;s results</source>
        <translation>参数扫描结果的文件夹</translation>
    </message>
</context>
<context>
    <name>SweepHeatMap</name>
    <message>
        <source>No sweep on show: start one, or open a saved one</source>
        <translation>未显示参数扫描：开始一次，或打开已保存的扫描</translation>
    </message>
    <message>
        <source>{0} of {1} diverged</source>
        <translation>{1} 个中 {0} 个发散</translation>
    </message>
    <message>
        <source>Final training loss</source>
        <translation>最终训练损失</translation>
    </message>
    <message>
        <source>Final test loss</source>
        <translation>最终测试损失</translation>
    </message>
    <message>
        <source>Final test R²</source>
        <translation>最终测试 R²</translation>
    </message>
    <message>
        <source>Final test accuracy</source>
        <translation>最终测试准确率</translation>
    </message>
    <message>
        <source>{0}: mean ± spread (standard deviation) over {1} seeds</source>
        <translation>{0}：{1} 个种子的均值 ± 离散度（标准差）</translation>
    </message>
    <message>
        <source>{0}: one seed</source>
        <translation>{0}：单个种子</translation>
    </message>
    <message>
        <source>{0}; colours on a log scale</source>
        <translation>{0}；颜色按对数刻度</translation>
    </message>
</context>
<context>
    <name>SweepWindow</name>
    <message>
        <source>Sweeps - nnplayground</source>
        <translation>参数扫描 - nnplayground</translation>
    </message>
    <message>
        <source>Start sweep</source>
        <translation>开始扫描</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Show a sweep saved in a folder</source>
        <translation>显示保存在某个文件夹中的参数扫描</translation>
    </message>
    <message>
        <source>%v of %m runs</source>
        <translation>%v / %m 个运行</translation>
    </message>
    <message>
        <source>Pick what to vary, then Start.</source>
        <translation>选择要变化的设置，然后开始。</translation>
    </message>
    <message>
        <source>Final test loss</source>
        <translation>最终测试损失</translation>
    </message>
    <message>
        <source>Final training loss</source>
        <translation>最终训练损失</translation>
    </message>
    <message>
        <source>Final accuracy or R²</source>
        <translation>最终准确率或 R²</translation>
    </message>
    <message>
        <source>The final number each cell shows, over the whole training or test set</source>
        <translation>每个格子显示的最终数值，在完整的训练集或测试集上计算</translation>
    </message>
    <message>
        <source>Load the selected run into the main window</source>
        <translation>将选中的运行载入主窗口</translation>
    </message>
    <message>
        <source>{0}, seed {1}</source>
        <translation>{0}，种子 {1}</translation>
    </message>
    <message>
        <source>Train every combination of the values once per seed, in the background</source>
        <translation>在后台对每个种子训练所有取值组合各一次</translation>
    </message>
    <message>
        <source>Stop the sweep: the runs under way are dropped, the finished rows stay</source>
        <translation>停止参数扫描：进行中的运行被丢弃，已完成的行保留</translation>
    </message>
    <message>
        <source>Make the selected run&apos;s settings and seed the main window&apos;s experiment</source>
        <translation>把选中运行的设置和种子设为主窗口的实验</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>热图</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Replace the sweep?</source>
        <translation>替换参数扫描？</translation>
    </message>
    <message>
        <source>{0} already holds a sweep. Replace its results?</source>
        <translation>{0} 中已有一次参数扫描。替换其结果吗？</translation>
    </message>
    <message>
        <source>Cannot write the sweep&apos;s folder: {0}</source>
        <translation>无法写入参数扫描的文件夹：{0}</translation>
    </message>
    <message>
        <source>Training {0} runs into {1}…</source>
        <translation>正在训练 {0} 个运行，写入 {1}…</translation>
    </message>
    <message>
        <source>Stopped before any run finished.</source>
        <translation>在任何运行完成之前就已停止。</translation>
    </message>
    <message>
        <source>Stopped: {0} of {1} runs finished; their rows are in {2}</source>
        <translation>已停止：{1} 个运行中完成了 {0} 个；它们的行在 {2} 中</translation>
    </message>
    <message>
        <source>Done: {0} runs ({1} diverged), in {2}</source>
        <translation>完成：{0} 个运行（{1} 个发散），位于 {2}</translation>
    </message>
    <message>
        <source>The sweep failed: {0}</source>
        <translation>参数扫描失败：{0}</translation>
    </message>
    <message>
        <source>test R²</source>
        <translation>测试 R²</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>用时 (s)</translation>
    </message>
    <message>
        <source>Cannot open the sweep: {0}</source>
        <translation>无法打开参数扫描：{0}</translation>
    </message>
    <message>
        <source>{0} of {1} runs, from {2}</source>
        <translation>{1} 个运行中的 {0} 个，来自 {2}</translation>
    </message>
    <message>
        <source>Open a sweep&apos;s folder</source>
        <translation>打开参数扫描的文件夹</translation>
    </message>
    <message>
        <source>The main window now trains {0}.</source>
        <translation>主窗口现在训练 {0}。</translation>
    </message>
</context>
<context>
    <name>TabFrame</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>TimePlot</name>
    <message>
        <source>{0}, cut off above the axis</source>
        <translation>{0}，超出坐标轴的部分被截去</translation>
    </message>
</context>
<context>
    <name>TorchCheckPanel</name>
    <message>
        <source>Check with PyTorch</source>
        <translation>用 PyTorch 核对</translation>
    </message>
    <message>
        <source>Compute this sample&apos;s loss and every gradient again with PyTorch autograd (float64) and compare them with the app&apos;s</source>
        <translation>用 PyTorch 自动求导（float64）重新计算这个样本的损失和每个梯度，并与本应用的结果比较</translation>
    </message>
    <message>
        <source>Needs PyTorch, which is not installed. Install it with: {0}</source>
        <translation>需要 PyTorch，但尚未安装。安装命令：{0}</translation>
    </message>
    <message>
        <source>Loading PyTorch (a second or two the first time)…</source>
        <translation>正在加载 PyTorch（首次需要一两秒）…</translation>
    </message>
    <message>
        <source>{0}. Install it with: {1}</source>
        <translation>{0}。安装命令：{1}</translation>
    </message>
    <message>
        <source>Sample {0}: the numbers are not finite (the run has diverged), so they cannot be compared; see {2}.</source>
        <translation>样本 {0}：数值非有限（训练已发散），无法比较；见 {2}。</translation>
    </message>
    <message>
        <source>Sample {0}: the app and PyTorch agree exactly.</source>
        <translation>样本 {0}：本应用与 PyTorch 完全一致。</translation>
    </message>
    <message>
        <source>Sample {0}: the app and PyTorch agree to {1} (largest relative difference, in {2}).</source>
        <translation>样本 {0}：本应用与 PyTorch 一致，误差在 {1} 以内（最大相对差异，出现在 {2}）。</translation>
    </message>
    <message>
        <source>Sample {0}: the app and PyTorch DISAGREE: relative difference {1} in {2}.</source>
        <translation>样本 {0}：本应用与 PyTorch 不一致：{2} 的相对差异为 {1}。</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>量</translation>
    </message>
    <message>
        <source>app</source>
        <translation>本应用</translation>
    </message>
    <message>
        <source>max |Δ|</source>
        <translation>最大 |Δ|</translation>
    </message>
    <message>
        <source>max relative Δ</source>
        <translation>最大相对 Δ</translation>
    </message>
    <message>
        <source>loss L</source>
        <translation>损失 L</translation>
    </message>
</context>
<context>
    <name>TrainingControls</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>训练安排</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Start or pause training (Space)</source>
        <translation>开始或暂停训练（空格键）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train one iteration: one batch forward, backward and update (→)</source>
        <translation>训练一次迭代：一个批次的前向传播、反向传播和更新（→）</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>一轮</translation>
    </message>
    <message>
        <source>Train until the end of the current epoch (Ctrl+→)</source>
        <translation>训练到当前这一轮结束（Ctrl+→）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to iteration 0 with the seed&apos;s initial weights (Ctrl+R)</source>
        <translation>回到第 0 次迭代，使用该随机种子对应的初始权重（Ctrl+R）</translation>
    </message>
    <message>
        <source>Draw a fresh random seed: new data, initial weights and batch order</source>
        <translation>抽取一个新的随机种子：新的数据、初始权重和批次顺序</translation>
    </message>
    <message>
        <source>Step size of each update (SGD: weight − learning rate × gradient); changes apply while training</source>
        <translation>每次更新的步长（SGD：权重 − 学习率 × 梯度）；修改在训练中立即生效</translation>
    </message>
    <message>
        <source>How gradients become updates: SGD steps along the gradient, Momentum keeps a running direction, Adam scales each weight&apos;s step by its gradient history</source>
        <translation>梯度如何变成更新：SGD 沿梯度方向走一步，动量法保留一个累积的方向，Adam 按每个权重的梯度历史缩放它的步长</translation>
    </message>
    <message>
        <source>A penalty on large weights added to the loss: L1 drives weights to exactly 0, L2 shrinks them all</source>
        <translation>加到损失上的大权重惩罚项：L1 把权重压到恰好为 0，L2 让所有权重都变小</translation>
    </message>
    <message>
        <source>Samples per iteration; iterations per epoch = ceil(N / batch size)</source>
        <translation>每次迭代的样本数；每轮迭代次数 = ceil(N / 批大小)</translation>
    </message>
    <message>
        <source>How fast Play trains: iterations a second, iterations between frames (about {0} frames a second), or as fast as possible</source>
        <translation>“运行”的训练速度：每秒的迭代次数、每帧之间的迭代次数（约每秒 {0} 帧），或尽可能快</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <source>{0} it/s</source>
        <translation>{0} 次迭代/秒</translation>
    </message>
    <message>
        <source>{0} it/frame</source>
        <translation>{0} 次迭代/帧</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>Strength of the L1/L2 penalty on the weights</source>
        <translation>对权重的 L1/L2 惩罚的强度</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次顺序</translation>
    </message>
    <message>
        <source>The order batches are drawn in: a new shuffle every epoch, the same order every epoch, or one batch trained on again and again</source>
        <translation>抽取批次的顺序：每轮重新打乱、每轮顺序相同，或反复训练同一个批次</translation>
    </message>
    <message>
        <source>EPOCHS</source>
        <translation>EPOCHS</translation>
    </message>
    <message>
        <source>How many passes over the training set to train for; 0: until paused</source>
        <translation>在训练集上训练多少轮；0：一直训练到暂停</translation>
    </message>
    <message>
        <source>until paused</source>
        <translation>直到暂停</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Same seed, same data, initial weights and batch order</source>
        <translation>相同的随机种子给出相同的数据、初始权重和批次顺序</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>新种子</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>float32 halves memory and rounds sooner; float64 is exact enough for gradient checks</source>
        <translation>float32 内存减半但舍入误差更早出现；float64 的精度足以做梯度检验</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>{0}: must be a number; got {1!r}</source>
        <translation>{0}：必须是数字；得到的是 {1!r}</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>&lt;b&gt;Where the units sit on their activation.&lt;/b&gt; One plot per hidden layer of the network in the main window. The blue histogram shows where that layer&apos;s pre-activations z fall for a fixed probe batch of training samples (right axis: share of all z; the end bins also hold every |z| ≥ 8). The dark curve is the activation f(z).&lt;br&gt;&lt;br&gt;Mass in the middle: units respond and pass gradient back. Mass on a flat tail (shaded red, slope below 1% of its peak): &lt;b&gt;saturated&lt;/b&gt; units that hardly learn. For ReLU, mass left of 0 means &lt;b&gt;dead&lt;/b&gt; units for those samples.&lt;br&gt;&lt;br&gt;Each title gives the share of units saturated or dead on the latest training batch. Press Play in the main window to watch them move.</source>
        <translation>&lt;b&gt;神经元落在激活函数的哪一段。&lt;/b&gt;主窗口网络的每个隐藏层各有一张图。蓝色直方图显示，对一批固定的训练样本（探测批次），该层的预激活值 z 落在哪里（右轴：占全部 z 的比例；两端的区间还包含所有 |z| ≥ 8 的值）。深色曲线是激活函数 f(z)。&lt;br&gt;&lt;br&gt;集中在中间：神经元有响应，能把梯度传回去。集中在平坦的尾部（红色阴影，斜率低于峰值的 1%）：&lt;b&gt;饱和&lt;/b&gt;的神经元，几乎学不动。对 ReLU 而言，集中在 0 的左侧意味着这些样本上的神经元已&lt;b&gt;死亡&lt;/b&gt;。&lt;br&gt;&lt;br&gt;每张图的标题给出最近一个训练批次上饱和或死亡的神经元所占比例。在主窗口按“运行”，就能看到它们的变化。</translation>
    </message>
    <message>
        <source>Main window</source>
        <translation>主窗口</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>The hidden layers of the network training in the main window appear here. Open this lab from the main window&apos;s Labs menu.</source>
        <translation>主窗口中正在训练的网络的隐藏层会显示在这里。请从主窗口的“实验室”菜单打开本实验室。</translation>
    </message>
    <message>
        <source>share of z</source>
        <translation>z 的占比</translation>
    </message>
    <message>
        <source>The network has {0} hidden layers; the first {1} are shown.</source>
        <translation>网络有 {0} 个隐藏层，这里显示前 {1} 个。</translation>
    </message>
    <message>
        <source>The network has no hidden layers: nothing to show.</source>
        <translation>网络没有隐藏层：没有可显示的内容。</translation>
    </message>
    <message>
        <source>Layer {0}, {1}: press Step or Play</source>
        <translation>第 {0} 层，{1}：请按“单步”或“运行”</translation>
    </message>
    <message>
        <source>Layer {0}, {1}: never saturates</source>
        <translation>第 {0} 层，{1}：从不饱和</translation>
    </message>
    <message>
        <source>Layer {0}, {1}: not finite</source>
        <translation>第 {0} 层，{1}：数值非有限</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>死亡</translation>
    </message>
    <message>
        <source>saturated</source>
        <translation>饱和</translation>
    </message>
    <message>
        <source>Layer {0}, {1}: {2:.0%} {3}</source>
        <translation>第 {0} 层，{1}：{2:.0%} {3}</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Not enough memory for this experiment: make the network or the data set smaller.</source>
        <translation>内存不足，无法运行此实验：请缩小网络或数据集。</translation>
    </message>
    <message>
        <source>Training stopped: {0}</source>
        <translation>训练已停止：{0}</translation>
    </message>
    <message>
        <source>Training diverged: press Reset to start again.</source>
        <translation>训练发散：请点击“重置”重新开始。</translation>
    </message>
    <message>
        <source>All EPOCHS are done: raise EPOCHS or reset to train more.</source>
        <translation>已训练完全部 EPOCHS：请增大 EPOCHS 或重置以继续训练。</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>one row every {0} iterations: the window keeps a long run&apos;s history thinned to at most {1} rows (nnplayground run logs every iteration)</source>
        <translation>每 {0} 次迭代一行：窗口把长时间训练的历史抽稀到最多 {1} 行（nnplayground run 会记录每一次迭代）</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>Leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>x1</source>
        <translation>x1</translation>
    </message>
    <message>
        <source>x2</source>
        <translation>x2</translation>
    </message>
    <message>
        <source>x1²</source>
        <translation>x1²</translation>
    </message>
    <message>
        <source>x2²</source>
        <translation>x2²</translation>
    </message>
    <message>
        <source>x1·x2</source>
        <translation>x1·x2</translation>
    </message>
    <message>
        <source>sin x1</source>
        <translation>sin x1</translation>
    </message>
    <message>
        <source>sin x2</source>
        <translation>sin x2</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>圆形</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>XOR</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>Blobs</source>
        <translation>多簇</translation>
    </message>
    <message>
        <source>Plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <source>Sine</source>
        <translation>正弦</translation>
    </message>
    <message>
        <source>Remember the first input</source>
        <translation>记住第一个输入</translation>
    </message>
    <message>
        <source>Adding problem</source>
        <translation>加法问题</translation>
    </message>
    <message>
        <source>A disc of one class inside a ring of the other</source>
        <translation>一类点组成圆盘，被另一类点组成的圆环包围</translation>
    </message>
    <message>
        <source>Four quadrants; the class is whether x1 and x2 share a sign</source>
        <translation>四个象限；类别取决于 x1 与 x2 是否同号</translation>
    </message>
    <message>
        <source>Two round Gaussian clusters, one per class</source>
        <translation>两个圆形的高斯簇，每类一个</translation>
    </message>
    <message>
        <source>Two spirals wound into each other</source>
        <translation>两条相互缠绕的螺旋线</translation>
    </message>
    <message>
        <source>Two interleaving half-moons</source>
        <translation>两个相互交错的半月形</translation>
    </message>
    <message>
        <source>Several Gaussian clusters around a circle, one class each</source>
        <translation>沿圆周分布的若干高斯簇，每簇一个类别</translation>
    </message>
    <message>
        <source>Regression: the target rises linearly across the plane</source>
        <translation>回归：目标值在平面上线性增加</translation>
    </message>
    <message>
        <source>Regression on one input: the target is sin(x1)</source>
        <translation>单输入回归：目标值为 sin(x1)</translation>
    </message>
    <message>
        <source>Binary</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>Multi-class</source>
        <translation>多分类</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>L1</source>
        <translation>L1</translation>
    </message>
    <message>
        <source>L2</source>
        <translation>L2</translation>
    </message>
    <message>
        <source>Shuffled</source>
        <translation>打乱</translation>
    </message>
    <message>
        <source>Fixed order</source>
        <translation>固定顺序</translation>
    </message>
    <message>
        <source>One batch</source>
        <translation>单一批次</translation>
    </message>
    <message>
        <source>Compiled engine</source>
        <translation>编译引擎</translation>
    </message>
    <message>
        <source>NumPy engine</source>
        <translation>NumPy 引擎</translation>
    </message>
    <message>
        <source>activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Basics: classifying points</source>
        <translation>基础：数据点分类</translation>
    </message>
    <message>
        <source>Activations and nonlinearity</source>
        <translation>激活函数与非线性</translation>
    </message>
    <message>
        <source>Vanishing and exploding gradients</source>
        <translation>梯度消失与梯度爆炸</translation>
    </message>
    <message>
        <source>Sequences (recurrent nets)</source>
        <translation>序列（循环神经网络）</translation>
    </message>
    <message>
        <source>Data-parallel training (simulated)</source>
        <translation>数据并行训练（模拟）</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>a batch per rank</source>
        <translation>每个进程 (rank) 一个批次</translation>
    </message>
    <message>
        <source>epoch blocks</source>
        <translation>按轮分块</translation>
    </message>
    <message>
        <source>one process</source>
        <translation>单进程</translation>
    </message>
    <message>
        <source>sequential</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>ring</source>
        <translation>环形</translation>
    </message>
    <message>
        <source>tree</source>
        <translation>树形</translation>
    </message>
    <message>
        <source>PCIe</source>
        <translation>PCIe</translation>
    </message>
    <message>
        <source>Ethernet</source>
        <translation>以太网</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>target reached</source>
        <translation>已达目标</translation>
    </message>
    <message>
        <source>stopped early</source>
        <translation>提前停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Accuracy / R²</source>
        <translation>准确率 / R²</translation>
    </message>
    <message>
        <source>What differs</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Training loss (per batch)</source>
        <translation>训练损失（每批次）</translation>
    </message>
    <message>
        <source>Accuracy / R² (test)</source>
        <translation>准确率 / R²（测试）</translation>
    </message>
    <message>
        <source>Global gradient norm</source>
        <translation>全局梯度范数</translation>
    </message>
</context>
</TS>
