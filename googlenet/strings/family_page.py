"""The CNN family comparison page (app_pages/family.py). The key ideas themselves are in strings/family.py."""
EN = {
    "familypage.intro": (
        "GoogLeNet among its relatives, from AlexNet (2012) to MobileNet v3 (2019). Parameter counts are counted "
        "layer by layer on each architecture; accuracy and cost come from the metadata of each network's "
        "IMAGENET1K_V1 ImageNet weights in torchvision. MobileNet v1 is not in torchvision: the app builds it from its paper's "
        "Table 1, counts its parameters and multiply-adds itself, and cites the paper's accuracy."
    ),
    "familypage.table.title": "{n} networks side by side",
    "familypage.col.name": "Network",
    "familypage.col.year": "Year",
    "familypage.col.params": "Parameters",
    "familypage.col.gflops": "GFLOPs",
    "familypage.col.top1": "Top-1 %",
    "familypage.col.top5": "Top-5 %",
    "familypage.col.idea": "Key idea",
    "familypage.table.caption": (
        "ImageNet-1K validation accuracy, single centre crop (224×224; 299×299 for Inception v3), of torchvision's "
        "IMAGENET1K_V1 weights — for MobileNet v1, the paper's own number (it gives no top-5). These are single-model, "
        "single-crop numbers: GoogLeNet's famous {top5}% top-5 error was {models} models × {crops} crops. GFLOPs: billions of "
        "multiply-adds per image (torchvision's metadata; counted by the app for MobileNet v1). Year: when the "
        "architecture was first made public (Inception v3 and ResNet: arXiv, December 2015; CVPR 2016)."
    ),
    "familypage.chart.title": "Accuracy against cost",
    "familypage.chart.x": "GFLOPs per image (log scale)",
    "familypage.chart.y": "ImageNet top-1 accuracy (%)",
    "familypage.chart.size_note": "bubble area ∝ parameters",
    "familypage.chart.caption": (
        "Up and to the left is better: more accurate for less computation. GoogLeNet (red) came within "
        "{vgg_gap:.1f} points of VGG-16's top-1 ({g_top1:.1f}% vs {v_top1:.1f}%) with {vgg_macs:.0f}× less "
        "computation and {vgg_params:.0f}× fewer parameters. Seen from GoogLeNet, the later networks did not all "
        "move the same way:"
    ),
    "familypage.chart.cheaper_better": "**up and to the left** (more accurate for less computation): {names}",
    "familypage.chart.costlier_better": "**up and to the right** (more accurate, for more computation): {names}",
    "familypage.chart.costlier_worse": "**to the right, not higher** (more computation, no more accuracy): {names}",
    "familypage.chart.cheaper_worse": "**down and to the left** (less computation, less accuracy): {names}",
    "familypage.chart.point": "{name} ({gflops:.2f} GFLOPs, {top1:.2f}%)",
    "familypage.chart.sep": ", ",
    "familypage.chart.note": (
        "The accuracies come from different training recipes — torchvision's own training for most, weights ported "
        "from TensorFlow for GoogLeNet and Inception v3, the paper's for MobileNet v1 — so small gaps (ResNet-18 and "
        "GoogLeNet differ by {r18_gap:.2f} points) say little."
    ),
    "familypage.why.title": "Why GoogLeNet was efficient",
    "familypage.why.metric.params": "GoogLeNet parameters",
    "familypage.why.metric.alexnet": "AlexNet parameters",
    "familypage.why.metric.vgg": "VGG-16 parameters",
    "familypage.why.delta": "{ratio:.1f}× GoogLeNet",
    "familypage.why.body": (
        "GoogLeNet (torchvision's version) has {g:,} parameters: **{ra:.1f}× fewer than AlexNet** ({a:,}) and "
        "**{rv:.1f}× fewer than VGG-16** ({v:,}), while being deeper and more accurate than AlexNet "
        "({g_top1:.1f}% vs {a_top1:.1f}% top-1). Two design choices explain it:\n\n"
        "1. **No big fully connected layers.** AlexNet keeps {a_fc:.0%} of its parameters and VGG-16 {v_fc:.0%} in "
        "fully connected layers (VGG's first one alone maps 7×7×512 = {vgg_in:,} numbers to {vgg_out:,}: "
        "{vgg_w:,} weights). GoogLeNet averages its last 7×7×1024 feature map into 1024 numbers (global average "
        "pooling) and needs just one linear layer: {g_fc:,} parameters, {g_fc_share:.0%} of the network.\n"
        "2. **1×1 bottlenecks inside every Inception block** cut the channels before the 3×3 and 5×5 convolutions, "
        "so the convolutions stay cheap too (see the page “Inception & 1x1 cost lab”)."
    ),
    "familypage.split.title": "Where the parameters live",
    "familypage.split.conv": "convolutions",
    "familypage.split.fc": "fully connected",
    "familypage.split.other": "other (BatchNorm)",
    "familypage.split.xlabel": "Parameters (millions)",
    "familypage.split.caption": (
        "Each bar is one network's parameters, split by the kind of layer that owns them. AlexNet and VGG-16 are "
        "mostly red (fully connected: {a_fc:.0%} and {v_fc:.0%}). GoogLeNet keeps {g_fc:.0%} there, the ResNets "
        "{r_lo:.0%}–{r_hi:.0%}. The MobileNets swing back to {m_lo:.0%}–{m_hi:.0%}: their convolutions are so cheap "
        "that the classifier mapping to 1000 classes becomes a large share again, though it holds only "
        "{m_fc_lo:.1f}–{m_fc_hi:.1f}M parameters."
    ),
    "familypage.resnet.title": "What ResNet fixed: degradation, not vanishing gradients",
    "familypage.resnet.body": (
        "He et al. (2015) trained plain networks — no shortcuts, but with BatchNorm and careful initialisation, "
        "which already keep gradients from vanishing — and found that adding layers made them *worse*, on the "
        "training set too: a {d_hi}-layer plain net had a higher training error than a {d_lo}-layer one on "
        "CIFAR-10. That is not overfitting (which shows as a lower training error and a higher test error): the "
        "deeper net is harder to optimise, and they call this **degradation**. With residual connections the deeper network wins again. Their ImageNet numbers "
        "(Table 2, top-1 error, 10-crop testing):"
    ),
    "familypage.resnet.col.depth": "Layers",
    "familypage.resnet.col.plain": "Plain net, top-1 error %",
    "familypage.resnet.col.resnet": "ResNet, top-1 error %",
    "familypage.resnet.caption": (
        "Plain: {plain_lo:.2f}% → {plain_hi:.2f}% (deeper is worse). ResNet: {res_lo:.2f}% → {res_hi:.2f}% "
        "(deeper is better). Source: He et al., \"Deep Residual Learning for Image Recognition\", arXiv 1512.03385, "
        "Table 2 and Figure 1."
    ),
    "familypage.mnv1.title": "MobileNet v1, built and counted here",
    "familypage.mnv1.body": (
        "torchvision has no MobileNet v1, so the app builds it from Table 1 of Howard et al. (2017) and counts it "
        "the way the paper does (convolution weights and the classifier). With full 3×3 convolutions instead of "
        "the depthwise separable ones it would need {full_macs:,} multiply-adds and {full_params:,} parameters "
        "(paper, Table 4: {paper_full_macs:,}M and {paper_full_params}M): the separable version needs only "
        "{sep_share:.1%} of the computation. The width multiplier α scales every layer's channels, the resolution "
        "multiplier ρ the input picture:"
    ),
    "familypage.mnv1.col.alpha": "α",
    "familypage.mnv1.col.size": "Input",
    "familypage.mnv1.col.rho": "ρ",
    "familypage.mnv1.col.params": "Params (counted)",
    "familypage.mnv1.col.macs": "Mult-adds (counted)",
    "familypage.mnv1.col.paper_params": "Paper: params (M)",
    "familypage.mnv1.col.paper_macs": "Paper: mult-adds (M)",
    "familypage.mnv1.col.top1": "Paper: top-1 %",
    "familypage.mnv1.caption": (
        "Counted on the network built on PyTorch's meta device; the paper's columns are its Tables 6 and 7 "
        "(arXiv 1704.04861). The cost falls about as α² and ρ²; the parameters fall with α² and do not change "
        "with ρ. BatchNorm adds {bn:,} more parameters at α = 1 (the family table above counts them, "
        "{total:,} in all, as it does for every network)."
    ),
}

