"""The architecture explorer (app_pages/architecture.py): Table 1 rebuilt from the model, variants, one layer up close."""
EN = {
    "arch.intro": (
        "Every count on this page is computed from the PyTorch model in `googlenet/model.py`. The paper's own "
        "numbers appear only where they are compared with the computed ones, read from its Table 1 "
        "(`googlenet/data/paper_table1.csv`). Choose the variant and the input size; the table, the totals and the "
        "charts follow."
    ),
    "arch.variant": "Variant",
    "arch.variant.paper": "Paper (2014)",
    "arch.variant.torchvision": "torchvision",
    "arch.input_size": "Input size (height = width, pixels)",
    "arch.input_size.help": "The paper uses 224 × 224. GoogLeNet accepts other sizes too — see “Any input size” below.",
    # totals
    "arch.totals.title": "The whole network at {size} × {size}: paper vs torchvision",
    "arch.totals.params": "{variant}: parameters",
    "arch.totals.macs": "{variant}: multiply-adds",
    "arch.totals.caption": (
        "Parameters: all weights, plus the biases (paper variant) or the BatchNorm scales and shifts (torchvision "
        "variant), without the two auxiliary classifiers (used only in training). Multiply-adds: every convolution "
        "and the final linear layer (one per weight per output position); pooling, ReLU, LRN, BatchNorm and bias "
        "additions are left out."
    ),
    "arch.totals.published": (
        "The paper's Table 1 (at 224 × 224): its parameter column adds up to {k:,.1f}K — the “about 6.8M” often "
        "quoted, but the column counts in K = 1024, so that is {params:,} parameters; its operations column adds up "
        "to {ops:,.0f}M (the text speaks of a budget of {budget:,} multiply-adds). Recomputed from the same channel numbers (paper variant, 224 × 224): {ours_params:,} "
        "parameters and {ours_macs:,} multiply-adds."
    ),
    # what differs
    "arch.differs.title": "What differs between the paper and torchvision's GoogLeNet?",
    "arch.differs.aspect": "Aspect",
    "arch.differs.paper": "Paper (2014)",
    "arch.differs.tv": "torchvision",
    "arch.diff.norm": "Normalisation",
    "arch.diff.norm.paper": "Local Response Normalisation (LRN) after maxpool1 and after conv3; conv + bias + ReLU",
    "arch.diff.norm.tv": "BatchNorm after every convolution (eps 0.001), no LRN; convs without bias",
    "arch.diff.branch3": "Branch 3 of every Inception block",
    "arch.diff.branch3.paper": "1×1 reduce → **5×5** convolution",
    "arch.diff.branch3.tv": (
        "1×1 reduce → **3×3** convolution — torchvision's source calls it “a known bug”; the weights were trained "
        "with it, so it stays"
    ),
    "arch.diff.pools": "Max pools between stages",
    "arch.diff.pools.paper": "3×3, stride 2",
    "arch.diff.pools.tv": "3×3, stride 2, `ceil_mode=True` (rounds sizes up); the pool before 5a is **2×2**, stride 2",
    "arch.diff.dropout": "Dropout before the last layer",
    "arch.diff.dropout.paper": "40% of the 1024 values dropped (p = 0.4)",
    "arch.diff.dropout.tv": "20% dropped (p = 0.2; TF-slim's inception_v1 keeps 80%)",
    "arch.diff.aux": "Auxiliary classifiers",
    "arch.diff.aux.paper": "5×5 average pool, stride 3 (14×14 → 4×4); trained with the network (loss weight 0.3)",
    "arch.diff.aux.tv": (
        "Adaptive average pool to 4×4 (works at any input size). The pretrained weights come without trained heads: "
        "loading them switches the heads off unless `aux_logits=True` is asked for"
    ),
    "arch.diff.input": "Input scale",
    "arch.diff.input.paper": "No re-scaling step inside the network",
    "arch.diff.input.tv": (
        "`transform_input=True` (the default with the pretrained weights) re-maps ImageNet-normalised input to the "
        "[−1, 1] pixel scale the weights were trained on"
    ),
    "arch.diff.weights": "Pretrained weights",
    "arch.diff.weights.paper": (
        "The BVLC Caffe model, a re-implementation of the paper's network: no BatchNorm, a mean BGR pixel "
        "subtracted from 0–255 values"
    ),
    "arch.diff.weights.tv": (
        "IMAGENET1K_V1, ported from TF-slim's inception_v1 (BatchNorm with eps 0.001, 3×3 in branch 3, a 2×2 pool "
        "before 5a, inputs in [−1, 1]) — not from the Caffe model"
    ),
    "arch.differs.note": (
        "torchvision's variant follows TF-slim's inception_v1 layer for layer (and adds the paper's two auxiliary "
        "classifiers), so that its weights load: a 5×5 branch 3, or convolutions with biases and no BatchNorm, would "
        "not match the saved tensors."
    ),
    # Table 1
    "arch.table.title": "Paper Table 1, rebuilt from the model",
    "arch.table.caption": (
        "Variant: {variant}, input {size} × {size}. Like the paper's table, one row per layer, named as in the model's "
        "code. “convolution (conv2 + conv3)” is the paper's one row of depth 2: conv2, a 1×1 reduction to {conv2} "
        "channels, then conv3, a 3×3 convolution to {conv3} channels. The paper's table has no rows for the two LRN "
        "layers (paper variant). Empty cells: the column does not apply to that layer."
    ),
    "arch.col.layer": "Layer",
    "arch.col.type": "Type",
    "arch.col.patch": "Patch/stride",
    "arch.col.output": "Output",
    "arch.col.depth": "Depth",
    "arch.col.n1x1": "#1×1",
    "arch.col.n3x3_reduce": "#3×3 reduce",
    "arch.col.n3x3": "#3×3",
    "arch.col.n5x5_reduce": "#5×5 reduce",
    "arch.col.n5x5": "#5×5",
    "arch.col.pool_proj": "Pool proj",
    "arch.col.params": "Parameters",
    "arch.col.macs": "Multiply-adds",
    "arch.layer.conv": "convolution ({name})",
    "arch.layer.pool": "max pool ({name})",
    "arch.layer.avgpool": "global avg pool (avgpool)",
    "arch.layer.dropout": "dropout ({p}%)",
    "arch.layer.linear": "linear (fc)",
    "arch.layer.softmax": "softmax",
    "arch.layer.aux": "aux{n} (auxiliary classifier)",
    # published vs computed
    "arch.paper.title": "Published vs computed",
    "arch.col.paper_params": "Paper params (K)",
    "arch.col.our_params": "Computed (K)",
    "arch.col.diff_params": "Params diff %",
    "arch.col.paper_ops": "Paper ops (M)",
    "arch.col.our_ops": "Computed (M)",
    "arch.col.diff_ops": "Ops diff %",
    "arch.paper.caption": "Cells in red differ from the computed number by more than {tol}%. K = 1024 parameters, M = 10⁶ multiply-adds.",
    "arch.paper.explain": (
        "**Reading the differences.** The paper's parameter column counts in K = 1024: inception (3a) has "
        "{i3a_params:,} parameters = {i3a_k:.1f}K, and the paper prints {i3a_paper:g}K. Most rows agree within a few "
        "percent (the paper does not say exactly what it counted). Some do not:\n\n"
        "- **conv1** is listed as {conv1_paper_k:g}K parameters and {conv1_paper_m:g}M operations, but a {k}×{k} "
        "convolution from {cin} to {cout} channels has {k} × {k} × {cin} × {cout} = {conv1_weights:,} weights "
        "(with its {cout} biases {conv1_params:,} = {conv1_k:.2f}K) and does {k} × {k} × {cin} × {cout} × {hw} × {hw} "
        "= {conv1_macs:,} multiply-adds: {conv1_params_x:.1f} and {conv1_macs_x:.1f} times the published numbers. "
        "The published row does not match its own kernel size and channel numbers.\n"
        "- **inception (4c)**: published {i4c_paper:g}K, computed {i4c_k:.0f}K from the same table's channel "
        "numbers.\n"
        "- **inception (5a)**: published {i5a_paper_k:g}K and {i5a_paper_m:g}M, computed {i5a_k:.0f}K "
        "({i5a_params:,}) and {i5a_m:.1f}M.\n\n"
        "Rows off by more than {tol}% (the red cells above): {names}."
    ),
    "arch.list_sep": ", ",
    "arch.paper.only": (
        "The paper's published numbers are for its own variant at 224 × 224. You are looking at {variant} at "
        "{size} × {size}, so they are not shown — choose “Paper (2014)” and 224 to compare."
    ),
    # input size
    "arch.size.title": "Any input size: GoogLeNet is fully convolutional up to the global average pool",
    "arch.size.explain": (
        "Convolutions and pools slide over the image, so they work on any height and width; only the sizes of their "
        "outputs change. The global average pool then turns the last feature map, whatever its size, into exactly "
        "{features} numbers (one average per channel), so the final linear layer ({features} → {classes}) still "
        "fits. "
        "That is why the **parameters stay the same** while the **multiply-adds grow roughly with the image area** "
        "(padding at the borders and the pools' rounding make it inexact)."
    ),
    "arch.size.path": "Spatial size through the network at {size} × {size}: {path}",
    "arch.size.params": "Parameters at {size} × {size}",
    "arch.size.params.delta": "same as at 224 × 224",
    "arch.size.macs": "Multiply-adds at {size} × {size}",
    "arch.size.macs.delta": "× {ratio:.2f} vs 224 (area × {area:.2f})",
    # one layer up close
    "arch.pick.title": "One layer up close",
    "arch.pick": "Layer or block",
    "arch.pick.shape": "Output shape (C × H × W)",
    "arch.pick.params": "Parameters",
    "arch.pick.macs": "Multiply-adds",
    "arch.pick.share": "Share of all multiply-adds",
    "arch.pick.share.value": "{params:.1%} of all parameters",
    "arch.chart.params": "Share of parameters",
    "arch.chart.macs": "Share of multiply-adds",
    "arch.chart.share": "Share of the whole network",
    "arch.chart.caption": (
        "Every layer with weights, as a share of the whole network ({variant}, {size} × {size}). Early layers work on "
        "big feature maps (many multiply-adds, few weights); late ones on small maps with many channels (the "
        "opposite)."
    ),
    "arch.pick.noweights": "This layer has no weights: it only rearranges or summarises numbers, so it costs no parameters.",
    "arch.pick.conv": "A plain convolution: {k}×{k} kernel, stride {s}, {cin} → {cout} channels, followed by {after}.",
    "arch.pick.conv.after.paper": "ReLU",
    "arch.pick.conv.after.tv": "BatchNorm and ReLU",
    "arch.pick.aux": (
        "An auxiliary classifier listens to the output of {tap} ({shape}). It is used only in training (its loss is "
        "added with weight 0.3) and is not counted in the totals or the charts above."
    ),
    "arch.pick.aux.nofit": (
        "At {size} × {size} the paper's fixed 5×5 / stride 3 pool turns {tap}'s {hw}×{hw} map into {pooled}×{pooled}, "
        "but the head's first linear layer expects {side}×{side} × {ch} = {features} inputs. Of the sizes offered here, "
        "the paper's head fits only at {fits}. torchvision pools adaptively to {side}×{side} instead."
    ),
    "arch.diagram.title": "The four branches of {name}",
    "arch.diagram.kernel_note": "torchvision variant: branch 3 uses a 3×3 convolution instead of the paper's 5×5.",
    "arch.diagram.label.input": "input",
    "arch.diagram.label.conv": "conv",
    "arch.diagram.label.reduce": "reduce",
    "arch.diagram.label.proj": "proj",
    "arch.diagram.label.max_pool": "max pool",
    "arch.diagram.label.stride1": "stride 1",
    "arch.diagram.label.concat": "concatenate (channels)",
    "arch.code.title": "The code behind it",
    "arch.code.caption.inception": "googlenet/blocks.py — `Inception`: the four branches in `__init__`, `torch.cat` along channels in `forward`.",
    "arch.code.caption.conv": (
        "googlenet/blocks.py — `ConvBlock`: every convolution of GoogLeNet is followed by a ReLU (with BatchNorm in "
        "between in the torchvision variant)."
    ),
    "arch.code.caption.aux": "googlenet/blocks.py — `AuxClassifier`: the small head attached to 4a and 4d.",
    "arch.code.caption.other": "googlenet/model.py — `GoogLeNet.forward`: stages in order, then global average pool, dropout and the linear layer.",
    # torchinfo
    "arch.summary.title": "torchinfo summary: {variant}, input {size} × {size}",
    "arch.summary.extra.paper": (
        "torchinfo's multiply-add total is {extra:,} above the table's {ours:,}: it also counts every bias addition, "
        "once per output value."
    ),
    "arch.summary.extra.torchvision": (
        "torchinfo's multiply-add total is {extra:,} above the table's {ours:,}: it also counts the final layer's "
        "bias additions and one operation per BatchNorm scale and shift."
    ),
    "arch.summary.caption": (
        "Produced by `torchinfo.summary(model, input_size=(1, 3, {size}, {size}), depth=3)` on the “meta” device "
        "(shapes only, no arithmetic)."
    ),
}

