"""The page "Why and how it came about" (app_pages/history.py); its numbers come from googlenet/history.py."""

EN = {
    "history.intro": (
        "By 2014 the recipe for a better network was \"make it bigger\": more layers (depth) and more channels per "
        "layer (width). GoogLeNet's paper, \"Going Deeper with Convolutions\" (Szegedy et al., arXiv September 2014, "
        "CVPR 2015), starts from what that recipe costs, and answers with the Inception module. This page computes "
        "that cost, follows the ideas GoogLeNet borrowed, checks two formulas on real PyTorch layers, and traces "
        "what the later Inception versions changed."
    ),
    # ---------------------------------------------------------------- 1. naive depth and width
    "history.naive.title": "The cost of going naively wider and deeper",
    "history.widen.body": (
        "Take two chained 3×3 convolutions on a {size}×{size} feature map, each with C channels in and out. "
        "Doubling C doubles both the input and the output channels of each layer, so each layer's weights and "
        "multiply-adds grow four times: the cost grows with the **square** of the width. The paper says the same — a uniform "
        "increase in the number of filters of two chained layers gives a quadratic increase in computation — and "
        "adds that if the added capacity is used inefficiently (most weights ending up close to zero), much of that "
        "computation is wasted."
    ),
    "history.widen.col.width": "Channels C",
    "history.widen.col.factor": "Width ×",
    "history.widen.col.params": "Parameters",
    "history.widen.col.macs": "Multiply-adds",
    "history.widen.col.cost_factor": "Cost ×",
    "history.widen.caption": "{factor:.0f}× the width costs {cost_factor:.0f}× the multiply-adds ({first:,} → {last:,}).",
    "history.grow.body": (
        "Depth makes it worse when each block is built naively. Without 1×1 reductions, an Inception module's pool "
        "branch passes all of its input channels through, so every block's output is wider than its input and the "
        "next block pays for all of it. Built naively, GoogLeNet's nine blocks (paper Table 1) grow from {first_in:,} "
        "to {last_out:,} channels, against the real network's {real_out:,}:"
    ),
    "history.grow.col.block": "Block",
    "history.grow.col.size": "H×W",
    "history.grow.col.naive_ch": "Naive: channels in → out",
    "history.grow.col.naive_macs": "Naive: multiply-adds",
    "history.grow.col.real_ch": "Real: channels in → out",
    "history.grow.col.real_macs": "Real: multiply-adds",
    "history.grow.caption": (
        "All nine naive blocks: {naive_macs:,} multiply-adds and {naive_params:,} parameters; the real blocks, with "
        "1×1 reductions: {real_macs:,} and {real_params:,} — {ratio:.1f}× less computation. The page "
        "“Inception & 1x1 cost lab” computes any single block both ways."
    ),
    # ---------------------------------------------------------------- 2. sparse connectivity
    "history.sparse.title": "The argument: a sparse structure, built from dense pieces",
    # Szegedy et al. 2014, section 3: Arora et al.'s result as the paper states it; "today's computing infrastructures
    # are very inefficient ... on non-uniform sparse data structures", even with 100x fewer operations.
    "history.sparse.body": (
        "Why branches at all? The paper leans on a theoretical result by Arora et al. (2014): if the probability "
        "distribution of the data can be represented by a large, very sparse deep network, the best layout of that "
        "network can be built layer by layer, by analysing the correlations of the previous layer's activations and "
        "grouping the units whose outputs are highly correlated. "
        "The paper links this to the Hebbian principle, often summed up as \u201cneurons that fire together, wire "
        "together\u201d.\n\n"
        "Sparse connections are what the theory wants, but the computers of 2014 were very inefficient at arithmetic "
        "on non-uniform sparse data, and fast at dense matrices: the paper reckons that even cutting the arithmetic a hundredfold would not pay off, because looking up the scattered weights and the cache misses cost more. Inception is the "
        "compromise: inside one module, correlated units at one spot of the image are gathered by a 1×1 "
        "convolution, slightly more spread-out groups by 3×3 and 5×5 convolutions, and a pooling branch is added "
        "because pooling had worked well elsewhere. Each branch is an ordinary dense convolution, so it runs fast; "
        "together they approximate a sparse structure. The authors themselves say it remains questionable whether the "
        "network's success comes from these guiding principles."
    ),
    # ---------------------------------------------------------------- 3. Network-in-Network
    "history.nin.title": "Borrowed from Network-in-Network: 1×1 convolutions and global average pooling",
    "history.nin.body": (
        "Lin, Chen and Yan's \"Network In Network\" (arXiv December 2013) replaced plain convolutions with "
        "\"mlpconv\" layers: a small multi-layer perceptron slid over the image, which is the same as a convolution "
        "followed by 1×1 convolutions, each with a ReLU. A 1×1 convolution mixes the channels at one pixel and adds "
        "a non-linearity. GoogLeNet uses 1×1 convolutions mainly for a second purpose: to cut the number of channels "
        "before the expensive 3×3 and 5×5 convolutions.\n\n"
        "NIN also ended without fully connected layers: its last layer has one feature map per class, and global "
        "average pooling turns each map into one score. GoogLeNet averages its last {h}×{w}×{c} feature map into "
        "{c} numbers and keeps one linear layer after it, so the network is easy to adapt to other label sets; "
        "the paper reports that pooling instead of fully connected layers improved top-1 accuracy by about {gain}%."
    ),
    "history.nin.metric.gap": "GoogLeNet's head: pool → {c} → {classes}",
    "history.nin.metric.fc": "AlexNet-style head: {flat:,} → {hidden} → {classes}",
    "history.nin.metric.single": "One layer: {flat:,} → {classes}",
    "history.nin.metric.delta": "{ratio:.0f}× GoogLeNet's head",
    "history.nin.caption": (
        "Parameters (weights and biases). The AlexNet-style head alone would hold {fc_vs_net:.0f}× the parameters of "
        "the whole GoogLeNet ({net:,}, the paper's network as the app builds it); even a single linear layer on the "
        "flattened map would hold {single_vs_net:.1f}×."
    ),
    # ---------------------------------------------------------------- 4. LRN
    "history.lrn.title": "Local Response Normalisation (LRN), and why it went away",
    "history.lrn.body": (
        "GoogLeNet's stem keeps a layer from AlexNet: local response normalisation. At each pixel, every channel i "
        "is divided by a number that grows with the squared activations of the n channels around it (itself "
        "included), a form of lateral inhibition: a channel next to loud neighbours is turned down."
    ),
    "history.lrn.settings": (
        "The settings of BVLC Caffe's GoogLeNet: n = {n}, α = {alpha:g}, β = {beta:g}. The app's paper variant uses "
        "them with k = {k:g}, AlexNet's value; Caffe's GoogLeNet sets no k, so it runs with Caffe's default, "
        "k = {caffe_k:g}. PyTorch's nn.LocalResponseNorm computes exactly this formula (α divided by n, zeros beyond "
        "the first and last channel)."
    ),
    "history.lrn.example": (
        "A real computation: one pixel with {channels} channels, through nn.LocalResponseNorm with the app's "
        "settings, and through the formula summed by hand. Channels 0 and 4 both hold {a0:g}, but channel 4 sits "
        "next to two channels of {loud:g}: it comes out as {b4:.2f}, channel 0 as {b0:.2f}."
    ),
    "history.lrn.col.channel": "Channel i",
    "history.lrn.col.a": "a_i (input)",
    "history.lrn.col.b": "b_i (nn.LocalResponseNorm)",
    "history.lrn.col.b_hand": "b_i (formula by hand)",
    "history.lrn.col.divisor": "Divisor",
    # VGG (arXiv 1409.1556), section 2.1: LRN "does not improve the performance on the ILSVRC dataset, but leads to
    # increased memory consumption and computation time" (the A-LRN result is in section 4.1).
    "history.lrn.dropped": (
        "**Why it went away.** VGG's authors found that LRN did not improve their network on ImageNet, while it "
        "cost memory and time (Simonyan & Zisserman 2014, sections 2.1 and 4.1). Batch normalisation (Ioffe & Szegedy, "
        "February 2015) then normalises every channel with statistics of the whole mini-batch and a learned scale "
        "and shift; BN-Inception removed LRN, finding it unnecessary once BatchNorm was there, and later Inception "
        "versions and ResNet never used it. torchvision's GoogLeNet has BatchNorm after every convolution and no "
        "LRN; the app's paper variant keeps LRN."
    ),
    # ---------------------------------------------------------------- 5. output size
    "history.size.title": "How big is the output? The size formula and the padding rule",
    "history.size.body": (
        "A k×k convolution (or pooling) with stride s and padding p on an H×H input gives an output of size"
    ),
    "history.size.floor": (
        "where ⌊ ⌋ rounds down (PyTorch's default; a pooling layer with ceil_mode=True, as in torchvision's GoogLeNet, "
        "rounds up instead). Pick the four numbers, work the size out, and check it: the app computes the formula "
        "and asks a real nn.Conv2d for its output shape. The preset is GoogLeNet's conv1."
    ),
    "history.size.in.h": "Input size H",
    "history.size.in.k": "Kernel k",
    "history.size.in.s": "Stride s",
    "history.size.in.p": "Padding p",
    "history.size.answer": "Your answer: output size",
    "history.size.check": "Check",
    "history.size.not_number": "\"{answer}\" is not a whole number: type the output size, e.g. 112.",
    "history.size.no_output": (
        "The kernel ({k}) is larger than the padded input (H + 2p = {padded}): there is no output, and nn.Conv2d "
        "refuses to run."
    ),
    "history.size.right": "Right: {answer}. The formula and the real nn.Conv2d agree.",
    "history.size.wrong": "Not quite: you wrote {answer}, the output is {right}.",
    "history.size.measured": "A real nn.Conv2d({k}, stride={s}, padding={p}) on a {h}×{h} input gives {measured}×{measured}.",
    "history.size.rule": (
        "**The padding rule that keeps branches aligned.** At stride 1, p = (k − 1)/2 makes the formula give H back "
        "for any odd k: (H + (k − 1) − k)/1 + 1 = H. That is why every branch of an Inception block keeps the input's "
        "height and width — 1×1 with p = 0, 3×3 with p = 1, 5×5 with p = 2, and the 3×3 max pool with stride 1 and "
        "p = 1 — so their outputs can be concatenated along the channels. On a {h}×{h} input:"
    ),
    "history.size.col.kernel": "Kernel k",
    "history.size.col.padding": "p = (k − 1)/2",
    "history.size.col.formula": "Output (formula)",
    "history.size.col.measured": "Output (real nn.Conv2d)",
    # ---------------------------------------------------------------- 6. training
    "history.train.title": "Training as published, and in this app's training lab",
    "history.train.body": (
        "The paper trained GoogLeNet on Google's DistBelief system, on a cluster of CPUs. The training lab of this "
        "app trains small Inception networks on 8×8 digits, on the server that runs the app, with a different, simpler "
        "recipe. Read from the lab's own code:"
    ),
    "history.train.col.what": "Step",
    "history.train.col.paper": "GoogLeNet paper (2014)",
    "history.train.col.app": "This app's training lab",
    "history.train.row.optimizer": "Optimiser",
    "history.train.row.momentum": "Momentum",
    "history.train.row.schedule": "Learning-rate schedule",
    "history.train.row.averaging": "Final weights",
    "history.train.paper.optimizer": "asynchronous stochastic gradient descent (many workers updating shared weights)",
    "history.train.paper.momentum": "{momentum:g}",
    "history.train.paper.schedule": (
        "fixed: −{decay:.0%} every {every} epochs (×{factor_100:.2f} after 100 epochs; halved after {halving} epochs)"
    ),
    "history.train.paper.averaging": "Polyak averaging (an average of the weights over training)",
    "history.train.app.optimizer": "{optimizer} (batches of {batch})",
    "history.train.app.momentum": "Adam's moving averages, β₁ = {b1:g}, β₂ = {b2:g}",
    "history.train.app.schedule": (
        "cosine decay from {lr:g} to 0 over the run ({lr_middle:g} half-way; {epochs} epochs by default)"
    ),
    "history.train.app.averaging": "the weights of the last step",
    # Szegedy et al. 2014, section 6: sampling "changed substantially over the months leading to the competition";
    # the 8-100% / [3/4, 4/3] crops are "one prescription that was verified to work very well after the competition".
    "history.train.note": (
        "The paper admits its sampling changed over the months before the competition, and gives one recipe it "
        "verified to work very well afterwards: crops of {area_lo}–{area_hi}% of the image area with aspect "
        "ratios between {aspect_lo} and {aspect_hi}, plus photometric distortions. Resize to 256 and a centre crop of 224 is the evaluation transform "
        "torchvision uses, not a training recipe."
    ),
    # ---------------------------------------------------------------- 7. timeline
    "history.timeline.title": "After GoogLeNet: v2, v3, v4 and Inception-ResNet",
    "history.timeline.body": (
        "The same group kept refining the design. Accuracy in the table is single model, single centre crop, from one "
        "source for all five (Google's TF-slim models); parameters and multiply-adds are computed by the app where it "
        "can build the network, and cited otherwise."
    ),
    "history.col.name": "Version",
    "history.col.published": "arXiv",
    "history.col.venue": "Published at",
    "history.col.params": "Parameters",
    "history.col.gmacs": "Multiply-adds (G)",
    "history.col.input": "Input",
    "history.col.top1": "Top-1 %",
    "history.col.top5": "Top-5 %",
    "history.col.source": "Cost",
    "history.source.computed": "computed",
    "history.source.cited": "cited",
    "history.timeline.caption": (
        "Computed: GoogLeNet as the paper describes it (the app's paper variant: {v1_params:,} parameters, "
        "{v1_macs:,} multiply-adds, auxiliary heads left out) and torchvision's Inception v3 built on the meta "
        "device ({v3_params:,} parameters without its auxiliary head, {v3_macs:,} multiply-adds at 299×299; the v3 "
        "paper says about {v3_paper_macs:,} multiply-adds and fewer than {v3_paper_params:,} parameters). Cited: BN-Inception's "
        "{v2_params:,} parameters (its paper, which gives no multiply-add count); Inception v4's and "
        "Inception-ResNet-v2's costs from timm's model cards (their paper gives none). Accuracy: TF-slim's "
        "pretrained-models table (its Inception v1 is a re-implementation with BatchNorm, the one torchvision's "
        "GoogLeNet weights were ported from)."
    ),
    "history.version.v1": (
        "**GoogLeNet (Inception v1)** — Inception modules with 1×1 reductions, global average pooling, two auxiliary "
        "classifiers for training, LRN in the stem; {layers} layers with weights. Won ILSVRC 2014 with {top5}% top-5 "
        "error ({models} models × {crops} crops each; one model on one crop: {single}%)."
    ),
    # BN paper (arXiv 1502.03167), 4.2.2: BN-x5 reaches the 72.2% of "Inception" (the same network without BatchNorm)
    # in 14 times fewer steps; 4.2.3: the ensemble's 4.9% is top-5 validation error (4.82% on the test server).
    "history.version.v2": (
        "**BN-Inception (v2)** — batch normalisation after the convolutions, and each 5×5 convolution replaced by two "
        "3×3s (the same receptive field, fewer weights); LRN and dropout removed, a higher learning "
        "rate. Reached the accuracy of the same network without BatchNorm in {fewer} times fewer training steps; an "
        "ensemble reached {ensemble}% top-5 error on the validation set."
    ),
    "history.version.v3": (
        "**Inception v3** — factorised convolutions (an n×n into a 1×n followed by an n×1), grid reduction with "
        "parallel stride-2 convolution and pooling branches, a 299×299 input, label smoothing, RMSProp, and BatchNorm "
        "in the one remaining auxiliary classifier, which the authors found to act mainly as a regulariser."
    ),
    "history.version.v4": (
        "**Inception v4 and Inception-ResNet** — a more uniform, streamlined v4, and Inception blocks with residual "
        "connections (ResNet's y = F(x) + x), which trained markedly faster; the residuals are scaled down before "
        "they are added, to keep very wide networks stable. Three Inception-ResNets and one v4 together: {ensemble}% "
        "top-5 error on the test set."
    ),
}