ZH = {
    "familypage.intro": (
        "把 GoogLeNet 放进它的家族里看：从 AlexNet（2012）到 MobileNet v3（2019）。参数量是在每个网络结构上逐层统计的；"
        "准确率和计算量取自 torchvision 中各网络 IMAGENET1K_V1 ImageNet 预训练权重自带的元数据。"
        "torchvision 中没有 MobileNet v1：本应用按其论文的表 1 搭建它，自己统计参数量和乘加次数，准确率引用论文。"
    ),
    "familypage.table.title": "{n} 个网络并排对比",
    "familypage.col.name": "网络",
    "familypage.col.year": "年份",
    "familypage.col.params": "参数量",
    "familypage.col.gflops": "GFLOPs",
    "familypage.col.top1": "Top-1 %",
    "familypage.col.top5": "Top-5 %",
    "familypage.col.idea": "核心思想",
    "familypage.table.caption": (
        "ImageNet-1K 验证集准确率，单个中心裁剪（224×224；Inception v3 为 299×299），来自 torchvision 的 "
        "IMAGENET1K_V1 权重——MobileNet v1 用的是论文自己的数字（论文没有给出 Top-5）。这些都是单模型、单裁剪的数字："
        "GoogLeNet 著名的 {top5}% Top-5 错误率是 {models} 个模型 × {crops} 个裁剪的结果。GFLOPs：每张图像的乘加次数（十亿次）"
        "（取自 torchvision 的元数据；MobileNet v1 由本应用统计）。年份：网络结构首次公开的年份"
        "（Inception v3 和 ResNet：arXiv，2015 年 12 月；CVPR 2016）。"
    ),
    "familypage.chart.title": "准确率与计算量",
    "familypage.chart.x": "每张图像的 GFLOPs（对数坐标）",
    "familypage.chart.y": "ImageNet Top-1 准确率（%）",
    "familypage.chart.size_note": "气泡面积 ∝ 参数量",
    "familypage.chart.caption": (
        "越靠左上越好：用更少的计算量得到更高的准确率。GoogLeNet（红色）的 Top-1 与 VGG-16 只差 {vgg_gap:.1f} 个百分点"
        "（{g_top1:.1f}% 对 {v_top1:.1f}%），计算量却只有它的 1/{vgg_macs:.0f}，参数量只有它的 1/{vgg_params:.0f}。"
        "从 GoogLeNet 的位置看，后来的网络并不都朝同一个方向走："
    ),
    "familypage.chart.cheaper_better": "**左上方**（计算量更少，准确率更高）：{names}",
    "familypage.chart.costlier_better": "**右上方**（准确率更高，但计算量更多）：{names}",
    "familypage.chart.costlier_worse": "**右方，但不更高**（计算量更多，准确率没有提高）：{names}",
    "familypage.chart.cheaper_worse": "**左下方**（计算量更少，准确率也更低）：{names}",
    "familypage.chart.point": "{name}（{gflops:.2f} GFLOPs，{top1:.2f}%）",
    "familypage.chart.sep": "、",
    "familypage.chart.note": (
        "这些准确率来自不同的训练方案——大多数是 torchvision 自己训练的，GoogLeNet 和 Inception v3 的权重是从 TensorFlow "
        "移植的，MobileNet v1 取自论文——所以很小的差距（ResNet-18 与 GoogLeNet 相差 {r18_gap:.2f} 个百分点）说明不了什么。"
    ),
    "familypage.why.title": "GoogLeNet 为什么高效",
    "familypage.why.metric.params": "GoogLeNet 参数量",
    "familypage.why.metric.alexnet": "AlexNet 参数量",
    "familypage.why.metric.vgg": "VGG-16 参数量",
    "familypage.why.delta": "是 GoogLeNet 的 {ratio:.1f} 倍",
    "familypage.why.body": (
        "GoogLeNet（torchvision 的版本）有 {g:,} 个参数：**只有 AlexNet（{a:,}）的 1/{ra:.1f}**，"
        "**VGG-16（{v:,}）的 1/{rv:.1f}**，而它比 AlexNet 更深、更准确（Top-1 {g_top1:.1f}% 对 {a_top1:.1f}%）。"
        "原因有两个设计：\n\n"
        "1. **没有庞大的全连接层。** AlexNet 有 {a_fc:.0%} 的参数、VGG-16 有 {v_fc:.0%} 的参数在全连接层里"
        "（VGG 的第一个全连接层把 7×7×512 = {vgg_in:,} 个数映射到 {vgg_out:,} 个，单这一层就有 {vgg_w:,} 个权重）。"
        "GoogLeNet 用全局平均池化把最后 7×7×1024 的特征图变成 1024 个数，只需要一个全连接层："
        "{g_fc:,} 个参数，占整个网络的 {g_fc_share:.0%}。\n"
        "2. **每个 Inception 模块里都有 1×1 瓶颈结构**：在 3×3 和 5×5 卷积之前先降维，卷积本身也很省"
        "（见“Inception 与 1×1 计算实验”页面）。"
    ),
    "familypage.split.title": "参数都在哪里",
    "familypage.split.conv": "卷积层",
    "familypage.split.fc": "全连接层",
    "familypage.split.other": "其他（BatchNorm）",
    "familypage.split.xlabel": "参数量（百万）",
    "familypage.split.caption": (
        "每一条代表一个网络的参数量，按拥有这些参数的层的类型分段。AlexNet 和 VGG-16 大部分是红色"
        "（全连接层：{a_fc:.0%} 和 {v_fc:.0%}）。GoogLeNet 在这里是 {g_fc:.0%}，两个 ResNet 为 {r_lo:.0%}–{r_hi:.0%}。"
        "MobileNet 系列又回升到 {m_lo:.0%}–{m_hi:.0%}：它们的卷积太便宜了，映射到 1000 个类别的分类器"
        "重新占了很大比例，尽管它只有 {m_fc_lo:.1f}–{m_fc_hi:.1f}M 个参数。"
    ),
    "familypage.resnet.title": "ResNet 解决的是什么：退化问题，而不是梯度消失",
    "familypage.resnet.body": (
        "He 等人（2015）训练了普通网络——没有捷径连接，但有 BatchNorm 和精心的初始化，这些已经能防止梯度消失——"
        "结果发现加层反而让网络*更差*，在训练集上也是如此：在 CIFAR-10 上，{d_hi} 层的普通网络比 {d_lo} 层的训练误差更高。"
        "这不是过拟合（过拟合表现为训练误差更低、测试误差更高）：更深的网络更难优化，他们称之为**退化**。有了残差连接，更深的网络重新胜出。"
        "他们在 ImageNet 上的数字（表 2，Top-1 错误率，10 个裁剪测试）："
    ),
    "familypage.resnet.col.depth": "层数",
    "familypage.resnet.col.plain": "普通网络 Top-1 错误率 %",
    "familypage.resnet.col.resnet": "ResNet Top-1 错误率 %",
    "familypage.resnet.caption": (
        "普通网络：{plain_lo:.2f}% → {plain_hi:.2f}%（越深越差）。ResNet：{res_lo:.2f}% → {res_hi:.2f}%"
        "（越深越好）。来源：He 等，《Deep Residual Learning for Image Recognition》，arXiv 1512.03385，表 2 和图 1。"
    ),
    "familypage.mnv1.title": "MobileNet v1：在这里搭建并统计",
    "familypage.mnv1.body": (
        "torchvision 中没有 MobileNet v1，所以本应用按 Howard 等（2017）的表 1 搭建它，并按论文的方式统计"
        "（卷积权重和分类器）。如果把深度可分离卷积换成完整的 3×3 卷积，它需要 {full_macs:,} 次乘加和 {full_params:,} 个参数"
        "（论文表 4：{paper_full_macs:,}M 和 {paper_full_params}M）：可分离的版本只需要其中 {sep_share:.1%} 的计算量。"
        "宽度乘子 α 缩放每一层的通道数，分辨率乘子 ρ 缩放输入图像："
    ),
    "familypage.mnv1.col.alpha": "α",
    "familypage.mnv1.col.size": "输入",
    "familypage.mnv1.col.rho": "ρ",
    "familypage.mnv1.col.params": "参数量（统计）",
    "familypage.mnv1.col.macs": "乘加次数（统计）",
    "familypage.mnv1.col.paper_params": "论文：参数量（M）",
    "familypage.mnv1.col.paper_macs": "论文：乘加次数（M）",
    "familypage.mnv1.col.top1": "论文：Top-1 %",
    "familypage.mnv1.caption": (
        "在 PyTorch 的 meta 设备上搭建网络后统计；论文的各列取自其表 6 和表 7（arXiv 1704.04861）。"
        "计算量大约按 α² 和 ρ² 下降；参数量按 α² 下降，与 ρ 无关。α = 1 时 BatchNorm 另有 {bn:,} 个参数"
        "（上面的家族表把它们计算在内，共 {total:,} 个，对每个网络都是如此）。"
    ),
}
