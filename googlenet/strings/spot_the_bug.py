"""Spot the bug (app_pages/spot_the_bug.py): six listings, a line to pick, the fix, the measured consequence."""
EN = {
    "bug.intro": (
        "Each listing below is a few lines of PyTorch with one real bug, of the kinds found in the code of published "
        "GoogLeNet tutorials (the listings themselves are written for this page). Read the listing, pick the line you "
        "think is wrong and check it. Then reveal the fix and see what the bug really does: every number below comes "
        "from running the listing exactly as it is shown."
    ),
    "bug.choose": "Listing",
    "bug.branch.title": "1 · A small Inception module",
    "bug.softmax.title": "2 · Training a digit classifier",
    "bug.kernel.title": "3 · An auxiliary classifier",
    "bug.minus.title": "4 · A small residual network",
    "bug.lrn.title": "5 · GoogLeNet's first layers",
    "bug.print.title": "6 · A tiny network in training",
    "bug.branch.task": (
        "Meant to be: four branches on the same input — 1×1; 1×1 reduce → 3×3; 1×1 reduce → 5×5; 3×3 max pooling → "
        "1×1 — concatenated along the channels."
    ),
    "bug.softmax.task": "Meant to be: a small classifier for 8×8 digits, its loss, and one training step.",
    "bug.kernel.task": (
        "Meant to be: the paper's auxiliary classifier — average pooling to 4×4, a 1×1 convolution with 128 filters, "
        "a fully connected layer with 1024 units, 70% Dropout, then the classes."
    ),
    "bug.minus.task": "Meant to be: a residual block, and a small network that uses it after a 2×2 max pooling.",
    "bug.lrn.task": (
        "Meant to be: GoogLeNet's first layers in the paper's order (Figure 3): conv1 7×7/2 → max pooling 3×3/2 → LRN "
        "→ conv2 1×1 → conv3 3×3 → LRN → max pooling 3×3/2."
    ),
    "bug.print.task": "Meant to be: a tiny network that is about to be trained for many epochs.",
    "bug.pick": "Which line is wrong?",
    "bug.pick.placeholder": "Choose a line",
    "bug.pick.line": "line {n}:  {code}",
    "bug.check": "Check",
    "bug.reveal": "Reveal the fix",
    "bug.reveal.help": "Shows the corrected line and runs both versions. Your score counts only bugs found before this.",
    "bug.wrong": "Line {line} is fine.",
    "bug.branch.hint": "Hint: follow each branch back to its input. Does every 1×1 reduce feed its own branch?",
    "bug.softmax.hint": (
        "Hint: what does `forward` return, and what does `nn.CrossEntropyLoss` expect — raw scores (logits) or "
        "probabilities?"
    ),
    "bug.kernel.hint": "Hint: `nn.Conv2d` has three arguments without a default. Count them on every line.",
    "bug.minus.hint": "Hint: every layer must be stored on `self` with an assignment. Is one of them not?",
    "bug.lrn.hint": (
        "Hint: compare the order of the operations with the paper's: conv1 → max pooling → LRN, and conv3 → LRN → "
        "max pooling."
    ),
    "bug.print.hint": "Hint: which lines do work that training does not need, for every single batch?",
    "bug.branch.right": (
        "Right: line {line} feeds the 3×3 branch from `branch5x5_1`, the 5×5 branch's reduce. The shapes still fit "
        "(both reduces give 8 channels), so nothing complains — and `branch3x3_1` is never used."
    ),
    "bug.softmax.right": (
        "Right: line {line} turns the scores into probabilities, and `nn.CrossEntropyLoss` applies log-softmax once "
        "more. The loss is then computed from numbers squeezed between 0 and 1."
    ),
    "bug.kernel.right": (
        "Right: line {line} gives `nn.Conv2d` no kernel size. The paper's auxiliary classifier uses a 1×1 "
        "convolution: `kernel_size=1`."
    ),
    "bug.minus.right": (
        "Right: line {line} subtracts where it should assign: `-` instead of `=`. Python first looks up `self.mp`, "
        "which does not exist yet."
    ),
    "bug.lrn.right": (
        "Right: lines {a} and {b} are in the wrong order. In the paper the first LRN comes after the first max pooling "
        "(on 56×56 feature maps), not before it (on 112×112)."
    ),
    "bug.print.right": (
        "Right: the prints on lines {a} and {b} run for every batch, in training and in every later use of the model. "
        "They are debugging output, not part of the network."
    ),
    "bug.fix.title": "The fix",
    "bug.fix.caption": "“-” the buggy line, “+” its correction; line numbers as in the listing above.",
    "bug.fix.listing": "The corrected listing",
    "bug.measured.title": "What the bug does — measured",
    "bug.running": "Running both versions…",
    "bug.col.layer": "Layer",
    "bug.col.buggy": "With the bug",
    "bug.col.fixed": "Fixed",
    "bug.no_grad": "None (no gradient)",
    "bug.series.buggy": "with the bug",
    "bug.series.fixed": "fixed",
    "bug.seconds": "Both runs computed in {seconds:.1f} s on one CPU thread, once for all visitors (then cached).",
    # (a)
    "bug.branch.intro": (
        "Both versions, with the same starting weights, inside a small digit classifier (3×3 convolution → this "
        "module → global average pooling → linear layer), on a batch of {batch} digits."
    ),
    "bug.branch.shape": "The module's output has shape {shape} in both versions: no error, no warning.",
    "bug.branch.grad_caption": (
        "Norm of each layer's weight gradient after one backward pass. “None”: PyTorch gave the layer no gradient at "
        "all (`.grad is None`), because no path leads from the loss back to it."
    ),
    "bug.branch.train": (
        "After {steps} training steps (Adam, learning rate {lr}) the test accuracy is {buggy:.1%} with the bug and "
        "{fixed:.1%} fixed: the buggy network still learns, which is why this bug goes unnoticed."
    ),
    "bug.branch.idle": (
        "With the bug, the {n:,} weights and biases of `branch3x3_1` are still exactly their starting values after "
        "training: parameters that take memory and do nothing."
    ),
    "bug.branch.moved": "With the bug, the weights of `branch3x3_1` changed during training.",
    # (b)
    "bug.softmax.intro": (
        "The listing's own `DigitNet` and `train_step`, plain SGD (learning rate {lr}), {steps} steps of {batch} "
        "digits, the same starting weights — once returning probabilities (the bug), once raw scores (fixed)."
    ),
    "bug.chart.step": "Step",
    "bug.chart.loss": "Training loss",
    "bug.chart.accuracy": "Test accuracy",
    "bug.chart.floor": "floor of the buggy loss",
    "bug.metric.accuracy": "Test accuracy after {steps} steps",
    "bug.metric.loss": "Mean loss of the last {n} steps",
    "bug.softmax.bounds": (
        "Why: `nn.CrossEntropyLoss` computes −log softmax(z)[label]. Fed probabilities p (each between 0 and 1) "
        "instead of scores, its best case — all probability on the right class — is −log(e¹ / (e¹ + 9·e⁰)) = "
        "**{floor:.4f}**; its worst case — all on one wrong class — is {ceiling:.4f}; both networks start near "
        "{uniform:.4f}, the value for a uniform guess. The buggy loss can never go below {floor:.4f}, and lives in "
        "a band only {band:.2f} wide."
    ),
    "bug.softmax.lowest": "Lowest training loss of the buggy run: {lowest:.4f}, above the floor {floor:.4f}.",
    "bug.softmax.grad": (
        "The gradient shrinks too: on the first batch the last layer's weight gradient has norm {buggy:.4f} with the "
        "bug and {fixed:.4f} fixed, {ratio:.1f}× smaller. The softmax in front flattens the signal before the loss "
        "sees it."
    ),
    # (c), (d)
    "bug.error.raised": "Running the listing raises this, at line {line}:",
    "bug.kernel.explain": (
        "`nn.Conv2d(in_channels, out_channels, kernel_size, …)`: the first three arguments have no default, so the "
        "classifier cannot even be built. A loud bug is the kind to hope for: it stops at once and names what is "
        "missing."
    ),
    "bug.kernel.fixed": (
        "Fixed, the classifier builds and runs: a {inp} input (the size of inception 4a's output) gives {out}, with "
        "{params:,} parameters."
    ),
    "bug.minus.explain": (
        "Python reads `self.mp - nn.MaxPool2d(2)` as a subtraction whose result is thrown away. To compute it, it "
        "first looks up `self.mp`, which was never assigned, so the network fails while it is being built — before "
        "`forward` ever runs. Had `self.mp` existed, the subtraction itself would have failed next:"
    ),
    "bug.minus.fixed": (
        "Fixed, the network builds and runs: a digit of shape {inp} gives {out}, with {params:,} parameters."
    ),
    # (e)
    "bug.lrn.intro": (
        "Both versions with the same random (untrained) weights, on the cat photo at the input scale of BVLC's Caffe GoogLeNet, a model "
        "with LRN (224×224, BGR, 0–255 minus the mean pixel); torchvision's GoogLeNet has BatchNorm instead."
    ),
    "bug.lrn.col.where": "Where the first LRN is",
    "bug.lrn.col.shape": "Feature map it normalises",
    "bug.lrn.col.values": "Values normalised",
    "bug.lrn.col.ms": "Time of that LRN (ms, fastest of {n})",
    "bug.lrn.row.buggy": "before the max pooling (bug)",
    "bug.lrn.row.fixed": "after the max pooling (paper)",
    "bug.lrn.ratio": (
        "With the bug the first LRN normalises {ratio:.0f}× as many values ({buggy:,} instead of {fixed:,}): the map "
        "is 112×112 instead of 56×56."
    ),
    "bug.lrn.diff": (
        "The output has the same shape either way ({shape}), so nothing fails — but the numbers differ: {share:.0%} "
        "of the {n:,} output values change, by up to {diff:.3f} (the largest output value is {largest:.1f}). "
        "The order matters because LRN divides each value by the energy of its neighbours across channels, so the "
        "largest value of a pooling window before LRN need not be the largest after it."
    ),
    # (f)
    "bug.print.intro": "One epoch of training ({batches} batches of {batch} digits), the printed text captured.",
    "bug.metric.lines": "Lines printed in one epoch",
    "bug.metric.time": "Time",
    "bug.metric.print_us": "one print line, into memory",
    "bug.metric.epoch": "one training epoch, fixed",
    "bug.print.first": "The first lines it printed:",
    "bug.print.explain": (
        "Two lines per batch, every batch: {lines} lines for this short epoch, and as many again in every later epoch, "
        "then two more for every batch the model is used on. Written into memory, one line takes {us:.1f} µs (the fastest of {calls:,} "
        "calls), so the prints cost {ms:.2f} ms of an epoch of {epoch:.3f} s (the fastest of {n}), {share:.2%}. "
        "The cost to worry about is not the time but the flood of output that hides the messages that matter."
    ),
    # score
    "bug.score.title": "Your score",
    "bug.score.none": "Check a line in any listing to start your score.",
    "bug.score.body": (
        "You found {found} of {total} bugs, {first} of them at the first try. Fixes revealed before the bug was found: "
        "{revealed}."
    ),
    "bug.score.all": "All six found: you read code the way a reviewer does.",
    "bug.status.line": "{title}: {status}",
    "bug.status.first": "found at the first try",
    "bug.status.found": "found at try {n}",
    "bug.status.revealed": "fix revealed",
    "bug.status.trying": "not found yet ({n} lines tried)",
    "bug.status.open": "not tried yet",
    "bug.score.reset": "Start again",
}