ZH = {
    "history.intro": (
        "到 2014 年，让网络变好的办法就是“做大”：更多的层（深度）和每层更多的通道（宽度）。GoogLeNet 的论文"
        "《Going Deeper with Convolutions》（Szegedy 等，2014 年 9 月发布于 arXiv，CVPR 2015）从这个办法的代价出发，"
        "用 Inception 模块作答。本页计算这个代价，追溯 GoogLeNet 借鉴的想法，在真实的 PyTorch 层上验证两个公式，"
        "并梳理后来的 Inception 版本各改了什么。"
    ),
    "history.naive.title": "简单加宽、加深的代价",
    "history.widen.body": (
        "取两个前后相接的 3×3 卷积，作用在 {size}×{size} 的特征图上，每个的输入和输出都是 C 个通道。"
        "C 翻倍时，每一层的输入和输出通道都翻倍，所以每一层的权重和乘加次数都变为四倍：代价随宽度的**平方**增长。"
        "论文也是这样说的——两个前后相接的层的卷积核数量均匀增加，计算量就按平方增加——并补充说，"
        "如果增加的容量没有被有效利用（大多数权重最后接近零），这些计算就有很多被浪费了。"
    ),
    "history.widen.col.width": "通道数 C",
    "history.widen.col.factor": "宽度 ×",
    "history.widen.col.params": "参数量",
    "history.widen.col.macs": "乘加次数",
    "history.widen.col.cost_factor": "代价 ×",
    "history.widen.caption": "宽度变为 {factor:.0f} 倍，乘加次数变为 {cost_factor:.0f} 倍（{first:,} → {last:,}）。",
    "history.grow.body": (
        "如果每个模块都按朴素方式搭建，加深会让情况更糟。没有 1×1 降维时，Inception 模块的池化分支会把全部输入通道原样传下去，"
        "所以每个模块的输出都比输入宽，下一个模块要为这些通道全部买单。按朴素方式搭建 GoogLeNet 的九个模块（论文表 1），"
        "通道数从 {first_in:,} 增长到 {last_out:,}，而真实网络是 {real_out:,}："
    ),
    "history.grow.col.block": "模块",
    "history.grow.col.size": "H×W",
    "history.grow.col.naive_ch": "朴素：输入 → 输出通道",
    "history.grow.col.naive_macs": "朴素：乘加次数",
    "history.grow.col.real_ch": "真实：输入 → 输出通道",
    "history.grow.col.real_macs": "真实：乘加次数",
    "history.grow.caption": (
        "九个朴素模块合计：{naive_macs:,} 次乘加、{naive_params:,} 个参数；带 1×1 降维的真实模块：{real_macs:,} 和 "
        "{real_params:,}——计算量只有朴素模块的 1/{ratio:.1f}。“Inception 与 1×1 计算实验”页面可以用两种方式计算任意一个模块。"
    ),
    "history.sparse.title": "论证：用稠密的部件搭出稀疏的结构",
    "history.sparse.body": (
        "为什么要分支？论文借助 Arora 等人（2014）的一个理论结果：如果数据的概率分布能由一个大型、非常稀疏的深度网络来表示，"
        "这个网络的最佳结构就可以逐层搭建——分析上一层激活值之间的相关性，把输出高度相关的单元归为一组。"
        "论文把这一点与赫布（Hebb）原理联系起来，这一原理常被概括为“一起激发的神经元连在一起”。\n\n"
        "理论想要的是稀疏连接，但 2014 年的计算机处理不规则的稀疏数据时效率很低，擅长的是稠密矩阵运算：论文估计，即使把运算量减少到原来的 1/100 也不划算，因为查找分散的权重和缓存未命中的开销更大。"
        "Inception 是一种折中：在一个模块里，图像同一位置上相关的单元由 1×1卷积汇集，范围稍大的组由 3×3 和 5×5 卷积汇集，"
        "再加一个池化分支，因为池化在别处效果很好。每个分支都是普通的稠密卷积，所以运行很快；合在一起，它们近似一个稀疏结构。"
        "作者自己也说，网络的成功是否来自这些指导原则，仍然存疑。"
    ),
    "history.nin.title": "借鉴自 Network-in-Network：1×1卷积与全局平均池化",
    "history.nin.body": (
        "Lin、Chen 和 Yan 的《Network In Network》（2013 年 12 月发布于 arXiv）用“mlpconv”层取代普通卷积："
        "在图像上滑动一个小型多层感知机，这等价于一个卷积后接若干 1×1卷积，每个都带 ReLU。"
        "1×1卷积在同一个像素上混合各通道，并加入一次非线性。GoogLeNet 使用 1×1卷积主要是为了第二个目的："
        "在昂贵的 3×3 和 5×5 卷积之前减少通道数（降维）。\n\n"
        "NIN 的结尾也没有全连接层：它的最后一层为每个类别输出一张特征图，全局平均池化把每张图变成一个分数。"
        "GoogLeNet 把最后 {h}×{w}×{c} 的特征图平均成 {c} 个数，之后保留一个全连接层，这样网络很容易改用于其他标签集；"
        "论文报告说，用池化代替全连接层使 Top-1 准确率提高了约 {gain}%。"
    ),
    "history.nin.metric.gap": "GoogLeNet 的头部：池化 → {c} → {classes}",
    "history.nin.metric.fc": "AlexNet 式头部：{flat:,} → {hidden} → {classes}",
    "history.nin.metric.single": "单层：{flat:,} → {classes}",
    "history.nin.metric.delta": "是 GoogLeNet 头部的 {ratio:.0f} 倍",
    "history.nin.caption": (
        "参数量（权重和偏置）。单是 AlexNet 式的头部，参数量就是整个 GoogLeNet 的 {fc_vs_net:.0f} 倍"
        "（{net:,}，即本应用搭建的论文版网络）；即使在展平的特征图上只接一个全连接层，也是 {single_vs_net:.1f} 倍。"
    ),
    "history.lrn.title": "局部响应归一化（LRN），以及它为什么消失了",
    "history.lrn.body": (
        "GoogLeNet 的开头（stem）保留了 AlexNet 的一种层：局部响应归一化。在每个像素上，每个通道 i 都要除以一个数，"
        "这个数随着它周围 n 个通道（包括它自己）激活值的平方而增大，这是一种侧抑制：邻居很强的通道会被压低。"
    ),
    "history.lrn.settings": (
        "BVLC Caffe 版 GoogLeNet 的设置：n = {n}，α = {alpha:g}，β = {beta:g}。本应用的论文版使用这些设置，"
        "并取 k = {k:g}（AlexNet 的值）；Caffe 版 GoogLeNet 没有设置 k，所以用的是 Caffe 的默认值 k = {caffe_k:g}。"
        "PyTorch 的 nn.LocalResponseNorm 计算的正是这个公式（α 除以 n，第一个和最后一个通道之外按零计）。"
    ),
    "history.lrn.example": (
        "一次真实的计算：一个有 {channels} 个通道的像素，分别经过使用本应用设置的 nn.LocalResponseNorm，"
        "以及手工求和的公式。通道 0 和通道 4 的值都是 {a0:g}，但通道 4 紧挨着两个值为 {loud:g} 的通道："
        "它的输出是 {b4:.2f}，通道 0 的输出是 {b0:.2f}。"
    ),
    "history.lrn.col.channel": "通道 i",
    "history.lrn.col.a": "a_i（输入）",
    "history.lrn.col.b": "b_i（nn.LocalResponseNorm）",
    "history.lrn.col.b_hand": "b_i（手工按公式计算）",
    "history.lrn.col.divisor": "除数",
    "history.lrn.dropped": (
        "**它为什么消失了。** VGG 的作者发现，LRN 没有提升他们的网络在 ImageNet 上的表现，却耗费内存和时间"
        "（Simonyan 和 Zisserman 2014，第 2.1 和 4.1 节）。随后的批量归一化（BatchNorm；Ioffe 和 Szegedy，2015 年 2 月）"
        "用整个小批量的统计量和学习到的缩放与平移来归一化每个通道；BN-Inception 去掉了 LRN，认为有了 BatchNorm 它就不再必要，"
        "之后的 Inception 版本和 ResNet 都没有再用它。torchvision 的 GoogLeNet 在每个卷积之后都有 BatchNorm，没有 LRN；"
        "本应用的论文版保留了 LRN。"
    ),
    "history.size.title": "输出有多大？尺寸公式与填充规则",
    "history.size.body": "一个 k×k 的卷积（或池化），步幅为 s、填充为 p，作用在 H×H 的输入上，输出的尺寸是",
    "history.size.floor": (
        "其中 ⌊ ⌋ 表示向下取整（PyTorch 的默认方式；ceil_mode=True 的池化层，如 torchvision 的 GoogLeNet 中的，则向上取整）。选好这四个数，自己算出尺寸，再检查：本应用会计算公式，并向一个真实的 nn.Conv2d "
        "要它的输出形状。预设值是 GoogLeNet 的 conv1。"
    ),
    "history.size.in.h": "输入尺寸 H",
    "history.size.in.k": "卷积核 k",
    "history.size.in.s": "步幅 s",
    "history.size.in.p": "填充 p",
    "history.size.answer": "你的答案：输出尺寸",
    "history.size.check": "检查",
    "history.size.not_number": "“{answer}”不是整数：请输入输出尺寸，例如 112。",
    "history.size.no_output": "卷积核（{k}）比填充后的输入（H + 2p = {padded}）还大：没有输出，nn.Conv2d 拒绝运行。",
    "history.size.right": "正确：{answer}。公式与真实的 nn.Conv2d 一致。",
    "history.size.wrong": "不太对：你写的是 {answer}，输出是 {right}。",
    "history.size.measured": "真实的 nn.Conv2d({k}, stride={s}, padding={p}) 作用在 {h}×{h} 的输入上，得到 {measured}×{measured}。",
    "history.size.rule": (
        "**让各分支对齐的填充规则。** 步幅为 1 时，p = (k − 1)/2 让公式对任何奇数 k 都得到原来的 H："
        "(H + (k − 1) − k)/1 + 1 = H。所以 Inception 模块的每个分支都保持输入的高和宽——1×1 取 p = 0，3×3 取 p = 1，"
        "5×5 取 p = 2，3×3 最大池化取步幅 1、p = 1——它们的输出才能沿通道拼接。在 {h}×{h} 的输入上："
    ),
    "history.size.col.kernel": "卷积核 k",
    "history.size.col.padding": "p = (k − 1)/2",
    "history.size.col.formula": "输出（公式）",
    "history.size.col.measured": "输出（真实的 nn.Conv2d）",
    "history.train.title": "论文中的训练方式，以及本应用训练实验室的方式",
    "history.train.body": (
        "论文在 Google 的 DistBelief 系统上、用一组 CPU 训练 GoogLeNet。本应用的训练实验室在运行本应用的服务器上，"
        "用 8×8 的手写数字训练小型 Inception 网络，采用一套不同的、更简单的方案。以下内容读自训练实验室自己的代码："
    ),
    "history.train.col.what": "环节",
    "history.train.col.paper": "GoogLeNet 论文（2014）",
    "history.train.col.app": "本应用的训练实验室",
    "history.train.row.optimizer": "优化器",
    "history.train.row.momentum": "动量",
    "history.train.row.schedule": "学习率调度",
    "history.train.row.averaging": "最终权重",
    "history.train.paper.optimizer": "异步随机梯度下降（许多工作节点同时更新共享的权重）",
    "history.train.paper.momentum": "{momentum:g}",
    "history.train.paper.schedule": (
        "固定方案：每 {every} 轮降低 {decay:.0%}（100 轮后为 ×{factor_100:.2f}；{halving} 轮后减半）"
    ),
    "history.train.paper.averaging": "Polyak 平均（对训练过程中的权重取平均）",
    "history.train.app.optimizer": "{optimizer}（每批 {batch} 个样本）",
    "history.train.app.momentum": "Adam 的滑动平均，β₁ = {b1:g}，β₂ = {b2:g}",
    "history.train.app.schedule": "余弦衰减，在一次运行中从 {lr:g} 降到 0（中途为 {lr_middle:g}；默认 {epochs} 轮）",
    "history.train.app.averaging": "最后一步的权重",
    "history.train.note": (
        "论文承认它的采样方式在比赛前的几个月里变过多次，并给出一个在比赛之后验证过效果很好的方案："
        "裁剪图像面积的 {area_lo}%–{area_hi}%，长宽比在 {aspect_lo} 到 {aspect_hi} 之间，再加上光度扭曲。"
        "缩放到 256 再中心裁剪 224 是 torchvision 使用的评估变换，不是训练方案。"
    ),
    "history.timeline.title": "GoogLeNet 之后：v2、v3、v4 和 Inception-ResNet",
    "history.timeline.body": (
        "同一个团队不断改进这个设计。表中的准确率都是单模型、单个中心裁剪，五个版本取自同一来源（Google 的 TF-slim 模型）；"
        "参数量和乘加次数在本应用能搭建该网络时由本应用计算，否则引用来源。"
    ),
    "history.col.name": "版本",
    "history.col.published": "arXiv",
    "history.col.venue": "发表于",
    "history.col.params": "参数量",
    "history.col.gmacs": "乘加次数（十亿）",
    "history.col.input": "输入",
    "history.col.top1": "Top-1 %",
    "history.col.top5": "Top-5 %",
    "history.col.source": "代价",
    "history.source.computed": "计算得出",
    "history.source.cited": "引用",
    "history.timeline.caption": (
        "计算：按论文描述的 GoogLeNet（本应用的论文版：{v1_params:,} 个参数、{v1_macs:,} 次乘加，不含辅助分类器），"
        "以及在 meta 设备上搭建的 torchvision Inception v3（不含辅助分类器 {v3_params:,} 个参数，在 299×299 上 {v3_macs:,} 次乘加；"
        "v3 论文说约 {v3_paper_macs:,} 次乘加、少于 {v3_paper_params:,} 个参数）。引用：BN-Inception 的 {v2_params:,} 个参数"
        "（来自它的论文，论文没有给出乘加次数）；Inception v4 和 Inception-ResNet-v2 的代价取自 timm 的模型卡"
        "（它们的论文没有给出）。准确率：TF-slim 的预训练模型表（其中的 Inception v1 是带 BatchNorm 的重新实现，"
        "torchvision 的 GoogLeNet 权重就是从它移植的）。"
    ),
    "history.version.v1": (
        "**GoogLeNet（Inception v1）**——带 1×1 降维的 Inception 模块、全局平均池化、训练用的两个辅助分类器、"
        "开头的 LRN；{layers} 层带权重的层。以 {top5}% 的 Top-5 错误率赢得 ILSVRC 2014"
        "（{models} 个模型 × 每张图 {crops} 个裁剪；一个模型、一个裁剪为 {single}%）。"
    ),
    "history.version.v2": (
        "**BN-Inception（v2）**——在卷积之后加入批量归一化，并把每个 5×5 卷积换成两个 3×3（感受野相同，权重更少）；"
        "去掉 LRN 和 dropout，使用更大的学习率。只用 1/{fewer} 的训练步数就达到了不带 BatchNorm 的同一网络的准确率；集成模型在验证集上达到 {ensemble}% 的 Top-5 错误率。"
    ),
    "history.version.v3": (
        "**Inception v3**——分解卷积（把 n×n 换成 1×n 后接 n×1），用并行的步幅 2 卷积分支和池化分支缩小网格，"
        "299×299 的输入、标签平滑、RMSProp，并在仅剩的一个辅助分类器里加入 BatchNorm，作者发现它主要起正则化作用。"
    ),
    "history.version.v4": (
        "**Inception v4 与 Inception-ResNet**——更统一、更精简的 v4，以及带残差连接（ResNet 的 y = F(x) + x）的 Inception 模块，"
        "训练明显更快；残差在相加之前先按比例缩小，让很宽的网络保持稳定。三个 Inception-ResNet 加一个 v4 合在一起："
        "测试集上 {ensemble}% 的 Top-5 错误率。"
    ),
}