ZH = {
    "arch.intro": (
        "本页的每一个计数都是由 `googlenet/model.py` 中的 PyTorch 模型计算出来的。论文自己的数字只出现在与计算值对比的地方，"
        "取自论文的表 1（`googlenet/data/paper_table1.csv`）。选择版本和输入尺寸，表格、总计和图表都会随之更新。"
    ),
    "arch.variant": "版本",
    "arch.variant.paper": "论文原版（2014）",
    "arch.variant.torchvision": "torchvision 版",
    "arch.input_size": "输入尺寸（高 = 宽，像素）",
    "arch.input_size.help": "论文使用 224 × 224。GoogLeNet 也能接受其他尺寸——见下文“任意输入尺寸”。",
    # totals
    "arch.totals.title": "输入 {size} × {size} 时的整个网络：论文原版与 torchvision 版对比",
    "arch.totals.params": "{variant}：参数量",
    "arch.totals.macs": "{variant}：乘加次数",
    "arch.totals.caption": (
        "参数量：全部权重，加上偏置（论文原版）或 BatchNorm 的缩放和平移参数（torchvision 版），不包括两个辅助分类器"
        "（只在训练时使用）。乘加次数：所有卷积层和最后的全连接层（每个权重在每个输出位置算一次）；池化、ReLU、LRN、"
        "BatchNorm 和加偏置不计入。"
    ),
    "arch.totals.published": (
        "论文的表 1（输入 224 × 224）：参数量一列加起来是 {k:,.1f}K——也就是常被引用的“约 6.8M”，但这一列以 "
        "K = 1024 为单位，所以实际是 {params:,} 个参数；计算量一列加起来是 {ops:,.0f}M（正文说计算预算是 {budget:,} 次乘加）。用同样的通道数重新计算"
        "（论文原版，224 × 224）：{ours_params:,} 个参数，{ours_macs:,} 次乘加。"
    ),
    # what differs
    "arch.differs.title": "论文原版和 torchvision 版 GoogLeNet 有哪些不同？",
    "arch.differs.aspect": "方面",
    "arch.differs.paper": "论文原版（2014）",
    "arch.differs.tv": "torchvision 版",
    "arch.diff.norm": "归一化",
    "arch.diff.norm.paper": "在 maxpool1 和 conv3 之后做局部响应归一化（LRN）；卷积 + 偏置 + ReLU",
    "arch.diff.norm.tv": "每个卷积之后都接 BatchNorm（eps 0.001），没有 LRN；卷积不带偏置",
    "arch.diff.branch3": "每个 Inception 模块的第 3 个分支",
    "arch.diff.branch3.paper": "1×1 降维 → **5×5** 卷积",
    "arch.diff.branch3.tv": "1×1 降维 → **3×3** 卷积——torchvision 的源码称之为“一个已知的 bug”；权重就是带着它训练的，所以保留",
    "arch.diff.pools": "阶段之间的最大池化",
    "arch.diff.pools.paper": "3×3，步幅 2",
    "arch.diff.pools.tv": "3×3，步幅 2，`ceil_mode=True`（尺寸向上取整）；5a 之前的池化是 **2×2**，步幅 2",
    "arch.diff.dropout": "最后一层之前的 Dropout",
    "arch.diff.dropout.paper": "丢弃 1024 个值中的 40%（p = 0.4）",
    "arch.diff.dropout.tv": "丢弃 20%（p = 0.2；TF-slim 的 inception_v1 保留 80%）",
    "arch.diff.aux": "辅助分类器",
    "arch.diff.aux.paper": "5×5 平均池化，步幅 3（14×14 → 4×4）；与网络一起训练（损失权重 0.3）",
    "arch.diff.aux.tv": (
        "自适应平均池化到 4×4（任意输入尺寸都适用）。预训练权重里没有训练过的辅助分类器：加载权重时会关掉它们，"
        "除非指定 `aux_logits=True`"
    ),
    "arch.diff.input": "输入的数值范围",
    "arch.diff.input.paper": "网络内部没有重新缩放这一步",
    "arch.diff.input.tv": (
        "`transform_input=True`（使用预训练权重时的默认值）把按 ImageNet 均值和标准差归一化的输入重新映射到权重训练时用的 "
        "[−1, 1] 像素范围"
    ),
    "arch.diff.weights": "预训练权重",
    "arch.diff.weights.paper": "BVLC 的 Caffe 模型，是论文网络的一个复现：没有 BatchNorm，在 0–255 的数值上减去 BGR 平均像素",
    "arch.diff.weights.tv": (
        "IMAGENET1K_V1，移植自 TF-slim 的 inception_v1（BatchNorm 的 eps 为 0.001，分支 3 用 3×3，5a 之前是 2×2 池化，"
        "输入在 [−1, 1]）——不是来自 Caffe 模型"
    ),
    "arch.differs.note": (
        "torchvision 版逐层照搬 TF-slim 的 inception_v1（并加上论文的两个辅助分类器），这样它的权重才能加载："
        "分支 3 用 5×5，或者卷积带偏置、不带 BatchNorm，都会与保存的张量对不上。"
    ),
    # Table 1
    "arch.table.title": "论文表 1：由模型重新计算",
    "arch.table.caption": (
        "版本：{variant}，输入 {size} × {size}。与论文的表一样，每层一行，名字与模型代码中的一致。“卷积（conv2 + conv3）”"
        "是论文中深度为 2 的那一行：conv2 是 1×1 降维到 {conv2} 个通道，conv3 是 3×3 卷积到 {conv3} 个通道。"
        "论文的表中没有两个 LRN 层（论文原版）的行。空白单元格表示该列不适用于这一层。"
    ),
    "arch.col.layer": "层",
    "arch.col.type": "类型",
    "arch.col.patch": "窗口/步幅",
    "arch.col.output": "输出尺寸",
    "arch.col.depth": "深度",
    "arch.col.n1x1": "#1×1",
    "arch.col.n3x3_reduce": "#3×3 降维",
    "arch.col.n3x3": "#3×3",
    "arch.col.n5x5_reduce": "#5×5 降维",
    "arch.col.n5x5": "#5×5",
    "arch.col.pool_proj": "池化投影",
    "arch.col.params": "参数量",
    "arch.col.macs": "乘加次数",
    "arch.layer.conv": "卷积（{name}）",
    "arch.layer.pool": "最大池化（{name}）",
    "arch.layer.avgpool": "全局平均池化（avgpool）",
    "arch.layer.dropout": "Dropout（{p}%）",
    "arch.layer.linear": "全连接层（fc）",
    "arch.layer.softmax": "Softmax",
    "arch.layer.aux": "aux{n}（辅助分类器）",
    # published vs computed
    "arch.paper.title": "论文公布值与计算值对比",
    "arch.col.paper_params": "论文参数量（K）",
    "arch.col.our_params": "计算值（K）",
    "arch.col.diff_params": "参数量差异 %",
    "arch.col.paper_ops": "论文计算量（M）",
    "arch.col.our_ops": "计算值（M）",
    "arch.col.diff_ops": "计算量差异 %",
    "arch.paper.caption": "红色单元格与计算值相差超过 {tol}%。K = 1024 个参数，M = 10⁶ 次乘加。",
    "arch.paper.explain": (
        "**如何看这些差异。** 论文的参数量一列以 K = 1024 为单位：inception (3a) 有 {i3a_params:,} 个参数 = "
        "{i3a_k:.1f}K，论文印的是 {i3a_paper:g}K。大多数行相差不超过几个百分点（论文没有说明具体统计了什么）。"
        "但也有对不上的：\n\n"
        "- **conv1** 在表中是 {conv1_paper_k:g}K 参数、{conv1_paper_m:g}M 次运算，可是一个从 {cin} 个通道到 {cout} 个通道的 "
        "{k}×{k} 卷积有 {k} × {k} × {cin} × {cout} = {conv1_weights:,} 个权重（加上 {cout} 个偏置是 {conv1_params:,} = "
        "{conv1_k:.2f}K），乘加次数为 {k} × {k} × {cin} × {cout} × {hw} × {hw} = {conv1_macs:,}：分别是公布值的 "
        "{conv1_params_x:.1f} 倍和 {conv1_macs_x:.1f} 倍。这一行的公布值与它自己的卷积核尺寸和通道数对不上。\n"
        "- **inception (4c)**：公布 {i4c_paper:g}K，而用同一张表里的通道数算出来是 {i4c_k:.0f}K。\n"
        "- **inception (5a)**：公布 {i5a_paper_k:g}K 和 {i5a_paper_m:g}M，计算值为 {i5a_k:.0f}K（{i5a_params:,}）和 "
        "{i5a_m:.1f}M。\n\n"
        "相差超过 {tol}% 的行（即上表中的红色单元格）：{names}。"
    ),
    "arch.list_sep": "、",
    "arch.paper.only": (
        "论文公布的数字对应论文原版、输入 224 × 224。当前是 {variant}、输入 {size} × {size}，所以不显示公布值——"
        "请选择“论文原版（2014）”和 224 进行对比。"
    ),
    # input size
    "arch.size.title": "任意输入尺寸：在全局平均池化之前，GoogLeNet 是全卷积网络",
    "arch.size.explain": (
        "卷积和池化都是在图像上滑动计算的，所以任何高和宽都能处理，只是输出的特征图尺寸会变。"
        "最后的全局平均池化把最后一个特征图（不论多大）变成正好 {features} 个数（每个通道取一个平均值），"
        "因此最后的全连接层（{features} → {classes}）依然适用。所以 **参数量保持不变**，而 **乘加次数大致随图像面积增长**"
        "（边界处的填充和池化的取整使它不完全成比例）。"
    ),
    "arch.size.path": "输入 {size} × {size} 时各阶段的空间尺寸：{path}",
    "arch.size.params": "输入 {size} × {size} 时的参数量",
    "arch.size.params.delta": "与 224 × 224 时相同",
    "arch.size.macs": "输入 {size} × {size} 时的乘加次数",
    "arch.size.macs.delta": "是 224 时的 {ratio:.2f} 倍（面积 {area:.2f} 倍）",
    # one layer up close
    "arch.pick.title": "仔细看某一层",
    "arch.pick": "层或模块",
    "arch.pick.shape": "输出形状（C × H × W）",
    "arch.pick.params": "参数量",
    "arch.pick.macs": "乘加次数",
    "arch.pick.share": "占全网乘加次数的比例",
    "arch.pick.share.value": "占全网参数量的 {params:.1%}",
    "arch.chart.params": "参数量占比",
    "arch.chart.macs": "乘加次数占比",
    "arch.chart.share": "占整个网络的比例",
    "arch.chart.caption": (
        "每个带权重的层占整个网络的比例（{variant}，{size} × {size}）。靠前的层处理大特征图（乘加多、权重少）；"
        "靠后的层处理通道多的小特征图（正好相反）。"
    ),
    "arch.pick.noweights": "这一层没有权重：它只是重新排列或汇总数字，不占参数量。",
    "arch.pick.conv": "普通卷积：{k}×{k} 卷积核，步幅 {s}，{cin} → {cout} 个通道，后接 {after}。",
    "arch.pick.conv.after.paper": "ReLU",
    "arch.pick.conv.after.tv": "BatchNorm 和 ReLU",
    "arch.pick.aux": (
        "辅助分类器接在 {tap} 的输出（{shape}）上。它只在训练时使用（损失乘以 0.3 后加入总损失），"
        "不计入上面的总计和图表。"
    ),
    "arch.pick.aux.nofit": (
        "输入为 {size} × {size} 时，论文中固定的 5×5、步幅 3 的池化把 {tap} 的 {hw}×{hw} 特征图变成 "
        "{pooled}×{pooled}，但辅助分类器的第一个全连接层需要 {side}×{side} × {ch} = {features} 个输入。在这里可选的尺寸中，"
        "论文的辅助分类器只在 {fits} 时可用。torchvision 改用自适应池化到 {side}×{side}。"
    ),
    "arch.diagram.title": "{name} 的四个分支",
    "arch.diagram.kernel_note": "torchvision 版：分支 3 用 3×3 卷积，而不是论文中的 5×5。",
    "arch.diagram.label.input": "输入",
    "arch.diagram.label.conv": "卷积",
    "arch.diagram.label.reduce": "降维",
    "arch.diagram.label.proj": "投影",
    "arch.diagram.label.max_pool": "最大池化",
    "arch.diagram.label.stride1": "步幅 1",
    "arch.diagram.label.concat": "沿通道拼接",
    "arch.code.title": "背后的代码",
    "arch.code.caption.inception": "googlenet/blocks.py — `Inception`：`__init__` 中定义四个分支，`forward` 中用 `torch.cat` 沿通道拼接。",
    "arch.code.caption.conv": "googlenet/blocks.py — `ConvBlock`：GoogLeNet 的每个卷积后面都接一个 ReLU（torchvision 版在两者之间还有 BatchNorm）。",
    "arch.code.caption.aux": "googlenet/blocks.py — `AuxClassifier`：接在 4a 和 4d 上的小分类器。",
    "arch.code.caption.other": "googlenet/model.py — `GoogLeNet.forward`：按顺序经过各阶段，再做全局平均池化、Dropout 和全连接层。",
    # torchinfo
    "arch.summary.title": "torchinfo 摘要：{variant}，输入 {size} × {size}",
    "arch.summary.extra.paper": "torchinfo 统计的乘加次数比表中的 {ours:,} 多 {extra:,}：它把每次加偏置也算进去，每个输出值一次。",
    "arch.summary.extra.torchvision": (
        "torchinfo 统计的乘加次数比表中的 {ours:,} 多 {extra:,}：它还算上了最后一层的加偏置，以及 BatchNorm 的每个缩放和平移参数各一次运算。"
    ),
    "arch.summary.caption": (
        "由 `torchinfo.summary(model, input_size=(1, 3, {size}, {size}), depth=3)` 在 “meta” 设备上生成"
        "（只推算形状，不做实际运算）。"
    ),
}