ZH = {
    "bug.intro": (
        "下面每段代码都是几行 PyTorch，各藏着一个真实的错误，错误的类型来自已发表的 GoogLeNet 教程的代码（这些代码本身是为本页编写的）。"
        "读代码，选出你认为有错的那一行并检查。然后显示修正，看看这个错误实际造成了什么：下面的每个数字都来自按所示原样运行这段代码。"
    ),
    "bug.choose": "代码",
    "bug.branch.title": "1 · 一个小的 Inception 模块",
    "bug.softmax.title": "2 · 训练一个数字分类器",
    "bug.kernel.title": "3 · 一个辅助分类器",
    "bug.minus.title": "4 · 一个小的残差网络",
    "bug.lrn.title": "5 · GoogLeNet 的最前面几层",
    "bug.print.title": "6 · 训练中的一个微型网络",
    "bug.branch.task": (
        "本意：在同一输入上的四个分支——1×1；1×1 降维 → 3×3；1×1 降维 → 5×5；3×3 最大池化 → 1×1——沿通道拼接。"
    ),
    "bug.softmax.task": "本意：一个 8×8 数字的小分类器、它的损失，以及一个训练步。",
    "bug.kernel.task": (
        "本意：论文中的辅助分类器——平均池化到 4×4，一个有 128 个卷积核的 1×1卷积，一个有 1024 个单元的全连接层，70% 的 Dropout，"
        "然后是各个类别。"
    ),
    "bug.minus.task": "本意：一个残差块，以及一个在 2×2 最大池化之后使用它的小网络。",
    "bug.lrn.task": (
        "本意：按论文顺序（图 3）排列的 GoogLeNet 最前面几层：conv1 7×7/2 → 最大池化 3×3/2 → LRN → conv2 1×1 → conv3 3×3 "
        "→ LRN → 最大池化 3×3/2。"
    ),
    "bug.print.task": "本意：一个即将训练许多轮的微型网络。",
    "bug.pick": "哪一行有错？",
    "bug.pick.placeholder": "选择一行",
    "bug.pick.line": "第 {n} 行：  {code}",
    "bug.check": "检查",
    "bug.reveal": "显示修正",
    "bug.reveal.help": "显示改正后的那一行，并运行两个版本。你的得分只计算在此之前找到的错误。",
    "bug.wrong": "第 {line} 行没有问题。",
    "bug.branch.hint": "提示：把每个分支一直追溯到它的输入。每个 1×1 降维都在给自己的分支供数据吗？",
    "bug.softmax.hint": "提示：`forward` 返回的是什么？`nn.CrossEntropyLoss` 期望的是原始分数（logit）还是概率？",
    "bug.kernel.hint": "提示：`nn.Conv2d` 有三个没有默认值的参数。逐行数一数。",
    "bug.minus.hint": "提示：每一层都必须通过赋值保存在 `self` 上。有没有哪一层不是？",
    "bug.lrn.hint": "提示：把运算的顺序与论文的顺序比较：conv1 → 最大池化 → LRN，以及 conv3 → LRN → 最大池化。",
    "bug.print.hint": "提示：哪些行在每一个批次都做了训练不需要的工作？",
    "bug.branch.right": (
        "正确：第 {line} 行让 3×3 分支从 `branch5x5_1`（5×5 分支的降维层）取数据。形状仍然对得上（两个降维层都输出 8 个通道），"
        "所以什么都不会报错——而 `branch3x3_1` 从未被使用。"
    ),
    "bug.softmax.right": (
        "正确：第 {line} 行把分数变成了概率，而 `nn.CrossEntropyLoss` 会再做一次 log-softmax。于是损失是在被压缩到 0 和 1 之间的数上计算的。"
    ),
    "bug.kernel.right": "正确：第 {line} 行没有给 `nn.Conv2d` 卷积核大小。论文的辅助分类器用的是 1×1卷积：`kernel_size=1`。",
    "bug.minus.right": "正确：第 {line} 行在应该赋值的地方做了减法：`-` 代替了 `=`。Python 先要查找 `self.mp`，而它还不存在。",
    "bug.lrn.right": (
        "正确：第 {a} 行和第 {b} 行顺序反了。论文中第一个 LRN 在第一个最大池化之后（作用于 56×56 的特征图），而不是在它之前（作用于 112×112）。"
    ),
    "bug.print.right": (
        "正确：第 {a} 行和第 {b} 行的 print 在每一个批次都会执行，训练时如此，之后每次使用模型时也如此。它们是调试输出，不是网络的一部分。"
    ),
    "bug.fix.title": "修正",
    "bug.fix.caption": "“-” 为有错的那一行，“+” 为它的改正；行号与上面的代码相同。",
    "bug.fix.listing": "改正后的代码",
    "bug.measured.title": "这个错误造成了什么——实测",
    "bug.running": "正在运行两个版本……",
    "bug.col.layer": "层",
    "bug.col.buggy": "有错误",
    "bug.col.fixed": "已修正",
    "bug.no_grad": "None（没有梯度）",
    "bug.series.buggy": "有错误",
    "bug.series.fixed": "已修正",
    "bug.seconds": "两次运行在一个 CPU 线程上共用时 {seconds:.1f} 秒，只为所有访问者计算一次（之后使用缓存）。",
    # (a)
    "bug.branch.intro": (
        "两个版本使用相同的初始权重，放在一个小的数字分类器中（3×3 卷积 → 这个模块 → 全局平均池化 → 线性层），输入一个批次的 {batch} 个数字。"
    ),
    "bug.branch.shape": "两个版本中模块输出的形状都是 {shape}：没有错误，也没有警告。",
    "bug.branch.grad_caption": (
        "一次反向传播后每层权重梯度的范数。“None”：PyTorch 根本没有给这一层梯度（`.grad is None`），因为从损失出发没有任何路径通回这一层。"
    ),
    "bug.branch.train": (
        "训练 {steps} 步（Adam，学习率 {lr}）后，测试集准确率在有错误时是 {buggy:.1%}，修正后是 {fixed:.1%}："
        "有错误的网络仍然在学习，这正是这个错误不被察觉的原因。"
    ),
    "bug.branch.idle": "有错误时，`branch3x3_1` 的 {n:,} 个权重和偏置在训练后仍与初始值完全相同：它们占用内存，却什么也不做。",
    "bug.branch.moved": "有错误时，`branch3x3_1` 的权重在训练中发生了变化。",
    # (b)
    "bug.softmax.intro": (
        "使用这段代码自己的 `DigitNet` 和 `train_step`，普通 SGD（学习率 {lr}），{steps} 步，每步 {batch} 个数字，相同的初始权重——"
        "一次返回概率（有错误），一次返回原始分数（已修正）。"
    ),
    "bug.chart.step": "步",
    "bug.chart.loss": "训练损失",
    "bug.chart.accuracy": "测试集准确率",
    "bug.chart.floor": "有错误时损失的下限",
    "bug.metric.accuracy": "{steps} 步后的测试集准确率",
    "bug.metric.loss": "最后 {n} 步的平均损失",
    "bug.softmax.bounds": (
        "原因：`nn.CrossEntropyLoss` 计算的是 −log softmax(z)[label]。如果输入的是概率 p（每个都在 0 和 1 之间）而不是分数，"
        "它的最好情况——全部概率都在正确的类别上——是 −log(e¹ / (e¹ + 9·e⁰)) = **{floor:.4f}**；最坏情况——全部在某一个错误类别上——"
        "是 {ceiling:.4f}；两个网络都从接近 {uniform:.4f} 开始，即均匀猜测时的值。有错误时损失永远不可能低于 {floor:.4f}，"
        "只能在一个宽度仅为 {band:.2f} 的区间内变化。"
    ),
    "bug.softmax.lowest": "有错误的那次训练中最低的训练损失：{lowest:.4f}，高于下限 {floor:.4f}。",
    "bug.softmax.grad": (
        "梯度也变小了：在第一个批次上，最后一层权重梯度的范数在有错误时是 {buggy:.4f}，修正后是 {fixed:.4f}：有错误时只有修正后的 1/{ratio:.1f}。"
        "前面的 softmax 在损失看到信号之前就把它压平了。"
    ),
    # (c), (d)
    "bug.error.raised": "运行这段代码会在第 {line} 行抛出：",
    "bug.kernel.explain": (
        "`nn.Conv2d(in_channels, out_channels, kernel_size, …)`：前三个参数没有默认值，所以这个分类器根本无法构建。"
        "会大声报错的错误正是我们希望遇到的：它立刻停下来，并指出缺了什么。"
    ),
    "bug.kernel.fixed": "修正后，分类器可以构建并运行：{inp} 的输入（inception 4a 输出的大小）得到 {out}，共 {params:,} 个参数。",
    "bug.minus.explain": (
        "Python 把 `self.mp - nn.MaxPool2d(2)` 当作一个结果被丢弃的减法。为了计算它，Python 先查找 `self.mp`，而它从未被赋值，"
        "所以网络在构建时就失败了——`forward` 根本没有机会运行。假如 `self.mp` 存在，接下来减法本身也会失败："
    ),
    "bug.minus.fixed": "修正后，网络可以构建并运行：形状为 {inp} 的一个数字得到 {out}，共 {params:,} 个参数。",
    # (e)
    "bug.lrn.intro": (
        "两个版本使用相同的随机（未训练）权重，输入是猫的照片，采用 BVLC 的 Caffe GoogLeNet（一个带 LRN 的模型）的输入尺度"
        "（224×224，BGR，0–255 减去平均像素）；torchvision 的 GoogLeNet 用批量归一化代替了 LRN。"
    ),
    "bug.lrn.col.where": "第一个 LRN 的位置",
    "bug.lrn.col.shape": "它归一化的特征图",
    "bug.lrn.col.values": "被归一化的数值个数",
    "bug.lrn.col.ms": "这个 LRN 的用时（毫秒，{n} 次中最快的一次）",
    "bug.lrn.row.buggy": "在最大池化之前（有错误）",
    "bug.lrn.row.fixed": "在最大池化之后（论文）",
    "bug.lrn.ratio": (
        "有错误时，第一个 LRN 要归一化 {ratio:.0f} 倍的数值（{buggy:,} 个而不是 {fixed:,} 个）：特征图是 112×112 而不是 56×56。"
    ),
    "bug.lrn.diff": (
        "两种顺序的输出形状相同（{shape}），所以什么都不会失败——但数值不同：{n:,} 个输出值中有 {share:.0%} 发生了变化，"
        "最多相差 {diff:.3f}（最大的输出值是 {largest:.1f}）。顺序之所以重要，是因为 LRN 把每个值除以它在通道方向上相邻值的能量，"
        "所以在 LRN 之前池化窗口中最大的值，在 LRN 之后不一定仍是最大的。"
    ),
    # (f)
    "bug.print.intro": "训练一轮（{batches} 个批次，每批 {batch} 个数字），打印的文本被捕获。",
    "bug.metric.lines": "一轮中打印的行数",
    "bug.metric.time": "用时",
    "bug.metric.print_us": "一行 print，写入内存",
    "bug.metric.epoch": "训练一轮，已修正",
    "bug.print.first": "它打印的前几行：",
    "bug.print.explain": (
        "每个批次两行，每一个批次都如此：这短短一轮就有 {lines} 行，之后的每一轮都会再打印这么多，之后使用模型时，每个批次还会再打印两行。"
        "写入内存时，一行用时 {us:.1f} 微秒（{calls:,} 次调用中最快的），所以在一轮 {epoch:.3f} 秒（{n} 次中最快的）中，"
        "print 占用 {ms:.2f} 毫秒，即 {share:.2%}。值得担心的不是时间，而是大量的输出淹没了真正重要的信息。"
    ),
    # score
    "bug.score.title": "你的得分",
    "bug.score.none": "在任意一段代码中检查一行，开始计分。",
    "bug.score.body": "你找到了 {total} 个错误中的 {found} 个，其中 {first} 个是第一次就找到的。在找到错误之前就显示了修正的：{revealed} 个。",
    "bug.score.all": "六个全部找到：你像代码审查者一样读代码。",
    "bug.status.line": "{title}：{status}",
    "bug.status.first": "第一次就找到",
    "bug.status.found": "第 {n} 次找到",
    "bug.status.revealed": "已显示修正",
    "bug.status.trying": "尚未找到（已试 {n} 行）",
    "bug.status.open": "尚未尝试",
    "bug.score.reset": "重新开始",
}
