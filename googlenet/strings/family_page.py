"""The CNN family comparison page (app_pages/family.py). The key ideas themselves are in strings/family.py."""
EN = {
    "familypage.intro": (
        "GoogLeNet among its relatives, from AlexNet (2012) to MobileNet v3 (2019). Accuracy, cost and parameter "
        "counts come from torchvision itself (the metadata of each network's original ImageNet weights, and the "
        "architecture counted layer by layer), so nothing here is typed in by hand."
    ),
    "familypage.table.title": "Eight networks side by side",
    "familypage.col.name": "Network",
    "familypage.col.year": "Year",
    "familypage.col.params": "Parameters",
    "familypage.col.gflops": "GFLOPs",
    "familypage.col.top1": "Top-1 %",
    "familypage.col.top5": "Top-5 %",
    "familypage.col.idea": "Key idea",
    "familypage.table.caption": (
        "ImageNet-1K validation accuracy of torchvision's IMAGENET1K_V1 weights (single 224×224 crop; 299×299 for "
        "Inception v3). GFLOPs as torchvision reports them: billions of multiply-adds per image."
    ),
    "familypage.chart.title": "Accuracy against cost",
    "familypage.chart.x": "GFLOPs per image (log scale)",
    "familypage.chart.y": "ImageNet top-1 accuracy (%)",
    "familypage.chart.size_note": "bubble area ∝ parameters",
    "familypage.chart.caption": (
        "Up and to the left is better: more accurate for less computation. GoogLeNet (red) matched VGG-16's accuracy "
        "range with about a tenth of the computation and a twentieth of the parameters; later networks (ResNet, "
        "MobileNet) pushed further along the same direction."
    ),
    "familypage.why.title": "Why GoogLeNet was efficient",
    "familypage.why.metric.params": "GoogLeNet parameters",
    "familypage.why.metric.alexnet": "AlexNet parameters",
    "familypage.why.metric.vgg": "VGG-16 parameters",
    "familypage.why.delta": "{ratio:.1f}× GoogLeNet",
    "familypage.why.body": (
        "GoogLeNet has {g:,} parameters: **{ra:.1f}× fewer than AlexNet** ({a:,}) and **{rv:.1f}× fewer than "
        "VGG-16** ({v:,}), while being deeper and more accurate than AlexNet. Two design choices explain it:\n\n"
        "1. **No big fully connected layers.** AlexNet keeps {a_fc:.0%} of its parameters and VGG-16 {v_fc:.0%} in "
        "fully connected layers (VGG's first one alone maps 7×7×512 = 25,088 numbers to 4,096: about 103 million "
        "weights). GoogLeNet averages its last 7×7×1024 feature map into 1024 numbers (global average pooling) and "
        "needs just one linear layer: {g_fc:,} parameters, {g_fc_share:.0%} of the network.\n"
        "2. **1×1 bottlenecks inside every Inception block** cut the channels before the 3×3 and 5×5 convolutions, "
        "so the convolutions stay cheap too (see the Inception lab page)."
    ),
    "familypage.split.title": "Where the parameters live",
    "familypage.split.conv": "convolutions",
    "familypage.split.fc": "fully connected",
    "familypage.split.other": "other (BatchNorm)",
    "familypage.split.xlabel": "Parameters (millions)",
    "familypage.split.caption": (
        "Each bar is one network's parameters, split by the kind of layer that owns them. AlexNet and VGG are mostly "
        "red (fully connected); from GoogLeNet on, the convolutions hold nearly everything."
    ),
}

ZH = {
    "familypage.intro": (
        "把 GoogLeNet 放进它的家族里看：从 AlexNet（2012）到 MobileNet v3（2019）。准确率、计算量和参数量都直接取自 "
        "torchvision（各网络原始 ImageNet 预训练权重自带的元数据，以及逐层统计的网络结构），没有一个数字是手工录入的。"
    ),
    "familypage.table.title": "八个网络并排对比",
    "familypage.col.name": "网络",
    "familypage.col.year": "年份",
    "familypage.col.params": "参数量",
    "familypage.col.gflops": "GFLOPs",
    "familypage.col.top1": "Top-1 %",
    "familypage.col.top5": "Top-5 %",
    "familypage.col.idea": "核心思想",
    "familypage.table.caption": (
        "torchvision 的 IMAGENET1K_V1 权重在 ImageNet-1K 验证集上的准确率（单个 224×224 裁剪；Inception v3 为 299×299）。"
        "GFLOPs 沿用 torchvision 的数据：每张图像的乘加次数（十亿次）。"
    ),
    "familypage.chart.title": "准确率与计算量",
    "familypage.chart.x": "每张图像的 GFLOPs（对数坐标）",
    "familypage.chart.y": "ImageNet Top-1 准确率（%）",
    "familypage.chart.size_note": "气泡面积 ∝ 参数量",
    "familypage.chart.caption": (
        "越靠左上越好：用更少的计算量得到更高的准确率。GoogLeNet（红色）的准确率与 VGG-16 相近，"
        "计算量却只有约十分之一，参数量只有约二十分之一；之后的 ResNet、MobileNet 沿着同一方向走得更远。"
    ),
    "familypage.why.title": "GoogLeNet 为什么高效",
    "familypage.why.metric.params": "GoogLeNet 参数量",
    "familypage.why.metric.alexnet": "AlexNet 参数量",
    "familypage.why.metric.vgg": "VGG-16 参数量",
    "familypage.why.delta": "是 GoogLeNet 的 {ratio:.1f} 倍",
    "familypage.why.body": (
        "GoogLeNet 有 {g:,} 个参数：**比 AlexNet（{a:,}）少 {ra:.1f} 倍**，**比 VGG-16（{v:,}）少 {rv:.1f} 倍**，"
        "而它比 AlexNet 更深、更准确。原因有两个设计：\n\n"
        "1. **没有庞大的全连接层。** AlexNet 有 {a_fc:.0%} 的参数、VGG-16 有 {v_fc:.0%} 的参数在全连接层里"
        "（VGG 的第一个全连接层把 7×7×512 = 25,088 个数映射到 4,096 个，单这一层就约有 1.03 亿个权重）。"
        "GoogLeNet 用全局平均池化把最后 7×7×1024 的特征图变成 1024 个数，只需要一个全连接层："
        "{g_fc:,} 个参数，占整个网络的 {g_fc_share:.0%}。\n"
        "2. **每个 Inception 模块里都有 1×1 瓶颈结构**：在 3×3 和 5×5 卷积之前先降维，卷积本身也很省"
        "（见“Inception 与 1×1 卷积计算实验”页面）。"
    ),
    "familypage.split.title": "参数都在哪里",
    "familypage.split.conv": "卷积层",
    "familypage.split.fc": "全连接层",
    "familypage.split.other": "其他（BatchNorm）",
    "familypage.split.xlabel": "参数量（百万）",
    "familypage.split.caption": (
        "每一条代表一个网络的参数量，按拥有这些参数的层的类型分段。AlexNet 和 VGG 大部分是红色（全连接层）；"
        "从 GoogLeNet 开始，几乎所有参数都在卷积层里。"
    ),
}
